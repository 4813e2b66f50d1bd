import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The faces a report prints in, registered on each document under these names. Noto Sans has Latin with every
 * European accent (Łukasz, Dvořák, Şahin), Greek and Cyrillic; Noto Sans Hans (GB2312) has Chinese and Japanese
 * kana, and basic Latin beside them. It has one weight here: its bold would add another 8.6 MB to the install.
 */
export const FACES = { regular: 'text', bold: 'text-bold', cjk: 'text-cjk' } as const;
export type Face = (typeof FACES)[keyof typeof FACES];

export const FONT_FILES: Record<Face, { pkg: string; file: string }> = {
  [FACES.regular]: { pkg: '@embedpdf/fonts-latin', file: 'NotoSans-Regular.ttf' },
  [FACES.bold]: { pkg: '@embedpdf/fonts-latin', file: 'NotoSans-Bold.ttf' },
  [FACES.cjk]: { pkg: '@embedpdf/fonts-sc', file: 'NotoSansHans-Regular.otf' },
};

export interface LoadedFace {
  name: Face;
  data: Buffer;
  has(codePoint: number): boolean;
}

const require = createRequire(import.meta.url);

/** The font packages export only an index of their files; the fonts sit in the folder beside its dist/. */
function fontPath(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(pkg)), '..', 'fonts', file);
}

let loaded: Record<Face, LoadedFace> | null = null;

/** The report faces, read on first use (about 9.7 MB) and kept for the life of the process. */
export function reportFaces(): Record<Face, LoadedFace> {
  if (!loaded) {
    const load = (name: Face): LoadedFace => {
      const { pkg, file } = FONT_FILES[name];
      const data = fs.readFileSync(fontPath(pkg, file));
      const font = fontkit.create(data);
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${file} is a font collection, not a font`);
      return { name, data, has: (cp) => font.hasGlyphForCodePoint(cp) };
    };
    loaded = { [FACES.regular]: load(FACES.regular), [FACES.bold]: load(FACES.bold), [FACES.cjk]: load(FACES.cjk) };
  }
  return loaded;
}

/** Makes the report faces available to a pdfkit document by their FACES names. */
export function registerReportFaces(doc: PDFKit.PDFDocument): void {
  for (const face of Object.values(reportFaces())) doc.registerFont(face.name, face.data);
}
