import { sql } from '../sql';

/**
 * CVDW (CV CRM data warehouse) mirror: one table per endpoint, keyed by the source's `referencia`
 * (TEXT: some endpoints send it as a number, sub-row tables as "193_30").
 *
 * Conventions, so the KPI SQL never has to clean anything:
 * - `referencia_data` is `YYYY-MM-DD HH:MM:SS` or NULL (the source's zero dates become NULL);
 * - `active` is 1 unless the source soft-deleted the row (`ativo = 'N'`); such rows are kept;
 * - money is INTEGER centavos in `*_cents`; ids are INTEGER; yes/no flags are 0/1;
 * - business dates (sale, cancellation, payment, delivery, launch) are `YYYY-MM-DD`; moments
 *   (`data_cad`, `*_vencimento` of a reservation status, `data_situacao`…) are `YYYY-MM-DD HH:MM:SS`;
 * - text has its HTML entities decoded; `raw` is the record exactly as the API sent it.
 * `seen_scan` marks the rows met by the latest scan (the generic mirror writer keeps it).
 */
export default {
  version: 4,
  name: 'cvdw',
  sql: sql`
    -- /reservas: a sale is a row with active = 1 and data_venda set (docs/KPIS.md).
    CREATE TABLE cvdw_reservations (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idreserva INTEGER,
      data_cad TEXT,
      data_venda TEXT,
      data_contrato TEXT,
      data_cancelamento TEXT,
      situacao TEXT,
      idsituacao INTEGER,
      situacao_comercial TEXT,
      idempreendimento INTEGER,
      empreendimento TEXT,
      etapa TEXT,
      bloco TEXT,
      unidade TEXT,
      idunidade INTEGER,
      regiao TEXT,
      idcliente INTEGER,
      cliente TEXT,
      documento_cliente TEXT,
      idcorretor INTEGER,
      corretor TEXT,
      idimobiliaria INTEGER,
      imobiliaria TEXT,
      valor_contrato_cents INTEGER,
      valor_proposta_cents INTEGER,
      vgv_tabela_cents INTEGER,
      valor_financiamento_cents INTEGER,
      valor_fgts_cents INTEGER,
      valor_subsidio_cents INTEGER,
      idtipovenda INTEGER,
      tipovenda TEXT,
      aprovada INTEGER,
      venda INTEGER,
      cessao INTEGER,
      motivo_cancelamento TEXT,
      idmidia INTEGER,
      midia TEXT,
      -- Comma-separated lead ids, normalised to "1,2" (the source sends "1,2" or "1, 2").
      idlead TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_reservations_by_sale_day ON cvdw_reservations
      (data_venda, active, valor_contrato_cents, vgv_tabela_cents, idempreendimento, idcorretor, idimobiliaria, idreserva);
    CREATE INDEX cvdw_reservations_by_development ON cvdw_reservations (idempreendimento, data_venda);
    CREATE INDEX cvdw_reservations_by_broker ON cvdw_reservations (idcorretor, data_venda);
    CREATE INDEX cvdw_reservations_by_agency ON cvdw_reservations (idimobiliaria, data_venda);
    CREATE INDEX cvdw_reservations_by_id ON cvdw_reservations (idreserva);
    CREATE INDEX cvdw_reservations_by_unit ON cvdw_reservations (idunidade, data_venda);

    -- /reservas/condicoes: payment series (ENTRADA, Ato, FINANCIAMENTO, FGTS…) of a reservation;
    -- valor is per installment, total_cents = valor × parcela_quantidade.
    CREATE TABLE cvdw_reservation_conditions (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idreservascondicoes INTEGER,
      idreserva INTEGER,
      serie TEXT,
      parcela_quantidade INTEGER,
      valor_cents INTEGER,
      total_cents INTEGER,
      valor_com_juros_cents INTEGER,
      vencimento TEXT,
      portador TEXT,
      indexador TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_reservation_conditions_by_reservation ON cvdw_reservation_conditions (idreserva, serie, total_cents);

    -- /vendas: one row per sale (referencia = idreserva).
    CREATE TABLE cvdw_sales (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idreserva INTEGER,
      data_reserva TEXT,
      data_venda TEXT,
      aprovada INTEGER,
      valor_contrato_cents INTEGER,
      idcliente INTEGER,
      cliente TEXT,
      documento_cliente TEXT,
      idcorretor INTEGER,
      corretor TEXT,
      idimobiliaria INTEGER,
      imobiliaria TEXT,
      idempreendimento INTEGER,
      empreendimento TEXT,
      regiao TEXT,
      etapa TEXT,
      bloco TEXT,
      idunidade INTEGER,
      unidade TEXT,
      area_privativa REAL,
      idtipovenda INTEGER,
      tipovenda TEXT,
      idmidia INTEGER,
      midia TEXT,
      idlead TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_sales_by_sale_day ON cvdw_sales (data_venda, idempreendimento, idcorretor);
    CREATE INDEX cvdw_sales_by_reservation ON cvdw_sales (idreserva);

    -- /distratos: cancellations of sales; situacao_data is the day the distrato took effect.
    CREATE TABLE cvdw_cancellations (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idreserva INTEGER,
      aprovada INTEGER,
      venda INTEGER,
      data_cad TEXT,
      situacao_data TEXT,
      situacao_atual TEXT,
      idsituacao INTEGER,
      idempreendimento INTEGER,
      empreendimento TEXT,
      etapa TEXT,
      bloco TEXT,
      idunidade INTEGER,
      unidade TEXT,
      idcliente INTEGER,
      documento TEXT,
      cliente TEXT,
      idcorretor INTEGER,
      corretor TEXT,
      idimobiliaria INTEGER,
      imobiliaria TEXT,
      motivo_distrato TEXT,
      descricao_motivo_distrato TEXT,
      valor_contrato_cents INTEGER,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_cancellations_by_reservation ON cvdw_cancellations (idreserva, situacao_data);
    CREATE INDEX cvdw_cancellations_by_day ON cvdw_cancellations (situacao_data);

    -- /comissoes: names only (no broker/agency ids); join by idreserva.
    CREATE TABLE cvdw_commissions (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idcomissao INTEGER,
      idreserva INTEGER,
      idsituacao INTEGER,
      situacao TEXT,
      corretor TEXT,
      imobiliaria TEXT,
      empreendimento TEXT,
      etapa TEXT,
      bloco TEXT,
      unidade TEXT,
      cliente TEXT,
      valor_contrato_cents INTEGER,
      porcentagem_comissao REAL,
      valor_comissao_cents INTEGER,
      valor_comissao_apagar_cents INTEGER,
      valor_pagamento_cents INTEGER,
      nota_fiscal TEXT,
      data_pagamento TEXT,
      data_cad TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_commissions_by_reservation ON cvdw_commissions (idreserva, valor_comissao_cents);
    CREATE INDEX cvdw_commissions_by_broker ON cvdw_commissions (corretor);

    -- /repasses: hand-over of financed sales to the bank.
    CREATE TABLE cvdw_transfers (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idrepasse INTEGER,
      idreserva INTEGER,
      idsituacao INTEGER,
      situacao TEXT,
      idempreendimento INTEGER,
      empreendimento TEXT,
      etapa TEXT,
      bloco TEXT,
      idunidade INTEGER,
      unidade TEXT,
      idcliente INTEGER,
      cliente TEXT,
      documento_cliente TEXT,
      valor_previsto_cents INTEGER,
      valor_financiado_cents INTEGER,
      valor_fgts_cents INTEGER,
      valor_subsidio_cents INTEGER,
      saldo_devedor_cents INTEGER,
      valor_divida_cents INTEGER,
      banco TEXT,
      agencia TEXT,
      correspondente TEXT,
      numero_contrato TEXT,
      data_venda TEXT,
      data_registro TEXT,
      data_assinatura_de_contrato TEXT,
      data_recurso_liberado TEXT,
      data_contrato_contabilizado TEXT,
      data_alteracao_status TEXT,
      data_cadastro TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_transfers_by_reservation ON cvdw_transfers (idreserva);

    -- /unidades: the source declares no ativo (active stays 1). situacao_reservada and
    -- situacao_vendida are non-zero when the unit is reserved / sold: the vendor documents the id
    -- of the holding reservation, other tenants send "S"/"N" (stored 1/0).
    -- situacao_mapa_disponibilidade: 1 disponível, 2 reservada, 3 vendida, 4 bloqueada, 5 em reserva.
    CREATE TABLE cvdw_units (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idunidade INTEGER,
      idempreendimento INTEGER,
      nome_empreendimento TEXT,
      idtipo_empreendimento INTEGER,
      tipo_empreendimento TEXT,
      idetapa INTEGER,
      etapa TEXT,
      idbloco INTEGER,
      bloco TEXT,
      nome TEXT,
      andar TEXT,
      tipologia TEXT,
      tipo TEXT,
      valor_cents INTEGER,
      valor_avaliacao_cents INTEGER,
      area_privativa REAL,
      area_comum REAL,
      vagas_garagem INTEGER,
      data_bloqueio TEXT,
      data_entrega TEXT,
      data_entrega_chaves TEXT,
      agendar_a_partir TEXT,
      -- The unit's launch day (when it was released for sale).
      liberar_a_partir TEXT,
      situacao_reservada INTEGER,
      situacao_reservada_idsituacao INTEGER,
      situacao_reservada_nomesituacao TEXT,
      situacao_reservada_vencimento TEXT,
      situacao_vendida INTEGER,
      situacao_vendida_idsituacao INTEGER,
      situacao_nome TEXT,
      situacao_bloqueada INTEGER,
      situacao_bloqueada_motivo TEXT,
      situacao_bloqueados_internos INTEGER,
      situacao_tipo_id INTEGER,
      situacao_tipo_nome TEXT,
      situacao_para_venda INTEGER,
      situacao_mapa_disponibilidade INTEGER,
      situacao_possui_reserva_solicitacao_distrato INTEGER,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_units_by_development ON cvdw_units (idempreendimento, liberar_a_partir);
    CREATE INDEX cvdw_units_by_id ON cvdw_units (idunidade);
    CREATE INDEX cvdw_units_by_typology ON cvdw_units (tipologia);

    -- /atendimentos: customer-service tickets.
    CREATE TABLE cvdw_service_tickets (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      idatendimento INTEGER,
      protocolo TEXT,
      data_cad TEXT,
      data_situacao TEXT,
      previsao_conclusao TEXT,
      prioridade TEXT,
      idcanal INTEGER,
      canal TEXT,
      idsituacao INTEGER,
      situacao TEXT,
      assunto TEXT,
      subassunto TEXT,
      classificacao TEXT,
      tipo TEXT,
      idempreendimento INTEGER,
      empreendimento TEXT,
      idunidade INTEGER,
      unidade TEXT,
      idcliente INTEGER,
      cliente TEXT,
      idcorretor INTEGER,
      corretor TEXT,
      idimobiliaria INTEGER,
      imobiliaria TEXT,
      idresponsavel INTEGER,
      responsavel TEXT,
      encerrado_primeiro_contato INTEGER,
      quantidade_mensagens INTEGER,
      quantidade_interacoes INTEGER,
      origem TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_service_tickets_by_day ON cvdw_service_tickets (data_cad);
    CREATE INDEX cvdw_service_tickets_by_development ON cvdw_service_tickets (idempreendimento, data_cad);

    -- /corretores: brokers; the agency (imobiliária) is the broker's team.
    CREATE TABLE cvdw_brokers (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      ativo_login INTEGER,
      idcorretor INTEGER,
      idimobiliaria INTEGER,
      nome TEXT,
      apelido TEXT,
      imobiliaria TEXT,
      documento TEXT,
      email TEXT,
      creci TEXT,
      categoria TEXT,
      nivel TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_brokers_by_id ON cvdw_brokers (idcorretor);
    CREATE INDEX cvdw_brokers_by_agency ON cvdw_brokers (idimobiliaria);

    -- /imobiliarias: agencies (broker teams).
    CREATE TABLE cvdw_agencies (
      referencia TEXT PRIMARY KEY,
      referencia_data TEXT,
      active INTEGER NOT NULL,
      ativo_painel INTEGER,
      idimobiliaria INTEGER,
      nome TEXT,
      razao_social TEXT,
      cnpj TEXT,
      sigla TEXT,
      codigointerno TEXT,
      data_cad TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX cvdw_agencies_by_id ON cvdw_agencies (idimobiliaria);

    -- CVDW has no developments endpoint: one row per development met in the units or reservations.
    -- launch_day = the earliest unit launch (liberar_a_partir), first_reservation_day its fallback.
    CREATE VIEW cvdw_developments AS
    SELECT
      ids.idempreendimento AS idempreendimento,
      COALESCE(
        (SELECT MAX(u.nome_empreendimento) FROM cvdw_units u WHERE u.idempreendimento = ids.idempreendimento),
        (SELECT MAX(r.empreendimento) FROM cvdw_reservations r WHERE r.idempreendimento = ids.idempreendimento)
      ) AS nome,
      (SELECT COUNT(*) FROM cvdw_units u WHERE u.idempreendimento = ids.idempreendimento AND u.active = 1) AS units,
      (SELECT COUNT(DISTINCT u.idetapa) FROM cvdw_units u WHERE u.idempreendimento = ids.idempreendimento) AS stages,
      (SELECT COUNT(DISTINCT u.idbloco) FROM cvdw_units u WHERE u.idempreendimento = ids.idempreendimento) AS blocks,
      (SELECT MIN(u.liberar_a_partir) FROM cvdw_units u WHERE u.idempreendimento = ids.idempreendimento) AS launch_day,
      (SELECT MIN(substr(r.data_cad, 1, 10)) FROM cvdw_reservations r WHERE r.idempreendimento = ids.idempreendimento) AS first_reservation_day
    FROM (
      SELECT idempreendimento FROM cvdw_units WHERE idempreendimento IS NOT NULL
      UNION
      SELECT idempreendimento FROM cvdw_reservations WHERE idempreendimento IS NOT NULL
    ) ids;

    -- CVDW has no typologies endpoint: the units' tipologia per development.
    CREATE VIEW cvdw_typologies AS
    SELECT
      u.idempreendimento AS idempreendimento,
      MAX(u.nome_empreendimento) AS nome_empreendimento,
      COALESCE(u.tipologia, '') AS tipologia,
      MAX(u.tipo) AS tipo,
      COUNT(*) AS units,
      SUM(CASE WHEN u.situacao_mapa_disponibilidade = 1 THEN 1 ELSE 0 END) AS units_available,
      CAST(ROUND(AVG(u.valor_cents)) AS INTEGER) AS avg_valor_cents,
      MIN(u.valor_cents) AS min_valor_cents,
      MAX(u.valor_cents) AS max_valor_cents,
      AVG(u.area_privativa) AS avg_area_privativa
    FROM cvdw_units u
    WHERE u.active = 1
    GROUP BY u.idempreendimento, COALESCE(u.tipologia, '');
  `,
};
