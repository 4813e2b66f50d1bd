// Jobs for the app's worker threads as the tests hand them to a thread started in a Node process of its own
// (node-script.ts): from source (the .cjs files) or from the bundle (main-bundle.ts).
import path from 'node:path';
import type { BootstrapJob } from '../../main/sync/bootstrap-thread';
import type { JoinedTerminal } from './chain-terminal';

/**
 * What bootstrap-thread.ts hands the thread for terminal `t`, less the counter's calls flag: shared memory, made in the
 * process that starts the thread.
 */
export function bootstrapJobFor(t: JoinedTerminal): Omit<BootstrapJob, 'calls'> {
  return { file: t.file, config: t.ctx.config, clockOffsetMs: 0, link: t.link, progress: false };
}

/**
 * A script's body (after importing MessageChannel) that runs an empty seed side job (no customers, no tables) writing
 * into `dir`: `startWorker` starts the thread with `job`, transferring `port2`. It prints 'loaded' once the thread's
 * modules loaded and it answered with its name-word counts, or the first line of the reason it could not.
 */
export function emptySideJobScript(dir: string, startWorker: string): string {
  return `
    const { port1, port2 } = new MessageChannel();
    const job = {
      file: ${JSON.stringify(path.join(dir, 'side.db'))}, schema: [], customers: 0, batch: 1, seed: 1,
      nowMs: Date.now(), timeZone: 'Europe/Dublin', returnWindowDays: 30, countryCode: 'IE', clerkIds: [1],
      terminals: ['t'], firstIds: {}, tables: [], indexes: [], state: new SharedArrayBuffer(12), port: port2,
    };
    ${startWorker}
    port1.once('message', (m) => { console.log(m instanceof Map ? 'loaded' : String(m).split('\\n')[0]); port1.close(); });
  `;
}
