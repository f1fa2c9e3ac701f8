import { Draws, Stream } from './random';
import type { Rec } from './schema';
import { localTime } from './time';

// Account-level reference data: users, pipelines, lookups and custom fields. Ids imitate the
// magnitudes seen in captured Ploomes responses (users 1000xxxx, pipelines 1000xxxx...).

export const PIPELINES = [
  { Id: 10000968, Name: 'Funil de Vendas', Ordination: 0, Archived: false, MayWinDeals: true, MayLoseDeals: true, WinDealOnLastStage: false, MustPassAllStages: false, CreatorId: 10003850, CreateDate: '2021-03-02T10:14:22.31-03:00' },
  { Id: 10000969, Name: 'Renovação de Contratos', Ordination: 1, Archived: false, MayWinDeals: true, MayLoseDeals: true, WinDealOnLastStage: true, MustPassAllStages: false, CreatorId: 10003850, CreateDate: '2021-08-19T16:40:05.7-03:00' },
  { Id: 10000970, Name: 'Projetos Especiais', Ordination: 2, Archived: true, MayWinDeals: true, MayLoseDeals: true, WinDealOnLastStage: false, MustPassAllStages: true, CreatorId: 10002268, CreateDate: '2022-01-11T09:02:48.113-03:00' },
];

const stage = (Id: number, Name: string, PipelineId: number, Ordination: number, LastPipelineStage = false) =>
  ({ Id, Name, PipelineId, Ordination, LastPipelineStage, TriggerId: null });

export const STAGES = [
  stage(10004990, 'Prospecção', 10000968, 0),
  stage(10004991, 'Qualificação', 10000968, 1),
  stage(10004992, 'Apresentação', 10000968, 2),
  stage(10004993, 'Proposta enviada', 10000968, 3),
  stage(10004994, 'Negociação', 10000968, 4),
  stage(10004995, 'Fechamento', 10000968, 5, true),
  stage(10004996, 'Contato inicial', 10000969, 0),
  stage(10004997, 'Proposta de renovação', 10000969, 1),
  stage(10004998, 'Assinatura', 10000969, 2, true),
  stage(10004999, 'Levantamento', 10000970, 0),
  stage(10005000, 'Orçamento', 10000970, 1),
  stage(10005001, 'Aprovação', 10000970, 2, true),
];

export const DEAL_STATUS = { open: 1, won: 2, lost: 3 } as const;
export const DEAL_STATUSES = [
  { Id: 1, Name: 'Em aberto' },
  { Id: 2, Name: 'Ganha' },
  { Id: 3, Name: 'Perdida' },
];

export const LOSS_REASONS = [
  { Id: 10001101, Name: 'Preço acima do orçamento', PipelineId: null },
  { Id: 10001102, Name: 'Escolheu a concorrência', PipelineId: null },
  { Id: 10001103, Name: 'Sem retorno do cliente', PipelineId: null },
  { Id: 10001104, Name: 'Projeto adiado', PipelineId: null },
  { Id: 10001105, Name: 'Prazo de entrega', PipelineId: 10000968 },
  { Id: 10001106, Name: 'Cadastro duplicado', PipelineId: null },
];
export const LOSS_REASON_WEIGHTS = [30, 25, 25, 12, 6, 2];

export const ORIGINS = [
  { Id: 10000301, Name: 'Site' },
  { Id: 10000302, Name: 'Indicação' },
  { Id: 10000303, Name: 'Prospecção ativa' },
  { Id: 10000304, Name: 'Feira / evento' },
];

export const CONTACT_TYPES = [
  { Id: 1, Name: 'Empresa' },
  { Id: 2, Name: 'Pessoa' },
];
export const CONTACT_TYPE = { company: 1, person: 2 } as const;

export const CONTACT_STATUSES = [
  { Id: 10003458, Name: 'Ativo' },
  { Id: 10003459, Name: 'Inativo' },
  { Id: 10003460, Name: 'Em prospecção' },
];

export const CURRENCIES = [{ Id: 1, Name: 'Real', Symbol: 'R$' }];

const user = (Id: number, Name: string, Email: string, ProfileId: number, extra: Partial<{ Suspended: boolean; Integration: boolean; Phone: string }> = {}) => ({
  Id, Name, Email, Phone: extra.Phone ?? null, ProfileId, Suspended: extra.Suspended ?? false,
  Integration: extra.Integration ?? false, AvatarUrl: null, CreateDate: '2021-03-01T09:00:00-03:00',
});

/** Index 0 is the integration user that owns the demo key; the others are salespeople. */
export const USERS = [
  user(10003844, 'Integração Nexus', 'integracao@nexusdemo.com.br', 2, { Integration: true }),
  user(10003850, 'Mariana Guimarães', 'mariana.guimaraes@nexusdemo.com.br', 1, { Phone: '(11) 99812-4410' }),
  user(10002268, 'Carlos Eduardo Araújo', 'carlos.araujo@nexusdemo.com.br', 2),
  user(10003851, 'Fernanda Simões', 'fernanda.simoes@nexusdemo.com.br', 2),
  user(10003852, 'João Pedro Falcão', 'joao.falcao@nexusdemo.com.br', 2, { Phone: '11 97654-3321' }),
  user(10003853, 'Luíza Brandão', 'luiza.brandao@nexusdemo.com.br', 2),
  user(10003855, 'Rafael Peçanha', 'rafael.pecanha@nexusdemo.com.br', 2),
  user(10003856, 'Thaís Magalhães', 'thais.magalhaes@nexusdemo.com.br', 2),
  user(10003857, 'André Conceição', 'andre.conceicao@nexusdemo.com.br', 2),
  user(10003858, 'Beatriz Romão', 'beatriz.romao@nexusdemo.com.br', 2),
  user(10003860, 'Otávio Assunção', 'otavio.assuncao@nexusdemo.com.br', 2, { Suspended: true }),
  user(10003861, "Cecília D'Ávila", 'cecilia.davila@nexusdemo.com.br', 2),
];
/** Relative share of new business per salesperson (USERS index 1..11). */
export const SELLER_WEIGHTS = [0, 14, 12, 10, 10, 9, 8, 8, 7, 6, 6, 5];
/** USERS index of a salesperson who left (suspended): owns older records only. */
export const DEPARTED_SELLER = 10;
export const DEPARTED_AT = localTime(2024, 7, 1);
/** USERS index of the administrator, who inherits the departed seller's new business. */
export const ADMIN = 1;

export const TAGS = [
  { Id: 10000501, Name: 'Cliente VIP', Color: '#F5A623', EntityId: 1 },
  { Id: 10000502, Name: 'Inadimplente', Color: '#D0021B', EntityId: 1 },
  { Id: 10000503, Name: 'Recompra', Color: '#7ED321', EntityId: 2 },
  { Id: 10000504, Name: 'Indicação', Color: '#4A90E2', EntityId: 2 },
  { Id: 10000505, Name: 'Urgente', Color: '#BD10E0', EntityId: 2 },
  { Id: 10000506, Name: 'Licitação', Color: '#9B9B9B', EntityId: 2 },
];

export const COUNTRIES = [{ Id: 76, Name: 'Brasil', Short: 'BRA' }];

// Ploomes' state ids follow the alphabetical order of the state names (São Paulo = 25 in captures).
const STATE_NAMES: [string, string][] = [
  ['Acre', 'AC'], ['Alagoas', 'AL'], ['Amapá', 'AP'], ['Amazonas', 'AM'], ['Bahia', 'BA'], ['Ceará', 'CE'],
  ['Distrito Federal', 'DF'], ['Espírito Santo', 'ES'], ['Goiás', 'GO'], ['Maranhão', 'MA'], ['Mato Grosso', 'MT'],
  ['Mato Grosso do Sul', 'MS'], ['Minas Gerais', 'MG'], ['Pará', 'PA'], ['Paraíba', 'PB'], ['Paraná', 'PR'],
  ['Pernambuco', 'PE'], ['Piauí', 'PI'], ['Rio de Janeiro', 'RJ'], ['Rio Grande do Norte', 'RN'],
  ['Rio Grande do Sul', 'RS'], ['Rondônia', 'RO'], ['Roraima', 'RR'], ['Santa Catarina', 'SC'], ['São Paulo', 'SP'],
  ['Sergipe', 'SE'], ['Tocantins', 'TO'],
];
export const STATES = STATE_NAMES.map(([Name, Short], i) => ({ Id: i + 1, Name, Short, CountryId: 76 }));

export interface CityInfo {
  Id: number;
  Name: string;
  StateId: number;
  CountryId: number;
  areaCode: number;
  zipFrom: number;
  zipTo: number;
  weight: number;
}
const city = (Id: number, Name: string, uf: string, areaCode: number, zipFrom: number, zipTo: number, weight: number): CityInfo =>
  ({ Id, Name, StateId: STATES.find((s) => s.Short === uf)!.Id, CountryId: 76, areaCode, zipFrom, zipTo, weight });

export const CITIES: CityInfo[] = [
  city(9999, 'São Paulo', 'SP', 11, 1000000, 5999999, 30),
  city(9401, 'Campinas', 'SP', 19, 13000000, 13139999, 6),
  city(9452, 'Ribeirão Preto', 'SP', 16, 14000000, 14109999, 3),
  city(9470, 'Santos', 'SP', 13, 11000000, 11099999, 2),
  city(7043, 'Rio de Janeiro', 'RJ', 21, 20000000, 23799999, 12),
  city(7040, 'Niterói', 'RJ', 21, 24000000, 24399999, 2),
  city(3106, 'Belo Horizonte', 'MG', 31, 30000000, 31999999, 8),
  city(3170, 'Uberlândia', 'MG', 34, 38400000, 38415999, 2),
  city(4106, 'Curitiba', 'PR', 41, 80000000, 82999999, 6),
  city(4113, 'Londrina', 'PR', 43, 86000000, 86099999, 2),
  city(4314, 'Porto Alegre', 'RS', 51, 90000000, 91999999, 5),
  city(4305, 'Caxias do Sul', 'RS', 54, 95000000, 95124999, 2),
  city(4205, 'Florianópolis', 'SC', 48, 88000000, 88099999, 3),
  city(4209, 'Joinville', 'SC', 47, 89200000, 89239999, 2),
  city(2927, 'Salvador', 'BA', 71, 40000000, 42599999, 4),
  city(2611, 'Recife', 'PE', 81, 50000000, 52999999, 3),
  city(2304, 'Fortaleza', 'CE', 85, 60000000, 61599999, 3),
  city(5208, 'Goiânia', 'GO', 62, 74000000, 74899999, 3),
  city(5300, 'Brasília', 'DF', 61, 70000000, 72799999, 4),
  city(1302, 'Manaus', 'AM', 92, 69000000, 69099999, 2),
  city(1501, 'Belém', 'PA', 91, 66000000, 66999999, 2),
  city(3205, 'Vitória', 'ES', 27, 29000000, 29099999, 2),
];
export const CITY_RECORDS = CITIES.map(({ Id, Name, StateId, CountryId }) => ({ Id, Name, StateId, CountryId }));

/** Phone type ids are account data we have no capture of; plausible ids. */
export const PHONE_TYPE = { business: 1, mobile: 2, whatsapp: 4 } as const;

export const WEBHOOK_ACTIONS = [
  { Id: 1, Name: 'Create' },
  { Id: 2, Name: 'Update' },
  { Id: 3, Name: 'Delete' },
  { Id: 5, Name: 'Win' },
  { Id: 6, Name: 'Lose' },
  { Id: 7, Name: 'Reopen' },
];
export const ENTITY = { contact: 1, deal: 2 } as const;

export const ACCOUNT = {
  Id: 1003788, Name: 'Nexus Demo Comércio', LegalName: 'NEXUS DEMO COMERCIO E SERVICOS LTDA',
  Register: '11222333000181', Email: 'contato@nexusdemo.com.br', Phone: '(11) 3456-7890',
  Website: 'www.nexusdemo.com.br', CreateDate: '2021-03-01T08:57:12.4-03:00',
};

/** Which OtherProperties value column a custom field uses. */
export type ValueColumn = 'StringValue' | 'BigStringValue' | 'IntegerValue' | 'DecimalValue' | 'DateTimeValue' | 'BoolValue';

export interface CustomField {
  Id: number;
  Key: string;
  Name: string;
  EntityId: number;
  TypeId: number;
  column: ValueColumn;
  /** Share of records that carry a value for this field. */
  presence: number;
}

// Field type ids are account metadata we have no capture of; these are plausible, internally consistent ids.
const FIELD_TYPE: Record<ValueColumn, number> = {
  StringValue: 1, BigStringValue: 2, IntegerValue: 3, DecimalValue: 4, DateTimeValue: 5, BoolValue: 10,
};

function guid(d: Draws): string {
  const hex = () => Math.floor(d.unit() * 16).toString(16).toUpperCase();
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-${part(4)}-${part(4)}-${part(12)}`;
}

export interface Catalog {
  customFields: CustomField[];
  fields: Rec[];
}

export function buildCatalog(seed: number): Catalog {
  const d = new Draws(seed, Stream.catalog, 0);
  const custom = (Id: number, prefix: 'deal' | 'contact', Name: string, column: ValueColumn, presence: number): CustomField => ({
    Id, Key: `${prefix}_${guid(d)}`, Name, EntityId: prefix === 'deal' ? ENTITY.deal : ENTITY.contact,
    TypeId: FIELD_TYPE[column], column, presence,
  });
  const customFields = [
    custom(10004224, 'deal', 'Origem do lead', 'StringValue', 0.7),
    custom(10004225, 'deal', 'Previsão de fechamento', 'DateTimeValue', 0.5),
    custom(10004226, 'deal', 'Quantidade de licenças', 'IntegerValue', 0.4),
    custom(10004227, 'deal', 'Desconto concedido (%)', 'DecimalValue', 0.3),
    custom(10004228, 'deal', 'Contrato assinado', 'BoolValue', 0.6),
    custom(10004310, 'contact', 'Segmento', 'StringValue', 0.8),
    custom(10004311, 'contact', 'Inscrição estadual', 'StringValue', 0.4),
    custom(10004312, 'contact', 'Cliente desde', 'DateTimeValue', 0.5),
    custom(10004313, 'contact', 'Observações internas', 'BigStringValue', 0.15),
  ];
  const native = (Id: number, Key: string, Name: string, EntityId: number, TypeId: number, Required: boolean) =>
    ({ Id, Key, Name, EntityId, TypeId, Dynamic: false, Required, OptionsTableId: null, CreateDate: '2021-03-01T08:57:12.4-03:00' });
  const fields: Rec[] = [
    native(10000001, 'contact_name', 'Nome', ENTITY.contact, 1, true),
    native(10000002, 'contact_cnpj', 'CNPJ', ENTITY.contact, 1, false),
    native(10000003, 'contact_cpf', 'CPF', ENTITY.contact, 1, false),
    native(10000004, 'contact_email', 'E-mail', ENTITY.contact, 1, false),
    native(10000051, 'deal_title', 'Título', ENTITY.deal, 1, true),
    native(10000052, 'deal_amount', 'Valor', ENTITY.deal, 4, false),
    native(10000053, 'deal_contact', 'Cliente', ENTITY.deal, 7, true),
    ...customFields.map((f) => ({
      Id: f.Id, Key: f.Key, Name: f.Name, EntityId: f.EntityId, TypeId: f.TypeId, Dynamic: true, Required: false,
      OptionsTableId: null, CreateDate: '2022-05-10T14:21:09.52-03:00',
    })),
  ].sort((a, b) => a.Id - b.Id);
  return { customFields, fields };
}

export const DEAL_TOPICS = [
  'Licenças ERP', 'Consultoria de implantação', 'Renovação anual', 'Manutenção preventiva',
  'Projeto de expansão', 'Treinamento de equipe', 'Fornecimento de insumos', 'Contrato de suporte',
  'Reforma da filial', 'Equipamentos de informática', 'Frota — rastreamento', 'Uniformes e EPIs',
  'Sistema de ponto', 'Instalação solar', 'Cesta de produtos', 'Pedido trimestral', 'Licitação pública',
];

export const LEAD_SOURCES = ['Site', 'Indicação', 'Feira', 'Google Ads', 'Instagram', 'Prospecção ativa', 'WhatsApp'];
export const NOTES_INTERNAL = [
  'Cliente estratégico: reunião trimestral com a diretoria.\nHistórico de compras concentrado no fim do ano.',
  'Exige nota fiscal com CNAE específico; conferir antes de faturar.',
  'Atendimento prioritário — contrato com SLA de 4 horas.',
  'Pediu para não receber ligações; preferir e-mail.',
];
export const SEGMENTS = ['Varejo', 'Indústria', 'Serviços', 'Agronegócio', 'Saúde', 'Educação', 'Tecnologia', 'Construção'];
