// `counterpart config check FILE`: the start-up validation of the managed config, every problem at once, each
// unknown key named with the setting nearest to it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '@common/edit-distance';
import { EXIT } from '../../main/cli/common';
import { CODE_NOT_SHOWN } from '../../main/cli/config-command';
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

  it('accepts hub.url and hub.enrolmentCode, and never prints the code', async () => {
    const code = 'ABCD-EFGH-JKMN-PQRS';
    const file = configFile(
      JSON.stringify({ storeName: 'Sligo', hub: { url: 'https://hub.example.com/', enrolmentCode: code } }),
    );
    expect(await runCli(['config', 'check', file], io)).toBe(EXIT.ok);
    expect(out.join('')).toMatch(
      new RegExp(`^${file} is valid: it sets storeName, hub\\. .*a store that joined a hub already ignores it\\.\n$`),
    );
    out.length = 0;
    expect(await runCli(['config', 'check', file, '--json'], io)).toBe(EXIT.ok);
    const result = JSON.parse(out.join('')) as { valid: boolean; settings: { hub: unknown } };
    expect(result).toMatchObject({
      valid: true,
      settings: { hub: { url: 'https://hub.example.com/', enrolmentCode: CODE_NOT_SHOWN } },
    });
    expect(out.join('')).not.toContain(code);
    expect(loadManagedConfig('linux', { COUNTERPART_CONFIG: file }).values?.hub).toEqual({
      url: 'https://hub.example.com/',
      enrolmentCode: code,
    });
  });

  it('rejects a hub address a terminal could not join, a malformed code, half a hub and a misspelt hub key', async () => {
    const content = JSON.stringify({ hub: { url: 'http://10.0.0.5:8740/', enrolmentCode: 'ABC', urll: 'x' } });
    const file = configFile(content);
    expect(await runCli(['config', 'check', file], io)).toBe(EXIT.failed);
    const text = out.join('');
    expect(text).toContain('  "hub.urll" is not a known setting (the nearest is "hub.url")\n');
    expect(text).toMatch(/ {2}"hub\.url" expected an https:\/\/ hub address /);
    expect(text).toMatch(/ {2}"hub\.enrolmentCode" expected the one-time code `counterpart hub enroll` printed/);
    expect(text).not.toContain('"ABC"');
    for (const url of ['ftp://hub.example.com/', 'hub.example.com', 'https://admin:pw@hub.example.com/']) {
      const bad = configFile(JSON.stringify({ hub: { url, enrolmentCode: 'ABCD-EFGH-JKMN-PQRS' } }));
      expect(() => loadManagedConfig('linux', { COUNTERPART_CONFIG: bad }), url).toThrow(
        /"hub\.url" expected an https/,
      );
    }
    const half = configFile(JSON.stringify({ hub: { url: 'https://hub.example.com/' } }));
    expect(() => loadManagedConfig('linux', { COUNTERPART_CONFIG: half })).toThrow(
      /"hub\.enrolmentCode" expected a string/,
    );
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
