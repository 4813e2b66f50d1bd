// Worker thread of a parallel demo seed (see parallel.ts). Plain CommonJS so it starts in any Node process; it loads
// its TypeScript through ../../thread-loader.cjs. Whatever goes wrong is reported through the shared state, so the
// waiting thread never hangs on a dead worker: without a loader the seed does this part on its own thread.
const { workerData } = require('node:worker_threads');
const unavailable = (reason) => {
  const state = new Int32Array(workerData.state);
  Atomics.store(state, 0, 3);
  Atomics.notify(state, 0);
  workerData.port.postMessage(reason);
};
const side = require('../../thread-loader.cjs').loadTypeScript(`${__dirname}/parallel.ts`, unavailable);
if (side) side.runSideJob(workerData);
