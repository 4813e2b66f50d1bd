import fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../../common/errors';
import { chunkDecoder, type CsvEncoding } from './encoding';

export interface CsvRecord {
  /** Line in the file where the record starts (1-based), as a text editor counts. */
  line: number;
  cells: string[];
}

const BREAKS = /\r\n|\r|\n/g;

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
  opts: { encoding: CsvEncoding; delimiter: string; onBytes: (total: number) => void },
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
  // seen here and no per-record info object is needed to count them.
  const parser = parse({ delimiter: opts.delimiter, relax_column_count: true });
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
  try {
    // Records are handed over in the runs the parser has ready, not one promise per record.
    for (;;) {
      if (failure) throw failure;
      const run: CsvRecord[] = [];
      let record: string[] | null;
      while ((record = parser.read() as string[] | null) !== null) {
        run.push({ line: nextLine, cells: record });
        nextLine += breaksIn(record) + 1;
      }
      if (run.length) yield run;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const near = (err as CsvError & { lines?: number }).lines;
      throw new AppError('VALIDATION', `The file is not valid CSV${near ? ` near line ${near}` : ''}: ${err.message}`);
    }
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
}
