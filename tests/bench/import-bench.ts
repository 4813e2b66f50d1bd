// Customer import throughput: `npx tsx tests/bench/import-bench.ts --rows 1000000 [--batch N] [--twice] [--keep]`
// Writes a till-style CSV (semicolons, day-first dates, 1 % repeated customers) into a temporary directory, imports
// it into a fresh database and prints rows/s and the peak resident memory. --twice imports the same file again,
// which must insert and update nothing. --keep leaves the directory for a look.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { importCsv, type ImportReport } from '../../main/services/import';
import { writeRows } from './csv-file';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    batch: { type: 'string' },
    twice: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive whole number');

const FIRST = [
  'Aoife',
  'Seán',
  'Zoë',
  'Ciarán',
  'Niamh',
  'Liam',
  'Emma',
  'Jack',
  'Saoirse',
  'Conor',
  'Chloé',
  'José',
  'Fiona',
  'Jürgen',
];
const LAST = [
  'Byrne',
  "O'Brien",
  'Murphy',
  'Kelly',
  'Walsh',
  'Ní Bhriain',
  'Ryan',
  'Doyle',
  'Müller',
  'Nowak',
  'Lynch',
  'Chen',
];

/** A till-style customer file of `rows` rows. */
const writeCsv = (file: string, rows: number) =>
  writeRows(file, 'Card No;First Name;Last Name;Mobile;E-mail;DOB;Opt-in;Store\r\n', rows, (i) => {
    // Every hundredth row repeats an earlier customer by card, with a new mobile number: exercises the update path.
    const n = i % 100 === 99 ? i - 50 : i;
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[(n * 7) % LAST.length]!;
    const phone = `08${5 + (n % 5)} ${String(1_000_000 + ((n * 7919) % 9_000_000)).replace(/(\d{3})(\d{4})/, '$1 $2')}`;
    const mobile = i === n ? phone : `087 ${String(1_000_000 + i).slice(0, 3)} ${String(i % 10_000).padStart(4, '0')}`;
    const dob = `${String(1 + (n % 28)).padStart(2, '0')}/${String(1 + (n % 12)).padStart(2, '0')}/${1940 + (n % 65)}`;
    return `C${String(100_000_000 + n)};${first};${last};${mobile};${first.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')}.${n}@example.ie;${dob};${n % 3 ? 'yes' : 'no'};Dublin\r\n`;
  });

let cpuMark = process.cpuUsage();

function show(label: string, r: ImportReport): void {
  const rate = Math.round(r.rowsRead / (r.ms / 1000));
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  console.log(
    `${label}: ${r.rowsRead.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s = ${rate.toLocaleString('en')} rows/s ` +
      `(inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, failed ${r.failed}); ` +
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; ` +
      `written ${Math.round(process.resourceUsage().fsWrite / 2048)} MB`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-import-bench-'));
  try {
    const csv = path.join(dir, 'customers.csv');
    let t = performance.now();
    await writeCsv(csv, ROWS);
    console.log(
      `wrote ${ROWS.toLocaleString('en')} rows (${(fs.statSync(csv).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    console.log(
      `RSS before import ${Math.round(process.memoryUsage().rss / 1e6)} MB; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const db = openDatabase(path.join(dir, 'bench.db'), { create: true });
    const ctx = createContext(db);
    let last = 0;
    cpuMark = process.cpuUsage();
    t = performance.now();
    const first = await importCsv(ctx, {
      entity: 'customers',
      file: csv,
      ...(values.batch ? { batchSize: Number(values.batch) } : {}),
      onProgress: (p) => {
        if (performance.now() - last > 10_000) {
          last = performance.now();
          console.log(
            `  … line ${p.linesRead.toLocaleString('en')}, ${Math.round((100 * p.bytesRead) / p.totalBytes)} % read`,
          );
        }
      },
    });
    show('import', first);
    if (values.twice) show('same file again', await importCsv(ctx, { entity: 'customers', file: csv }));
    console.log(`database ${(fs.statSync(path.join(dir, 'bench.db')).size / 1e6).toFixed(0)} MB`);
    db.close();
  } finally {
    if (values.keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
