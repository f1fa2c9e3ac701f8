import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/database';
import { companyMigrations } from '../../src/main/core/db/migrations';
import { cents, day, decimal, decodeEntities, fixMojibake, flag, flagOrId, idList, integer, moment, referencia, text } from '../../src/main/core/sources/cvdw/normalize';
import { columnsOf, InvalidCvdwRecord, rowOf, STREAMS, type StreamMapping } from '../../src/main/core/sources/cvdw/records';
import { cvdwSource, cvdwUrl, describeCvdwFailure } from '../../src/main/core/sources/cvdw';
import { CVDW_SIM_EMAIL as CORE_EMAIL, CVDW_SIM_TOKEN as CORE_TOKEN } from '../../src/main/core/sources/cvdw/constants';
import { CVDW_SIM_EMAIL, CVDW_SIM_TOKEN } from '../../src/main/sim/cvdw';

const mapping = (name: string): StreamMapping => STREAMS.find((s) => s.name === name)!;
const asObject = (m: StreamMapping, row: unknown[]) => Object.fromEntries(columnsOf(m).map((c, i) => [c, row[i]]));

/** The reference's /reservas example (§9), shape real, values invented. */
const RESERVA = {
  referencia: '12414', referencia_data: '2024-09-18 10:15:26', ativo: 'S', idreserva: 12414, data_cad: '2024-03-31 09:15:54',
  aprovada: 'Sim', data_venda: '2024-09-18 00:00:00', situacao: 'Vendida', idsituacao: 3, situacao_comercial: 'Pre-vendas',
  idempreendimento: 589, empreendimento: 'Residencial Exemplo', etapa: 'Etapa 1', bloco: 'Bloco A', unidade: '101', idunidade: 232,
  regiao: 'Sul', venda: 'Sim', idcliente: 30491, documento_cliente: '00000000000', cliente: 'NOME DO CLIENTE', idcorretor: 274,
  corretor: 'NOME DO CORRETOR', idimobiliaria: 12, imobiliaria: 'IMOBILIÁRIA X', valor_contrato: 350000.5, data_cancelamento: null,
  cessao: 'Não', motivo_cancelamento: null, idlead: '168523,4322', valor_fgts: 0, valor_financiamento: 250000, valor_subsidio: 0,
  idmidia: 2, midia: 'Instagram', data_contrato: '2024-09-20', valor_proposta: 350000.5, vgv_tabela: 360000, idtipovenda: 2,
  tipovenda: 'Financiamento', campos_adicionais: [{ referencia: 193, referencia_data: '2023-12-29 16:12:52', idcampo: 312, nome: 'CONTRATO - USO', valor: 'texto livre' }],
};

/** The vendor's /unidades yaml example (S1): numbers as text, dd/mm/yyyy dates, mojibake. */
const UNIDADE = {
  referencia: 1186, referencia_data: '2023-01-15 15:26:15', idempreendimento: 1186, nome_empreendimento: 'Empreendimento X', idetapa: 1186,
  etapa: '1Âª ETAPA', idbloco: 1186, bloco: 'BLOCO 01', nome: '001', area_privativa: '122.00', idunidade: '12345', vagas_garagem: '1',
  andar: '7', area_comum: '33.39', tipologia: '3 suites com terraÃ§o gourmet', tipo: 'Apartamento', valor: '9999.99',
  valor_avaliacao: '497242.40', data_bloqueio: '01/10/2024', data_entrega: '01/01/2023', liberar_a_partir: '01/01/2023',
  situacao_reservada: 123, situacao_vendida: 1332, situacao_vendida_idsituacao: 3, situacao_bloqueada: 'N', situacao_para_venda: 1,
  situacao_mapa_disponibilidade: 1, situacao_possui_reserva_solicitacao_distrato: 'N',
};

describe('CVDW value normalisation', () => {
  it('decodes HTML entities, once or twice escaped, named and numeric', () => {
    expect(decodeEntities('Ltda &amp; Cia')).toBe('Ltda & Cia');
    expect(decodeEntities('Ltda &amp;amp; Cia')).toBe('Ltda & Cia');
    expect(decodeEntities('D&#039;Ávila &#x26; Filhos')).toBe("D'Ávila & Filhos");
    expect(decodeEntities('Imobili&aacute;ria S&atilde;o Jo&atilde;o &ndash; Centro &Ccedil;')).toBe('Imobiliária São João – Centro Ç');
    expect(decodeEntities('5 &lt; 6 &unknown; &#0;')).toBe('5 < 6 &unknown; &#0;');
    expect(text('  Ltda &amp; Cia  ')).toBe('Ltda & Cia');
    expect(text('')).toBeNull();
    expect(text(42)).toBe('42');
  });

  it('repairs UTF-8 read as Latin-1 and leaves real Latin-1 text alone', () => {
    expect(fixMojibake('1Âª ETAPA')).toBe('1ª ETAPA');
    expect(fixMojibake('terraÃ§o gourmet')).toBe('terraço gourmet');
    expect(fixMojibake('Ação Imobiliária')).toBe('Ação Imobiliária');
    expect(fixMojibake('Â')).toBe('Â');
  });

  it('reads every yes/no style as 1/0', () => {
    for (const yes of ['S', 's', 'Sim', 'SIM', 'sim', true, 1, '1']) expect(flag(yes)).toBe(1);
    for (const no of ['N', 'n', 'Não', 'NÃO', 'Nao', 'N&atilde;o', false, 0, '0']) expect(flag(no)).toBe(0);
    for (const unknown of [null, undefined, '', 'talvez', 2]) expect(flag(unknown)).toBeNull();
    expect(flagOrId('S')).toBe(1);
    expect(flagOrId(1332)).toBe(1332);
    expect(flagOrId('N')).toBe(0);
  });

  it('turns every date form into ISO and zero dates into NULL', () => {
    expect(moment('2024-09-18 10:15:26')).toBe('2024-09-18 10:15:26');
    expect(moment('2024-09-18')).toBe('2024-09-18 00:00:00');
    expect(moment('18/09/2024')).toBe('2024-09-18 00:00:00');
    expect(moment('18/09/2024 07:05')).toBe('2024-09-18 07:05:00');
    expect(day('2024-09-18 10:15:26')).toBe('2024-09-18');
    expect(day('01/02/2026')).toBe('2026-02-01');
    expect(day('2024-09-18T10:15:26.000')).toBe('2024-09-18');
    for (const none of ['0000-00-00 00:00:00', '0000-00-00', '00/00/0000', null, '', 'ontem', '2024-02-30', '31/04/2024', 20240918]) {
      expect(moment(none)).toBeNull();
      expect(day(none)).toBeNull();
    }
  });

  it('reads numbers sent as text and money as exact centavos', () => {
    expect(decimal('122.00')).toBe(122);
    expect(decimal('1.234,56')).toBe(1234.56);
    expect(decimal('1,234.56')).toBe(1234.56);
    expect(decimal('33,39')).toBe(33.39);
    expect(decimal('abc')).toBeNull();
    expect(cents(350000.5)).toBe(35000050);
    expect(cents('9999.99')).toBe(999999);
    expect(cents(0.285)).toBe(29);
    expect(cents(1.005)).toBe(101);
    expect(cents(-10.5)).toBe(-1050);
    expect(cents('R$ 1.234,56')).toBe(123456);
    expect(cents(null)).toBeNull();
  });

  it('normalises ids, keys and id lists', () => {
    expect(integer('12345')).toBe(12345);
    expect(integer(12345)).toBe(12345);
    expect(integer(' 7 ')).toBe(7);
    expect(integer('7a')).toBeNull();
    expect(integer(1.5)).toBeNull();
    expect(referencia(9754)).toBe('9754');
    expect(referencia(' 193_30 ')).toBe('193_30');
    expect(referencia('')).toBeNull();
    expect(idList('8757, 211964')).toBe('8757,211964');
    expect(idList('168523,4322')).toBe('168523,4322');
    expect(idList(17)).toBe('17');
    expect(idList(' ')).toBeNull();
  });
});

describe('CVDW records into mirror rows', () => {
  it('maps the reference /reservas example into typed columns and keeps the record as raw', () => {
    const m = mapping('reservas');
    const row = asObject(m, rowOf(m, RESERVA));
    expect(row).toMatchObject({
      referencia: '12414', referencia_data: '2024-09-18 10:15:26', active: 1, idreserva: 12414, data_cad: '2024-03-31 09:15:54',
      data_venda: '2024-09-18', data_contrato: '2024-09-20', data_cancelamento: null, situacao: 'Vendida', idempreendimento: 589,
      valor_contrato_cents: 35000050, valor_proposta_cents: 35000050, vgv_tabela_cents: 36000000, valor_financiamento_cents: 25000000,
      valor_fgts_cents: 0, valor_subsidio_cents: 0, aprovada: 1, venda: 1, cessao: 0, idlead: '168523,4322', imobiliaria: 'IMOBILIÁRIA X',
    });
    expect(JSON.parse(row.raw as string)).toEqual(RESERVA);
  });

  it('maps the vendor /unidades example: text numbers, dd/mm/yyyy, mojibake, no ativo', () => {
    const m = mapping('unidades');
    const row = asObject(m, rowOf(m, UNIDADE));
    expect(row).toMatchObject({
      referencia: '1186', active: 1, idunidade: 12345, etapa: '1ª ETAPA', tipologia: '3 suites com terraço gourmet', area_privativa: 122,
      area_comum: 33.39, vagas_garagem: 1, valor_cents: 999999, valor_avaliacao_cents: 49724240, data_bloqueio: '2024-10-01',
      data_entrega: '2023-01-01', liberar_a_partir: '2023-01-01', situacao_reservada: 123, situacao_vendida: 1332,
      situacao_bloqueada: 0, situacao_para_venda: 1, situacao_mapa_disponibilidade: 1,
    });
  });

  it('keeps soft-deleted rows as inactive and zero change dates as NULL', () => {
    const m = mapping('comissoes');
    const row = asObject(m, rowOf(m, { referencia: 7, referencia_data: '0000-00-00 00:00:00', ativo: 'N', idcomissao: '7', idreserva: 27, valor_comissao: '15000', data_pagamento: '2016-06-12' }));
    expect(row).toMatchObject({ referencia: '7', referencia_data: null, active: 0, idcomissao: 7, idreserva: 27, valor_comissao_cents: 1500000, data_pagamento: '2016-06-12' });
  });

  it('computes a payment series total as installment × count', () => {
    const m = mapping('reservas/condicoes');
    const row = asObject(m, rowOf(m, { referencia: '193_30', referencia_data: '2024-01-02 03:04:05', ativo: 'S', idreservascondicoes: 30, idreserva: 193, serie: 'PARCELAS MENSAIS', parcela_quantidade: '36', valor: '1234.56' }));
    expect(row).toMatchObject({ referencia: '193_30', parcela_quantidade: 36, valor_cents: 123456, total_cents: 123456 * 36 });
    const single = asObject(m, rowOf(m, { referencia: '193_31', ativo: 'S', serie: 'Ato', valor: 5000 }));
    expect(single.total_cents).toBe(500000);
  });

  it('rejects only records without a key', () => {
    const m = mapping('vendas');
    expect(() => rowOf(m, { referencia_data: '2024-01-01 00:00:00' })).toThrow(InvalidCvdwRecord);
    expect(() => rowOf(m, null)).toThrow(InvalidCvdwRecord);
    expect(() => rowOf(m, { referencia: '1', data_venda: 'garbage', valor_contrato: 'n/a' })).not.toThrow();
  });

  it('every stream writes exactly the columns of its mirror table', () => {
    const db = openDatabase(':memory:', companyMigrations);
    for (const m of STREAMS) {
      const columns = (db.prepare(`PRAGMA table_info(${m.table})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(new Set([...columnsOf(m), 'seen_scan'])).toEqual(new Set(columns));
    }
    db.close();
  });
});

describe('CVDW source definition', () => {
  it('accepts a tenant address (https, or http on loopback) and cuts a pasted endpoint back to it', () => {
    expect(cvdwUrl('https://exemplo.cvcrm.com.br/')).toBe('https://exemplo.cvcrm.com.br');
    expect(cvdwUrl('https://exemplo.cvcrm.com.br/api/v1/cvdw/reservas')).toBe('https://exemplo.cvcrm.com.br');
    expect(cvdwUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(() => cvdwUrl('http://exemplo.cvcrm.com.br')).toThrow(/https/);
    expect(() => cvdwUrl('exemplo')).toThrow(/suaempresa\.cvcrm\.com\.br/);
  });

  it('uses the public simulator credentials only on loopback with the simulator e-mail', () => {
    expect(CORE_EMAIL).toBe(CVDW_SIM_EMAIL);
    expect(CORE_TOKEN).toBe(CVDW_SIM_TOKEN);
    expect(cvdwSource.usesPublicCredentials({ url: 'http://127.0.0.1:4000', email: CVDW_SIM_EMAIL })).toBe(true);
    expect(cvdwSource.usesPublicCredentials({ url: 'http://127.0.0.1:4000', email: 'outro@exemplo.com.br' })).toBe(false);
    expect(cvdwSource.usesPublicCredentials({ url: 'https://exemplo.cvcrm.com.br', email: CVDW_SIM_EMAIL })).toBe(false);
  });

  it('puts 401, 405 and HTML 5xx into one pt-BR sentence each', () => {
    const base = { kind: 'status' as const, url: 'https://x.cvcrm.com.br/api/v1/cvdw/reservas?pagina=1', attempts: 1 };
    expect(describeCvdwFailure({ ...base, status: 401, body: '{}' }, 'a@b.com').message).toMatch(/^E-mail ou token do CVDW recusado \(401\): gere um novo token em CV CRM > Configurações > API\/Integrações/);
    const notEnabled = describeCvdwFailure({ ...base, status: 405, body: '' }, 'a@b.com');
    expect(notEnabled.message).toMatch(/não está habilitada.*suporte do CVCRM.*módulo CVDW.*a@b\.com/);
    expect(notEnabled.code).toBe('cvdw-not-enabled');
    expect(describeCvdwFailure({ ...base, status: 502, body: '<html>', html: true, attempts: 4 }, 'a@b.com').message).toMatch(/página de erro \(HTTP 502\) 4 vezes seguidas em \/reservas/);
    expect(describeCvdwFailure({ ...base, status: 400, body: '{"error":"O campo a_partir_data_referencia não é válido","code":400}' }, 'a@b.com').message).toMatch(/a_partir_data_referencia não é válido/);
  });
});
