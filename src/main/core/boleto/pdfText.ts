import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, pages merged, whitespace (NBSP included) collapsed to single spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js detaches the array it is given: hand it a copy so the caller's bytes stay intact.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(pdf, { mergePages: true });
    return (Array.isArray(text) ? text.join(' ') : text).replace(/\s+/g, ' ').trim();
  } finally {
    await pdf.destroy();
  }
}
