import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelFor, METHOD_NAMES } from '../../common/contract';
import { buildBridge } from '../../preload/api';

describe('preload bridge', () => {
  it('exposes exactly the contract methods, as functions, and cannot be extended', () => {
    const api = buildBridge(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) expect(typeof api[m]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => Object.assign(api, { invoke: () => 0 })).toThrow();
  });

  it('sends each method on its own channel with the input, {} when none is given', async () => {
    const calls: [string, unknown][] = [];
    const api = buildBridge(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    });
    expect(await api['customers.search']({ query: 'byrne' })).toEqual({ ok: true, value: channelFor('customers.search') });
    await (api['app.info'] as (i?: object) => Promise<unknown>)();
    expect(calls).toEqual([
      ['counterpart:customers.search', { query: 'byrne' }],
      ['counterpart:app.info', {}],
    ]);
    expect(new Set(METHOD_NAMES.map(channelFor)).size).toBe(METHOD_NAMES.length);
  });

  it('turns a failed IPC call into an INTERNAL envelope without the underlying message', async () => {
    const api = buildBridge(async () => {
      throw new Error("Error invoking remote method 'counterpart:app.info': SqliteError at /secret/path.ts:12");
    });
    const res = await api['app.info']({});
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(res)).not.toMatch(/secret|Sqlite|remote method/);
  });

  it('preload/index.ts exposes only the bridge, once, under window.counterpart', () => {
    const src = fs.readFileSync(new URL('../../preload/index.ts', import.meta.url), 'utf8');
    expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(src).toMatch(/exposeInMainWorld\(\s*'counterpart',\s*buildBridge\(/);
    // ipcRenderer may only appear inside the invoke callback handed to buildBridge.
    expect(src.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke']);
  });
});
