import fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError, words, type ErrorWords } from '@common/errors';
import { chunkDecoder, type CsvEncoding } from './encoding';

export interface CsvRecord {
  /** Line in the file where the record starts (1-based), as a text editor counts. */
  line: number;
  cells: string[];
}

const BREAKS = /\r\n|\r|\n/g;

/**
 * Characters one record may hold. A till's row is a few hundred; a record this long is a quote opened and never
 * closed, swallowing the rest of the file into one value: stop there instead of holding the whole file in memory.
 */
export const MAX_RECORD_CHARS = 8 << 20;

function breaksIn(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.includes('\n') || c.includes('\r')) n += c.match(BREAKS)!.length;
  }
  return n;
}

/**
 * Streams the records of a CSV file with their starting line numbers, holding only a chunk at a time.
 * Yields runs of records (whatever the parser has ready), in file order.
 * Line numbers are counted here rather than taken from csv-parse, which counts a CRLF inside quotes twice.
 */
export async function* readRecords(
  file: string,
  opts: { encoding: CsvEncoding; delimiter: string; lineBreak: string | null; onBytes: (total: number) => void },
): AsyncGenerator<CsvRecord[]> {
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const decode = chunkDecoder(opts.encoding);
  let bytes = 0;
  const decoder = new Transform({
    decodeStrings: false,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      opts.onBytes(bytes);
      done(null, decode(chunk, false));
    },
    flush(done) {
      done(null, decode(new Uint8Array(0), true));
    },
  });
  // Empty lines come through as records of one empty field (skipped by the caller), so every physical line is
  // seen here and no per-record info object is needed to count them. The line break is given rather than left to
  // csv-parse to discover: it allocates buffers at every character of the first line while it looks, which took
  // seconds on a header of 100,000 columns. Without one in the sample, any of the three ends a line (a little slower
  // per character, so only then).
  const parser = parse({
    delimiter: opts.delimiter,
    record_delimiter: opts.lineBreak ?? ['\r\n', '\n', '\r'],
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(source, decoder, parser, () => {});
  let nextLine = 1;
  let ended = false;
  let failure: unknown = null;
  let wake = () => {};
  parser.on('readable', () => wake());
  parser.on('end', () => {
    ended = true;
    wake();
  });
  parser.on('error', (err) => {
    failure = err;
    wake();
  });
  const countRecords = (): CsvRecord[] => {
    const run: CsvRecord[] = [];
    for (let record = parser.read() as string[] | null; record !== null; record = parser.read() as string[] | null) {
      run.push({ line: nextLine, cells: record });
      nextLine += breaksIn(record) + 1;
    }
    return run;
  };
  try {
    // Records are handed over in the runs the parser has ready, not one promise per record.
    for (;;) {
      if (failure) throw failure;
      const run = countRecords();
      if (run.length) yield run;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // The records parsed before the failure are not imported, but they say on which line the bad one starts.
    countRecords();
    throw new AppError('VALIDATION', csvProblem(err, nextLine));
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** What went wrong, told from the line where the broken record starts (csv-parse reports where it gave up). */
function csvProblem(err: CsvError, line: number): ErrorWords {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return words('importFile.notCsv.quoteNotClosed', { line });
  if (err.code === 'CSV_MAX_RECORD_SIZE')
    return words('importFile.notCsv.recordTooLong', { line, millions: MAX_RECORD_CHARS >> 20 });
  // csv-parse's own words, in English only: they name what the parser met, which the line number locates.
  return words('importFile.notCsv.other', { line, detail: err.message });
}
