import { sql } from '../sql';

/**
 * Covering (partial) indexes for the realestate KPI area (src/main/core/kpi/realestate/salesModel.ts).
 * The model reads every sale with its series, commissions, distrato and unit once after each sync;
 * the mirror rows carry their raw JSON (kilobytes each), so reading them from the tables means one
 * random page per row — about 15 s for 200k reservations. From these indexes the same read is a
 * sequential walk of compact entries.
 */
export default {
  version: 6,
  name: 'realestate',
  sql: sql`
    CREATE INDEX cvdw_reservations_sale_facts ON cvdw_reservations (
      data_venda, idreserva, referencia, idempreendimento, empreendimento, idunidade, bloco, unidade,
      idcorretor, corretor, idimobiliaria, imobiliaria, cliente, valor_contrato_cents, vgv_tabela_cents,
      valor_financiamento_cents, valor_fgts_cents, valor_subsidio_cents
    ) WHERE active = 1 AND data_venda IS NOT NULL;

    CREATE INDEX cvdw_reservations_first_day ON cvdw_reservations (idempreendimento, data_cad);

    CREATE INDEX cvdw_reservation_conditions_series ON cvdw_reservation_conditions (idreserva, serie, total_cents, valor_cents, parcela_quantidade)
      WHERE active = 1 AND idreserva IS NOT NULL;

    CREATE INDEX cvdw_commissions_sale ON cvdw_commissions (idreserva, valor_comissao_cents, active)
      WHERE active = 1 AND idreserva IS NOT NULL AND valor_comissao_cents IS NOT NULL;

    CREATE INDEX cvdw_cancellations_sale ON cvdw_cancellations (idreserva, situacao_data, data_cad)
      WHERE active = 1 AND idreserva IS NOT NULL;

    CREATE INDEX cvdw_units_stock ON cvdw_units (idunidade, idempreendimento, liberar_a_partir)
      WHERE active = 1 AND idunidade IS NOT NULL;
  `,
};
