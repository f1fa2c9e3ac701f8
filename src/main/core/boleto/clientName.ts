/**
 * Client names as the consultants' spreadsheet writes them: trailing notes such as " - 70%",
 * " (70%)" or " - PAGO" are not part of the name; runs of spaces collapse.
 */
const TRAILING_NOTE = /\s*(?:[-–—]\s*[^-–—]*\d+\s*%.*|\(\s*\d+\s*%\s*\)|[-–—]\s*(?:PAGO|QUITADO|CONTEMPLADO|OK)\b.*)$/i;

export function cleanClientName(raw: string): string {
  let name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3 && TRAILING_NOTE.test(name); i++) name = name.replace(TRAILING_NOTE, '').trim();
  return name.replace(/[\s\-–—]+$/, '').trim();
}
