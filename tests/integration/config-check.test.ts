// `counterpart config check FILE`: the start-up validation of the managed config, every problem at once, each
// unknown key named with the setting nearest to it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../common/edit-distance';
import { EXIT } from '../../main/cli/common';
import { runCli } from '../../main/cli/run';
import { ConfigError, loadManagedConfig, MANAGED_KEYS } from '../../main/config/managed-config';
import { cliTerminal } from '../helpers/cli-terminal';
import { tempDir } from '../helpers/temp-store';

const { io, out, err } = cliTerminal();

function configFile(content: string): string {
  const file = path.join(tempDir(), 'config.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('counterpart config check', () => {
  it('says a valid file is valid and what it sets, exit 0', async () => {
    const file = configFile(JSON.stringify({ storeName: 'Galway', timeZone: 'Europe/Dublin', backupKeep: 30 }));
    expect(await runCli(['config', 'check', file], io)).toBe(EXIT.ok);
    expect(out.join('')).toBe(`${file} is valid: it sets storeName, backupKeep, timeZone.\n`);
    expect(err).toEqual([]);
  });

  it('lists every bad key with the nearest valid one, and every bad value, exit 1, leaving the file as it was', async () => {
    const content = JSON.stringify({ backupKep: 7, storeID: 'dub-01', timezone: 'Europe/Dublin', storeName: 'Galway' });
    const file = configFile(content);
    expect(await runCli(['config', 'check', file], io)).toBe(EXIT.failed);
    expect(out.join('').split('\n')).toEqual([
      `${file} is not valid; the app would not start with it:`,
      '  "backupKep" is not a known setting (the nearest is "backupKeep")',
      '  "storeID" is not a known setting (the nearest is "storeId")',
      '  "timezone" is not a known setting (the nearest is "timeZone")',
      '',
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);

    out.length = 0;
    expect(await runCli(['config', 'check', file, '--json'], io)).toBe(EXIT.failed);
    const result = JSON.parse(out.join('')) as { valid: boolean; problems: { key: string; nearest?: string }[] };
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => [p.key, p.nearest])).toEqual([
      ['backupKep', 'backupKeep'],
      ['storeID', 'storeId'],
      ['timezone', 'timeZone'],
    ]);
    for (const p of result.problems) expect(MANAGED_KEYS).toContain(p.nearest);
  });

  it('names each bad value with what was expected, as start-up would', async () => {
    const file = configFile(JSON.stringify({ backupKeep: 'seven', retentionDays: 3 }));
    expect(await runCli(['config', 'check', file], io)).toBe(EXIT.failed);
    expect(out.join('')).toContain('  "backupKeep" expected a number, got "seven"\n');
    expect(out.join('')).toContain('  "retentionDays" expected at least 30\n');
    // The same file stops start-up with its first problem.
    expect(() => loadManagedConfig('linux', { COUNTERPART_CONFIG: file })).toThrow(ConfigError);
  });

  it('exits 1 for a file that is not there or not JSON, and 2 without a file', async () => {
    const missing = path.join(tempDir(), 'none.json');
    expect(await runCli(['config', 'check', missing], io)).toBe(EXIT.failed);
    expect(out.join('')).toContain('it cannot be read (ENOENT)');
    expect(fs.existsSync(missing)).toBe(false);
    out.length = 0;
    expect(await runCli(['config', 'check', configFile('{"storeId": ')], io)).toBe(EXIT.failed);
    expect(out.join('')).toContain('it is not valid JSON');
    expect(await runCli(['config', 'check'], io)).toBe(EXIT.usage);
    expect(err.join('')).toBe('Name the config file: counterpart config check FILE. (see --help)\n');
  });
});

describe('nearest', () => {
  it('counts edits, and case for less than a letter', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Zoë', 'Zoe')).toBe(1);
    expect(nearest('storeID', ['storeName', 'storeId', 'terminalId'])).toBe('storeId');
    expect(nearest('x', [])).toBeUndefined();
  });
});
