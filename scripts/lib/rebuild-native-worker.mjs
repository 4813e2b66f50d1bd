// Runs in a child process so @electron/rebuild's and node-gyp's output goes to the build log, not the terminal.
import { rebuild } from '@electron/rebuild';

const [workDir, electronVersion, moduleName, platform, arch] = process.argv.slice(2);
try {
  await rebuild({
    buildPath: workDir,
    electronVersion,
    platform,
    arch,
    onlyModules: [moduleName],
    force: true,
    mode: 'sequential',
  });
} catch (err) {
  console.error(err?.stack ?? err);
  process.exit(1);
}
