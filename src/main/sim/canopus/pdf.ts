// A minimal PDF 1.4 writer: A4 pages, the two standard Helvetica fonts with WinAnsiEncoding (so
// "Beneficiário" and "CONCEIÇÃO" survive text extraction), text runs, rectangles and lines. Enough
// for a boleto as report engines draw it, and fast (a page is a few string joins).

export type PdfFont = 'regular' | 'bold';

export class PdfPage {
  static readonly WIDTH = 595;
  static readonly HEIGHT = 842;
  private readonly ops: string[] = [];
  private readonly fills: string[] = [];

  /** One text run at (x, y), the baseline's left end, in points from the bottom left. */
  text(x: number, y: number, size: number, text: string, font: PdfFont = 'regular'): this {
    this.ops.push(`BT /${font === 'bold' ? 'F2' : 'F1'} ${size} Tf ${num(x)} ${num(y)} Td (${pdfString(text)}) Tj ET`);
    return this;
  }

  /** A run whose right end is at x (Helvetica's widths are approximated by an average). */
  textRight(x: number, y: number, size: number, text: string, font: PdfFont = 'regular'): this {
    return this.text(x - approximateWidth(text, size, font), y, size, text, font);
  }

  box(x: number, y: number, width: number, height: number, lineWidth = 0.5): this {
    this.ops.push(`${num(lineWidth)} w ${num(x)} ${num(y)} ${num(width)} ${num(height)} re S`);
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.5, dash?: number): this {
    const pattern = dash ? `[${dash} ${dash}] 0 d ` : '';
    this.ops.push(`q ${pattern}${num(lineWidth)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
    return this;
  }

  /** A filled black rectangle (barcode bars); all fills are painted in one operation. */
  bar(x: number, y: number, width: number, height: number): this {
    this.fills.push(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re`);
    return this;
  }

  content(): string {
    const fills = this.fills.length ? `\n0 g\n${this.fills.join('\n')}\nf` : '';
    return `${this.ops.join('\n')}${fills}\n`;
  }
}

export interface PdfInfo {
  title: string;
  producer: string;
  /** 'YYYY-MM-DD', written as the creation date. */
  day: string;
}

export function writePdf(pages: PdfPage[], info: PdfInfo): Buffer {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 info, then page + content pairs.
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  const stamp = `D:${info.day.replace(/-/g, '')}080000-03'00'`;
  objects[5] = `<< /Title (${pdfString(info.title)}) /Producer (${pdfString(info.producer)}) /CreationDate (${stamp}) >>`;
  let next = 6;
  for (const page of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    const stream = page.content();
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PdfPage.WIDTH} ${PdfPage.HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> /ProcSet [/PDF /Text] >> /Contents ${contentId} 0 R >>`;
    // The content is ASCII (pdfString escapes every byte above 0x7E), so its length in bytes is its length.
    objects[contentId] = `<< /Length ${stream.length} >>\nstream\n${stream}endstream`;
  }
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  // The header's second line has bytes above 0x7F so tools treat the file as binary.
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const parts: Buffer[] = [head];
  const offsets: number[] = [];
  let offset = head.length;
  for (let id = 1; id < objects.length; id++) {
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
    offsets[id] = offset;
    offset += chunk.length;
    parts.push(chunk);
  }
  const xref = [`xref\n0 ${objects.length}\n0000000000 65535 f \n`];
  for (let id = 1; id < objects.length; id++) xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(parts);
}

/** Unicode → WinAnsiEncoding (cp1252) for the characters in 0x80–0x9F; Latin-1 maps to itself. */
const WIN_ANSI_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
  '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
  '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** A PDF literal string body: WinAnsi bytes, with ( ) \ escaped and bytes outside ASCII as octal. */
export function pdfString(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) as number;
    const byte = code >= 0x20 && code <= 0x7e ? code : code >= 0xa0 && code <= 0xff ? code : WIN_ANSI_HIGH[ch] ?? 0x3f;
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function approximateWidth(text: string, size: number, font: PdfFont): number {
  let units = 0;
  for (const ch of text) units += ch === ' ' ? 278 : /[0-9]/.test(ch) ? 556 : /[.,:/-]/.test(ch) ? 278 : /[A-Z]/.test(ch) ? 667 : 520;
  return (units * size * (font === 'bold' ? 1.05 : 1)) / 1000;
}
