import { cents, day, decimal, flag, flagOrId, idList, integer, moment, optionalId, referencia, text } from './normalize';

/**
 * How each CVDW endpoint lands in its mirror table (src/main/core/db/migrations/0004_cvdw.ts).
 * Every table starts with `referencia, referencia_data, active` and ends with `raw`; the columns in
 * between are mapped field by field with one of the kinds below. Field names are the API's.
 */
type Kind = 'text' | 'id' | 'optionalId' | 'flagOrId' | 'int' | 'cents' | 'real' | 'flag' | 'day' | 'moment' | 'idList';

const READERS: Record<Kind, (value: unknown) => string | number | null> = {
  text,
  id: integer,
  optionalId,
  flagOrId,
  int: integer,
  cents,
  real: decimal,
  flag,
  day,
  moment,
  idList,
};

/** [column, kind]; the source field is the column name without `_cents`. */
type Column = [column: string, kind: Kind];

export interface StreamMapping {
  /** Stream name = the endpoint path without its leading slash. */
  name: string;
  path: string;
  table: string;
  label: string;
  unit: string;
  columns: readonly Column[];
  /** Columns computed from the mapped ones (kept last before `raw`). */
  derived?: ReadonlyArray<[column: string, compute: (row: Record<string, unknown>) => string | number | null]>;
}

export const STREAMS: readonly StreamMapping[] = [
  {
    name: 'unidades',
    path: '/unidades',
    table: 'cvdw_units',
    label: 'Unidades',
    unit: 'unidades',
    columns: [
      ['idunidade', 'id'], ['idempreendimento', 'id'], ['nome_empreendimento', 'text'], ['idtipo_empreendimento', 'id'],
      ['tipo_empreendimento', 'text'], ['idetapa', 'id'], ['etapa', 'text'], ['idbloco', 'id'], ['bloco', 'text'], ['nome', 'text'],
      ['andar', 'text'], ['tipologia', 'text'], ['tipo', 'text'], ['valor_cents', 'cents'], ['valor_avaliacao_cents', 'cents'],
      ['area_privativa', 'real'], ['area_comum', 'real'], ['vagas_garagem', 'int'], ['data_bloqueio', 'day'], ['data_entrega', 'day'],
      ['data_entrega_chaves', 'day'], ['agendar_a_partir', 'day'], ['liberar_a_partir', 'day'],
      ['situacao_reservada', 'flagOrId'], ['situacao_reservada_idsituacao', 'optionalId'], ['situacao_reservada_nomesituacao', 'text'],
      ['situacao_reservada_vencimento', 'moment'], ['situacao_vendida', 'flagOrId'], ['situacao_vendida_idsituacao', 'optionalId'],
      ['situacao_nome', 'text'], ['situacao_bloqueada', 'flag'], ['situacao_bloqueada_motivo', 'text'], ['situacao_bloqueados_internos', 'flag'],
      ['situacao_tipo_id', 'id'], ['situacao_tipo_nome', 'text'], ['situacao_para_venda', 'flag'], ['situacao_mapa_disponibilidade', 'int'],
      ['situacao_possui_reserva_solicitacao_distrato', 'flag'],
    ],
  },
  {
    name: 'reservas',
    path: '/reservas',
    table: 'cvdw_reservations',
    label: 'Reservas',
    unit: 'reservas',
    columns: [
      ['idreserva', 'id'], ['data_cad', 'moment'], ['data_venda', 'day'], ['data_contrato', 'day'], ['data_cancelamento', 'day'],
      ['situacao', 'text'], ['idsituacao', 'id'], ['situacao_comercial', 'text'], ['idempreendimento', 'id'], ['empreendimento', 'text'],
      ['etapa', 'text'], ['bloco', 'text'], ['unidade', 'text'], ['idunidade', 'id'], ['regiao', 'text'], ['idcliente', 'id'],
      ['cliente', 'text'], ['documento_cliente', 'text'], ['idcorretor', 'id'], ['corretor', 'text'], ['idimobiliaria', 'id'],
      ['imobiliaria', 'text'], ['valor_contrato_cents', 'cents'], ['valor_proposta_cents', 'cents'], ['vgv_tabela_cents', 'cents'],
      ['valor_financiamento_cents', 'cents'], ['valor_fgts_cents', 'cents'], ['valor_subsidio_cents', 'cents'], ['idtipovenda', 'id'],
      ['tipovenda', 'text'], ['aprovada', 'flag'], ['venda', 'flag'], ['cessao', 'flag'], ['motivo_cancelamento', 'text'],
      ['idmidia', 'id'], ['midia', 'text'], ['idlead', 'idList'],
    ],
  },
  {
    name: 'reservas/condicoes',
    path: '/reservas/condicoes',
    table: 'cvdw_reservation_conditions',
    label: 'Condições das reservas',
    unit: 'condições',
    columns: [
      ['idreservascondicoes', 'id'], ['idreserva', 'id'], ['serie', 'text'], ['parcela_quantidade', 'int'], ['valor_cents', 'cents'],
      ['valor_com_juros_cents', 'cents'], ['vencimento', 'day'], ['portador', 'text'], ['indexador', 'text'],
    ],
    derived: [
      // `valor` is one installment; a series without a count is a single payment.
      ['total_cents', (r) => (typeof r.valor_cents === 'number' ? r.valor_cents * (typeof r.parcela_quantidade === 'number' ? r.parcela_quantidade : 1) : null)],
    ],
  },
  {
    name: 'vendas',
    path: '/vendas',
    table: 'cvdw_sales',
    label: 'Vendas',
    unit: 'vendas',
    columns: [
      ['idreserva', 'id'], ['data_reserva', 'day'], ['data_venda', 'day'], ['aprovada', 'flag'], ['valor_contrato_cents', 'cents'],
      ['idcliente', 'id'], ['cliente', 'text'], ['documento_cliente', 'text'], ['idcorretor', 'id'], ['corretor', 'text'],
      ['idimobiliaria', 'id'], ['imobiliaria', 'text'], ['idempreendimento', 'id'], ['empreendimento', 'text'], ['regiao', 'text'],
      ['etapa', 'text'], ['bloco', 'text'], ['idunidade', 'id'], ['unidade', 'text'], ['area_privativa', 'real'], ['idtipovenda', 'id'],
      ['tipovenda', 'text'], ['idmidia', 'id'], ['midia', 'text'], ['idlead', 'idList'],
    ],
  },
  {
    name: 'distratos',
    path: '/distratos',
    table: 'cvdw_cancellations',
    label: 'Distratos',
    unit: 'distratos',
    columns: [
      ['idreserva', 'id'], ['aprovada', 'flag'], ['venda', 'flag'], ['data_cad', 'moment'], ['situacao_data', 'day'], ['situacao_atual', 'text'],
      ['idsituacao', 'id'], ['idempreendimento', 'id'], ['empreendimento', 'text'], ['etapa', 'text'], ['bloco', 'text'], ['idunidade', 'id'],
      ['unidade', 'text'], ['idcliente', 'id'], ['documento', 'text'], ['cliente', 'text'], ['idcorretor', 'id'], ['corretor', 'text'],
      ['idimobiliaria', 'id'], ['imobiliaria', 'text'], ['motivo_distrato', 'text'], ['descricao_motivo_distrato', 'text'],
      ['valor_contrato_cents', 'cents'],
    ],
  },
  {
    name: 'comissoes',
    path: '/comissoes',
    table: 'cvdw_commissions',
    label: 'Comissões',
    unit: 'comissões',
    columns: [
      ['idcomissao', 'id'], ['idreserva', 'id'], ['idsituacao', 'id'], ['situacao', 'text'], ['corretor', 'text'], ['imobiliaria', 'text'],
      ['empreendimento', 'text'], ['etapa', 'text'], ['bloco', 'text'], ['unidade', 'text'], ['cliente', 'text'],
      ['valor_contrato_cents', 'cents'], ['porcentagem_comissao', 'real'], ['valor_comissao_cents', 'cents'],
      ['valor_comissao_apagar_cents', 'cents'], ['valor_pagamento_cents', 'cents'], ['nota_fiscal', 'text'], ['data_pagamento', 'day'],
      ['data_cad', 'moment'],
    ],
  },
  {
    name: 'repasses',
    path: '/repasses',
    table: 'cvdw_transfers',
    label: 'Repasses',
    unit: 'repasses',
    columns: [
      ['idrepasse', 'id'], ['idreserva', 'id'], ['idsituacao', 'id'], ['situacao', 'text'], ['idempreendimento', 'id'],
      ['empreendimento', 'text'], ['etapa', 'text'], ['bloco', 'text'], ['idunidade', 'id'], ['unidade', 'text'], ['idcliente', 'id'],
      ['cliente', 'text'], ['documento_cliente', 'text'], ['valor_previsto_cents', 'cents'], ['valor_financiado_cents', 'cents'],
      ['valor_fgts_cents', 'cents'], ['valor_subsidio_cents', 'cents'], ['saldo_devedor_cents', 'cents'], ['valor_divida_cents', 'cents'],
      ['banco', 'text'], ['agencia', 'text'], ['correspondente', 'text'], ['numero_contrato', 'text'], ['data_venda', 'day'],
      ['data_registro', 'day'], ['data_assinatura_de_contrato', 'day'], ['data_recurso_liberado', 'day'],
      ['data_contrato_contabilizado', 'day'], ['data_alteracao_status', 'moment'], ['data_cadastro', 'moment'],
    ],
  },
  {
    name: 'atendimentos',
    path: '/atendimentos',
    table: 'cvdw_service_tickets',
    label: 'Atendimentos',
    unit: 'atendimentos',
    columns: [
      ['idatendimento', 'id'], ['protocolo', 'text'], ['data_cad', 'moment'], ['data_situacao', 'moment'], ['previsao_conclusao', 'day'],
      ['prioridade', 'text'], ['idcanal', 'id'], ['canal', 'text'], ['idsituacao', 'id'], ['situacao', 'text'], ['assunto', 'text'],
      ['subassunto', 'text'], ['classificacao', 'text'], ['tipo', 'text'], ['idempreendimento', 'id'], ['empreendimento', 'text'],
      ['idunidade', 'id'], ['unidade', 'text'], ['idcliente', 'id'], ['cliente', 'text'], ['idcorretor', 'id'], ['corretor', 'text'],
      ['idimobiliaria', 'id'], ['imobiliaria', 'text'], ['idresponsavel', 'id'], ['responsavel', 'text'],
      ['encerrado_primeiro_contato', 'flag'], ['quantidade_mensagens', 'int'], ['quantidade_interacoes', 'int'], ['origem', 'text'],
    ],
  },
  {
    name: 'corretores',
    path: '/corretores',
    table: 'cvdw_brokers',
    label: 'Corretores',
    unit: 'corretores',
    columns: [
      ['ativo_login', 'flag'], ['idcorretor', 'id'], ['idimobiliaria', 'id'], ['nome', 'text'], ['apelido', 'text'], ['imobiliaria', 'text'],
      ['documento', 'text'], ['email', 'text'], ['creci', 'text'], ['categoria', 'text'], ['nivel', 'text'],
    ],
  },
  {
    name: 'imobiliarias',
    path: '/imobiliarias',
    table: 'cvdw_agencies',
    label: 'Imobiliárias',
    unit: 'imobiliárias',
    columns: [
      ['ativo_painel', 'flag'], ['idimobiliaria', 'id'], ['nome', 'text'], ['razao_social', 'text'], ['cnpj', 'text'], ['sigla', 'text'],
      ['codigointerno', 'text'], ['data_cad', 'moment'],
    ],
  },
];

/** Mirror column names of a stream, in row order (primary key first), for the mirror writer. */
export function columnsOf(mapping: StreamMapping): string[] {
  return ['referencia', 'referencia_data', 'active', ...mapping.columns.map(([c]) => c), ...(mapping.derived ?? []).map(([c]) => c), 'raw'];
}

interface Reader {
  column: string;
  field: string;
  read: (value: unknown) => string | number | null;
}

const readerCache = new WeakMap<StreamMapping, Reader[]>();

function readersOf(mapping: StreamMapping): Reader[] {
  let readers = readerCache.get(mapping);
  if (!readers) {
    readers = mapping.columns.map(([column, kind]) => ({ column, field: column.replace(/_cents$/, ''), read: READERS[kind] }));
    readerCache.set(mapping, readers);
  }
  return readers;
}

export class InvalidCvdwRecord extends Error {}

/**
 * One API record → one mirror row. A record without `referencia` cannot be stored (it is the key):
 * that is the only rejection; every other odd value becomes NULL in its column.
 */
export function rowOf(mapping: StreamMapping, record: unknown): unknown[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InvalidCvdwRecord('registro não é um objeto JSON');
  const source = record as Record<string, unknown>;
  const key = referencia(source.referencia);
  if (key === null) throw new InvalidCvdwRecord('registro sem "referencia"');
  // Endpoints without `ativo` (unidades) have no soft delete: their rows are active.
  const active = flag(source.ativo) === 0 ? 0 : 1;
  const row: unknown[] = [key, moment(source.referencia_data), active];
  const readers = readersOf(mapping);
  const mapped: Record<string, unknown> = {};
  for (const { column, field, read } of readers) {
    const value = read(source[field]);
    mapped[column] = value;
    row.push(value);
  }
  for (const [, compute] of mapping.derived ?? []) row.push(compute(mapped));
  row.push(JSON.stringify(record));
  return row;
}
