// The terminal's side of the hub, where no hub is needed: the address rules, a server that is not a hub, and a
// damaged enrolment file.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHub, HubRefused, HubUnreachable } from '../../main/sync/hub-client';
import { hubLinkFile, readHubLink } from '../../main/sync/hub-link';
import { hubAddress } from '../../main/sync/hub-address';
import { tempDir } from '../helpers/temp-store';

describe('hub addresses', () => {
  it('keep a path prefix and end in one slash', () => {
    expect(hubAddress('https://hq.example.com/counterpart')).toBe('https://hq.example.com/counterpart/');
    expect(hubAddress('http://127.0.0.1:8740')).toBe('http://127.0.0.1:8740/');
    expect(hubAddress('http://localhost:8740/')).toBe('http://localhost:8740/');
  });

  it('need https to reach another machine unless plain http is allowed, and carry no secrets', () => {
    expect(() => hubAddress('http://10.0.0.5:8740')).toThrow(/must be reached over https/);
    expect(hubAddress('http://10.0.0.5:8740', true)).toBe('http://10.0.0.5:8740/');
    expect(() => hubAddress('https://admin:pw@hq.example.com/')).toThrow(/without a user name, password/);
    expect(() => hubAddress('ftp://hq.example.com/')).toThrow(/starts with https:\/\//);
    expect(() => hubAddress('hq.example.com')).toThrow(/is not a hub address/);
  });
});

describe('calling something that is not a hub', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(req.url === '/v1/enrol' ? 502 : 200, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('says so in one sentence instead of failing later', async () => {
    const err = await callHub(url, 'enrol', { code: 'ABCD-EFGH-JKMN-PQRS', appVersion: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubRefused);
    expect((err as Error).message).toBe(
      `${url} answered HTTP 502, not the way a Counterpart hub does: check the address.`,
    );
  });

  it('gives up on a hub that does not answer in time', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const at = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const err = await callHub(at, 'enrol', { code: 'ABCD-EFGH-JKMN-PQRS', appVersion: '1' }, { timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    silent.closeAllConnections();
    silent.close();
    expect(err).toBeInstanceOf(HubUnreachable);
    expect((err as Error).message).toBe(
      `The hub at ${at} cannot be reached (no answer within 0.2 s): check the address and that the hub is running.`,
    );
  });
});

describe('the enrolment file', () => {
  it('is reported as damaged, not half-read', () => {
    const store = path.join(tempDir(), 'store.db');
    expect(readHubLink(store)).toBeNull();
    fs.writeFileSync(hubLinkFile(store), '{"hubUrl": "https://hq.example.com/"}');
    expect(() => readHubLink(store)).toThrow(
      `${hubLinkFile(store)} is damaged; ask for a new enrolment code and join the hub again.`,
    );
  });
});
