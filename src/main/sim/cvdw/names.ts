// Fictitious names only: any likeness to real people, companies or developments is accidental.

export const FIRST_NAMES = [
  'Ana', 'Maria', 'Juliana', 'Fernanda', 'Patrícia', 'Camila', 'Larissa', 'Beatriz', 'Aline', 'Letícia',
  'Gabriela', 'Mariana', 'Renata', 'Vanessa', 'Luciana', 'Bruna', 'Carolina', 'Débora', 'Tatiane', 'Simone',
  'José', 'João', 'Carlos', 'Paulo', 'Lucas', 'Marcos', 'Rafael', 'Gabriel', 'Pedro', 'Rodrigo',
  'Felipe', 'Bruno', 'Eduardo', 'Gustavo', 'Thiago', 'André', 'Fábio', 'Leandro', 'Márcio', 'Vinícius',
];
export const FEMALE_COUNT = 20;

export const SURNAMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
  'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa',
  'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas',
  'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Batista', 'Campos', 'Correia', 'Monteiro',
];

export const CITIES: ReadonlyArray<{ city: string; uf: string; region: string; cep: string }> = [
  { city: 'Aracaju', uf: 'SE', region: 'Nordeste', cep: '490' },
  { city: 'Salvador', uf: 'BA', region: 'Nordeste', cep: '401' },
  { city: 'Recife', uf: 'PE', region: 'Nordeste', cep: '500' },
  { city: 'Fortaleza', uf: 'CE', region: 'Nordeste', cep: '600' },
  { city: 'Maceió', uf: 'AL', region: 'Nordeste', cep: '570' },
  { city: 'São Paulo', uf: 'SP', region: 'Sudeste', cep: '040' },
  { city: 'Campinas', uf: 'SP', region: 'Sudeste', cep: '130' },
  { city: 'Belo Horizonte', uf: 'MG', region: 'Sudeste', cep: '301' },
  { city: 'Curitiba', uf: 'PR', region: 'Sul', cep: '800' },
  { city: 'Florianópolis', uf: 'SC', region: 'Sul', cep: '880' },
  { city: 'Porto Alegre', uf: 'RS', region: 'Sul', cep: '900' },
  { city: 'Goiânia', uf: 'GO', region: 'Centro-Oeste', cep: '740' },
];

export const DEV_PREFIXES = ['Residencial', 'Condomínio', 'Edifício', 'Parque', 'Jardins', 'Vila', 'Recanto', 'Reserva'];
export const DEV_NAMES = [
  'das Palmeiras', 'Bela Vista', 'Mirante do Sol', 'Vale Verde', 'Porto Seguro', 'Jardim Europa', 'Costa Azul',
  'Alto da Serra', 'Bosque das Águas', 'Horizonte', 'Villa Toscana', 'Solar dos Ipês', 'Morada Nova',
  'Brisa do Mar', 'Santa Clara', 'Primavera', 'Quinta da Colina', 'Lagoa Dourada', 'Monte Carlo', 'Aurora',
  'Dom Pedro', 'São Francisco', "D'Ávila", 'Atlântico', 'Pôr do Sol', 'Cidade Jardim', 'Itapuã', 'Guarapari',
];

/** Broker agencies; some carry "&", which the API serves as "&amp;". */
export const AGENCY_NAMES = [
  'Vendas Internas', 'Silva & Souza Imóveis', 'Prime Negócios Imobiliários', 'Casa Forte Imóveis',
  'Lopes & Lima Consultoria', 'Ápice Imobiliária', 'Nova Morada Imóveis', 'Horizonte Corretores Associados',
  'Ribeiro & Filhos Imóveis', 'Lar Ideal Imobiliária', 'Ponto Certo Imóveis', 'Viva Bem Imóveis',
];

export const MIDIAS = ['Instagram', 'Facebook', 'Google', 'Site', 'Indicação', 'Plantão de vendas', 'Portal ZAP', 'WhatsApp'];
export const BANKS = ['Caixa Econômica Federal', 'Banco do Brasil', 'Itaú Unibanco', 'Bradesco', 'Santander'];
export const CANCEL_REASONS = ['Desistência do cliente', 'Crédito não aprovado', 'Problemas financeiros', 'Mudança de cidade', 'Insatisfação com a obra'];
export const TICKET_SUBJECTS: ReadonlyArray<[string, string]> = [
  ['Financeiro', 'Segunda via de boleto'], ['Financeiro', 'Antecipação de parcelas'], ['Obra', 'Andamento da obra'],
  ['Contrato', 'Cópia do contrato'], ['Assistência técnica', 'Infiltração'], ['Chaves', 'Agendamento de vistoria'],
];
