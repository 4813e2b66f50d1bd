import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of a PDF's pages (all, or the ones asked for), read back with pdf.js as a viewer would. */
export async function readPdf(base64: string, pagesToRead?: number[]) {
  const doc = await getDocument({
    data: new Uint8Array(Buffer.from(base64, 'base64')),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const text = new Map<number, string>();
  for (const n of pagesToRead ?? Array.from({ length: doc.numPages }, (_, i) => i + 1)) {
    const content = await (await doc.getPage(n)).getTextContent();
    text.set(n, content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  const numPages = doc.numPages;
  await doc.destroy();
  return { numPages, text };
}
