// GPG signatures for the Linux packages, which electron-builder leaves unsigned: with COUNTERPART_GPG_KEY set (a key
// id in the builder's keyring), each .deb gets a dpkg-sig "builder" signature and each .rpm an rpmsign signature.
import { spawnSync } from 'node:child_process';

const TOOLS = {
  '.deb': (key, file) => ['dpkg-sig', ['-k', key, '--sign', 'builder', file]],
  '.rpm': (key, file) => ['rpmsign', ['--define', `_gpg_name ${key}`, '--addsign', file]],
};

/** Signs the .deb and .rpm files among `artifacts`; returns the files signed. Throws one sentence on failure. */
export function signLinuxPackages(artifacts, env = process.env) {
  const key = env.COUNTERPART_GPG_KEY?.trim();
  if (!key) return [];
  const signed = [];
  for (const file of artifacts) {
    const ext = Object.keys(TOOLS).find((e) => file.endsWith(e));
    if (!ext) continue;
    const [tool, args] = TOOLS[ext](key, file);
    const run = spawnSync(tool, args, { encoding: 'utf8' });
    if (run.error?.code === 'ENOENT')
      throw new Error(`Signing ${file} needs ${tool}, which is not installed (apt install dpkg-sig rpm).`);
    if (run.status !== 0)
      throw new Error(
        `${tool} could not sign ${file} with key ${key}: ${(run.stderr || run.stdout).trim().split('\n').pop()}`,
      );
    signed.push(file);
  }
  return signed;
}
