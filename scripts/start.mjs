#!/usr/bin/env node
// `npm start [-- --db FILE]`: build, then run the desktop app on the default database (or --db).
// Arguments after `--` are passed to the app. Failures end in one plain sentence, never a stack.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './lib/electron-binary.mjs';
import { electronNativeBinding } from './lib/native-binding.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(sentence) {
  console.error(`\n${sentence}`);
  process.exit(1);
}

const electron = electronBinary(root);
if (!electron.path) {
  fail(
    `Electron ${electron.version} is not available here (${electron.reason}); run \`npm run preview\` to use Counterpart in a browser instead, ` +
      'or set ELECTRON_OVERRIDE_DIST_PATH to the folder of a local Electron copy.',
  );
}

const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) fail('The build failed (see the messages above); fix it and run `npm start` again.');

let nativeBinding;
try {
  nativeBinding = electronNativeBinding(root, electron.version);
} catch (err) {
  fail(String(err?.message ?? err));
}

const env = { ...process.env, COUNTERPART_NATIVE_BINDING: nativeBinding };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('error', (err) => fail(`Electron could not be started from ${electron.path} (${err.code ?? err.message}).`));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
