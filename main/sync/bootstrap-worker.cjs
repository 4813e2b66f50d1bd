// Thread of a bootstrap (see bootstrap-thread.ts). Plain CommonJS so it starts in any Node process; it loads its
// TypeScript through ../thread-loader.cjs. A process that cannot load it is told so, and bootstraps on its own thread.
const { workerData, parentPort } = require('node:worker_threads');
const unavailable = (reason) => parentPort.postMessage({ type: 'unavailable', reason });
const thread = require('../thread-loader.cjs').loadTypeScript(`${__dirname}/bootstrap-worker.ts`, unavailable);
if (thread) thread.runBootstrapJob(workerData, parentPort);
