import fs from 'node:fs';

/** Writes a large CSV file without holding it in memory: `row(i)` gives row i's text, its line ending included. */
export async function writeRows(file: string, header: string, rows: number, row: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(header);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += row(i);
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
