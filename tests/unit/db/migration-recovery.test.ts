// Migration NNNN-recovery (issue #14, section 4): a complaint's recovery as nullable columns of the interaction's own
// row. Found by name, so renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-recovery')) + 1;

function storeAt(v: number) {
  const file = path.join(tempDir(), 'recovery.db');
  const db = new Database(file);
  migrate(db, file, { backup: false, target: v });
  return { db, migrateTo: (target: number) => migrate(db, file, { backup: false, target }) };
}

const RECOVERY = [
  'recovery_severity',
  'recovery_what',
  'recovery_remedy',
  'recovery_amount_minor',
  'recovery_root_cause',
  'goodwill_approved_by',
];

describe('migration recovery', () => {
  it('is registered after the settle-issues schema', () => {
    expect(version).toBeGreaterThan(MIGRATIONS.findIndex((m) => m.name.endsWith('-settle-issues')) + 1);
  });

  it('leaves every earlier entry without a recovery, and still append-only', () => {
    const { db, migrateTo } = storeAt(version - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id)
       VALUES (NULL, '2026-11-01T10:00:00Z', '2026-11-01', 'complaint', 'resolved', 1, 't')`,
    ).run();
    migrateTo(version);
    expect(db.prepare(`SELECT ${RECOVERY.join(', ')} FROM interactions`).get()).toEqual(
      Object.fromEntries(RECOVERY.map((c) => [c, null])),
    );
    expect(() => db.prepare("UPDATE interactions SET recovery_severity = 'minor'").run()).toThrow(/append-only/);
    db.close();
  });

  it('takes a whole recovery or none, with known values, and an approver only for an amount', () => {
    const { db } = storeAt(version);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    const add = (r: Partial<Record<string, unknown>>) =>
      db
        .prepare(
          `INSERT INTO interactions (created_at, local_day, kind, outcome, clerk_id, terminal_id, ${RECOVERY.join(', ')})
           VALUES ('2026-11-23T10:00:00Z', '2026-11-23', 'complaint', 'resolved', 1, 't', ${RECOVERY.map((c) => `@${c}`).join(', ')})`,
        )
        .run({ ...Object.fromEntries(RECOVERY.map((c) => [c, null])), ...r });
    const whole = {
      recovery_severity: 'serious',
      recovery_what: 'broke',
      recovery_remedy: 'refund',
      recovery_amount_minor: 2500,
      recovery_root_cause: 'product_fault',
    };
    expect(() => add({})).not.toThrow();
    expect(() => add(whole)).not.toThrow();
    expect(() => add({ ...whole, goodwill_approved_by: 1 })).not.toThrow();
    expect(() => add({ ...whole, recovery_root_cause: null })).toThrow(/CHECK/);
    expect(() => add({ recovery_what: 'half' })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_remedy: 'voucher' })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_severity: 'awful' })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_root_cause: 'weather' })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_amount_minor: -1 })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_remedy: 'none' })).toThrow(/CHECK/);
    expect(() => add({ ...whole, recovery_remedy: 'none', recovery_amount_minor: 0, goodwill_approved_by: 1 })).toThrow(
      /CHECK/,
    );
    expect(() => add({ ...whole, goodwill_approved_by: 99 })).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
