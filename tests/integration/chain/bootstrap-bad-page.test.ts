// A bootstrap page with one change that breaks the protocol is refused whole, as a wrong server's answer (a typed
// HubRefused), and nothing of it is kept: the store holds no row of it and the bootstrap has not moved, so the next
// try asks for the same page. The page's check is the quick one (common/sync/page.ts); a real HTTP server on
// 127.0.0.1 plays the hub.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { bootstrapProgress, copyChain } from '../../../main/sync/bootstrap';
import { HubRefused } from '../../../main/sync/hub-client';
import type { HubLink } from '../../../main/sync/hub-link';
import { pullCursor } from '../../../main/sync/replica';
import { tempStore } from '../../helpers/temp-store';

const hlc = `${String(Date.UTC(2026, 11, 7)).padStart(15, '0')}:00000:${uuidv7()}`;
const origin = { storeId: uuidv7(), terminalId: uuidv7() };
const person = (name: string) => ({
  entity: 'customer',
  kind: 'upsert',
  id: uuidv7(),
  hlc,
  fields: { firstName: { value: name, hlc }, lastName: { value: 'Murphy', hlc } },
  origin,
});
const people = ['Aoife', 'Brendan', 'Ciara'].map(person);

/** What the fake hub answers the customers' page with: set by each test. */
let customersPage: unknown[] = [];
let asked = 0;
const hub = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    const { phase } = JSON.parse(body) as { phase: string };
    if (phase === 'customers') asked++;
    const changes = phase === 'customers' ? customersPage : [];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ changes, after: null, total: changes.length, feedCursor: 'feed-1' }));
  });
});
let link: HubLink;
beforeAll(async () => {
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  link = {
    hubUrl: `http://127.0.0.1:${(hub.address() as AddressInfo).port}`,
    terminal: { id: uuidv7(), name: 'till-1' },
    store: { id: uuidv7(), name: 'Sligo' },
    credential: 'x'.repeat(43),
    joinedAt: new Date().toISOString(),
  };
});
afterAll(() => new Promise<void>((resolve) => hub.close(() => resolve())));

describe('a bootstrap page that breaks the protocol', () => {
  it('is refused as a wrong answer and leaves nothing of itself; the next try copies the page', async () => {
    const s = tempStore();
    const count = () => s.db.prepare('SELECT count(*) FROM customers').pluck().get();
    customersPage = [...people.slice(0, 2), { ...person('Dara'), hlc: 'yesterday' }, people[2]];
    const refused = await copyChain(s.ctx, link, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubRefused);
    expect((refused as HubRefused).code).toBe('INTERNAL');
    expect(count()).toBe(0);
    expect(pullCursor(s.db)).toBeNull();
    expect(bootstrapProgress(s.db)).toBeNull();

    customersPage = people;
    await copyChain(s.ctx, link, {});
    expect(count()).toBe(3);
    expect(asked).toBe(2);
    expect(pullCursor(s.db)).toBe('feed-1');
  });
});
