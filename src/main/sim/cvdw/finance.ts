import { Draws } from '../ploomes/random';
import { type CvdwDataset, S } from './dataset';
import { DAY } from './time';

export interface Series {
  serie: string;
  /** Installments; `valor` × `qty` is the series total, exactly, in centavos. */
  qty: number;
  /** Per installment, centavos. */
  valor: number;
  /** First due date (wall-clock seconds). */
  due: number;
  portador: string;
  indexador: string;
}

export interface Finance {
  idtipovenda: number;
  tipovenda: 'Financiamento' | 'À vista' | 'Direto com a construtora';
  /** Series totals in centavos. */
  financing: number;
  fgts: number;
  subsidy: number;
  bank: string;
  series: Series[];
}

const BANKS = ['Caixa Econômica Federal', 'Banco do Brasil', 'Itaú Unibanco', 'Bradesco', 'Santander'];

/**
 * The payment plan of a reservation: a pure function of the reservation, so /reservas,
 * /reservas/condicoes and /repasses always agree. The series add up to valor_contrato to the centavo.
 */
export function financeOf(data: CvdwDataset, res: number): Finance {
  const d = new Draws(data.seed, S.finance, res);
  const total = data.resValue[res];
  const start = data.resSale[res] || data.resCad[res];
  const dev = data.devs[data.unitDev[data.resUnit[res]]];
  const roll = d.unit();
  const kind = roll < 0.7 ? 'Financiamento' : roll < 0.8 ? 'À vista' : 'Direto com a construtora';
  const bank = d.pick(BANKS);
  let financing = 0;
  let fgts = 0;
  let subsidy = 0;
  if (kind === 'Financiamento') {
    financing = Math.round(total * (0.55 + d.unit() * 0.25));
    if (d.chance(0.4)) fgts = Math.round(total * (0.02 + d.unit() * 0.06));
    if (total < 35_000_000 && d.chance(0.35)) subsidy = Math.round(total * (0.01 + d.unit() * 0.04));
  }
  let rest = total - financing - fgts - subsidy;
  const series: Series[] = [];
  const plain = { portador: 'Construtora', indexador: 'INCC' };
  const extra: Series[] = [];
  const monthly = kind !== 'Financiamento' || d.chance(0.7);
  if (monthly) {
    const qty = kind === 'À vista' ? d.int(1, 3) : d.int(12, 60);
    const per = Math.floor((rest * (kind === 'À vista' ? 0.7 : 0.3 + d.unit() * 0.3)) / qty);
    if (per > 0) {
      extra.push({ serie: 'PARCELAS MENSAIS', qty, valor: per, due: start + 30 * DAY, ...plain });
      rest -= per * qty;
    }
  }
  const slots = 5 - 1 - (financing ? 1 : 0) - (fgts ? 1 : 0) - (subsidy ? 1 : 0) - extra.length;
  if (kind !== 'À vista' && slots > 0 && d.chance(0.35)) {
    const qty = d.int(1, 4);
    const per = Math.floor((rest * (0.15 + d.unit() * 0.15)) / qty);
    if (per > 0) {
      extra.push({ serie: 'BALÃO', qty, valor: per, due: start + 180 * DAY, ...plain });
      rest -= per * qty;
    }
  }
  series.push({ serie: dev.downPaymentName, qty: 1, valor: rest, due: start, portador: 'Construtora', indexador: 'Sem indexador' });
  if (financing) series.push({ serie: 'FINANCIAMENTO', qty: 1, valor: financing, due: start + d.int(45, 120) * DAY, portador: bank, indexador: 'TR' });
  if (fgts) series.push({ serie: 'FGTS', qty: 1, valor: fgts, due: start + d.int(45, 120) * DAY, portador: bank, indexador: 'Sem indexador' });
  if (subsidy) series.push({ serie: 'SUBSÍDIO', qty: 1, valor: subsidy, due: start + d.int(45, 120) * DAY, portador: bank, indexador: 'Sem indexador' });
  series.push(...extra);
  const idtipovenda = kind === 'Financiamento' ? 2 : kind === 'À vista' ? 1 : 3;
  return { idtipovenda, tipovenda: kind, financing, fgts, subsidy, bank, series };
}
