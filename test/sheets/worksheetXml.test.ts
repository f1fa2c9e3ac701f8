import { describe, expect, it } from 'vitest';
import { excelDate, isDateFormat, worksheetRows, type WorkbookLookups } from '../../src/main/core/sheets/worksheetXml';
import type { SheetRow } from '../../src/main/core/sheets/sheetRows';

const book: WorkbookLookups = {
  sharedString: (i) => ['CPF', 'MARIA SILVA'][i] ?? null,
  isDateStyle: (s) => s === 3,
  date1904: false,
};

async function rowsOf(xml: string, chunk: number): Promise<SheetRow[]> {
  const bytes = Buffer.from(xml, 'utf8');
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const rows: SheetRow[] = [];
  for await (const batch of worksheetRows(chunks(), book)) rows.push(...batch);
  return rows;
}

describe('worksheetRows', () => {
  it('reads every kind of cell, prefixed tags and rows or cells without a reference', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>JOÃO </x:t></x:r><x:r><x:t>CONCEIÇÃO &amp; CIA</x:t></x:r></x:is></x:c>' +
      '<x:c><x:v>1234567890</x:v></x:c>' +
      '<x:c s="3"><x:v>45366</x:v></x:c>' +
      '<x:c t="b"><x:v>1</x:v></x:c>' +
      '<x:c t="e"><x:v>#N/A</x:v></x:c>' +
      '<x:c t="str"><x:f>TEXTO(A1)</x:f><x:v>123.456.789-09</x:v></x:c>' +
      '<x:c><x:f>A1+1</x:f></x:c>' +
      '<x:c s="2"/>' +
      '<x:c r="J3"><x:v></x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const expected = [
      { rowNumber: 2, cells: ['CPF', null, 'MARIA SILVA'] },
      { rowNumber: 3, cells: ['JOÃO CONCEIÇÃO & CIA', 1234567890, '2024-03-15', true, '#N/A', '123.456.789-09', null, null, null, null] },
    ];
    // Any chunk size, down to one byte: accented letters split between chunks stay whole.
    for (const chunk of [1, 3, 7, 64, 65536]) expect(await rowsOf(xml, chunk), `chunks of ${chunk}`).toEqual(expected);
  });

  it('writes Excel dates as ISO text, the day alone at midnight', () => {
    expect(excelDate(45366, false)).toBe('2024-03-15');
    expect(excelDate(45366.5625, false)).toBe('2024-03-15T13:30:00');
    expect(excelDate(43904, true)).toBe('2024-03-15');
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-416]d-mmm-yy;@')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('"R$" #,##0.00')).toBe(false);
    expect(isDateFormat('000"."000"."000"-"00')).toBe(false);
  });

  it('fails on broken XML', async () => {
    await expect(rowsOf('<worksheet><sheetData><row><c><v>1</c></row>', 8)).rejects.toThrow();
  });
});
