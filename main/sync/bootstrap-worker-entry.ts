// The bootstrap's thread in the bundled app (main/thread-entry.ts); from source, bootstrap-worker.cjs starts it.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { BootstrapJob } from './bootstrap-thread';
import { runBootstrapJob } from './bootstrap-worker';

void runBootstrapJob(workerData as BootstrapJob, parentPort as MessagePort);
