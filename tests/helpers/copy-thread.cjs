// A thread for copy-thread.ts, started as the app's threads are (main/thread-loader.cjs loads its TypeScript).
const { workerData, parentPort } = require('node:worker_threads');
const unavailable = (reason) => parentPort.postMessage(reason);
const copy = require('../../main/thread-loader.cjs').loadTypeScript(`${__dirname}/copy-thread.ts`, unavailable);
if (copy) copy.runCopy(workerData, parentPort);
