import type { Draws } from './random';

// Pools of pt-BR words for fictitious customers. Accents are deliberate: the connector and the
// mirror must keep them intact end to end.

const MALE_FIRST = [
  'João', 'José', 'Antônio', 'Francisco', 'Carlos', 'Paulo', 'Pedro', 'Lucas', 'Luiz', 'Marcos',
  'Luís', 'Gabriel', 'Rafael', 'Daniel', 'Marcelo', 'Bruno', 'Eduardo', 'Felipe', 'Raimundo',
  'Rodrigo', 'Sebastião', 'Otávio', 'Fábio', 'Vinícius', 'Caio', 'Ícaro', 'André', 'Márcio',
  'Sérgio', 'Vitor', 'Júlio', 'Cristóvão', 'Inácio', 'Thiago', 'Gustavo', 'Leandro', 'Renê',
];
const FEMALE_FIRST = [
  'Maria', 'Ana', 'Francisca', 'Antônia', 'Adriana', 'Juliana', 'Márcia', 'Fernanda', 'Patrícia',
  'Aline', 'Sandra', 'Camila', 'Amanda', 'Bruna', 'Jéssica', 'Letícia', 'Júlia', 'Luciana',
  'Vanessa', 'Mariana', 'Gisele', 'Débora', 'Conceição', 'Thaís', 'Cecília', 'Valéria', 'Inês',
  'Luíza', 'Beatriz', 'Helena', 'Lúcia', 'Mônica', 'Cláudia', 'Rosângela', 'Fabíola', 'Simone',
];
const SURNAMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima',
  'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes',
  'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques',
  'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira',
  'Araújo', 'Conceição', 'Magalhães', 'Brandão', 'Assunção', 'Falcão', 'Simões', 'Guimarães',
  'Peçanha', 'Romão', 'Estêvão', 'Sá', 'Brito', 'Azevedo', 'Pinto', 'Monteiro', 'Cavalcanti',
  'Bezerra', 'Tavares', 'Medeiros', 'Castro', 'Campos', 'Müller', 'Yamamoto', "D'Ávila",
];
const SECTORS = [
  'Distribuidora de Alimentos', 'Construtora', 'Transportadora', 'Metalúrgica', 'Tecnologia',
  'Informática', 'Comércio de Peças', 'Materiais de Construção', 'Engenharia', 'Consultoria',
  'Contabilidade', 'Farmácia', 'Clínica Médica', 'Odontologia', 'Autopeças', 'Agropecuária',
  'Laticínios', 'Panificadora', 'Confecções', 'Calçados', 'Móveis Planejados', 'Vidraçaria',
  'Gráfica e Editora', 'Logística', 'Serviços de Limpeza', 'Segurança Eletrônica', 'Ótica',
  'Papelaria', 'Hotelaria', 'Educação', 'Indústria Química', 'Plásticos', 'Embalagens',
  'Energia Solar', 'Telecomunicações', 'Imobiliária', 'Representações', 'Açougue e Mercearia',
];
const FANCY = [
  'Horizonte', 'Rota Sul', 'Boa Vista', 'São Jorge', 'Santa Luzia', 'Nova Era', 'Aliança',
  'Progresso', 'Primavera', 'Estrela do Norte', 'Pão Dourado', 'Ipê Amarelo', 'Serra Azul',
  'Vale Verde', 'Três Irmãos', 'Bandeirantes', 'Atlântico', 'Cruzeiro', 'Ouro Preto', 'Itaú-Mirim',
  'Paraná', 'Guanabara', 'Pioneira', 'Ventura', 'Império', 'Mirante', 'Jequitibá', 'Araucária',
  'Pantanal', 'Coração de Jesus', 'Bom Retiro', 'Maré Alta', 'Sol Nascente', 'Canaã', 'Éden',
];
const COMPANY_SUFFIXES = ['Ltda', 'Ltda', 'Ltda', 'Ltda', 'Ltda', 'ME', 'ME', 'EIRELI', 'S.A.', 'EPP', 'LTDA'];

export const CNAE = [
  { code: '4711-3/02', name: 'Comércio varejista de mercadorias em geral, com predominância de produtos alimentícios - supermercados' },
  { code: '6201-5/01', name: 'Desenvolvimento de programas de computador sob encomenda' },
  { code: '4120-4/00', name: 'Construção de edifícios' },
  { code: '5611-2/01', name: 'Restaurantes e similares' },
  { code: '4930-2/02', name: 'Transporte rodoviário de carga, exceto produtos perigosos e mudanças, intermunicipal, interestadual e internacional' },
  { code: '4744-0/99', name: 'Comércio varejista de materiais de construção em geral' },
  { code: '6920-6/01', name: 'Atividades de contabilidade' },
  { code: '2512-8/00', name: 'Fabricação de esquadrias de metal' },
  { code: '8630-5/04', name: 'Atividade odontológica' },
  { code: '4530-7/03', name: 'Comércio a varejo de peças e acessórios novos para veículos automotores' },
];

const STREETS = [
  'Rua das Flores', 'Avenida Paulista', 'Rua XV de Novembro', 'Avenida Brasil', 'Rua Sete de Setembro',
  'Rua Barão do Rio Branco', 'Avenida Getúlio Vargas', 'Rua São João', 'Rua Marechal Deodoro',
  'Travessa da Conceição', 'Alameda Santos', 'Rua Dom Pedro II', 'Avenida Juscelino Kubitschek',
  'Rua Tiradentes', 'Rua Padre Anchieta', 'Avenida das Nações', 'Rua Coronel Fagundes', 'Estrada do Açude',
];
const NEIGHBORHOODS = [
  'Centro', 'Jardim América', 'Vila Mariana', 'Boa Viagem', 'Savassi', 'Moinhos de Vento', 'Batel',
  'Pinheiros', 'Copacabana', 'Barra', 'Aldeota', 'Meireles', 'Santa Efigênia', 'Distrito Industrial',
  'Jardim São Paulo', 'Vila Nova Conceição', 'Ponta Verde', 'Água Verde',
];
const ADDRESS_LINE2 = ['Sala 12', 'Sala 304', 'Apto 34', 'Bloco B', 'Galpão 3', 'Loja 2', 'Conjunto 1501', 'Fundos'];

const PERSONAL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com', 'uol.com.br', 'bol.com.br', 'terra.com.br'];

export const NOTES = [
  'Cliente prefere contato por WhatsApp.',
  'Enviar boletos para o financeiro.',
  'Só atende à tarde; não ligar às segundas.',
  'Indicação do Sr. Antônio (parceiro).',
  'Pagamento em 30/60/90 dias.',
  'Aguardando renovação do contrato — ver com a diretoria.',
];

export interface CompanyName {
  name: string;
  legalName: string;
  domain: string;
}

export function companyName(d: Draws): CompanyName {
  const surname = d.pick(SURNAMES);
  const sector = d.pick(SECTORS);
  const fancy = d.pick(FANCY);
  const pattern = d.int(0, 4);
  const core =
    pattern === 0 ? `${surname} ${sector}`
    : pattern === 1 ? `${sector} ${fancy}`
    : pattern === 2 ? `${fancy} ${sector}`
    : pattern === 3 ? `${surname} & ${d.pick(SURNAMES)} ${sector}`
    : `${sector} ${surname}`;
  const suffix = d.pick(COMPANY_SUFFIXES);
  const name = `${core} ${suffix}`;
  const slug = asciiSlug(core.split(' ').slice(0, 2).join(''));
  return { name, legalName: name.toLocaleUpperCase('pt-BR'), domain: `${slug}.com.br` };
}

/** A company's name as people say it, without the legal form ("Ltda", "ME"...). */
export function shortCompanyName(name: string): string {
  return name.replace(/ (Ltda|LTDA|ME|EIRELI|S\.A\.|EPP)$/, '');
}

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function personName(d: Draws): PersonName {
  const given = d.chance(0.5) ? MALE_FIRST : FEMALE_FIRST;
  const first = d.pick(given);
  const middle = d.chance(0.25) ? ` ${d.pick(given)}` : '';
  const last = d.pick(SURNAMES);
  const second = d.chance(0.5) ? `${d.pick(SURNAMES)} ` : '';
  return { first, last, full: `${first}${middle} ${second}${last}` };
}

export function personEmail(d: Draws, person: PersonName, companyDomain: string | null): string {
  const local = `${asciiSlug(person.first)}.${asciiSlug(person.last)}`;
  if (companyDomain && d.chance(0.6)) return `${local}@${companyDomain}`;
  const digits = d.chance(0.3) ? String(d.int(1, 99)) : '';
  return `${local}${digits}@${d.pick(PERSONAL_DOMAINS)}`;
}

export function companyEmail(d: Draws, domain: string): string {
  return `${d.pick(['contato', 'comercial', 'financeiro', 'compras', 'atendimento'])}@${domain}`;
}

export interface Address {
  street: string;
  number: string;
  line2: string | null;
  neighborhood: string;
}

export function address(d: Draws): Address {
  return {
    street: d.pick(STREETS),
    number: d.chance(0.05) ? 's/n' : String(d.int(1, 4999)),
    line2: d.chance(0.2) ? d.pick(ADDRESS_LINE2) : null,
    neighborhood: d.pick(NEIGHBORHOODS),
  };
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
