// Worker thread of a parallel demo seed (see parallel.ts). Plain CommonJS so it starts in any Node process: it
// registers the TypeScript loader for this thread itself (module hooks given to the parent do not reach workers).
// Whatever goes wrong is reported through the shared state, so the waiting thread never hangs on a dead worker.
const { workerData } = require('node:worker_threads');

const state = new Int32Array(workerData.state);
let side;
try {
  // tsx looks for tsconfig (and the @common/ alias in it) in the working folder; the command may run from any.
  process.env.TSX_TSCONFIG_PATH ||= require('node:path').join(__dirname, '..', '..', '..', 'tsconfig.json');
  require('tsx/cjs/api').register();
  side = require('./parallel.ts');
} catch (err) {
  // Without a loader this process cannot run the worker; the seed does this part on its own thread.
  Atomics.store(state, 0, 3);
  Atomics.notify(state, 0);
  workerData.port.postMessage(String(err?.stack || err));
}
if (side) side.runSideJob(workerData);
