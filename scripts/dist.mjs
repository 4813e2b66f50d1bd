#!/usr/bin/env node
// `npm run dist [-- electron-builder arguments]`: build, then package with electron-builder for this OS (or the
// targets given, e.g. `-- --linux deb` or `-- --dir`). Signing, notarization, the update URL and a local Electron
// all come from the environment (see README, "IT: building signed installers"). Failures end in one sentence; the
// full error goes to release/dist-error.log.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-builder';
import { builderOverrides, ConfigProblem } from './lib/builder-overrides.mjs';
import { parseDistArgs } from './lib/dist-args.mjs';
import { signLinuxPackages } from './lib/sign-linux.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let errorLog = path.join(root, 'release', 'dist-error.log');

function fail(sentence, err) {
  let text = sentence.replace(/\.$/, '');
  if (err) {
    fs.mkdirSync(path.dirname(errorLog), { recursive: true });
    fs.writeFileSync(errorLog, `${new Date().toISOString()}\n${err?.stack ?? String(err)}\n`);
    text += ` (details in ${errorLog.startsWith(root + path.sep) ? path.relative(root, errorLog) : errorLog})`;
  }
  console.error(`\n${text}.`);
  process.exit(1);
}

/** The first line of an error, short enough to sit inside a sentence. */
const brief = (err) =>
  String(err?.message ?? err)
    .split('\n')[0]
    .slice(0, 160);

const NETWORK = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|CERT_|UNABLE_TO_)/;
const isNetworkError = (err) =>
  err?.name === 'RequestError' ||
  err?.name === 'HTTPError' ||
  NETWORK.test(String(err?.code ?? '')) ||
  /getaddrinfo|socket hang up|status code 40[34]/i.test(String(err?.message));

const electronVersion = () =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

let overrides;
let cli;
try {
  overrides = builderOverrides(process.env);
  cli = parseDistArgs(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigProblem) fail(err.message);
  throw err;
}

if (cli.config != null && (typeof cli.config !== 'object' || Array.isArray(cli.config))) {
  fail('Pass settings as -c.key=value; npm run dist always uses electron-builder.yml.');
}
/** Command-line settings win over the environment's, key by key (so -c.win.x=… keeps Azure signing). */
const merge = (a, b) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    const both =
      v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k]);
    out[k] = both ? merge(out[k], v) : v;
  }
  return out;
};
const config = merge(overrides, cli.config);
if (typeof config.directories?.output === 'string')
  errorLog = path.resolve(root, config.directories.output, 'dist-error.log');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const compiled = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (compiled.status !== 0) fail('The build failed (see the messages above); fix it and run `npm run dist` again.');

let artifacts;
try {
  // Publishing is an explicit step (`-- --publish always`), never a side effect of building on a tag or in CI.
  artifacts = await build({ ...cli, publish: cli.publish ?? 'never', projectDir: root, config });
} catch (err) {
  if (isNetworkError(err)) {
    if (!config.electronDist) {
      fail(
        `Packaging needs the Electron ${electronVersion()} binaries for the target platform and they could not be downloaded here (${brief(err)}); ` +
          'set ELECTRON_OVERRIDE_DIST_PATH (or electronDist in electron-builder.yml) to the folder of a local Electron copy and run `npm run dist` again.',
        err,
      );
    }
    fail(
      `electron-builder could not download a packaging tool it needs (${brief(err)}); run \`npm run dist\` on a machine that can reach github.com.`,
      err,
    );
  }
  fail(`Packaging failed: ${brief(err)}`, err);
}

try {
  const signed = signLinuxPackages(artifacts, process.env);
  for (const file of signed) console.log(`  • signed ${path.relative(root, file)}`);
} catch (err) {
  fail(err.message);
}
for (const file of artifacts) console.log(`  • ${path.relative(root, file)}`);
