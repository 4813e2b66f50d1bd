// What a till's CSV export is written in: Excel and most POS systems write UTF-8 (often with a BOM) or, on older
// Windows set-ups, Windows-1252. The choice is made once from the start of the file.

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252';

export const SAMPLE_BYTES = 64 * 1024;

/** `wholeFile`: the sample is the entire file, so an incomplete character at its end is an error, not a cut. */
export function detectEncoding(sample: Uint8Array, wholeFile = true): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  try {
    // A character cut in two at the end of a partial sample is not mistaken for an invalid byte.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !wholeFile });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

// Bytes 0x80-0x9F, where Windows-1252 differs from Latin-1. Decoded by table rather than by
// TextDecoder('windows-1252'): Node builds linked against a system ICU silently drop these bytes (€, ’, “ …),
// and the WHATWG mapping below is small enough to own.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1 = /[\u0080-\u009F]/g;
const HAS_C1 = /[\u0080-\u009F]/;
const fromC1 = (c: string) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!;

/** A chunk decoder: feed bytes in order, then call with final = true to flush a character cut at a chunk edge. */
export type ChunkDecoder = (bytes: Uint8Array, final: boolean) => string;

export function chunkDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === 'windows-1252') {
    return (bytes) => {
      const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      return HAS_C1.test(s) ? s.replace(C1, fromC1) : s;
    };
  }
  // The default (ignoreBOM: false) drops a leading BOM, which is what both UTF-8 variants need.
  const d = new TextDecoder('utf-8');
  return (bytes, final) => d.decode(bytes, { stream: !final });
}

export function decodeAll(bytes: Uint8Array, encoding: CsvEncoding): string {
  return chunkDecoder(encoding)(bytes, true);
}

/**
 * The field separator, judged from the header line: Excel writes ";" where the decimal separator is a comma.
 * Characters inside quotes do not count.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}
