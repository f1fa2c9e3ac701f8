import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';

type Row = Record<string, unknown>;
const cents = (v: unknown) => Math.round(Number(v) * 100);
const ZERO = '0000-00-00 00:00:00';

// Field lists copied from the reference (§9), in the API's spelling.
const RESERVAS = 'referencia referencia_data ativo idreserva data_cad codigointerno numero_venda aprovada data_venda situacao idsituacao situacao_comercial idempreendimento codigointerno_empreendimento empreendimento data_entrega_chaves_contrato_cliente etapa bloco unidade idunidade regiao venda idcliente documento_cliente cliente email cidade cep_cliente renda sexo idade estado_civil idcorretor corretor idimobiliaria imobiliaria valor_contrato vencimento data_cancelamento campanha cessao motivo_cancelamento descricao_motivo_cancelamento espacos_complementares idlead data_ultima_alteracao_situacao idempresa_correspondente empresa_correspondente valor_fgts valor_financiamento valor_subsidio nome_usuario idprecadastro idmidia midia idsituacao_anterior situacao_anterior idtabela nometabela codigointernotabela data_contrato valor_proposta vpl_tabela vgv_tabela vpl_reserva usuario_aprovacao data_aprovacao juros_condicao_aprovada juros_apos_entrega_condicao_aprovada idtabela_condicao_aprovada data_primeira_aprovacao aprovacao_absoluto aprovacao_vpl_valor idtipovenda tipovenda idgrupo grupo data_modificacao campos_adicionais campos_adicionais_contrato';
const VENDAS = 'referencia referencia_data ativo idreserva data_reserva data_venda idhistorico data_historico aprovada valor_contrato contrato_interno idpessoa_cv idpessoa_int cliente idcliente documento_cliente email cidade cep_cliente renda sexo idade estado_civil idcorretor corretor idimobiliaria imobiliaria idempreendimento empreendimento codigointerno_empreendimento regiao planta etapa bloco idunidade unidade area_privativa campanha idmidia midia idtabela nometabela codigointernotabela idtipovenda tipovenda idlead associados';
const COMISSOES = 'referencia referencia_data ativo idcomissao situacao idsituacao idreserva corretor imobiliaria empreendimento etapa bloco unidade regiao cliente cep_cliente valor_contrato porcentagem_comissao valor_comissao valor_comissao_apagar valor_pagamento nota_fiscal data_pagamento data_cad';
const CONDICOES = 'referencia referencia_data ativo idreservascondicoes idreserva serie parcela_quantidade valor valor_com_juros valor_com_comissao_fora_do_contrato valor_sem_comissao vencimento portador indexador data_reservas_condicoes data_modificacao';
const REPASSES = 'referencia referencia_data ativo idrepasse idsituacao situacao idreserva idempreendimento codigointerno_empreendimento empreendimento etapa bloco unidade regiao idcliente documento_cliente cliente cep_cliente parcela idcontrato contrato valor_previsto parcela_conclusao saldo_devedor valor_divida valor_subsidio valor_fgts valor_financiado numero_contrato data_registro correspondente banco agencia data_alteracao_status data_venda data_contrato_contabilizado data_assinatura_de_contrato idlead data_recurso_liberado data_sincronizacao data_cadastro idunidade reserva data_modificacao campos_adicionais';
const UNIDADES = 'referencia referencia_data idempreendimento idempreendimento_int idtipo_empreendimento tipo_empreendimento nome_empreendimento idetapa idetapa_int etapa idbloco idbloco_int bloco nome area_privativa idunidade idunidade_int vagas_garagem andar area_comum coluna posicao tipologia tipo idtipo_int empresa_terceirizacao valor valor_avaliacao data_bloqueio data_entrega data_entrega_chaves agendar_a_partir liberar_a_partir plantas campos_adicionais situacao_reservada situacao_reservada_vencimento situacao_reservada_idsituacao situacao_reservada_nomesituacao situacao_cor_bg situacao_cor_nome situacao_nome situacao_reservada_inicio situacao_vendida situacao_vendida_idsituacao situacao_idmotivo situacao_bloqueados_internos situacao_bloqueada situacao_bloqueada_idmotivo situacao_bloqueada_motivo situacao_tipo_id situacao_tipo_nome situacao_para_venda situacao_mapa_disponibilidade situacao_possui_reserva_solicitacao_distrato';
const DISTRATOS = 'referencia referencia_data ativo idreserva aprovada data_cad situacao_data situacao_atual idsituacao etapa idempreendimento codigointerno_empreendimento empreendimento bloco idunidade unidade regiao venda idcliente documento cliente cep_cliente idcorretor corretor idimobiliaria imobiliaria descricao_motivo_distrato motivo_distrato valor_contrato data_sincronizacao';
const ATENDIMENTOS = 'referencia referencia_data ativo idatendimento protocolo data_cad data_situacao prioridade tempo_finalizado telefone_atendimento nome_cliente email_cliente tempo_resposta encerrado_primeiro_contato humor_cliente idcanal canal idatendimento_vinculados previsao_conclusao idlead ativo_painel avaliacao idempreendimento codigointerno_empreendimento empreendimento etapa bloco unidade idunidade idcliente documento_cliente cliente cep_cliente regiao situacao idsituacao idprotocolo assunto subassunto usuario idclassificacao classificacao idtipo tipo idcorretor corretor idimobiliaria imobiliaria idresponsavel responsavel quantidade_mensagens quantidade_interacoes sigla_empreendimento codigointerno_cliente tags times origem data_modificacao';
const CORRETORES_SOME = 'referencia referencia_data ativo ativo_login idcorretor idimobiliaria documento nome apelido email telefone celular creci categoria nivel imobiliaria';
const IMOBILIARIAS_SOME = 'referencia referencia_data ativo ativo_painel idimobiliaria data_cad nome razao_social cnpj sigla codigointerno data_modificacao';
const PAGAMENTOS = 'referencia referencia_data idcomissao idpagamento valor vencimento bloco unidade situacao';

const REFERENCE_DAY = '2026-06-30';
const PATHS = ['imobiliarias', 'corretores', 'unidades', 'reservas', 'reservas/condicoes', 'vendas', 'distratos', 'comissoes',
  'comissoes/pagamentos', 'repasses', 'atendimentos', 'leads'];

let clean: CvdwSim;
let dirty: CvdwSim;
beforeAll(async () => {
  clean = await startCvdwSim({ seed: 11, referenceDay: REFERENCE_DAY, dirt: false, rateLimit: false });
  dirty = await startCvdwSim({ seed: 11, referenceDay: REFERENCE_DAY, rateLimit: false });
});
afterAll(async () => {
  await clean.close();
  await dirty.close();
});

function byKey(rows: Row[], key: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const k = String(row[key]);
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
}

describe('CVDW simulator data', () => {
  it('is deterministic by seed and differs across seeds', async () => {
    const again = await startCvdwSim({ seed: 11, referenceDay: REFERENCE_DAY, rateLimit: false });
    const other = await startCvdwSim({ seed: 12, referenceDay: REFERENCE_DAY, rateLimit: false });
    try {
      for (const path of PATHS) expect(JSON.stringify(again.rows(path)), path).toBe(JSON.stringify(dirty.rows(path)));
      expect(JSON.stringify(other.rows('reservas'))).not.toBe(JSON.stringify(dirty.rows('reservas')));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('has the small size and a realistic mix of outcomes', () => {
    const reservas = clean.rows('reservas');
    expect(reservas).toHaveLength(3000);
    const count = (f: (r: Row) => boolean) => reservas.filter(f).length;
    const sales = count((r) => r.ativo === 'S' && r.data_venda !== null);
    expect(sales / reservas.length).toBeGreaterThan(0.5);
    expect(sales / reservas.length).toBeLessThan(0.8);
    expect(count((r) => r.situacao === 'Vencida' && r.data_venda === null)).toBeGreaterThan(300);
    expect(count((r) => r.situacao === 'Distrato')).toBeGreaterThan(50);
    expect(count((r) => r.ativo === 'N')).toBeGreaterThan(50);
    expect(count((r) => r.situacao === 'Reservada' || r.situacao === 'Em análise')).toBeGreaterThan(5);
    // A few years of history ending on the reference day.
    const saleDates = reservas.filter((r) => r.data_venda).map((r) => String(r.data_venda)).sort();
    expect(saleDates[0] < '2023-06-30').toBe(true);
    expect(saleDates.at(-1)! <= `${REFERENCE_DAY} 23:59:59`).toBe(true);
    const years = new Set(saleDates.map((d) => d.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
    for (const path of PATHS) {
      for (const row of clean.rows(path)) expect(String(row.referencia_data) <= `${REFERENCE_DAY} 23:59:59`, path).toBe(true);
    }
  });

  it('spells the fields exactly as the reference lists them', () => {
    const exact: Array<[string, string]> = [['reservas', RESERVAS], ['vendas', VENDAS], ['comissoes', COMISSOES], ['reservas/condicoes', CONDICOES],
      ['repasses', REPASSES], ['unidades', UNIDADES], ['distratos', DISTRATOS], ['atendimentos', ATENDIMENTOS]];
    for (const sim of [clean, dirty]) {
      for (const [path, fields] of exact) {
        for (const row of sim.rows(path).slice(0, 50)) expect(Object.keys(row), path).toEqual(fields.split(' '));
      }
      for (const row of sim.rows('comissoes/pagamentos').slice(0, 50)) expect(Object.keys(row)).toEqual(PAGAMENTOS.split(' '));
      for (const [path, fields] of [['corretores', CORRETORES_SOME], ['imobiliarias', IMOBILIARIAS_SOME]]) {
        for (const row of sim.rows(path).slice(0, 50)) expect(Object.keys(row), path).toEqual(expect.arrayContaining(fields.split(' ')));
      }
    }
    // Commissions carry names only, no broker or agency ids.
    expect(Object.keys(clean.rows('comissoes')[0])).not.toContain('idcorretor');
  });

  it('keeps every sale consistent across /reservas, /vendas, /reservas/condicoes, /comissoes and /repasses', () => {
    const reservas = clean.rows('reservas');
    const sales = reservas.filter((r) => r.ativo === 'S' && r.data_venda !== null);
    const vendas = byKey(clean.rows('vendas'), 'referencia');
    const condicoes = byKey(clean.rows('reservas/condicoes'), 'idreserva');
    const comissoes = byKey(clean.rows('comissoes'), 'idreserva');
    const repasses = byKey(clean.rows('repasses'), 'idreserva');
    expect(vendas.size).toBe(sales.length);
    const seriesNames = new Set<string>();
    for (const sale of sales) {
      const id = String(sale.idreserva);
      expect(sale.referencia).toBe(id);
      expect(sale.venda).toBe('Sim');
      const venda = vendas.get(id)?.[0];
      expect(venda, `venda of ${id}`).toBeDefined();
      expect(venda!.referencia_data).toBe(sale.data_venda);
      expect(venda!.data_venda).toBe(sale.data_venda);
      expect(venda!.valor_contrato).toBe(sale.valor_contrato);
      expect(venda!.idcorretor).toBe(sale.idcorretor);
      expect(venda!.idunidade).toBe(sale.idunidade);

      const series = condicoes.get(id) ?? [];
      expect(series.length).toBeGreaterThanOrEqual(2);
      expect(series.length).toBeLessThanOrEqual(5);
      let total = 0;
      const bySerie: Record<string, number> = {};
      for (const s of series) {
        expect(Number.isInteger(s.parcela_quantidade) && (s.parcela_quantidade as number) >= 1).toBe(true);
        expect(cents(s.valor) / 100).toBe(s.valor);
        const part = cents(s.valor) * (s.parcela_quantidade as number);
        total += part;
        bySerie[String(s.serie)] = (bySerie[String(s.serie)] ?? 0) + part;
        seriesNames.add(String(s.serie));
      }
      expect(total, `conditions of ${id}`).toBe(cents(sale.valor_contrato));
      expect(bySerie.FINANCIAMENTO ?? 0).toBe(cents(sale.valor_financiamento));
      expect(bySerie.FGTS ?? 0).toBe(cents(sale.valor_fgts));
      expect(bySerie['SUBSÍDIO'] ?? 0).toBe(cents(sale.valor_subsidio));
      expect((bySerie.ENTRADA ?? 0) + (bySerie.Ato ?? 0)).toBeGreaterThan(0);

      const commissions = comissoes.get(id) ?? [];
      expect(commissions.length).toBeGreaterThanOrEqual(1);
      expect(commissions.length).toBeLessThanOrEqual(2);
      expect(commissions[0].corretor).toBe(sale.corretor);
      expect(commissions[0].porcentagem_comissao as number).toBeGreaterThanOrEqual(4);
      expect(commissions[0].porcentagem_comissao as number).toBeLessThanOrEqual(6);
      for (const c of commissions) {
        expect(c.valor_contrato).toBe(sale.valor_contrato);
        expect(cents(c.valor_comissao)).toBe(Math.round((cents(sale.valor_contrato) * (c.porcentagem_comissao as number)) / 100));
      }

      const financed = cents(sale.valor_financiamento) > 0;
      expect(repasses.has(id)).toBe(financed);
      if (financed) expect(repasses.get(id)![0].valor_financiado).toBe(sale.valor_financiamento);
    }
    expect([...seriesNames].sort()).toEqual(['Ato', 'BALÃO', 'ENTRADA', 'FGTS', 'FINANCIAMENTO', 'PARCELAS MENSAIS', 'SUBSÍDIO'].sort());
    // Only sales have conditions, commissions and repasses.
    const saleIds = new Set(sales.map((s) => String(s.idreserva)));
    for (const id of [...condicoes.keys(), ...comissoes.keys(), ...repasses.keys()]) expect(saleIds.has(id), id).toBe(true);
    // Money is centavo-exact.
    for (const r of reservas) expect(cents(r.valor_contrato) / 100).toBe(r.valor_contrato);
  });

  it('records distratos only for sales, and the reservation and unit follow them', () => {
    const reservas = byKey(clean.rows('reservas'), 'idreserva');
    const distratos = clean.rows('distratos');
    expect(distratos.length).toBeGreaterThan(50);
    for (const d of distratos) {
      const r = reservas.get(String(d.idreserva))![0];
      expect(r.data_venda).not.toBeNull();
      expect(r.situacao).toBe('Distrato');
      expect(r.ativo).toBe('S');
      expect(r.data_cancelamento).toBe(d.situacao_data);
      expect(d.referencia_data).toBe(d.situacao_data);
      expect(String(d.situacao_data) > String(r.data_venda)).toBe(true);
      expect(d.valor_contrato).toBe(r.valor_contrato);
    }
    const distratoIds = new Set(distratos.map((d) => String(d.idreserva)));
    for (const [id, [r]] of reservas) expect(r.situacao === 'Distrato', id).toBe(distratoIds.has(id));
  });

  it('sells a unit at most once at a time, only after its launch, and shows its current status', () => {
    const units = byKey(clean.rows('unidades'), 'idunidade');
    const reservas = clean.rows('reservas');
    const byUnit = byKey(reservas, 'idunidade');
    const statuses = new Set<string>();
    let resold = 0;
    for (const [id, [unit]] of units) {
      const launch = String(unit.liberar_a_partir);
      const list = (byUnit.get(id) ?? []).slice().sort((a, b) => String(a.data_cad).localeCompare(String(b.data_cad)));
      // Reservations never overlap: each ends (expiry, cancellation, distrato) before the next starts.
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const end = prev.situacao === 'Vencida' ? prev.vencimento : prev.data_cancelamento;
        expect(end, `unit ${id} reservation ${String(prev.idreserva)}`).not.toBeNull();
        expect(String(end) <= String(list[i].data_cad), `unit ${id}`).toBe(true);
      }
      const sales = list.filter((r) => r.data_venda !== null);
      if (sales.filter((s) => s.situacao === 'Distrato').length > 0 && sales.length > 1) resold++;
      for (const s of list) expect(String(s.data_cad).slice(0, 10) >= launch, `unit ${id}`).toBe(true);
      const current = list.at(-1);
      const sold = current !== undefined && current.situacao === 'Vendida';
      const reserved = current !== undefined && (current.situacao === 'Reservada' || current.situacao === 'Em análise');
      // The unit points at the reservation holding it.
      expect(unit.situacao_vendida, `unit ${id}`).toBe(sold ? current.idreserva : null);
      expect(unit.situacao_reservada, `unit ${id}`).toBe(reserved ? current.idreserva : null);
      expect(unit.situacao_para_venda, `unit ${id}`).toBe(!sold && !reserved && unit.situacao_bloqueada === 'N' ? 1 : 0);
      expect(unit.situacao_mapa_disponibilidade, `unit ${id}`).toBe(sold ? 3 : reserved ? 2 : unit.situacao_bloqueada === 'S' ? 4 : 1);
      if (unit.situacao_bloqueada === 'S') expect(list).toHaveLength(0);
      statuses.add(String(unit.situacao_nome));
    }
    expect([...statuses].sort()).toEqual(['Bloqueada', 'Disponível', 'Reservada', 'Vendida']);
    expect(resold).toBeGreaterThan(0);
    for (const r of reservas) expect(units.has(String(r.idunidade))).toBe(true);
  });

  it('launches developments in stages with blocks, typologies and table prices', () => {
    const units = clean.rows('unidades');
    const devs = byKey(units, 'idempreendimento');
    expect(devs.size).toBeGreaterThan(5);
    const staged = [...devs.values()].filter((list) => new Set(list.map((u) => u.idetapa)).size > 1);
    expect(staged.length).toBeGreaterThan(0);
    for (const list of staged) {
      const launches = byKey(list, 'idetapa');
      const dates = new Set([...launches.values()].map((l) => l[0].liberar_a_partir));
      expect(dates.size).toBe(launches.size);
    }
    expect(new Set(units.map((u) => u.tipologia)).size).toBeGreaterThan(3);
    expect(new Set(units.map((u) => u.idbloco)).size).toBeGreaterThan(devs.size);
    for (const u of units) {
      expect(typeof u.valor).toBe('number');
      expect(u.valor as number).toBeGreaterThan(50_000);
      expect(String(u.liberar_a_partir)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('ties brokers to agencies consistently', () => {
    const corretores = byKey(clean.rows('corretores'), 'idcorretor');
    const imobiliarias = byKey(clean.rows('imobiliarias'), 'idimobiliaria');
    for (const r of clean.rows('reservas')) {
      const broker = corretores.get(String(r.idcorretor))?.[0];
      expect(broker, String(r.idcorretor)).toBeDefined();
      expect(broker!.nome).toBe(r.corretor);
      expect(broker!.idimobiliaria).toBe(r.idimobiliaria);
      expect(imobiliarias.get(String(r.idimobiliaria))![0].nome).toBe(r.imobiliaria);
    }
    expect(imobiliarias.size).toBeGreaterThanOrEqual(10);
    expect(corretores.size).toBeGreaterThanOrEqual(40);
  });

  it('adds the captured dirt only when dirt is on, over the same data', () => {
    const all = (sim: CvdwSim) => PATHS.flatMap((p) => sim.rows(p));
    const json = (sim: CvdwSim) => JSON.stringify(all(sim));
    const cleanJson = json(clean);
    expect(cleanJson).not.toContain(ZERO);
    expect(cleanJson).not.toContain('&amp;');
    for (const row of all(clean)) {
      expect(row.referencia_data).not.toBeNull();
      expect(typeof row.referencia).toBe('string');
    }
    const dirtyRows = all(dirty);
    const dirtyJson = JSON.stringify(dirtyRows);
    expect(dirtyJson).toContain(ZERO);
    expect(dirtyJson).toContain('&amp;');
    expect(dirtyRows.some((r) => r.referencia_data === null)).toBe(true);
    expect(dirty.rows('reservas').some((r) => r.data_cad === ZERO)).toBe(true);
    expect(dirty.rows('reservas').some((r) => typeof r.idcorretor === 'string')).toBe(true);
    expect(dirty.rows('reservas').some((r) => /^\d+, \d+$/.test(String(r.idlead)))).toBe(true);
    expect(dirty.rows('reservas').every((r) => ['Sim', 'Não', 'S', 'N'].includes(String(r.aprovada)))).toBe(true);
    const unit = dirty.rows('unidades')[0];
    expect(typeof unit.referencia).toBe('number');
    expect(unit.valor).toMatch(/^\d+\.\d{2}$/);
    expect(unit.area_privativa).toMatch(/^\d+\.\d{2}$/);
    expect(unit.liberar_a_partir).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // Same tenant underneath: same rows, same sales, same money.
    const sum = (sim: CvdwSim) => sim.rows('vendas').reduce((s, r) => s + cents(r.valor_contrato), 0);
    expect(dirty.rows('reservas')).toHaveLength(clean.rows('reservas').length);
    expect(sum(dirty)).toBe(sum(clean));
  });
});
