// Thread of a bootstrap (see bootstrap-thread.ts). Plain CommonJS so it starts in any Node process: it registers the
// TypeScript loader for this thread itself (module hooks given to the parent do not reach workers). A process that
// cannot load it is told so, and bootstraps on its own thread instead.
const { workerData, parentPort } = require('node:worker_threads');

let thread;
try {
  require('tsx/cjs/api').register();
  thread = require('./bootstrap-worker.ts');
} catch (err) {
  parentPort.postMessage({ type: 'unavailable', reason: String(err?.stack || err) });
}
if (thread) thread.runBootstrapJob(workerData, parentPort);
