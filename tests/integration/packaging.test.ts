// Packaging without the real Electron binary: the builder config is checked with electron-builder's own schema
// validator, the fuse settings against a synthetic fuse wire, and `npm run dist` builds a Linux `dir` package around
// a stand-in Electron whose contents are then inspected.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFuses, FUSE_SETTINGS, fuseConfig } from '../../scripts/fuses.mjs';
import { builderOverrides } from '../../scripts/lib/builder-overrides.mjs';
import { FONT_FILES } from '../../main/services/reports/pdf-fonts';
import { THREADS } from '../../main/thread-entry';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

type Config = Record<string, any>;
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(
    config: Config,
    debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
  ): Promise<void>;
};
const { deepAssign } = require('builder-util-runtime') as { deepAssign<T>(target: T, ...objects: unknown[]): T };
const quiet = { isEnabled: false, add: () => {} };

/** electron-builder.yml as electron-builder itself loads it, optionally with overrides merged over it the same way. */
const loadConfig = (overrides: Config | null = null) =>
  builderConfig.getConfig(root, null, overrides && structuredClone(overrides));

const temps: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-packaging-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await loadConfig();
    await expect(builderConfig.validateConfiguration(config, quiet)).resolves.toBeUndefined();
  });

  it('still passes with every environment override applied (Azure signing, update URL, local Electron)', async () => {
    const overrides = builderOverrides({
      ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron',
      COUNTERPART_UPDATE_URL: 'https://updates.example.test/counterpart/',
      AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
      AZURE_TRUSTED_SIGNING_ACCOUNT: 'shop-signing',
      AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE: 'public-trust',
      AZURE_TRUSTED_SIGNING_PUBLISHER_NAME: 'Counterpart Ltd',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
    });
    const config = await loadConfig(overrides);
    await expect(builderConfig.validateConfiguration(config, quiet)).resolves.toBeUndefined();
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.win.azureSignOptions).toMatchObject({
      codeSigningAccountName: 'shop-signing',
      publisherName: 'Counterpart Ltd',
    });
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://updates.example.test/counterpart/' });
    expect(config.electronDist).toBe('/opt/electron');
  });

  it('the validator does reject a wrong setting (so the check above can fail)', async () => {
    const config = await loadConfig();
    await expect(
      builderConfig.validateConfiguration(deepAssign(config, { nsis: { perMachin: true } }), quiet),
    ).rejects.toThrow(/configuration\.nsis/);
    await expect(
      builderConfig.validateConfiguration(
        { ...config, win: { ...config.win, azureSignOptions: { endpoint: 'x' } } },
        quiet,
      ),
    ).rejects.toThrow(/azureSignOptions/);
  });

  it('keeps the deployment choices IT relies on', async () => {
    const c = await loadConfig();
    expect(c.appId).toBe('com.counterpart.desk');
    expect(c.productName).toBe('Counterpart');
    expect(c.win.target).toEqual(['nsis', 'msi']);
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: false, deleteAppDataOnUninstall: false });
    expect(c.msi.perMachine).toBe(true);
    expect(c.msi.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(c.mac).toMatchObject({ target: ['dmg', 'zip'], hardenedRuntime: true });
    expect(c.mac.notarize).toBeUndefined(); // left to electron-builder's APPLE_* detection
    expect(c.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(c.npmRebuild).toBe(false);
    expect(c.afterPack).toBe('./scripts/after-pack.mjs');
    expect(c.asarUnpack).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(c.publish.provider).toBe('generic');
    for (const key of ['fileAssociations', 'protocols']) {
      for (const scope of [c, c.win, c.mac, c.linux]) expect(scope[key]).toBeUndefined();
    }
    for (const file of [c.mac.entitlements, c.mac.entitlementsInherit, c.mac.icon, c.win.icon, c.linux.icon]) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
  });

  it('ships a 512×512 PNG icon and its SVG source', () => {
    const png = fs.readFileSync(path.join(root, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(fs.readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8')).toContain('viewBox="0 0 512 512"');
  });
});

describe('environment overrides for npm run dist', () => {
  it('adds nothing when nothing is set', () => {
    expect(builderOverrides({})).toEqual({});
  });

  it('refuses a half-configured Azure signing setup, naming what is missing', () => {
    expect(() => builderOverrides({ AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://x', AZURE_TENANT_ID: 't' })).toThrow(
      /also set AZURE_TRUSTED_SIGNING_ACCOUNT, AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE, AZURE_TRUSTED_SIGNING_PUBLISHER_NAME, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET/,
    );
  });

  it('refuses two signing methods at once and a malformed update URL', () => {
    const azure = {
      AZURE_TRUSTED_SIGNING_ENDPOINT: 'e',
      AZURE_TRUSTED_SIGNING_ACCOUNT: 'a',
      AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE: 'p',
      AZURE_TRUSTED_SIGNING_PUBLISHER_NAME: 'n',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
    };
    expect(() => builderOverrides({ ...azure, CSC_LINK: 'cert.pfx' })).toThrow(/choose one/);
    expect(() => builderOverrides({ COUNTERPART_UPDATE_URL: 'updates.example.test' })).toThrow(/not a URL/);
    expect(() => builderOverrides({ COUNTERPART_UPDATE_URL: 'ftp://updates.example.test/' })).toThrow(/https:/);
    expect(() => builderOverrides({ COUNTERPART_UPDATE_URL: 'http://updates.example.test/' })).toThrow(/https:/);
  });
});

describe('Electron fuses', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const ON = 49;
  const OFF = 48;
  /** A file with a fuse wire the way Electron embeds it: sentinel, wire version 1, length, one byte per fuse. */
  function fakeBinary(states: number[]): string {
    const file = path.join(tempDir(), 'counterpart');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.alloc(64, 7),
        Buffer.from(SENTINEL),
        Buffer.from([1, states.length, ...states]),
        Buffer.alloc(64, 7),
      ]),
    );
    return file;
  }
  const wireOf = (file: string) => {
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
    return [...bytes.subarray(at + 2, at + 2 + bytes[at + 1]!)];
  };
  // Electron 45's defaults for the eight fuses @electron/fuses 1.8 knows.
  const DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

  it('are exactly the hardened settings', () => {
    expect(FUSE_SETTINGS).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: true,
    });
    expect(Object.isFrozen(FUSE_SETTINGS)).toBe(true);
  });

  it('map onto the wire positions of @electron/fuses, resetting the ad-hoc signature only for Apple silicon', () => {
    const c = fuseConfig({ platform: 'linux', arch: 'x64' });
    expect(c).toMatchObject({
      version: '1',
      resetAdHocDarwinSignature: false,
      0: false,
      1: true,
      2: false,
      3: false,
      4: true,
      5: true,
      6: false,
      7: true,
    });
    expect(fuseConfig({ platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig({ platform: 'darwin', arch: 'x64' }).resetAdHocDarwinSignature).toBe(false);
  });

  it('are flipped in the binary and verified by reading them back', async () => {
    const file = fakeBinary(DEFAULTS);
    await applyFuses(file, { platform: 'linux', arch: 'x64' });
    expect(wireOf(file)).toEqual([OFF, ON, OFF, OFF, ON, ON, OFF, ON]);
    const size = fs.statSync(file).size;
    await applyFuses(file, { platform: 'linux', arch: 'x64' }); // idempotent
    expect(fs.statSync(file).size).toBe(size);
  });

  it('leave a fuse they do not know (a newer Electron) alone, and refuse a wire too short for them', async () => {
    const newer = fakeBinary([...DEFAULTS, ON]);
    await applyFuses(newer, { platform: 'linux', arch: 'x64' });
    expect(wireOf(newer)).toEqual([OFF, ON, OFF, OFF, ON, ON, OFF, ON, ON]);
    await expect(applyFuses(fakeBinary(DEFAULTS.slice(0, 6)), { platform: 'linux', arch: 'x64' })).rejects.toThrow(
      /not long enough/,
    );
  });

  it('fail loudly when the file has no fuse wire', async () => {
    const file = path.join(tempDir(), 'not-electron');
    fs.writeFileSync(file, 'just a file');
    await expect(applyFuses(file, { platform: 'linux', arch: 'x64' })).rejects.toThrow(/sentinel/);
  });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function runDist(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const cleanEnv = { ...process.env, ...env };
    for (const key of ['ELECTRON_OVERRIDE_DIST_PATH', 'COUNTERPART_UPDATE_URL', 'CSC_LINK', 'COUNTERPART_GPG_KEY'])
      if (!(key in env)) delete cleanEnv[key];
    execFile(
      process.execPath,
      [path.join(root, 'scripts', 'dist.mjs'), ...args],
      { cwd: root, env: cleanEnv, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What electron-builder expects of an unpacked Electron: the `electron` executable and a resources folder. */
function standInElectron(): string {
  const dist = tempDir();
  fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n', { mode: 0o755 });
  fs.mkdirSync(path.join(dist, 'resources'));
  fs.mkdirSync(path.join(dist, 'locales'));
  fs.writeFileSync(path.join(dist, 'locales', 'en-US.pak'), '');
  fs.writeFileSync(
    path.join(dist, 'version'),
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version,
  );
  return dist;
}

describe.runIf(process.platform === 'linux')('npm run dist (Linux dir target, stand-in Electron)', () => {
  let output: string;
  let run: Run;
  let appDir: string;
  let asar: string;
  let entries: string[];

  beforeAll(async () => {
    output = tempDir();
    run = await runDist(['--linux', 'dir', '--x64', `-c.directories.output=${output}`], {
      ELECTRON_OVERRIDE_DIST_PATH: standInElectron(),
      COUNTERPART_PACKAGING_SMOKE: '1',
      COUNTERPART_UPDATE_URL: 'https://updates.example.test/counterpart/',
    });
    appDir = path.join(output, 'linux-unpacked');
    asar = path.join(appDir, 'resources', 'app.asar');
    entries = fs.existsSync(asar) ? listPackage(asar, { isPack: false }).map((e) => e.split(path.sep).join('/')) : [];
  }, 300_000);

  it('builds, packages and runs the afterPack hook in its smoke mode', () => {
    expect(run.stderr.slice(-2000) + run.stdout.slice(-2000)).not.toMatch(/details in/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('native rebuild and fuse flipping skipped');
    expect(fs.statSync(path.join(appDir, 'counterpart')).isFile()).toBe(true);
  });

  it('holds the compiled main, preload and renderer inside app.asar', () => {
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'])
      expect(entries).toContain(f);
    expect(entries.some((e) => /^\/out\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.name).toBe('counterpart');
  });

  it("holds each worker thread's bundle entry beside the main bundle, where main/thread-entry.ts looks for it", () => {
    for (const name of Object.keys(THREADS)) expect(entries).toContain(`/out/main/${name}.js`);
  });

  it('contains the runtime dependencies and none of the development ones', () => {
    const modules = new Set(entries.map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(e)?.[1]).filter(Boolean));
    for (const dep of ['better-sqlite3', 'zod', 'electron-log', 'electron-updater', 'csv-parse', 'pdfkit', 'fontkit'])
      expect(modules, dep).toContain(dep);
    for (const dev of [
      'react',
      'react-dom',
      'vitest',
      'vite',
      'playwright',
      'playwright-core',
      '@playwright/test',
      'typescript',
      'tsx',
      'electron',
      'electron-builder',
      '@electron/fuses',
      'fast-check',
    ]) {
      expect(modules, dev).not.toContain(dev);
    }
  });

  it("ships the fonts the PDF report embeds, where it looks for them, and none of their packages' other weights", () => {
    const shipped = entries.filter((e) => /^\/node_modules\/@embedpdf\/[^/]+\/fonts\/./.test(e)).sort();
    const used = Object.values(FONT_FILES)
      .map((f) => `/node_modules/${f.pkg}/fonts/${f.file}`)
      .sort();
    expect(shipped).toEqual(used);
    // The fonts are found from each package's entry point (pdf-fonts.ts), so that must ship too.
    for (const pkg of new Set(Object.values(FONT_FILES).map((f) => f.pkg)))
      expect(entries).toContain(`/node_modules/${pkg}/dist/index.cjs`);
  });

  it('leaves out source maps, TypeScript sources and tests', () => {
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /\.(ts|mts|cts|tsx)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/(tests|main|common|preload|renderer|scripts|resources)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(e))).toEqual([]);
  });

  it('keeps the better-sqlite3 binding outside the archive, without its C sources or build leftovers', () => {
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    const files = (fs.readdirSync(unpacked, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
    expect(files.filter((f) => /^(src|deps)\/|obj|test_extension|\.a$|Makefile|\.mk$|\.gypi?$/.test(f))).toEqual([]);
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
  });

  it('writes the update feed from COUNTERPART_UPDATE_URL into app-update.yml', () => {
    const yml = fs.readFileSync(path.join(appDir, 'resources', 'app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: generic$/m);
    expect(yml).toMatch(/^url: https:\/\/updates\.example\.test\/counterpart\/$/m);
  });

  it('puts the playbook and demo data next to the archive', () => {
    expect(fs.readdirSync(path.join(appDir, 'resources', 'playbook')).length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(appDir, 'resources', 'demo')).length).toBeGreaterThan(0);
  });
});

describe.runIf(process.platform === 'linux')('npm run dist where Electron cannot be downloaded', () => {
  it('ends in one sentence that names ELECTRON_OVERRIDE_DIST_PATH, without a stack trace', async () => {
    const output = tempDir();
    const run = await runDist(
      // A mirror nobody listens on and no cache: the download fails the same way with or without internet access.
      ['--linux', 'dir', '--x64', `-c.directories.output=${output}`, '-c.electronDownload.mirror=http://127.0.0.1:9/'],
      { ELECTRON_DOWNLOAD_CACHE_MODE: '3', COUNTERPART_PACKAGING_SMOKE: '1' },
    );
    expect(run.code).toBe(1);
    const last = run.stderr.trim().split('\n').pop()!;
    expect(last).toMatch(
      /^Packaging needs the Electron [\d.]+ binaries .* could not be downloaded here .*ELECTRON_OVERRIDE_DIST_PATH.*electronDist/,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});
