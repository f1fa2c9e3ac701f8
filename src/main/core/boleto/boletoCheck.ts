import { checkLine, findLine } from './boletoLine';
import { formatCpf } from './cpf';
import { monthOfDay, MONTHS, parseMonth } from './months';
import { pdfText } from './pdfText';

export interface ExpectedBoleto {
  cpf: string;
  /** The due date shown in the portal's grid row, when known ('YYYY-MM-DD'). */
  gridDueDate: string | null;
  /** Today in São Paulo, for the due-date factor window. */
  today: string;
  /** Which month names the file: the reference month printed on the boleto, or its due date's month. */
  monthFrom: 'competencia' | 'vencimento';
}

export interface VerifiedBoleto {
  line: string;
  bank: string;
  dueDate: string;
  valueCents: number;
  month: (typeof MONTHS)[number];
  text: string;
}

export type BoletoVerdict = { ok: true; boleto: VerifiedBoleto } | { ok: false; problem: string; text: string | null };

const DATE = /(\d{2})\/(\d{2})\/(\d{4})/;

function labelled(text: string, label: RegExp, value: RegExp): string | null {
  const at = text.search(label);
  if (at < 0) return null;
  const m = value.exec(text.slice(at, at + 200));
  return m ? m[0] : null;
}

/** Every CPF printed in the text: formatted ones anywhere, bare 11-digit ones right after a "CPF" label. */
function cpfsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.])(\d{3})\.(\d{3})\.(\d{3})-(\d{2})(?![\d])/g)) found.add(m.slice(1).join(''));
  for (const m of text.matchAll(/CPF(?:\/CNPJ)?\s*:?\s*(\d{11})(?!\d)/gi)) found.add(m[1]);
  return [...found];
}

function isoOf(ddmmyyyy: string): string {
  const [, d, m, y] = DATE.exec(ddmmyyyy)!;
  return `${y}-${m}-${d}`;
}

function centsOf(money: string): number {
  return Number(money.replace(/[^\d,]/g, '').replace(',', '.')) * 100;
}

/**
 * Checks a downloaded boleto before it is saved (../shared/reference/boleto-and-cpf.md §1.6): it is
 * a PDF that parses, its linha digitável is valid (field DVs and DV geral), the due date decoded from
 * the factor equals the printed "Vencimento" (and the portal row), the value equals "Valor do
 * Documento", and the payer's CPF on the boleto is the CPF that was searched — the guard against a
 * session race delivering another client's boleto.
 */
export async function verifyBoletoPdf(bytes: Uint8Array, expected: ExpectedBoleto): Promise<BoletoVerdict> {
  if (bytes.length < 1024 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    return { ok: false, problem: 'o arquivo recebido não é um PDF de boleto', text: null };
  }
  let text: string;
  try {
    text = await pdfText(bytes);
  } catch (err) {
    return { ok: false, problem: `o PDF não pôde ser lido (${(err as Error).message.split('\n')[0]})`, text: null };
  }
  if (!text) return { ok: false, problem: 'o PDF não tem texto legível (precisa de conferência manual)', text };

  const line = findLine(text);
  if (!line) return { ok: false, problem: 'linha digitável de boleto de cobrança não encontrada no PDF', text };
  const check = checkLine(line, expected.today);
  if (!check.ok) return { ok: false, problem: check.problem, text };
  if (!check.dueDate) return { ok: false, problem: 'o boleto não tem data de vencimento codificada', text };

  const cpfs = cpfsIn(text);
  const others = cpfs.filter((c) => c !== expected.cpf);
  if (!cpfs.includes(expected.cpf) || others.length) {
    return {
      ok: false,
      problem: `o boleto é de outro pagador (CPF no PDF ${others.length ? formatCpf(others[0]) : 'ausente'}, buscado ${formatCpf(expected.cpf)}); nada foi salvo`,
      text,
    };
  }

  const printedDue = labelled(text, /Vencimento/i, DATE);
  if (!printedDue) return { ok: false, problem: 'data de "Vencimento" não encontrada no PDF', text };
  if (isoOf(printedDue) !== check.dueDate) {
    return { ok: false, problem: `o vencimento impresso (${printedDue}) não confere com o código de barras`, text };
  }
  if (expected.gridDueDate && expected.gridDueDate !== check.dueDate) {
    return { ok: false, problem: `o vencimento do PDF não é o da cobrança escolhida no portal`, text };
  }
  const printedValue = labelled(text, /Valor do Documento/i, /\d{1,3}(?:\.\d{3})*,\d{2}/);
  if (!printedValue) return { ok: false, problem: '"Valor do Documento" não encontrado no PDF', text };
  if (Math.round(centsOf(printedValue)) !== check.valueCents) {
    return { ok: false, problem: `o valor impresso (R$ ${printedValue}) não confere com o código de barras`, text };
  }

  let monthNumber = Number(check.dueDate.slice(5, 7));
  if (expected.monthFrom === 'competencia') {
    const reference = labelled(text, /Compet[êe]ncia|Refer[êe]ncia/i, /[A-Za-zçÇ]{3,9}\.?\s*\/\s*\d{4}|\d{1,2}\s*\/\s*\d{4}/);
    const parsed = reference ? parseMonth(reference) : null;
    if (parsed) monthNumber = parsed;
  }
  return {
    ok: true,
    boleto: { line, bank: check.bank, dueDate: check.dueDate, valueCents: check.valueCents, month: MONTHS[monthNumber - 1] ?? monthOfDay(check.dueDate), text },
  };
}
