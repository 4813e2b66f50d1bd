import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { customersRepo } from '../../../main/db/customers.repo';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { tempDir } from '../../helpers/temp-store';

const VERSION = MIGRATIONS.findIndex((m) => m.name === '0022-name-word-grams') + 1;

describe('0022-name-word-grams', () => {
  it('indexes the name words already stored, follows them after, and tells which words a fragment is inside', () => {
    const file = path.join(tempDir(), 'grams.db');
    const db = new Database(file);
    migrate(db, file, { backup: false, target: VERSION - 1 });
    const add = db.prepare(
      "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES ('', '', ?, ?, '2026-01-01T00:00:00Z')",
    );
    add.run('sean gallagher', 'gallagher sean');
    add.run('mary obrien', 'obrien mary');
    migrate(db, file, { backup: false, target: VERSION });

    const holding = customersRepo(db).wordHolding;
    const held = (fragment: string) => holding.get(`"${fragment}"`) !== undefined;
    const grams = () => db.prepare('SELECT word FROM name_word_grams ORDER BY word').pluck().all();
    expect(grams()).toEqual(db.prepare('SELECT word FROM name_words ORDER BY word').pluck().all());
    expect(grams()).toEqual(['gallagher', 'mary', 'obrien', 'sean']);
    expect(held('allag')).toBe(true);
    expect(held('gallager')).toBe(false); // a typo: in no name

    add.run('aoife quixotic', 'quixotic aoife');
    expect(held('uixoti')).toBe(true);
    db.prepare("DELETE FROM customers WHERE name_key = 'sean gallagher'").run();
    expect(held('allag')).toBe(false);
    expect(grams()).toEqual(['aoife', 'mary', 'obrien', 'quixotic']);
    expect(() =>
      db.prepare("INSERT INTO name_word_grams (name_word_grams, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
    db.close();
  });
});
