// What a till's CSV export is written in: Excel and most POS systems write UTF-8 (often with a BOM), older Windows
// set-ups Windows-1252, and Excel's "Unicode text" UTF-16 with a BOM. The choice is made from the whole file, never
// from its start alone: one stray byte near the top must not turn every "ë" further down into "Ã«".
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { AppError, words, type ErrorKey } from '@common/errors';
import type { TFunction } from 'i18next';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le';

/**
 * Why an encoding was chosen: a catalogue text of importEncoding (its stable code in the CLI's --json) and, for a file
 * that is not all UTF-8, what the scan counted.
 */
export type EncodingReason =
  | { code: 'utf16Bom' | 'utf8Bom' | 'utf8' }
  | {
      code: 'utf8BomMixed' | 'windows1252' | 'utf8Mixed' | 'windows1252Mixed';
      /** Runs of bytes that are not UTF-8, and the line of the first. */
      invalid: number;
      firstInvalidLine: number;
      /** Characters written as UTF-8. */
      utf8: number;
    };

/** The reason in one sentence of the store's language, as the Import tab, the CLI and --json give it. */
export function encodingReasonText(r: EncodingReason, t: TFunction): string {
  if (!('invalid' in r)) return t(`importEncoding.${r.code}`);
  const bad = t('importEncoding.bad', { count: r.invalid, line: r.firstInvalidLine });
  if (r.code === 'utf8Mixed') return t('importEncoding.utf8Mixed', { count: r.utf8, bad });
  return t(`importEncoding.${r.code}`, { bad, utf8: t('importEncoding.characters', { count: r.utf8 }) });
}

export interface EncodingChoice {
  encoding: CsvEncoding;
  reason: EncodingReason;
  /** The file holds both encodings' characters: rows in the other one are refused, not reinterpreted. */
  mixed: boolean;
  /**
   * Valid UTF-8 without a NUL or a U+FFFD anywhere: no cell can fail undecodedCell, so rows skip the check (a
   * million-row import does not pay for what the scan already ruled out).
   */
  clean: boolean;
}

/** Bytes read at a time while deciding: memory stays flat for a file of any size. */
export const SCAN_CHUNK_BYTES = 1 << 20;

/** Bytes at the end of `buf` that start a UTF-8 character the next chunk finishes (0-3). */
function cutCharacter(buf: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

/** Calls `each` with the file's bytes in order, a chunk at a time; a UTF-8 character is never split between calls. */
async function eachChunk(file: string, each: (bytes: Buffer) => boolean | undefined): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(SCAN_CHUNK_BYTES + 3);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, carried, SCAN_CHUNK_BYTES, null);
      if (bytesRead === 0) return Buffer.from(buf.subarray(0, carried));
      const end = carried + bytesRead;
      const keep = cutCharacter(buf.subarray(0, end));
      if (each(buf.subarray(0, end - keep)) === false) return Buffer.alloc(0);
      buf.copy(buf, 0, end - keep, end);
      carried = keep;
    }
  } finally {
    await fh.close();
  }
}

interface Tally {
  /** Characters written as UTF-8 (two bytes or more). */
  utf8: number;
  /** Runs of bytes that are not UTF-8, each a U+FFFD once decoded. */
  invalid: number;
  /** Line of the first of them (1-based, counting line feeds). */
  firstInvalidLine: number;
}

/** Counts what is and is not UTF-8 in the file: the slow path, taken only when a byte is not UTF-8. */
async function tally(file: string): Promise<Tally> {
  const t: Tally = { utf8: 0, invalid: 0, firstInvalidLine: 0 };
  const decoder = new TextDecoder('utf-8');
  let lines = 1;
  const count = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c === 10) lines++;
      } else if (c === 0xfffd) {
        t.invalid++;
        if (!t.firstInvalidLine) t.firstInvalidLine = lines;
      } else if (c < 0xdc00 || c > 0xdfff) {
        t.utf8++; // a surrogate pair is one character: counted at its first half
      }
    }
  };
  // The decoder drops a leading byte-order mark, so it is not counted as a UTF-8 character.
  const rest = await eachChunk(file, (bytes) => void count(decoder.decode(bytes, { stream: true })));
  count(decoder.decode(rest));
  return t;
}

/**
 * Reads the whole file once (a chunk at a time) and decides:
 * - a byte-order mark says it: UTF-8 or UTF-16 (little-endian, as Excel writes it);
 * - valid UTF-8 throughout: UTF-8;
 * - bytes that are not UTF-8 and no UTF-8 character at all: Windows-1252 (an old till's export);
 * - both: whichever the file holds more of, and the rows written in the other one are refused with a reason
 *   rather than stored garbled ("Zoë" read the wrong way is "ZoÃ«").
 */
const REPLACEMENT_CHARACTER = Buffer.from('\uFFFD', 'utf8');

export async function chooseEncoding(file: string): Promise<EncodingChoice> {
  let head = Buffer.alloc(0);
  let valid = true;
  let clean = true;
  let start = 0;
  const rest = await eachChunk(file, (bytes) => {
    if (start === 0 && head.length === 0) {
      head = Buffer.from(bytes.subarray(0, 3));
      if (head[0] === 0xff && head[1] === 0xfe) return false;
      if (head[0] === 0xfe && head[1] === 0xff) {
        throw new AppError('VALIDATION', words('importFile.utf16BigEndian'));
      }
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
    }
    valid = isUtf8(bytes);
    if (clean && (bytes.includes(0) || bytes.includes(REPLACEMENT_CHARACTER))) clean = false;
    return valid;
  });
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { encoding: 'utf-16le', reason: { code: 'utf16Bom' }, mixed: false, clean: false };
  }
  if (rest.length > 0) valid = false; // the file ends inside a character
  const bom = start === 3;
  if (valid) {
    return { encoding: bom ? 'utf-8-bom' : 'utf-8', reason: { code: bom ? 'utf8Bom' : 'utf8' }, mixed: false, clean };
  }
  const t = await tally(file);
  const counted = { invalid: t.invalid, firstInvalidLine: t.firstInvalidLine, utf8: t.utf8 };
  if (bom) return { encoding: 'utf-8-bom', reason: { code: 'utf8BomMixed', ...counted }, mixed: true, clean: false };
  if (t.utf8 === 0) {
    return { encoding: 'windows-1252', reason: { code: 'windows1252', ...counted }, mixed: false, clean: false };
  }
  if (t.utf8 >= t.invalid) {
    return { encoding: 'utf-8', reason: { code: 'utf8Mixed', ...counted }, mixed: true, clean: false };
  }
  return { encoding: 'windows-1252', reason: { code: 'windows1252Mixed', ...counted }, mixed: true, clean: false };
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

/** A byte order mark inside the text (two exports pasted together): invisible, and never part of a value. */
const INNER_BOM = /\uFEFF/g;

/** A chunk decoder: feed bytes in order, then call with final = true to flush a character cut at a chunk edge. */
export type ChunkDecoder = (bytes: Uint8Array, final: boolean) => string;

export function chunkDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === 'windows-1252') {
    return (bytes) => {
      const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      return HAS_C1.test(s) ? s.replace(C1, fromC1) : s;
    };
  }
  // The default (ignoreBOM: false) drops a leading BOM, which is what every variant here needs.
  const d = new TextDecoder(encoding === 'utf-16le' ? 'utf-16le' : 'utf-8');
  return (bytes, final) => {
    const s = d.decode(bytes, { stream: !final });
    return s.includes('\uFEFF') ? s.replace(INNER_BOM, '') : s;
  };
}

export function decodeAll(bytes: Uint8Array, encoding: CsvEncoding): string {
  return chunkDecoder(encoding)(bytes, true);
}

const hex = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** A byte 0x80-0xBF read as Windows-1252: what the continuation bytes of a UTF-8 character turn into. */
const CONT = `[${hex(CP1252_HIGH)}\\u00a0-\\u00bf]`;
/** A UTF-8 character read as Windows-1252: "ë" (C3 AB) is "Ã«", "Ł" (C5 81) is "Å\u0081". */
const UTF8_AS_1252 = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`);

/**
 * Why a cell cannot be stored as read (a catalogue reason, to name with the cell's column), or null: a NUL (a binary
 * or UTF-16 file read as text) or a character the chosen encoding did not decode. Checked per row, so only the rows
 * concerned are refused; null when the scan found the file clean.
 */
export function undecodedCell(choice: EncodingChoice): ((cell: string) => ErrorKey | null) | null {
  if (choice.clean) return null;
  const unicode = choice.encoding !== 'windows-1252';
  const notDecoded: ErrorKey =
    choice.encoding === 'utf-16le' ? 'importRow.undecoded.utf16' : 'importRow.undecoded.utf8';
  const otherEncoding = choice.mixed && !unicode ? UTF8_AS_1252 : null;
  return (cell) => {
    if (cell.includes('\u0000')) return 'importRow.undecoded.nul';
    if (unicode && cell.includes('\uFFFD')) return notDecoded;
    if (otherEncoding?.test(cell)) return 'importRow.undecoded.utf8In1252';
    return null;
  };
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

/**
 * The line break that ends the header line (outside quotes), which csv-parse then expects on every line as it would
 * after finding it itself; null when the sample holds no whole header line.
 */
export function detectLineBreak(text: string): '\r\n' | '\n' | '\r' | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') return '\n';
    else if (!quoted && ch === '\r') return i + 1 === text.length ? null : text[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return null;
}
