import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BatchInsert } from '../../../main/db/batch-insert';
import { tempDir } from '../../helpers/temp-store';

function table() {
  const db = new Database(path.join(tempDir(), 'batch.db'));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return { db, insert: new BatchInsert(db, 't', ['id', 'name'], 3) };
}

const add = (b: BatchInsert, id: number, name: string | null) => {
  b.values.push(id, name);
  b.rowAdded();
};
const rows = (db: Database.Database) => db.prepare('SELECT id, name FROM t ORDER BY id').all();

describe('BatchInsert', () => {
  it('writes full statements as rows come and the rest on flush, in order', () => {
    const { db, insert } = table();
    for (let i = 1; i <= 7; i++) add(insert, i, `n${i}`);
    expect(rows(db)).toHaveLength(6);
    insert.flush();
    expect(rows(db)).toEqual(Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: `n${i + 1}` })));
  });

  it('drops the rows of a failed statement instead of carrying them into the next batch', () => {
    const { db, insert } = table();
    add(insert, 1, 'a');
    add(insert, 2, 'b');
    expect(() => add(insert, 3, null)).toThrow(/NOT NULL/);
    add(insert, 4, 'd');
    expect(() => {
      add(insert, 5, 'e');
      insert.values.push(6, null);
      insert.flush();
    }).toThrow(/NOT NULL/);
    add(insert, 7, 'g');
    insert.flush();
    // 1-3 went in one statement and none of them landed; flush writes row by row, so 4 and 5 did (a caller's
    // transaction would roll them back), 6 failed; nothing of either failure came back with 7.
    expect(rows(db)).toEqual([
      { id: 4, name: 'd' },
      { id: 5, name: 'e' },
      { id: 7, name: 'g' },
    ]);
  });
});
