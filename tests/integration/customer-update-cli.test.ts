// `counterpart customer update` and the opening recorded by `counterpart show`, run in-process as the command line
// runs them, on real store files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { eraseCustomer } from '../../main/services/privacy';
import { tempDir, tempStore } from '../helpers/temp-store';

let out: string[];
let err: string[];
const io = {
  stdout: { write: (t: string) => out.push(t) },
  stderr: { write: (t: string) => err.push(t) },
  env: process.env,
};
const savedDb = process.env.COUNTERPART_DB;
beforeEach(() => {
  out = [];
  err = [];
  delete process.env.COUNTERPART_DB;
});
afterEach(() => {
  if (savedDb === undefined) delete process.env.COUNTERPART_DB;
  else process.env.COUNTERPART_DB = savedDb;
});

function store() {
  const s = tempStore();
  const mary = createCustomer(s.ctx, {
    firstName: 'Mary',
    lastName: "O'Brien",
    phone: '087 123 4567',
    tags: ['vip'],
  }).id;
  const liam = createCustomer(s.ctx, { firstName: 'Liam', lastName: 'Walsh', email: 'liam@example.ie' }).id;
  const update = (...args: string[]) => runCli(['customer', 'update', ...args, '--db', s.file], io);
  return { s, mary, liam, update };
}

describe('counterpart customer update', () => {
  it('changes the given fields as the first manager, or as --clerk, and says what changed', async () => {
    const { s, mary, update } = store();
    expect(
      await update(
        String(mary),
        '--phone',
        '087 765 4321',
        '--style',
        'gold',
        '--consent',
        'yes',
        '--tags',
        'vip, runner ,',
        '--birthday',
        '1980-05-17',
        '--json',
      ),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join(''))).toEqual({
      customerId: mary,
      changed: ['phone', 'birthday', 'style', 'marketingConsent', 'tags'],
      customer: expect.objectContaining({
        phone: '087 765 4321',
        birthday: '1980-05-17',
        style: 'gold',
        marketingConsent: true,
        tags: ['vip', 'runner'],
        styleSetBy: { clerkId: s.clerkId, name: 'Aoife Byrne' },
      }),
    });

    const ciara = addClerk(s.ctx, 'Ciara Nolan', 'clerk');
    out = [];
    expect(
      await update(String(mary), '--last-name', 'Byrne', '--notes', 'married in June', '--clerk', String(ciara.id)),
    ).toBe(0);
    expect(out.join('')).toBe(`Updated customer ${mary} (Mary Byrne): lastName, notes, by Ciara Nolan.\n`);
    out = [];
    expect(await update(String(mary), '--notes', 'married in June')).toBe(0);
    expect(out.join('')).toBe(`Customer ${mary} (Mary Byrne) already holds these values; nothing changed.\n`);
    expect(s.db.prepare("SELECT clerk_id FROM customer_field_changes WHERE field = 'lastName'").pluck().get()).toBe(
      ciara.id,
    );
    expect(await update(String(mary), '--phone', '')).toBe(0); // an empty value clears
    expect(s.db.prepare('SELECT phone FROM customers WHERE id = ?').pluck().get(mary)).toBeNull();
  });

  it.each([
    [[], /^Say what to change/],
    [['--style', 'purple'], /^--style: /],
    [['--consent', 'maybe'], /^--consent must be yes or no, not "maybe"/],
    [['--birthday', '2026-02-30'], /^--birthday: 2026-02-30 is not a calendar date/],
    [['--email', 'mary at home'], /^--email: /],
    [['--colour', 'red'], /^Unknown option '--colour'/],
  ])('refuses %j with exit 2, one line, and changes nothing', async (flags, message) => {
    const { s, mary, update } = store();
    const before = s.db.prepare('SELECT * FROM customers WHERE id = ?').get(mary);
    expect(await update(String(mary), ...(flags as string[]))).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(message);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(s.db.prepare('SELECT * FROM customers WHERE id = ?').get(mary)).toEqual(before);
  });

  it('exits 1 for a clash with another customer, an unknown or an erased customer', async () => {
    const { s, mary, liam, update } = store();
    expect(await update(String(mary), '--email', 'LIAM@example.ie')).toBe(1);
    expect(err.join('')).toBe(`Email liam@example.ie already belongs to Liam Walsh (customer ${liam}).\n`);
    err = [];
    expect(await update('999', '--notes', 'x')).toBe(1);
    expect(err.join('')).toBe('No customer with id 999.\n');
    eraseCustomer(s.ctx, s.clerkId, liam, 'customer request');
    expect(await update(String(liam), '--first-name', 'Liam')).toBe(1);
    expect(s.db.prepare('SELECT count(*) FROM customer_field_changes').pluck().get()).toBe(0);
  });

  it('never creates a store it was not given', async () => {
    const file = path.join(tempDir(), 'none.db');
    expect(await runCli(['customer', 'update', '1', '--notes', 'x', '--db', file], io)).toBe(1);
    expect(err.join('')).toMatch(/^No database at /);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('counterpart show', () => {
  it('records the opening as from the command line (no clerk)', async () => {
    const { s, mary } = store();
    expect(await runCli(['show', String(mary), '--db', s.file], io)).toBe(0);
    expect(s.db.prepare('SELECT clerk_id, terminal_id FROM profile_views WHERE customer_id = ?').all(mary)).toEqual([
      { clerk_id: null, terminal_id: s.ctx.config.terminalId },
    ]);
  });
});
