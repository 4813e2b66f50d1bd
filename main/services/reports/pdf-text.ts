import { FACES, reportFaces, type Face, type LoadedFace } from './pdf-fonts';

export interface FittedText {
  face: Face;
  text: string;
}

const PLAIN = /^[\x20-\x7e\n]*$/;

/** Composed accents, line breaks kept, tabs and other control characters as spaces. */
export function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (but the line break) are what this blanks out
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
  );
}

/** Line breaks and spaces need no glyph. */
const prints = (face: LoadedFace, ch: string) => ch === '\n' || ch === ' ' || face.has(ch.codePointAt(0)!);

function missing(face: LoadedFace, text: string): number {
  let n = 0;
  for (const ch of text) if (!prints(face, ch)) n++;
  return n;
}

/**
 * The face to print `text` in, and the text as it will print. One face per piece of text: the Latin face when it
 * has every character, else the CJK one when that has them all (王芳 O'Brien), else whichever misses fewer, with
 * what it misses (emoji, Hangul, Arabic) printed as '?'. The CSV export and the screens keep the full text.
 */
export function fitText(text: string, bold = false): FittedText {
  const clean = cleanText(text);
  const latin = bold ? FACES.bold : FACES.regular;
  if (PLAIN.test(clean)) return { face: latin, text: clean };
  const faces = reportFaces();
  let best: LoadedFace | null = null;
  let fewest = Infinity;
  for (const face of [faces[latin], faces[FACES.cjk]]) {
    const n = missing(face, clean);
    if (n === 0) return { face: face.name, text: clean };
    if (n < fewest) [best, fewest] = [face, n];
  }
  let out = '';
  for (const ch of clean) out += prints(best!, ch) ? ch : '?';
  return { face: best!.name, text: out };
}
