// The TypeScript loader of a worker thread, shared by the plain-CommonJS entries of the app's threads
// (services/demo/seed-worker.cjs, sync/bootstrap-worker.cjs). Module hooks given to the parent (tsx through --import)
// do not reach workers, so each thread registers tsx for itself, once: a thread has its own module cache, in which
// this file runs once. tsx looks for tsconfig (and the @common/ alias in it) in the working folder, and a command may
// run from any: it is handed the checkout's, one folder up from this file's.
const path = require('node:path');

let registered = false;

/**
 * The TypeScript module at `file` (an absolute path), loaded on this thread; null when this process cannot load it (no
 * tsx, as in a bundled app, or a module that fails to load), after `unavailable` was told why.
 */
exports.loadTypeScript = (file, unavailable) => {
  try {
    if (!registered) {
      process.env.TSX_TSCONFIG_PATH ||= path.join(__dirname, '..', 'tsconfig.json');
      require('tsx/cjs/api').register();
      registered = true;
    }
    return require(file);
  } catch (err) {
    unavailable(String(err?.stack || err));
    return null;
  }
};
