import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { conflictText } from '@common/imports';
import { runCli } from '../../main/cli/run';
import { createCustomer } from '../../main/services/customers';
import { importCsv } from '../../main/services/import';
import { samePerson } from '@common/same-person';
import { logInteraction } from '../../main/services/interactions';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

function writeCsv(name: string, content: string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

const readErrors = (file: string) =>
  parse(fs.readFileSync(file), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
const rowOf = (s: TempStore, id: number) => s.db.prepare('SELECT * FROM customers WHERE id = ?').get(id);
const HEADER = 'First Name,Last Name,Phone,Email,Card,Birthday,Opt-in';

/** Mary O'Brien of the demo store: card 2000010000003 and a history. */
function mary(s: TempStore) {
  const m = createCustomer(s.ctx, {
    firstName: 'Mary',
    lastName: "O'Brien",
    phone: '087 123 4567',
    email: 'mary.obrien@gmail.com',
    loyaltyId: '2000010000003',
  });
  for (let i = 0; i < 3; i++)
    logInteraction(s.ctx, s.clerkId, { customerId: m.id, kind: 'inquiry', outcome: 'resolved', notes: `visit ${i}` });
  return m;
}

describe('customer import: a row carrying someone else’s card, phone or email', () => {
  it('refuses the row as a conflict naming both people, in the dry run and the real run, and changes nothing', async () => {
    const s = tempStore();
    const m = mary(s);
    const before = rowOf(s, m.id);
    const file = writeCsv(
      'pos.csv',
      `${HEADER}\nNuala,Quinn,0851112223,nuala.quinn@example.ie,2000010000003,1975-07-01,yes\n`,
    );

    const dry = await importCsv(s.ctx, { entity: 'customers', file, dryRun: true });
    expect(dry).toMatchObject({ updated: 0, inserted: 0, failed: 1, conflicts: 1 });
    const expected = {
      line: 2,
      rowName: 'Nuala Quinn',
      holderName: "Mary O'Brien",
      customerId: m.id,
      matchedOn: 'card',
      identifier: '2000010000003',
    };
    expect(dry.conflictList).toEqual([expected]);
    expect(conflictText(dry.conflictList[0]!)).toBe(
      `line 2: Nuala Quinn, but the loyalty card 2000010000003 belongs to Mary O'Brien (customer ${m.id})`,
    );

    const real = await importCsv(s.ctx, { entity: 'customers', file, clerkId: s.clerkId });
    expect(real).toMatchObject({ updated: 0, failed: 1, conflicts: 1, conflictList: [expected] });
    expect(rowOf(s, m.id)).toEqual(before);
    expect(s.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    const [refused] = readErrors(real.errorFile!);
    expect(refused!.reason).toBe(
      `the loyalty card 2000010000003 belongs to Mary O'Brien (customer ${m.id}), not to Nuala Quinn; nothing was changed`,
    );
    expect(refused).toMatchObject({ line: '2', Card: '2000010000003', 'First Name': 'Nuala' });
    // The audit entry counts the conflict and names nobody.
    const details = s.db.prepare("SELECT details FROM audit_log WHERE event = 'import'").pluck().get() as string;
    expect(JSON.parse(details)).toMatchObject({ conflicts: 1, failed: 1, updated: 0 });
    expect(details).not.toMatch(/Nuala|Mary|O'Brien|2000010000003/);
  });

  it('lists every reason a row is refused, the conflict with the rest', async () => {
    const s = tempStore();
    const m = mary(s);
    const file = writeCsv(
      'pos.csv',
      `${HEADER}\nNuala,Quinn,0851112223,not-an-email,2000010000003,31/02/1975,perhaps\n`,
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ failed: 1, conflicts: 1 });
    const reason = readErrors(r.errorFile!)[0]!.reason!;
    expect(reason.split('; ')).toEqual([
      'Birthday "31/02/1975" is not a real calendar date',
      'Opt-in "perhaps" is not yes/no, 1/0, true/false or y/n',
      expect.stringMatching(/^Email: /),
      `the loyalty card 2000010000003 belongs to Mary O'Brien (customer ${m.id}), not to Nuala Quinn`,
      'nothing was changed',
    ]);
  });

  it('finds the holder of a shared phone whose name fits, and refuses a name that fits none of them', async () => {
    const s = tempStore();
    const maryId = mary(s).id;
    const john = createCustomer(s.ctx, { firstName: 'John', lastName: "O'Brien", phone: '087 123 4567' });
    const file = writeCsv(
      'pos.csv',
      `${HEADER}\nJohn,O'Brien,087 123 4567,john@example.ie,,,\nPeter,O'Brien,087 123 4567,peter@example.ie,,,\n`,
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ updated: 1, inserted: 0, failed: 1, conflicts: 1, fieldsChanged: { email: 1 } });
    expect(rowOf(s, john.id)).toMatchObject({ first_name: 'John', email: 'john@example.ie' });
    expect(r.conflictList).toEqual([
      expect.objectContaining({
        line: 3,
        rowName: "Peter O'Brien",
        holderName: "Mary O'Brien",
        customerId: maryId,
        matchedOn: 'phone',
      }),
    ]);
  });

  it('refuses a second person given the same card further down the same file', async () => {
    const s = tempStore();
    const file = writeCsv('pos.csv', `${HEADER}\nAoife,Byrne,,,C-77,,\nSeán,Kelly,,,C77,,\n`);
    for (const dryRun of [true, false]) {
      const r = await importCsv(s.ctx, { entity: 'customers', file, dryRun });
      expect(r).toMatchObject({ inserted: 1, failed: 1, conflicts: 1 });
      expect(r.conflictList[0]).toMatchObject({
        line: 3,
        rowName: 'Seán Kelly',
        holderName: 'Aoife Byrne',
        customerId: null,
        identifier: 'C77',
      });
      expect(readErrors(r.errorFile!)[0]!.reason).toBe(
        'the loyalty card C77 was given to Aoife Byrne on line 2, not to Seán Kelly; nothing was changed',
      );
    }
    expect(s.db.prepare('SELECT first_name FROM customers').pluck().all()).toEqual(['Aoife']);
  });

  it('updates a customer whose name only changed the way one person’s does, and audits which fields changed', async () => {
    const s = tempStore();
    const ann = createCustomer(s.ctx, {
      firstName: 'Ann',
      lastName: 'Murphy',
      loyaltyId: 'L-1',
      email: 'ann@example.ie',
    });
    const file = writeCsv('pos.csv', `${HEADER}\nAnn,Byrne,086 555 0000,,L-1,1980-03-04,\n`);
    const r = await importCsv(s.ctx, { entity: 'customers', file, clerkId: s.clerkId });
    expect(r).toMatchObject({ updated: 1, conflicts: 0, fieldsChanged: { lastName: 1, phone: 1, birthday: 1 } });
    expect(Object.keys(r.fieldsChanged).sort()).toEqual(['birthday', 'lastName', 'phone']);
    expect(rowOf(s, ann.id)).toMatchObject({
      first_name: 'Ann',
      last_name: 'Byrne',
      phone: '086 555 0000',
      birthday: '1980-03-04',
    });
    const details = s.db.prepare("SELECT details FROM audit_log WHERE event = 'import'").pluck().get() as string;
    expect(JSON.parse(details)).toMatchObject({ updated: 1, fieldsChanged: { lastName: 1, phone: 1, birthday: 1 } });
    expect(details).not.toMatch(/Byrne|086|1980/);
  });

  it('prints the conflicts by name on the command line', async () => {
    const s = tempStore();
    const m = mary(s);
    const file = writeCsv(
      'pos.csv',
      `${HEADER}\nNuala,Quinn,0851112223,nuala.quinn@example.ie,2000010000003,1975-07-01,yes\n`,
    );
    const out: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {} };
    expect(await runCli(['import', 'customers', file, '--dry-run', '--db', s.file], io)).toBe(3);
    expect(out.join('')).toContain(`0 would be updated, 0 unchanged, 1 refused (1 of them conflicts)`);
    expect(out.join('')).toContain(
      `    line 2: Nuala Quinn, but the loyalty card 2000010000003 belongs to Mary O'Brien (customer ${m.id})\n`,
    );
  });
});

describe('whether a row’s name can be the customer holding its identifier', () => {
  const p = (first: string, last = '') => [first, last] as const;
  it.each([
    [p('Ann', 'Byrne'), p('Ann', 'Murphy'), 'a married name'],
    [p('ann', 'OBRIEN'), p('Ann', "O'Brien"), 'case and apostrophes'],
    [p('J.', "O'Brien"), p('John', "O'Brien"), 'an initial'],
    [p('Kath', 'Ryan'), p('Katherine', 'Ryan'), 'a short form that starts the name'],
    [p('Jon', 'Ryan'), p('John', 'Ryan'), 'one typo'],
    [p('Ann Marie', 'Murphy'), p('Ann', 'Murphy'), 'a second first name'],
    [p('Murphy', 'Ann'), p('Ann', 'Murphy'), 'first and last swapped'],
    [p('', 'Quinn'), p('Mary', "O'Brien"), 'no first name on the row'],
    [p('Nuala', 'Quinn'), p('', ''), 'a customer without a name'],
  ])('%o is %o (%s)', (row, customer) => expect(samePerson(...row, ...customer)).toBe(true));

  it.each([
    [p('Nuala', 'Quinn'), p('Mary', "O'Brien"), 'another person'],
    [p('John', "O'Brien"), p('Mary', "O'Brien"), 'a family member'],
    [p('Tom', 'Ryan'), p('Tim', 'Ryan'), 'three-letter names a letter apart'],
    [p('Bob', 'Ryan'), p('Robert', 'Ryan'), 'nicknames are not guessed'],
  ])('%o is not %o (%s)', (row, customer) => expect(samePerson(...row, ...customer)).toBe(false));
});
