import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface CustomerRow {
  id: number;
  first_name: string;
  last_name: string;
  name_key: string;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  loyalty_id: string | null;
  birthday: string | null;
  style: string;
  language: string | null;
  marketing_consent: number;
  tags: string;
  notes: string;
  created_at: string;
  visit_count: number;
  last_visit_at: string | null;
  lifetime_spend_cents: number;
  purchase_count: number;
  interaction_count: number;
}

export interface HitRow {
  id: number;
  first_name: string;
  last_name: string;
  name_key: string;
  phone: string | null;
  email: string | null;
  loyalty_id: string | null;
  last_visit_at: string | null;
}

export interface NewCustomerRow {
  first_name: string;
  last_name: string;
  name_key: string;
  last_key: string;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  loyalty_id: string | null;
  birthday: string | null;
  style: string;
  language: string | null;
  marketing_consent: number;
  tags: string;
  notes: string;
  created_at: string;
}

type Ids = { id: number }[];

export const customersRepo = preparedFor((db: Database.Database) => {
  const ids = (sql: string) => db.prepare<unknown[], { id: number }>(sql);
  return {
    byId: db.prepare<[number], CustomerRow>('SELECT * FROM customers WHERE id = ?'),
    hitsByIds: (list: number[]): HitRow[] =>
      list.length === 0
        ? []
        : db
            .prepare<number[], HitRow>(
              `SELECT id, first_name, last_name, name_key, phone, email, loyalty_id, last_visit_at
               FROM customers WHERE id IN (${list.map(() => '?').join(',')})`,
            )
            .all(...list),
    loyaltyExact: ids('SELECT id FROM customers WHERE loyalty_id = ?'),
    loyaltyPrefix: ids('SELECT id FROM customers WHERE loyalty_id >= ? AND loyalty_id < ? ORDER BY loyalty_id LIMIT ?'),
    phoneExact: ids('SELECT id FROM customers WHERE phone_digits = ? LIMIT ?'),
    phoneLast4: ids(
      'SELECT id FROM customers WHERE substr(phone_digits, -4) = ? ORDER BY last_visit_at DESC LIMIT ?',
    ),
    phoneContains: ids("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH 'phone_digits : ' || ? LIMIT ?"),
    emailExact: ids('SELECT id FROM customers WHERE email = ? LIMIT ?'),
    emailPrefix: ids('SELECT id FROM customers WHERE email >= ? AND email < ? ORDER BY email LIMIT ?'),
    namePrefix: ids('SELECT id FROM customers WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?'),
    lastNamePrefix: ids('SELECT id FROM customers WHERE last_key >= ? AND last_key < ? ORDER BY last_key LIMIT ?'),
    nameMatch: ids("SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH 'name_key : ' || ? LIMIT ?"),
    nameLike: likeOverIndex(db),
    insert: db.prepare<NewCustomerRow>(
      `INSERT INTO customers (first_name, last_name, name_key, last_key, phone, phone_digits, email, loyalty_id,
         birthday, style, language, marketing_consent, tags, notes, created_at)
       VALUES (@first_name, @last_name, @name_key, @last_key, @phone, @phone_digits, @email, @loyalty_id,
         @birthday, @style, @language, @marketing_consent, @tags, @notes, @created_at)`,
    ),
  };
});

export type IdRows = Ids;

/**
 * LIKE over the search index, for near-miss patterns such as '%o_rien%'. The index's tokenizer option
 * remove_diacritics keeps FTS5 from serving LIKE itself (EXPLAIN QUERY PLAN shows "INDEX 0:" rather than "0:L0"),
 * so a bare LIKE reads every row: ~50 ms per pattern at 100,000 customers when nothing matches. A MATCH on the
 * pattern's literal runs of 3+ characters (which every matching name contains) narrows the candidates through the
 * index first, and the LIKE still decides: the same rows in the same (rowid) order.
 */
function likeOverIndex(db: Database.Database) {
  const scan = db.prepare<[string, number], { id: number }>('SELECT rowid AS id FROM customer_fts WHERE name_key LIKE ? LIMIT ?');
  const narrowed = db.prepare<[string, string, number], { id: number }>(
    'SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? AND name_key LIKE ? LIMIT ?',
  );
  return {
    all(pattern: string, limit: number): Ids {
      const runs = pattern.split(/[%_]+/).filter((run) => [...run].length >= 3);
      if (runs.length === 0) return scan.all(pattern, limit);
      const expr = `name_key : ${runs.map((run) => `"${run.replaceAll('"', '""')}"`).join(' AND ')}`;
      return narrowed.all(expr, pattern, limit);
    },
  };
}
