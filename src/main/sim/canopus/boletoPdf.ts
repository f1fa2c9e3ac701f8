import { formatCpf } from '../../core/boleto/cpf';
import type { BoletoSlip } from './dataset';
import { PdfPage, writePdf } from './pdf';

// The boleto as the portal's print page returns it: one A4 page with the "Recibo do Pagador" on top
// and the "Ficha de Compensação" with the Interleaved 2 of 5 barcode below, each label and value its
// own text run, as report engines write them.

/** The administradora: invented (the real one is not reproduced), CNPJ with valid check digits. */
export const BENEFICIARY = {
  name: 'PLANALTO ADMINISTRADORA DE CONSÓRCIOS LTDA',
  cnpj: formatCnpj(`438172650001${cnpjCheckDigits('438172650001')}`),
  address: 'Av. das Américas, 1.500 - Sala 804 - Barra Funda - São Paulo/SP - CEP 01156-000',
};

const LEFT = 30;
const RIGHT = 565;
const VALUE_COLUMN = 440;

export function boletoPdf(slip: BoletoSlip, emittedOn: string): Buffer {
  const page = new PdfPage();
  const { client, cota, boleto, collection } = slip;
  const due = brDate(boleto.dueDate);
  const value = `R$ ${formatCents(boleto.valueCents)}`;
  const cpf = formatCpf(client.cpf);
  const bankCode = `${collection.bank}-${bankCheck(collection.bank)}`;
  const parcela = boleto.parcela;

  page.text(LEFT, 815, 11, BENEFICIARY.name, 'bold');
  page.text(LEFT, 805, 7, `CNPJ ${BENEFICIARY.cnpj} - ${BENEFICIARY.address}`);

  // Recibo do Pagador. `top` is the top edge of the next row of fields (each 24 pt high).
  let top = bankHeader(page, 782, collection.bankName, bankCode, slip.formattedLine);
  field(page, LEFT, top, 300, 'Beneficiário', `${BENEFICIARY.name} - CNPJ ${BENEFICIARY.cnpj}`, false, 7);
  field(page, 330, top, 110, 'Agência/Código do Beneficiário', slip.beneficiaryCode);
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Vencimento', due, true);
  top -= 24;
  payerInline(page, LEFT, top, 300, client.name, cpf);
  field(page, 330, top, 110, 'Nosso Número', slip.nossoNumero);
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Valor do Documento', value, true);
  top -= 24;
  field(page, LEFT, top, 70, 'Grupo', cota.grupo);
  field(page, 100, top, 60, 'Cota', cota.cota);
  field(page, 160, top, 80, 'Parcela', parcela);
  field(page, 240, top, 90, 'Competência', boleto.competencia);
  field(page, 330, top, 110, 'Número do Documento', slip.documentNumber);
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Data do Documento', brDate(emittedOn));
  top -= 24;
  page.text(LEFT, top - 12, 9, 'Recibo do Pagador', 'bold');
  page.textRight(RIGHT, top - 12, 7, 'Autenticação mecânica');

  page.line(LEFT, 660, RIGHT, 660, 0.5, 3);
  page.text(LEFT, 664, 6, 'Corte na linha pontilhada');

  // Ficha de Compensação
  top = bankHeader(page, 636, collection.bankName, bankCode, slip.formattedLine);
  const bankShortName = collection.bankName.replace(/ S\.A\.$/, '');
  field(page, LEFT, top, VALUE_COLUMN - LEFT, 'Local de Pagamento', `Pagável em qualquer banco até o vencimento. Após o vencimento, somente no ${bankShortName}.`);
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Vencimento', due, true);
  top -= 24;
  field(page, LEFT, top, VALUE_COLUMN - LEFT, 'Beneficiário', `${BENEFICIARY.name} - CNPJ ${BENEFICIARY.cnpj}`);
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Agência/Código do Beneficiário', slip.beneficiaryCode, true);
  top -= 24;
  field(page, LEFT, top, 75, 'Data do Documento', brDate(emittedOn));
  field(page, 105, top, 105, 'Número do Documento', slip.documentNumber);
  field(page, 210, top, 55, 'Espécie Doc.', 'DS');
  field(page, 265, top, 40, 'Aceite', 'N');
  field(page, 305, top, VALUE_COLUMN - 305, 'Data Processamento', brDate(emittedOn));
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, 'Nosso Número', slip.nossoNumero, true);
  top -= 24;
  field(page, LEFT, top, 75, 'Uso do Banco', '');
  field(page, 105, top, 60, 'Carteira', collection.carteira);
  field(page, 165, top, 45, 'Espécie', 'R$');
  field(page, 210, top, 95, 'Quantidade', '');
  field(page, 305, top, VALUE_COLUMN - 305, 'Valor', '');
  field(page, VALUE_COLUMN, top, RIGHT - VALUE_COLUMN, '(=) Valor do Documento', value, true);
  top -= 24;

  const instructionsTop = top;
  const labels = ['(-) Desconto/Abatimento', '(-) Outras Deduções', '(+) Mora/Multa', '(+) Outros Acréscimos', '(=) Valor Cobrado'];
  for (const label of labels) {
    page.box(VALUE_COLUMN, top - 20, RIGHT - VALUE_COLUMN, 20);
    page.text(VALUE_COLUMN + 2, top - 7, 5.5, label);
    top -= 20;
  }
  page.box(LEFT, top, VALUE_COLUMN - LEFT, instructionsTop - top);
  page.text(LEFT + 2, instructionsTop - 7, 5.5, 'Instruções (texto de responsabilidade do beneficiário)');
  const instructions = [
    `Consórcio - Grupo ${cota.grupo} - Cota ${cota.cota} - Parcela ${parcela} - Competência ${boleto.competencia}`,
    'Após o vencimento cobrar multa de 2,00% e juros de 0,033% ao dia.',
    'Não receber após 30 dias do vencimento.',
    'Em caso de dúvidas, procure o seu consultor ou a central de atendimento.',
  ];
  instructions.forEach((line, i) => page.text(LEFT + 4, instructionsTop - 20 - i * 11, 7.5, line));

  page.box(LEFT, top - 36, RIGHT - LEFT, 36);
  page.text(LEFT + 2, top - 7, 5.5, 'Pagador');
  page.text(LEFT + 4, top - 18, 8.5, client.name, 'bold');
  page.text(LEFT + 300, top - 18, 7, 'CPF/CNPJ:');
  page.text(LEFT + 336, top - 18, 8.5, cpf);
  page.text(LEFT + 4, top - 30, 7, `Grupo/Cota: ${cota.grupo}/${cota.cota}`);
  page.text(LEFT + 300, top - 30, 5.5, 'Sacador/Avalista');
  top -= 36;

  page.text(LEFT + 300, top - 12, 9, 'Ficha de Compensação', 'bold');
  page.textRight(RIGHT, top - 12, 7, 'Autenticação mecânica');
  interleaved2of5(page, LEFT, top - 70, 50, slip.barcode);

  return writePdf([page], { title: `Boleto ${cota.grupo}/${cota.cota} ${parcela}`, producer: 'Newcon Relatórios', day: emittedOn });
}

/** The bank's name, code and the linha digitável on one baseline; returns the y of the rule under them. */
function bankHeader(page: PdfPage, baseline: number, bankName: string, bankCode: string, line: string): number {
  const rule = baseline - 4;
  page.text(LEFT, baseline, 10, bankName, 'bold');
  page.line(160, rule, 160, rule + 18, 1);
  page.text(166, baseline, 14, bankCode, 'bold');
  page.line(212, rule, 212, rule + 18, 1);
  page.textRight(RIGHT, baseline, 10, line, 'bold');
  page.line(LEFT, rule, RIGHT, rule, 1);
  return rule;
}

/** A labelled box whose top edge is at `top`: small label above, value below. */
function field(page: PdfPage, x: number, top: number, width: number, label: string, value: string, alignRight = false, size = 8): void {
  page.box(x, top - 24, width, 24);
  page.text(x + 2, top - 7, 5.5, label);
  if (!value) return;
  if (alignRight) page.textRight(x + width - 3, top - 19, 8.5, value);
  else page.text(x + 3, top - 19, size, value);
}

function payerInline(page: PdfPage, x: number, top: number, width: number, name: string, cpf: string): void {
  page.box(x, top - 24, width, 24);
  page.text(x + 2, top - 7, 5.5, 'Pagador');
  page.text(x + 3, top - 19, 8, name);
  page.text(x + 205, top - 7, 5.5, 'CPF/CNPJ');
  page.text(x + 205, top - 19, 8, cpf);
}

/** Narrow bar 0.72 pt, wide 3×; start nnnn, stop wnn (FEBRABAN layout). */
function interleaved2of5(page: PdfPage, x: number, y: number, height: number, digits: string): void {
  const PATTERNS = ['00110', '10001', '01001', '11000', '00101', '10100', '01100', '00011', '10010', '01010'];
  const narrow = 0.72;
  const wide = narrow * 3;
  let cursor = x;
  const draw = (isBar: boolean, isWide: boolean) => {
    const w = isWide ? wide : narrow;
    if (isBar) page.bar(cursor, y, w, height);
    cursor += w;
  };
  for (let i = 0; i < 4; i++) draw(i % 2 === 0, false);
  for (let i = 0; i < digits.length; i += 2) {
    const bars = PATTERNS[Number(digits[i])];
    const spaces = PATTERNS[Number(digits[i + 1])];
    for (let k = 0; k < 5; k++) {
      draw(true, bars[k] === '1');
      draw(false, spaces[k] === '1');
    }
  }
  draw(true, true);
  draw(false, false);
  draw(true, false);
}

/** '2025-12-15' → '15/12/2025' */
export function brDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** 123456 → '1.234,56' */
export function formatCents(cents: number): string {
  const reais = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${reais},${String(cents % 100).padStart(2, '0')}`;
}

/** The DV printed after the bank code (módulo 11, weights 2–9). */
function bankCheck(bank: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = bank.length - 1; i >= 0; i--) {
    sum += Number(bank[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const dv = 11 - (sum % 11);
  return dv >= 10 ? '0' : String(dv);
}

function cnpjCheckDigits(base12: string): string {
  const dv = (digits: string) => {
    let sum = 0;
    let weight = digits.length - 7;
    for (const d of digits) {
      sum += Number(d) * weight;
      weight = weight === 2 ? 9 : weight - 1;
    }
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const first = dv(base12);
  return `${first}${dv(base12 + first)}`;
}

function formatCnpj(d: string): string {
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
}
