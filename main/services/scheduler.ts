/**
 * Runs periodic jobs (backups, retention) in the main process. Plain timers, no Electron: a job's failure is
 * logged and retried at the next tick, never allowed to take the app down; jobs never overlap themselves.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown> | unknown;
}

export interface Scheduler {
  stop(): void;
  /** Runs a job now (and resets nothing); resolves when it finished. For the admin screen and tests. */
  runNow(name: string): Promise<void>;
}

export function startScheduler(jobs: Job[], log: (msg: string, err?: unknown) => void): Scheduler {
  const running = new Set<string>();
  const exec = async (job: Job) => {
    if (running.has(job.name)) return;
    running.add(job.name);
    try {
      await job.run();
    } catch (err) {
      log(`scheduled job ${job.name} failed`, err);
    } finally {
      running.delete(job.name);
    }
  };
  const timers = jobs.map((job) => {
    const t = setInterval(() => void exec(job), job.everyMs);
    t.unref?.();
    return t;
  });
  return {
    stop: () => timers.forEach(clearInterval),
    runNow: async (name) => {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`No scheduled job ${name}`);
      await exec(job);
    },
  };
}
