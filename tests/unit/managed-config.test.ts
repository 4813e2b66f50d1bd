import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadManagedConfig, managedConfigPath } from '../../main/config/managed-config';
import { tempDir } from '../helpers/temp-store';

function withFile(content: string) {
  const file = path.join(tempDir(), 'config.json');
  fs.writeFileSync(file, content);
  return { file, env: { COUNTERPART_CONFIG: file } };
}

describe('managed configuration', () => {
  it('has a system-wide location per OS', () => {
    expect(managedConfigPath('linux', {})).toBe('/etc/counterpart/config.json');
    expect(managedConfigPath('darwin', {})).toBe('/Library/Application Support/Counterpart/config.json');
    expect(managedConfigPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Counterpart\\config.json');
    expect(managedConfigPath('linux', { COUNTERPART_CONFIG: '/x/y.json' })).toBe('/x/y.json');
  });

  it('reads a valid file and reports which keys IT fixed', () => {
    const { file, env } = withFile(
      JSON.stringify({
        storeId: 'dub-01',
        terminalId: 'till-2',
        timeZone: 'Europe/Dublin',
        backupKeep: 14,
        updateUrl: null,
      }),
    );
    const before = fs.readFileSync(file, 'utf8');
    const cfg = loadManagedConfig('linux', env);
    expect(cfg.values).toEqual({
      storeId: 'dub-01',
      terminalId: 'till-2',
      timeZone: 'Europe/Dublin',
      backupKeep: 14,
      updateUrl: null,
    });
    expect(cfg.lockedKeys.sort()).toEqual(['backupKeep', 'storeId', 'terminalId', 'timeZone', 'updateUrl']);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('accepts a UTF-8 BOM, which Notepad writes', () => {
    const { env } = withFile('\uFEFF{"storeName":"Zoë\'s"}');
    expect(loadManagedConfig('linux', env).values).toEqual({ storeName: "Zoë's" });
  });

  it('is absent without complaint when nothing is deployed', () => {
    const missing = path.join(tempDir(), 'none.json');
    expect(() => loadManagedConfig('linux', { COUNTERPART_CONFIG: missing })).toThrow(/cannot be read \(ENOENT\)/);
  });

  it.each([
    ['{"backupKeep": "seven"}', /"backupKeep" expected a number, got "seven"/],
    ['{"timeZone": "Mars/Olympus"}', /"timeZone" expected .*IANA time zone/],
    ['{"retentionDays": 3}', /"retentionDays" expected at least 30/],
    ['{"storeID": "x"}', /"storeID" is not a known setting/],
    ['{"updateUrl": "ftp://x"}', /"updateUrl"/],
    ['{"updateUrl": "http://updates.example.test/counterpart/"}', /"updateUrl" expected an https:\/\/ URL/],
    ['{"storeId": ', /is not valid JSON/],
    ['{"tierSilverFrom": 800, "tierGoldFrom": 500}', /"tierGoldFrom" expected a lifetime spend above tierSilverFrom/],
  ])('names the file, the key and what was expected: %s', (content, message) => {
    const { file, env } = withFile(content);
    let err: unknown;
    try {
      loadManagedConfig('linux', env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(message);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });
});
