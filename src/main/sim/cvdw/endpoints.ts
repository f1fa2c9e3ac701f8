import { Draws, unitAt } from '../ploomes/random';
import { type CvdwDataset, digits, Kind, personName, S, UnitStatus } from './dataset';
import { financeOf } from './finance';
import { CANCEL_REASONS, CITIES, FEMALE_COUNT, FIRST_NAMES, MIDIAS, SURNAMES, TICKET_SUBJECTS } from './names';
import { type Row, Table } from './table';
import { DAY, dayStart, formatBrDate, formatDate, formatDateTime, NULL_TIME, ZERO_DATETIME, ZERO_TIME } from './time';

/** Paths served, in the order a connector would sync them. */
export const CVDW_PATHS = [
  'imobiliarias', 'corretores', 'unidades', 'reservas', 'reservas/condicoes', 'vendas', 'distratos',
  'comissoes', 'comissoes/pagamentos', 'repasses', 'atendimentos', 'leads',
] as const;
export type CvdwPath = (typeof CVDW_PATHS)[number];

const money = (cents: number) => Math.round(cents) / 100;

const asciiNames = new Map<string, string>();
/** "JOSÉ …" → "jose", for e-mail addresses; cached because normalize() is slow on a 200k-row scan. */
function asciiFirstName(name: string): string {
  const first = name.slice(0, name.indexOf(' '));
  let ascii = asciiNames.get(first);
  if (ascii === undefined) asciiNames.set(first, (ascii = first.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()));
  return ascii;
}
const SITUACAO: Record<Kind, [number, string]> = {
  [Kind.Pending]: [1, 'Reservada'],
  [Kind.Expired]: [5, 'Vencida'],
  [Kind.Sold]: [3, 'Vendida'],
  [Kind.Distrato]: [4, 'Distrato'],
  [Kind.Deleted]: [6, 'Cancelada'],
};

/**
 * Builds every endpoint's table over the dataset. With `dirt` on, rows carry the oddities captured
 * from live tenants (reference §10); the dataset underneath is the same either way.
 */
export class Endpoints {
  readonly tables = new Map<string, Table>();
  private readonly tableNo = new Map<string, number>();

  constructor(
    private readonly data: CvdwDataset,
    private readonly dirt: boolean,
  ) {
    const d = data;
    this.add('imobiliarias', d.agencies.length, (i) => d.agencies[i].created, (i) => this.imobiliaria(i), (i) => String(d.agencies[i].id));
    this.add('corretores', d.brokers.length, (i) => this.brokerChanged(i), (i) => this.corretor(i), (i) => String(d.brokers[i].id));
    this.add('unidades', d.unitCount, (i) => d.unitSince[i], (i) => this.unidade(i), (i) => (this.dirt ? d.idunidade(i) : String(d.idunidade(i))), false);
    this.add('reservas', d.resCount, (i) => this.reservationChanged(i), (i) => this.reserva(i), (i) => String(d.idreserva(i)));

    // Sub-row tables: one entry per (sale, k).
    const conditions: number[] = [];
    const commissions: number[] = [];
    const paid: number[] = [];
    const repasses: number[] = [];
    const tickets: number[] = [];
    for (let k = 0; k < d.sales.length; k++) {
      const res = d.sales[k];
      const finance = financeOf(d, res);
      for (let j = 0; j < finance.series.length; j++) conditions.push(res, j);
      const cd = new Draws(d.seed, S.commission, res);
      const count = cd.chance(0.35) ? 2 : 1;
      for (let j = 0; j < count; j++) {
        commissions.push(res, j);
        if (this.commissionState(res).paidAt) paid.push(commissions.length / 2 - 1);
      }
      if (finance.financing > 0) repasses.push(res);
      const td = new Draws(d.seed, S.ticket, res);
      const n = td.chance(0.3) ? td.int(1, 2) : 0;
      for (let j = 0; j < n; j++) tickets.push(res, j);
    }
    this.add('reservas/condicoes', conditions.length / 2, (i) => this.saleStamp(conditions[2 * i]),
      (i) => this.condicao(i, conditions[2 * i], conditions[2 * i + 1]), (i) => String(1 + i));
    this.add('vendas', d.sales.length, (i) => dayStart(d.resSale[d.sales[i]]), (i) => this.venda(d.sales[i]), (i) => String(d.idreserva(d.sales[i])));
    this.add('distratos', d.distratos.length, (i) => d.resEnd[d.distratos[i]], (i) => this.distrato(d.distratos[i]), (i) => String(d.idreserva(d.distratos[i])));
    this.add('comissoes', commissions.length / 2, (i) => this.commissionState(commissions[2 * i]).changed,
      (i) => this.comissao(i, commissions[2 * i], commissions[2 * i + 1]), (i) => String(1 + i));
    this.add('comissoes/pagamentos', paid.length, (i) => this.commissionState(commissions[2 * paid[i]]).paidAt,
      (i) => this.pagamento(i, paid[i], commissions[2 * paid[i]], commissions[2 * paid[i] + 1]), (i) => String(1 + i));
    this.add('repasses', repasses.length, (i) => this.repasseState(repasses[i]).changed, (i) => this.repasse(i, repasses[i]), (i) => String(1 + i));
    this.add('atendimentos', tickets.length / 2, (i) => this.ticketTimes(tickets[2 * i], tickets[2 * i + 1]).changed,
      (i) => this.atendimento(i, tickets[2 * i], tickets[2 * i + 1]), (i) => String(1 + i));
    this.add('leads', d.resCount, (i) => this.leadTimes(i).changed, (i) => this.lead(i), (i) => String(this.leadIds(i)[0]));
  }

  private add(path: string, size: number, refTime: (i: number) => number, build: (i: number) => Row, referencia: (i: number) => string | number, nullable = true): void {
    const no = this.tableNo.size + 1;
    this.tableNo.set(path, no);
    const dirtyTime = (i: number) => {
      const t = refTime(i);
      if (!this.dirt) return t;
      // Legacy rows migrated without a change stamp: a zero date, rarely NULL.
      const x = unitAt(this.data.seed, S.dirt * 100 + no, i, 0);
      if (x < 0.004) return ZERO_TIME;
      if (nullable && x < 0.006) return NULL_TIME;
      return t;
    };
    this.tables.set(path, new Table(path, size, dirtyTime, (i) => ({ referencia: referencia(i), ...build(i) }), referencia));
  }

  // ---- dirt helpers -------------------------------------------------------------------------------

  private chance(path: string, i: number, draw: number, p: number): boolean {
    return this.dirt && unitAt(this.data.seed, S.dirt * 100 + (this.tableNo.get(path) ?? 0), i, draw) < p;
  }

  /** Free text as the API serves it: with dirt, "&" arrives as an HTML entity. */
  private text(s: string | null): string | null {
    return s !== null && this.dirt ? s.replace(/&/g, '&amp;').replace(/'/g, '&#039;') : s;
  }

  /** An id that some rows carry as a string. */
  private id(path: string, i: number, n: number): number | string {
    return this.chance(path, i, 5, 0.03) ? String(n) : n;
  }

  private idList(ids: number[], path: string, i: number): string {
    return ids.join(this.chance(path, i, 6, 0.5) ? ', ' : ',');
  }

  private dateTimeOrZero(path: string, i: number, t: number): string {
    return this.chance(path, i, 7, 0.01) ? ZERO_DATETIME : formatDateTime(t);
  }

  // ---- shared derivations -------------------------------------------------------------------------

  /** When the sale was recorded: during office hours of the sale day, never before the reservation. */
  saleStamp(res: number): number {
    const d = this.data;
    const t = d.resSale[res] + 9 * 3600 + Math.floor(unitAt(d.seed, S.reservation + 50, res, 0) * 9 * 3600);
    return Math.max(t, d.resCad[res] + 600);
  }

  reservationChanged(res: number): number {
    const d = this.data;
    switch (d.resKind[res] as Kind) {
      case Kind.Pending: return d.resCad[res] + 300;
      case Kind.Expired: return d.resExpiry[res];
      case Kind.Sold: return this.saleStamp(res);
      default: return d.resEnd[res];
    }
  }

  private brokerChanged(i: number): number {
    const b = this.data.brokers[i];
    return b.active ? b.created : Math.min(this.data.end, b.created + 400 * DAY);
  }

  private client(res: number) {
    const d = new Draws(this.data.seed, S.client, res);
    const { name, female } = personName(d);
    const dev = this.data.devs[this.data.unitDev[this.data.resUnit[res]]];
    const city = d.chance(0.8) ? dev.city : { ...dev.city, city: 'Outra cidade' };
    return {
      idcliente: 30_000 + res,
      cliente: name.toUpperCase(),
      documento: digits(d, 11),
      email: `${asciiFirstName(name)}.${res}@exemplo.com.br`,
      cidade: city.city,
      cep: `${dev.city.cep}${digits(d, 5)}`,
      renda: d.int(25, 300) * 100,
      sexo: female ? 'Feminino' : 'Masculino',
      idade: d.int(21, 70),
      estado_civil: d.pick(['Solteiro(a)', 'Casado(a)', 'Casado(a)', 'Divorciado(a)', 'União estável']),
      idmidia: d.int(1, MIDIAS.length),
      telefone: `(${d.int(11, 99)}) 9${digits(d, 4)}-${digits(d, 4)}`,
    };
  }

  leadIds(res: number): number[] {
    const first = 100_000 + res * 3;
    return unitAt(this.data.seed, S.lead, res, 0) < 0.2 ? [first, first + 1] : [first];
  }

  private place(res: number) {
    const d = this.data;
    const unit = d.resUnit[res];
    const dev = d.devs[d.unitDev[unit]];
    const block = d.blocks[d.unitBlock[unit]];
    const etapa = d.etapaOfUnit(unit);
    const broker = d.brokers[d.resBroker[res]];
    const agency = d.agencies[broker.agency];
    return { unit, dev, block, etapa, broker, agency };
  }

  // ---- endpoints ----------------------------------------------------------------------------------

  private imobiliaria(i: number): Row {
    const a = this.data.agencies[i];
    const d = new Draws(this.data.seed, S.agency + 50, i);
    const manager = personName(d).name;
    const director = personName(d).name;
    const cnpj = `${a.cnpj.slice(0, 2)}.${a.cnpj.slice(2, 5)}.${a.cnpj.slice(5, 8)}/${a.cnpj.slice(8, 12)}-${a.cnpj.slice(12)}`;
    const phone = `${d.int(11, 99)}3${digits(d, 7)}`;
    return {
      ativo: a.active ? 'S' : 'N', ativo_painel: a.active ? 'S' : 'N', idimobiliaria: a.id,
      data_cad: this.dateTimeOrZero('imobiliarias', i, a.created), idestado: 1 + CITIES.indexOf(a.city), idcidade: 100 + CITIES.indexOf(a.city),
      nome: this.text(a.name), razao_social: this.text(`${a.name} Ltda`), cnpj, cnpj_faturamento: cnpj,
      idlogradouro: 1, endereco: `Rua ${d.pick(SURNAMES)}`, complemento: null, numero: String(d.int(10, 2000)), bairro: 'Centro',
      cep: `${a.city.cep}${digits(d, 2)}-${digits(d, 3)}`, telefone: phone, celular: `${d.int(11, 99)}9${digits(d, 8)}`,
      email: `contato${a.id}@exemplo.com.br`, creci: digits(d, 6), avatar_nome: null, validade_creci: formatDate(a.created + 3 * 365 * DAY),
      gerente_nome: manager, gerente_cpf: null, gerente_telefone: phone, gerente_celular: null, gerente_email: `gerente${a.id}@exemplo.com.br`,
      diretor_nome: director, diretor_email: `diretor${a.id}@exemplo.com.br`,
      sigla: a.sigla, codigointerno: `IMB${a.id}`, observacoes: null, data_modificacao: formatDate(a.created),
    };
  }

  private corretor(i: number): Row {
    const b = this.data.brokers[i];
    const a = this.data.agencies[b.agency];
    const d = new Draws(this.data.seed, S.broker + 50, i);
    const first = b.name.split(' ')[0];
    return {
      ativo: b.active ? 'S' : 'N', ativo_login: b.active ? 'S' : 'N', idcorretor: b.id, idimobiliaria: this.id('corretores', i, a.id),
      documento: b.cpf, nome: b.name, apelido: first.charAt(0) + first.slice(1).toLowerCase(),
      email: `corretor${b.id}@exemplo.com.br`, telefone: null, celular: `(${d.int(11, 99)}) 9${digits(d, 4)}-${digits(d, 4)}`,
      creci: b.creci, categoria: d.pick(['Autônomo', 'Associado', 'CLT']), nivel: d.pick(['Júnior', 'Pleno', 'Sênior']),
      imobiliaria: this.text(a.name), data_cad: this.dateTimeOrZero('corretores', i, b.created),
      sexo: FIRST_NAMES.indexOf(first.charAt(0) + first.slice(1).toLowerCase()) < FEMALE_COUNT ? 'Feminino' : 'Masculino',
      estado_civil: d.pick(['Solteiro(a)', 'Casado(a)']), data_nasc: `${d.int(1965, 2002)}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`,
    };
  }

  private unidade(u: number): Row {
    const d = this.data;
    const dev = d.devs[d.unitDev[u]];
    const block = d.blocks[d.unitBlock[u]];
    const etapa = d.etapaOfUnit(u);
    const typ = d.typology(u);
    const status = d.unitStatus[u] as UnitStatus;
    const holder = d.unitHolder[u];
    const months = Math.max(0, (d.end - etapa.launch) / (30 * DAY));
    const price = Math.round(d.unitPrice[u] * (1 + 0.005 * months) / 100) * 100;
    // Under dirt /unidades prints numbers as text and several dates as dd/mm/yyyy (reference §9).
    const num = (v: number, decimals: number) => (this.dirt ? v.toFixed(decimals) : v);
    const date = (t: number) => (this.dirt ? formatBrDate(t) : formatDate(t));
    const statusName = ['Disponível', 'Reservada', 'Vendida', 'Bloqueada'][status];
    // Background and text colour, hex without '#', as the vendor's example shows.
    const colors = [['339933', 'ffffff'], ['ff9900', 'ffffff'], ['990000', 'ffffff'], ['666666', 'ffffff']][status];
    const reserved = status === UnitStatus.Reserved;
    const sold = status === UnitStatus.Sold;
    const blocked = status === UnitStatus.Blocked;
    return {
      idempreendimento: dev.id, idempreendimento_int: dev.code, idtipo_empreendimento: dev.tipo === 'Residencial' ? 1 : dev.tipo === 'Loteamento' ? 2 : 3,
      tipo_empreendimento: dev.tipo, nome_empreendimento: this.text(dev.name), idetapa: etapa.id, idetapa_int: null, etapa: etapa.name,
      idbloco: block.id, idbloco_int: null, bloco: block.name, nome: d.unitName(u), area_privativa: num(typ.area, 2),
      // The vendor types idunidade as a string here; with dirt it arrives as one.
      idunidade: this.dirt ? String(d.idunidade(u)) : d.idunidade(u), idunidade_int: null, vagas_garagem: num(typ.parking, 0),
      andar: num(d.unitFloor[u], 0), area_comum: num(Math.round(typ.area * 0.35 * 100) / 100, 2), coluna: d.unitPos[u],
      posicao: d.unitPos[u] <= 2 ? 'Frente' : 'Fundos',
      tipologia: typ.tipologia, tipo: typ.tipo, idtipo_int: null, empresa_terceirizacao: null,
      valor: num(money(price), 2), valor_avaliacao: num(money(Math.round(price * 1.05)), 2),
      data_bloqueio: blocked ? date(d.unitSince[u]) : null,
      data_entrega: date(dev.keys), data_entrega_chaves: date(dev.keys), agendar_a_partir: date(dev.keys - 30 * DAY),
      liberar_a_partir: date(etapa.launch),
      plantas: [{ idplanta: 1 + d.unitTypology[u], nome: typ.tipologia }], campos_adicionais: [],
      // situacao_reservada / situacao_vendida carry the idreserva holding the unit (the vendor's
      // examples are ids: 123, 1332), null when none.
      situacao_reservada: reserved && holder >= 0 ? d.idreserva(holder) : null,
      situacao_reservada_vencimento: reserved && holder >= 0 ? formatDateTime(d.resExpiry[holder]) : null,
      situacao_reservada_idsituacao: reserved ? 1 : null, situacao_reservada_nomesituacao: reserved ? 'Reservada' : null,
      situacao_cor_bg: colors[0], situacao_cor_nome: colors[1], situacao_nome: statusName,
      situacao_reservada_inicio: reserved ? 'S' : 'N',
      situacao_vendida: sold && holder >= 0 ? d.idreserva(holder) : null, situacao_vendida_idsituacao: sold ? 3 : null,
      situacao_idmotivo: blocked ? 1 : null, situacao_bloqueados_internos: 'N',
      situacao_bloqueada: blocked ? 'S' : 'N', situacao_bloqueada_idmotivo: blocked ? 1 : null,
      situacao_bloqueada_motivo: blocked ? 'Solicitação da Diretoria' : null,
      situacao_tipo_id: d.unitTypology[u] + 1, situacao_tipo_nome: typ.tipo,
      situacao_para_venda: status === UnitStatus.Available ? 1 : 0,
      // 1 Disponível, 2 Reservada, 3 Vendida, 4 Bloqueada (vendor's documented codes).
      situacao_mapa_disponibilidade: status + 1, situacao_possui_reserva_solicitacao_distrato: 'N',
    };
  }

  private reserva(res: number): Row {
    const d = this.data;
    const path = 'reservas';
    const { unit, dev, block, etapa, broker, agency } = this.place(res);
    const c = this.client(res);
    const f = financeOf(d, res);
    const kind = d.resKind[res] as Kind;
    const r = new Draws(d.seed, S.reservation, res);
    let [idsituacao, situacao] = SITUACAO[kind];
    if (kind === Kind.Pending && r.chance(0.5)) [idsituacao, situacao] = [2, 'Em análise'];
    else r.unit();
    const previous: [number, string] | null = kind === Kind.Sold ? [2, 'Em análise'] : kind === Kind.Distrato ? [3, 'Vendida']
      : idsituacao === 1 ? null : [1, 'Reservada'];
    const sold = d.resSale[res] > 0;
    const cancelled = kind === Kind.Distrato || kind === Kind.Deleted;
    const changed = this.reservationChanged(res);
    const approval = sold ? formatDate(d.resSale[res] - r.int(0, 3) * DAY) : null;
    const approved = sold ? (this.chance(path, res, 8, 0.05) ? 'S' : 'Sim') : this.chance(path, res, 8, 0.05) ? 'N' : 'Não';
    const table = d.resTablePrice[res];
    const tableId = 100 + Math.floor((d.resCad[res] - d.historyStart) / (30 * DAY));
    const midia = MIDIAS[c.idmidia - 1];
    return {
      ativo: kind === Kind.Deleted ? 'N' : 'S',
      idreserva: d.idreserva(res),
      data_cad: this.dateTimeOrZero(path, res, d.resCad[res]),
      codigointerno: `${block.name.split(' ').pop()}-${d.unitName(unit).replace('Lote ', 'L')}`,
      numero_venda: sold ? String(d.idreserva(res) + 5000) : null,
      aprovada: approved,
      data_venda: sold ? formatDateTime(d.resSale[res]) : null,
      situacao, idsituacao,
      situacao_comercial: dev.keys > d.resCad[res] ? 'Pre-vendas' : 'Estoque',
      idempreendimento: this.id(path, res, dev.id),
      codigointerno_empreendimento: dev.code,
      empreendimento: this.text(dev.name),
      data_entrega_chaves_contrato_cliente: formatDate(dev.keys),
      etapa: etapa.name, bloco: block.name, unidade: d.unitName(unit), idunidade: d.idunidade(unit),
      regiao: dev.city.region,
      venda: sold ? 'Sim' : 'Não',
      idcliente: c.idcliente, documento_cliente: c.documento, cliente: c.cliente, email: c.email, cidade: c.cidade,
      cep_cliente: c.cep, renda: c.renda, sexo: c.sexo, idade: c.idade, estado_civil: c.estado_civil,
      idcorretor: this.id(path, res, broker.id), corretor: broker.name,
      idimobiliaria: agency.id, imobiliaria: this.text(agency.name),
      valor_contrato: money(d.resValue[res]),
      vencimento: formatDateTime(d.resExpiry[res]),
      data_cancelamento: cancelled ? formatDateTime(d.resEnd[res]) : null,
      campanha: r.chance(0.15) ? 'Feirão de Imóveis' : null,
      cessao: 'Não',
      motivo_cancelamento: cancelled ? (kind === Kind.Distrato ? 'Distrato' : 'Cancelamento') : null,
      descricao_motivo_cancelamento: cancelled ? r.pick(CANCEL_REASONS) : null,
      espacos_complementares: null,
      idlead: this.idList(this.leadIds(res), path, res),
      data_ultima_alteracao_situacao: formatDateTime(changed),
      idempresa_correspondente: f.financing ? 3 : 0,
      empresa_correspondente: f.financing ? 'Correspondente Crédito Fácil' : null,
      valor_fgts: money(f.fgts), valor_financiamento: money(f.financing), valor_subsidio: money(f.subsidy),
      nome_usuario: 'Usuário Integração',
      idprecadastro: r.chance(0.6) ? 200 + res : null,
      idmidia: c.idmidia, midia,
      idsituacao_anterior: previous ? previous[0] : null, situacao_anterior: previous ? previous[1] : null,
      idtabela: tableId, nometabela: `Tabela ${formatDate(d.historyStart + (tableId - 100) * 30 * DAY).slice(0, 7)}`,
      codigointernotabela: `TAB${tableId}`,
      data_contrato: sold ? formatDate(d.resSale[res] + r.int(0, 10) * DAY) : null,
      valor_proposta: money(d.resValue[res]),
      vpl_tabela: money(Math.round(table * 0.95)), vgv_tabela: money(table), vpl_reserva: money(Math.round(d.resValue[res] * 0.94)),
      usuario_aprovacao: sold ? 'Gestor Comercial' : null,
      data_aprovacao: approval, juros_condicao_aprovada: 0, juros_apos_entrega_condicao_aprovada: 0,
      idtabela_condicao_aprovada: sold ? tableId : null, data_primeira_aprovacao: approval,
      aprovacao_absoluto: 0, aprovacao_vpl_valor: 0,
      idtipovenda: f.idtipovenda, tipovenda: f.tipovenda,
      idgrupo: 1, grupo: 'Vendas',
      data_modificacao: formatDate(changed),
      campos_adicionais: r.chance(0.2)
        ? [{ referencia: 50_000 + res, referencia_data: formatDateTime(d.resCad[res] + 120), idcampo_valores: 50_000 + res, idcampo: 312,
          nome: 'COMO CONHECEU O EMPREENDIMENTO', valor: this.text(midia === 'Indicação' ? 'Indicação de amigo & família' : midia), tipo: 'texto' }]
        : [],
      campos_adicionais_contrato: [],
    };
  }

  private venda(res: number): Row {
    const d = this.data;
    const path = 'vendas';
    const { unit, dev, block, etapa, broker, agency } = this.place(res);
    const c = this.client(res);
    const f = financeOf(d, res);
    const tableId = 100 + Math.floor((d.resCad[res] - d.historyStart) / (30 * DAY));
    return {
      ativo: 'S', idreserva: d.idreserva(res), data_reserva: formatDateTime(d.resCad[res]), data_venda: formatDateTime(d.resSale[res]),
      idhistorico: 900_000 + res, data_historico: formatDateTime(this.saleStamp(res)), aprovada: 'Sim',
      valor_contrato: money(d.resValue[res]), contrato_interno: `CT-${d.idreserva(res)}`,
      idpessoa_cv: c.idcliente, idpessoa_int: null, cliente: c.cliente, idcliente: c.idcliente, documento_cliente: c.documento,
      email: c.email, cidade: c.cidade, cep_cliente: c.cep, renda: c.renda, sexo: c.sexo, idade: c.idade, estado_civil: c.estado_civil,
      idcorretor: broker.id, corretor: broker.name, idimobiliaria: agency.id, imobiliaria: this.text(agency.name),
      idempreendimento: dev.id, empreendimento: this.text(dev.name), codigointerno_empreendimento: dev.code, regiao: dev.city.region,
      planta: d.typology(unit).tipologia, etapa: etapa.name, bloco: block.name, idunidade: d.idunidade(unit), unidade: d.unitName(unit),
      area_privativa: d.typology(unit).area, campanha: null, idmidia: c.idmidia, midia: MIDIAS[c.idmidia - 1],
      idtabela: tableId, nometabela: `Tabela ${formatDate(d.historyStart + (tableId - 100) * 30 * DAY).slice(0, 7)}`,
      codigointernotabela: `TAB${tableId}`, idtipovenda: f.idtipovenda, tipovenda: f.tipovenda,
      idlead: this.idList(this.leadIds(res), path, res),
      associados: [{ idpessoa_cv: c.idcliente, idtipo_associacao: 1, tipo_associacao: 'Titular', porcentagem_participacao: 100 }],
    };
  }

  private distrato(res: number): Row {
    const d = this.data;
    const { unit, dev, block, etapa, broker, agency } = this.place(res);
    const c = this.client(res);
    const r = new Draws(d.seed, S.reservation + 60, res);
    const reason = r.pick(CANCEL_REASONS);
    return {
      ativo: 'S', idreserva: d.idreserva(res), aprovada: 'Sim',
      data_cad: formatDateTime(Math.max(d.resSale[res] + DAY, d.resEnd[res] - r.int(1, 20) * DAY)),
      situacao_data: formatDateTime(d.resEnd[res]), situacao_atual: 'Distrato', idsituacao: 4, etapa: etapa.name,
      idempreendimento: dev.id, codigointerno_empreendimento: dev.code, empreendimento: this.text(dev.name), bloco: block.name,
      idunidade: d.idunidade(unit), unidade: d.unitName(unit), regiao: dev.city.region, venda: 'Sim', idcliente: c.idcliente,
      documento: c.documento, cliente: c.cliente, cep_cliente: c.cep, idcorretor: broker.id, corretor: broker.name,
      idimobiliaria: agency.id, imobiliaria: this.text(agency.name), descricao_motivo_distrato: reason, motivo_distrato: reason,
      valor_contrato: money(d.resValue[res]), data_sincronizacao: null,
    };
  }

  private condicao(i: number, res: number, j: number): Row {
    const d = this.data;
    const s = financeOf(d, res).series[j];
    const stamp = this.saleStamp(res);
    const withInterest = s.serie === 'PARCELAS MENSAIS' || s.serie === 'BALÃO' ? Math.round(s.valor * 1.04) : s.valor;
    return {
      ativo: 'S', idreservascondicoes: 1 + i, idreserva: d.idreserva(res), serie: s.serie, parcela_quantidade: s.qty,
      valor: money(s.valor), valor_com_juros: money(withInterest), valor_com_comissao_fora_do_contrato: money(s.valor),
      valor_sem_comissao: money(s.valor), vencimento: formatDate(s.due), portador: s.portador, indexador: s.indexador,
      data_reservas_condicoes: formatDateTime(stamp), data_modificacao: formatDate(stamp),
    };
  }

  /** Commission lifecycle: generated on sale, released after 15 days, paid after 45, cancelled by a distrato. */
  private commissionState(res: number): { created: number; paidAt: number; changed: number; status: [number, string] } {
    const d = this.data;
    const created = this.saleStamp(res) + 3600;
    const releaseAt = created + 15 * DAY;
    const paidAt = dayStart(created) + 45 * DAY + 10 * 3600;
    const end = d.resKind[res] === Kind.Distrato ? d.resEnd[res] : Infinity;
    const paid = paidAt <= d.end && paidAt < end ? paidAt : 0;
    if (end <= d.end) return { created, paidAt: paid, changed: end, status: [4, 'Cancelada'] };
    if (paid) return { created, paidAt: paid, changed: paid, status: [3, 'Paga'] };
    if (releaseAt <= d.end) return { created, paidAt: 0, changed: releaseAt, status: [2, 'Liberada'] };
    return { created, paidAt: 0, changed: created, status: [1, 'Comissão Gerada (1)'] };
  }

  private commissionValue(res: number, j: number): { pct: number; value: number; name: string; agency: string } {
    const d = this.data;
    const cd = new Draws(d.seed, S.commission, res);
    cd.unit(); // the row-count draw
    const broker = d.brokers[d.resBroker[res]];
    const agency = d.agencies[broker.agency];
    // The selling broker takes 4–6 %; a second row, when present, pays the agency's manager 0.5–1.5 %.
    const pct = j === 0 ? cd.int(400, 600) / 100 : (cd.unit(), cd.int(50, 150) / 100);
    const manager = j === 0 ? broker.name : d.brokers[agency.id - 10 < d.brokers.length ? agency.id - 10 : 0].name;
    return { pct, value: Math.round((d.resValue[res] * pct) / 100), name: manager, agency: agency.name };
  }

  private comissao(i: number, res: number, j: number): Row {
    const d = this.data;
    const { unit, dev, block, etapa } = this.place(res);
    const c = this.client(res);
    const st = this.commissionState(res);
    const v = this.commissionValue(res, j);
    return {
      ativo: 'S', idcomissao: 1 + i, situacao: st.status[1], idsituacao: st.status[0], idreserva: d.idreserva(res),
      corretor: v.name, imobiliaria: this.text(v.agency), empreendimento: this.text(`${dev.code} - ${dev.name}`),
      etapa: etapa.name, bloco: block.name, unidade: d.unitName(unit), regiao: dev.city.region, cliente: c.cliente, cep_cliente: c.cep,
      valor_contrato: money(d.resValue[res]), porcentagem_comissao: v.pct, valor_comissao: money(v.value),
      valor_comissao_apagar: money(v.value), valor_pagamento: st.paidAt ? money(v.value) : 0,
      nota_fiscal: st.paidAt ? String(10_000 + i) : null, data_pagamento: st.paidAt ? formatDate(st.paidAt) : null,
      data_cad: this.dateTimeOrZero('comissoes', i, st.created),
    };
  }

  /** The reference lists no ativo for commission payments. */
  private pagamento(i: number, commission: number, res: number, j: number): Row {
    const d = this.data;
    const st = this.commissionState(res);
    const v = this.commissionValue(res, j);
    return {
      idcomissao: 1 + commission, idpagamento: 1 + i, valor: money(v.value), vencimento: formatDate(st.paidAt),
      bloco: d.blocks[d.unitBlock[d.resUnit[res]]].name, unidade: d.unitName(d.resUnit[res]), situacao: 'Pago',
    };
  }

  /** Bank hand-over steps after a financed sale, each 10–40 days after the previous one. */
  private repasseState(res: number): { steps: number[]; changed: number; status: [number, string]; registered: number } {
    const d = this.data;
    const r = new Draws(d.seed, S.repasse, res);
    const names = ['Aguardando documentação', 'Em análise no banco', 'Contrato assinado', 'Registrado em cartório', 'Recurso liberado'];
    const steps: number[] = [];
    let t = this.saleStamp(res) + 2 * 3600;
    const stop = d.resKind[res] === Kind.Distrato ? Math.min(d.resEnd[res], d.end) : d.end;
    for (let k = 0; k < names.length; k++) {
      if (k > 0) t += r.int(10, 40) * DAY;
      if (t > stop) break;
      steps.push(t);
    }
    let status: [number, string] = [steps.length, names[steps.length - 1]];
    let changed = steps[steps.length - 1];
    if (d.resKind[res] === Kind.Distrato) {
      status = [6, 'Cancelado'];
      changed = d.resEnd[res];
    }
    return { steps, changed, status, registered: steps[3] ?? 0 };
  }

  private repasse(i: number, res: number): Row {
    const d = this.data;
    const { unit, dev, block, etapa } = this.place(res);
    const c = this.client(res);
    const f = financeOf(d, res);
    const st = this.repasseState(res);
    const at = (k: number) => (st.steps[k] ? formatDate(st.steps[k]) : null);
    return {
      ativo: 'S', idrepasse: 1 + i, idsituacao: st.status[0], situacao: st.status[1], idreserva: d.idreserva(res),
      idempreendimento: dev.id, codigointerno_empreendimento: dev.code, empreendimento: this.text(dev.name), etapa: etapa.name,
      bloco: block.name, unidade: d.unitName(unit), regiao: dev.city.region, idcliente: c.idcliente, documento_cliente: c.documento,
      cliente: c.cliente, cep_cliente: c.cep, parcela: 'FINANCIAMENTO', idcontrato: 1 + i, contrato: `Contrato ${1 + i}`,
      valor_previsto: money(f.financing + f.fgts + f.subsidy), parcela_conclusao: null, saldo_devedor: money(f.financing),
      valor_divida: money(f.financing), valor_subsidio: money(f.subsidy), valor_fgts: money(f.fgts), valor_financiado: money(f.financing),
      numero_contrato: st.steps[2] ? `8.${String(d.idreserva(res)).padStart(7, '0')}-0` : null, data_registro: at(3),
      correspondente: 'Correspondente Crédito Fácil', banco: f.bank, agencia: String(1000 + (res % 3000)),
      data_alteracao_status: formatDateTime(st.changed), data_venda: formatDate(d.resSale[res]), data_contrato_contabilizado: at(2),
      data_assinatura_de_contrato: at(2), idlead: this.idList(this.leadIds(res), 'repasses', i), data_recurso_liberado: at(4),
      data_sincronizacao: null, data_cadastro: formatDateTime(st.steps[0]), idunidade: d.idunidade(unit), reserva: d.idreserva(res),
      data_modificacao: formatDate(st.changed), campos_adicionais: [],
    };
  }

  private ticketTimes(res: number, j: number): { created: number; closed: number; changed: number } {
    const d = this.data;
    const r = new Draws(d.seed, S.ticket + 50, res * 4 + j);
    const created = dayStart(d.resSale[res]) + r.int(5, 500) * DAY + 8 * 3600 + r.int(0, 10 * 3600);
    const closed = created + r.int(1, 20) * DAY;
    const c = Math.min(created, d.end);
    const open = closed > d.end;
    return { created: c, closed: open ? 0 : closed, changed: open ? c : closed };
  }

  private atendimento(i: number, res: number, j: number): Row {
    const d = this.data;
    const path = 'atendimentos';
    const { unit, dev, block, etapa, broker, agency } = this.place(res);
    const c = this.client(res);
    const r = new Draws(d.seed, S.ticket + 60, res * 4 + j);
    const t = this.ticketTimes(res, j);
    const [assunto, subassunto] = r.pick(TICKET_SUBJECTS);
    const channel = r.int(1, 3);
    return {
      ativo: this.chance(path, i, 9, 0.02) ? 'N' : 'S', idatendimento: 1 + i, protocolo: `${formatDate(t.created).replace(/-/g, '')}${String(1 + i).padStart(5, '0')}`,
      data_cad: formatDateTime(t.created), data_situacao: formatDateTime(t.changed), prioridade: r.pick(['Baixa', 'Média', 'Alta']),
      tempo_finalizado: t.closed ? Math.round((t.closed - t.created) / 60) : null, telefone_atendimento: c.telefone,
      nome_cliente: c.cliente, email_cliente: c.email, tempo_resposta: r.int(5, 600), encerrado_primeiro_contato: r.chance(0.3) ? 'S' : 'N',
      humor_cliente: r.pick(['Satisfeito', 'Neutro', 'Insatisfeito']), idcanal: channel, canal: ['Telefone', 'E-mail', 'WhatsApp'][channel - 1],
      idatendimento_vinculados: null, previsao_conclusao: formatDate(t.created + 10 * DAY),
      idlead: this.idList(this.leadIds(res), path, i), ativo_painel: 'S', avaliacao: t.closed ? r.int(1, 5) : null,
      idempreendimento: this.id(path, i, dev.id), codigointerno_empreendimento: dev.code, empreendimento: this.text(dev.name),
      etapa: etapa.name, bloco: block.name, unidade: d.unitName(unit), idunidade: d.idunidade(unit), idcliente: c.idcliente,
      documento_cliente: c.documento, cliente: c.cliente, cep_cliente: c.cep, regiao: dev.city.region,
      situacao: t.closed ? 'Finalizado' : 'Em andamento', idsituacao: t.closed ? 3 : 1, idprotocolo: 1 + i, assunto, subassunto,
      usuario: 'Atendente Relacionamento', idclassificacao: 1, classificacao: 'Solicitação', idtipo: 1, tipo: 'Pós-venda',
      idcorretor: broker.id, corretor: broker.name, idimobiliaria: agency.id, imobiliaria: this.text(agency.name),
      idresponsavel: 7, responsavel: 'Atendente Relacionamento', quantidade_mensagens: r.int(1, 30), quantidade_interacoes: r.int(1, 10),
      sigla_empreendimento: dev.code, codigointerno_cliente: null, tags: this.dirt ? 'pós-venda, chaves' : 'pós-venda,chaves',
      times: 'Relacionamento', origem: 'Portal do cliente', data_modificacao: formatDate(t.changed),
    };
  }

  private leadTimes(res: number): { created: number; changed: number } {
    const d = this.data;
    const created = d.resCad[res] - Math.floor(unitAt(d.seed, S.lead, res, 1) * 60 * DAY) - 3600;
    return { created, changed: d.resCad[res] };
  }

  /**
   * /leads: the lead behind each reservation. Fields per the vendor CLI's leads.yaml (the reference
   * lists none for this endpoint).
   */
  private lead(res: number): Row {
    const d = this.data;
    const { dev, broker, agency } = this.place(res);
    const c = this.client(res);
    const t = this.leadTimes(res);
    const ids = this.leadIds(res);
    const won = d.resSale[res] > 0 && d.resKind[res] !== Kind.Deleted;
    const midia = MIDIAS[c.idmidia - 1];
    return {
      ativo: 'S', idlead: ids[0], idsituacao: won ? 5 : 3, situacao: won ? 'Venda realizada' : 'Com reserva',
      data_cad: formatDateTime(t.created), nome: c.cliente, email: c.email, telefone: c.telefone.replace(/\D/g, ''),
      documento_cliente: c.documento, cep_cliente: c.cep, idponto_venda: 1, ponto_venda: 'Plantão de vendas',
      conversao_original: midia, conversao_ultimo: midia, conversao: midia,
      idempreendimento: String(dev.id), codigointerno_empreendimento: dev.code, empreendimento: this.text(dev.name),
      idempreendimento_primeiro: dev.id, empreendimento_primeiro: this.text(dev.name), idempreendimento_ultimo: dev.id,
      empreendimento_ultimo: this.text(dev.name), idmotivo: null, motivo: null, reserva: 1, idgestor: null, gestor: null,
      idcorretor: broker.id, corretor: broker.name, idimobiliaria: agency.id, imobiliaria: this.text(agency.name),
      caracteristicas: null, feedback: null, origem: midia, origem_ultimo: midia, midia_original: midia, midia_ultimo: midia,
      renda_familiar: c.renda, motivo_cancelamento: null, data_cancelamento: null, data_sincronizacao: null,
      data_ultima_interacao: formatDateTime(t.changed), data_vencimento: null, cidade: c.cidade, estado: dev.city.uf,
      regiao: dev.city.region, vencido: 'N', ultima_data_conversao: formatDate(t.created), data_reativacao: null,
      idsituacao_anterior: won ? 4 : 2, nome_situacao_anterior_lead: won ? 'Com reserva' : 'Em atendimento', tags: null,
      descricao_motivo_cancelamento: null, possibilidade_venda: won ? 5 : 4, inserido_bolsao: 'N',
      data_primeira_interacao_gestor: null, data_primeira_interacao_corretor: formatDate(t.created),
      score: 50 + (res % 50), idgestor_ultimo: null, gestor_ultimo: null, idcorretor_ultimo: broker.id, corretor_ultimo: broker.name,
      idcorretor_penultimo: null, corretor_penultimo: null, nome_momento_lead: won ? 'Cliente' : 'Negociação', novo: 'N', retorno: 'N',
      data_ultima_alteracao: formatDateTime(t.changed), origem_nome: midia, origem_ultimo_nome: midia, campos_adicionais: [],
    };
  }
}
