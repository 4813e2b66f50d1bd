// A second process on a store, for the tests that need a real one (crashes, locks, a running app during a restore).
// Run as: node --import tsx tests/helpers/store-process.ts MODE STORE_FILE [BACKUP_DIR]
//   log              logs walk-in interactions through the backend until killed; prints "ack ID" after each is saved
//   app              the backend as the app runs it; each stdin line "write" logs one interaction and prints "ack ID"
//   hold-write-lock  takes the write lock (BEGIN IMMEDIATE), prints "locked", releases it when stdin ends
//   open             starts the backend as Electron and the preview do; prints the store problem as JSON (or null)
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { newSession } from '../../main/ipc/session';
import { openStore } from '../../main/store-lifecycle';
import { TEST_PIN } from './processes';

const [mode, file, backupDir] = process.argv.slice(2);
if (!mode || !file) throw new Error('usage: store-process.ts MODE STORE_FILE [BACKUP_DIR]');

const say = (line: string) => process.stdout.write(`${line}\n`);

async function signedIn() {
  const store = openStore({ dbPath: file!, ...(backupDir ? { backupDir } : {}), log: () => {} });
  const session = newSession();
  const signIn = await store.dispatch('session.signIn', { clerkId: 1, pin: TEST_PIN }, session);
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.error.message}`);
  const write = async (n: number) => {
    const r = await store.dispatch(
      'interactions.log',
      { customerId: null, kind: 'inquiry', outcome: 'resolved', notes: `write ${n}` },
      session,
    );
    if (!r.ok) throw new Error(`write failed: ${r.error.message}`);
    return (r.value as { id: number }).id;
  };
  return { store, write };
}

if (mode === 'log') {
  const { write } = await signedIn();
  say('ready');
  for (let n = 0; ; n++) say(`ack ${await write(n)}`);
} else if (mode === 'app') {
  const { store, write } = await signedIn();
  say('ready');
  let n = 0;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line !== 'write') continue;
    try {
      say(`ack ${await write(n++)}`);
    } catch (err) {
      say(`failed ${(err as Error).message}`);
    }
  }
  store.close();
} else if (mode === 'hold-write-lock') {
  const db = new Database(file, { fileMustExist: true });
  db.exec('BEGIN IMMEDIATE');
  say('locked');
  process.stdin.resume();
  process.stdin.on('end', () => {
    db.exec('ROLLBACK');
    db.close();
  });
} else if (mode === 'open') {
  const store = openStore({ dbPath: file, ...(backupDir ? { backupDir } : {}), log: () => {} });
  say(JSON.stringify(store.problem()));
  store.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
