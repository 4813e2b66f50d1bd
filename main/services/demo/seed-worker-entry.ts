// The demo seed's second thread in the bundled app (main/thread-entry.ts); from source, seed-worker.cjs starts it.
import { workerData } from 'node:worker_threads';
import { runSideJob, type SideJob } from './parallel';

runSideJob(workerData as SideJob);
