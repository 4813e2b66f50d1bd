// What the demo hub (`npm run demo:hub`) tells the demo tills (`npm run demo:chain`) started after it in another
// window: its address and the two enrolment codes it issued. One small file in the system's temporary folder, readable
// by its owner only, removed when the demo hub stops; nothing in it is of use once that hub is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_HANDOFF = path.join(os.tmpdir(), 'counterpart-demo-hub.json');
/** The demo chain's one store, and its two counters. */
export const DEMO_STORE = 'Demo shop';
export const DEMO_TILLS = ['till-1', 'till-2'] as const;

const handoffSchema = z.object({
  hubUrl: z.string().url(),
  codes: z.array(z.object({ terminal: z.string(), code: z.string() })).length(DEMO_TILLS.length),
  pid: z.number().int(),
});
export type Handoff = z.infer<typeof handoffSchema>;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The running demo hub's handoff; null when there is none (never started, stopped, or left by one that died). */
export function readHandoff(file: string): Handoff | null {
  let parsed: Handoff;
  try {
    parsed = handoffSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
  return alive(parsed.pid) ? parsed : null;
}

export function writeHandoff(file: string, h: Handoff): void {
  fs.writeFileSync(file, `${JSON.stringify(h)}\n`, { mode: 0o600 });
}

/** Removes the handoff if it is this process's (a second demo hub must not take the first one's away). */
export function removeHandoff(file: string): void {
  try {
    if (handoffSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).pid === process.pid) fs.rmSync(file);
  } catch {
    // gone already, or not ours
  }
}

/** Ctrl+C or SIGTERM runs `stop` once, says `done` and exits: how both demo commands end. */
export function stopOnSignal(stop: () => Promise<void>, done: string): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    void stop().then(() => {
      console.log(done);
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
