import type Database from 'better-sqlite3';
import { amended } from './playbook.repo';
import { preparedFor } from './prepared';

/** From a till's export (migration 0012-till-imports): the town, SMS consent, and what came before Counterpart. */
export interface TillColumns {
  city: string | null;
  postcode: string | null;
  country: string | null;
  sms_consent: number;
  opening_spend_cents: number;
  opening_orders: number;
  opening_as_of: string | null;
}

/** A stored customer: the columns it was written with (last_key aside), its till columns and what accrued since. */
export interface CustomerRow extends TillColumns, Omit<NewCustomerRow, 'last_key'> {
  id: number;
  visit_count: number;
  last_visit_at: string | null;
  lifetime_spend_cents: number;
  purchase_count: number;
  interaction_count: number;
  style_set_by: number | null;
  style_set_at: string | null;
  /** The display name of style_set_by (byId joins it). */
  style_set_by_name: string | null;
}

export interface HitRow {
  id: number;
  first_name: string;
  last_name: string;
  name_key: string;
  last_key: string;
  phone: string | null;
  email: string | null;
  loyalty_id: string | null;
  last_visit_at: string | null;
  city: string | null;
  postcode: string | null;
  visit_count: number;
  lifetime_spend_cents: number;
  opening_spend_cents: number;
  opening_orders: number;
}

/** What a customer is owed, counted for a result row's markers. */
export interface MarkerRow {
  id: number;
  issues: number;
  overdue: number;
  pickups: number;
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

/** A new customer's columns, in the order its insert writes them (a bulk writer stages them the same way). */
export const NEW_CUSTOMER_COLUMNS = [
  'first_name',
  'last_name',
  'name_key',
  'last_key',
  'phone',
  'phone_digits',
  'email',
  'loyalty_id',
  'birthday',
  'style',
  'language',
  'marketing_consent',
  'tags',
  'notes',
  'created_at',
] as const satisfies readonly (keyof NewCustomerRow)[];

type Ids = { id: number }[];

const HIT_COLUMNS = `SELECT customers.id, customers.first_name, customers.last_name, customers.name_key, customers.last_key,
  customers.phone, customers.email, customers.loyalty_id, customers.last_visit_at, customers.city, customers.postcode,
  customers.visit_count, customers.lifetime_spend_cents, customers.opening_spend_cents, customers.opening_orders`;

export const customersRepo = preparedFor((db: Database.Database) => {
  const ids = (sql: string) => db.prepare<unknown[], { id: number }>(sql);
  const hits = (sql: string) => db.prepare<unknown[], HitRow>(sql);
  return {
    byId: db.prepare<[number], CustomerRow>(
      `SELECT customers.*, clerks.display_name AS style_set_by_name
       FROM customers LEFT JOIN clerks ON clerks.id = customers.style_set_by WHERE customers.id = ?`,
    ),
    hitsByIds: (list: number[]): HitRow[] =>
      list.length === 0
        ? []
        : db
            .prepare<number[], HitRow>(`${HIT_COLUMNS} FROM customers WHERE id IN (${list.map(() => '?').join(',')})`)
            .all(...list),
    loyaltyExact: ids('SELECT id FROM customers WHERE loyalty_id = ?'),
    phoneExact: ids('SELECT id FROM customers WHERE phone_digits = ? LIMIT ?'),
    emailExact: ids('SELECT id FROM customers WHERE email = ? LIMIT ?'),
    namePrefix: ids('SELECT id FROM customers WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?'),
    // Search stages answer with the columns a result row shows, so a lookup is one statement per stage.
    hits: {
      byId: hits(`${HIT_COLUMNS} FROM customers WHERE id = ?`),
      loyaltyExact: hits(`${HIT_COLUMNS} FROM customers WHERE loyalty_id = ?`),
      loyaltyPrefix: hits(
        `${HIT_COLUMNS} FROM customers WHERE loyalty_id >= ? AND loyalty_id < ? ORDER BY loyalty_id LIMIT ?`,
      ),
      phoneExact: hits(`${HIT_COLUMNS} FROM customers WHERE phone_digits = ? LIMIT ?`),
      phoneLast4: hits(
        `${HIT_COLUMNS} FROM customers WHERE substr(phone_digits, -4) = ? ORDER BY last_visit_at DESC LIMIT ?`,
      ),
      phoneContains: hits(`${HIT_COLUMNS} FROM customer_fts CROSS JOIN customers ON customers.id = customer_fts.rowid
        WHERE customer_fts MATCH 'phone_digits : ' || ? LIMIT ?`),
      emailExact: hits(`${HIT_COLUMNS} FROM customers WHERE email = ? LIMIT ?`),
      emailPrefix: hits(`${HIT_COLUMNS} FROM customers WHERE email >= ? AND email < ? ORDER BY email LIMIT ?`),
      // Namesakes (the same key) come most recent visitor first, straight from the index (0025-name-by-visit,
      // 0017-counter-glance): a lookup reads the rows it shows, not every namesake of each name it lists.
      namePrefix: hits(`${HIT_COLUMNS} FROM customers WHERE name_key >= ? AND name_key < ?
        ORDER BY name_key, last_visit_at DESC LIMIT ?`),
      lastNamePrefix: hits(`${HIT_COLUMNS} FROM customers WHERE last_key >= ? AND last_key < ?
        ORDER BY last_key, last_visit_at DESC LIMIT ?`),
      nameMatch: hits(`${HIT_COLUMNS} FROM customer_fts CROSS JOIN customers ON customers.id = customer_fts.rowid
        WHERE customer_fts MATCH 'name_key : ' || ? LIMIT ?`),
    },
    /**
     * Open issues (not pickups), promises past their day and orders waiting, per customer of a JSON array of ids, as
     * the issues stand after amendments; customers owed nothing are left out. Reads open_issues_customer per id.
     */
    markers: db.prepare<{ ids: string; today: string }, MarkerRow>(
      `SELECT id, sum(kind <> 'pickup') AS issues, sum(due_date < @today) AS overdue, sum(kind = 'pickup') AS pickups
       FROM (SELECT oi.customer_id AS id, oi.due_date, ${amended('kind')}
             FROM open_issues oi JOIN interactions o ON o.id = oi.interaction_id
             LEFT JOIN interactions a ON a.id = (SELECT max(id) FROM interactions WHERE amends_id = oi.interaction_id)
             WHERE oi.customer_id IN (SELECT value FROM json_each(@ids)) AND oi.closed_at IS NULL)
       GROUP BY id`,
    ),
    isNameWord: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM name_words WHERE word = ?'),
    /** Whether any name word holds this FTS phrase ('"gallag"'): the small trigram index of 0022-name-word-grams. */
    wordHolding: db.prepare<[string], { found: number }>(
      'SELECT 1 AS found FROM name_word_grams WHERE name_word_grams MATCH ? LIMIT 1',
    ),
    /** Name words sharing a one-letter deletion with any of the given variants (a JSON array), commonest first. */
    wordsNear: db.prepare<[string], { word: string; uses: number }>(
      `SELECT DISTINCT w.word, w.uses FROM name_word_variants v JOIN name_words w ON w.word = v.word
       WHERE v.variant IN (SELECT value FROM json_each(?)) ORDER BY w.uses DESC, w.word`,
    ),
    nameLike: likeOverIndex(db),
    insert: db.prepare<NewCustomerRow>(
      `INSERT INTO customers (${NEW_CUSTOMER_COLUMNS.join(', ')}) VALUES (${NEW_CUSTOMER_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    /** An edit: every editable column with its matching keys (the search index and name words follow by trigger). */
    update: db.prepare<Omit<NewCustomerRow, 'created_at'> & { id: number }>(
      `UPDATE customers SET first_name = @first_name, last_name = @last_name, name_key = @name_key, last_key = @last_key,
         phone = @phone, phone_digits = @phone_digits, email = @email, loyalty_id = @loyalty_id, birthday = @birthday,
         style = @style, language = @language, marketing_consent = @marketing_consent, tags = @tags, notes = @notes
       WHERE id = @id`,
    ),
    setStyleLabel: db.prepare<[number | null, string | null, number]>(
      'UPDATE customers SET style_set_by = ?, style_set_at = ? WHERE id = ?',
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
  const scan = db.prepare<[string, number], { id: number }>(
    'SELECT rowid AS id FROM customer_fts WHERE name_key LIKE ? LIMIT ?',
  );
  const narrowed = db.prepare<[string, string, number], { id: number }>(
    'SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? AND name_key LIKE ? LIMIT ?',
  );
  // The same, deciding among the first `candidates` index hits only: a last resort that must stay quick on any store.
  const bounded = db.prepare<[string, number, string, number], { id: number }>(
    `SELECT id FROM (SELECT rowid AS id, name_key FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)
     WHERE name_key LIKE ? LIMIT ?`,
  );
  const expression = (pattern: string) => {
    const runs = pattern.split(/[%_]+/).filter((run) => [...run].length >= 3);
    return runs.length ? `name_key : ${runs.map((run) => `"${run.replaceAll('"', '""')}"`).join(' AND ')}` : null;
  };
  return {
    all(pattern: string, limit: number): Ids {
      const expr = expression(pattern);
      return expr ? narrowed.all(expr, pattern, limit) : scan.all(pattern, limit);
    },
    within(pattern: string, candidates: number, limit: number): Ids {
      const expr = expression(pattern);
      return expr ? bounded.all(expr, candidates, pattern, limit) : [];
    },
  };
}
