// A thread for copy-thread.ts. Plain CommonJS, as the app's worker entries are: it registers the TypeScript loader for
// this thread itself (module hooks of the test runner do not reach workers).
const { workerData, parentPort } = require('node:worker_threads');
const path = require('node:path');

process.env.TSX_TSCONFIG_PATH ||= path.join(__dirname, '..', '..', 'tsconfig.json');
require('tsx/cjs/api').register();
require('./copy-thread.ts').runCopy(workerData, parentPort);
