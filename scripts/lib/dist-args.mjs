// The arguments of `npm run dist`, read into electron-builder's public CliOptions (the shape its documented build()
// takes, which turns --linux deb --x64 into targets itself). electron-builder's own argument parser lives in its
// internal out/builder.js, which is no API and may move in any release; these are the arguments its CLI documents.
import { ConfigProblem } from './builder-overrides.mjs';

/** Each flag for a platform, and the CliOptions key that takes its targets. */
const PLATFORMS = new Map([
  ...['--mac', '-m', '-o', '--macos'].map((f) => [f, 'mac']),
  ...['--linux', '-l'].map((f) => [f, 'linux']),
  ...['--win', '-w', '--windows'].map((f) => [f, 'win']),
]);
const ARCHS = ['x64', 'ia32', 'armv7l', 'arm64', 'universal'];
const PUBLISH = ['onTag', 'onTagOrDraft', 'always', 'never'];
const SUPPORTED =
  '--mac/--win/--linux [targets…], --x64, --ia32, --armv7l, --arm64, --universal, --dir, --publish POLICY, -c.key=value';

/** "true", "12", "null" as the values they name, as electron-builder's command line reads them. */
function coerce(text) {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Sets config.a.b from "a.b"; a key given twice keeps the last value. */
function setPath(config, dotted, value) {
  const keys = dotted.split('.');
  if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype'))
    throw new ConfigProblem(`"${dotted}" is not a setting name.`);
  let at = config;
  for (const k of keys.slice(0, -1)) at = at[k] = at[k] && typeof at[k] === 'object' ? at[k] : {};
  at[keys.at(-1)] = value;
}

/**
 * `--linux deb rpm --x64 -c.directories.output=out` → { linux: ['deb', 'rpm'], x64: true, config: { directories: … } }.
 * `-c FILE` gives config as that string (the caller refuses it: the project's config file is always used).
 */
export function parseDistArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const platform = PLATFORMS.get(arg);
    if (platform) {
      options[platform] ??= [];
      const targets = options[platform];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) targets.push(argv[++i]);
      continue;
    }
    const name = arg.replace(/^--?/, '');
    if (arg.startsWith('--') && ARCHS.includes(name)) options[name] = true;
    else if (arg === '--dir') options.dir = true;
    else if (arg === '--publish' || arg === '-p') {
      const policy = argv[++i];
      if (!PUBLISH.includes(policy)) throw new ConfigProblem(`--publish takes one of ${PUBLISH.join(', ')}.`);
      options.publish = policy;
    } else if (/^(-c|--config)\./.test(arg)) {
      const setting = arg.replace(/^(-c|--config)\./, '');
      const eq = setting.indexOf('=');
      const [key, value] = eq === -1 ? [setting, argv[++i]] : [setting.slice(0, eq), setting.slice(eq + 1)];
      if (value === undefined) throw new ConfigProblem(`${arg} needs a value: -c.${key}=VALUE.`);
      if (options.config !== undefined && typeof options.config !== 'object')
        throw new ConfigProblem('Pass settings as -c.key=value only.');
      options.config ??= {};
      setPath(options.config, key, coerce(value));
    } else if (arg === '-c' || arg === '--config') {
      options.config = argv[++i] ?? '';
    } else {
      throw new ConfigProblem(`npm run dist does not know "${arg}"; it takes ${SUPPORTED}.`);
    }
  }
  return options;
}
