import type Database from 'better-sqlite3';
import { createFormat, type Format } from '@common/format';
import type { z } from 'zod';
import { customerDraftSchema, type CustomerDraft } from '@common/contract';
import { AppError, words, type ErrorWords } from '@common/errors';
import { translator } from '@common/i18n';
import type { ImportConflict } from '@common/imports';
import { displayName, emailKey, loyaltyKey, personNameKeys, phoneDigits } from '@common/normalize';
import { type CustomerRow, NEW_CUSTOMER_COLUMNS, type NewCustomerRow } from '../../db/customers.repo';
import { BatchInsert } from '../../db/batch-insert';
import { ADD_NAME_WORDS, countNameWords } from '../../db/name-words';
import { preparedFor } from '../../db/prepared';
import type { DB } from '../../db/connection';
import type { ServiceContext } from '../context';
import { customerRowOfValid } from '../customers';
import { safeParseIn } from '../zod-words';
import { CellError, parseDay, parseFlag } from './cells';
import type { CustomerField, ResolvedColumns } from './mapping';
import type { CsvRecord } from './reader';
import { Reasons, cellText, type RowCheck } from './row-checks';
import { samePerson } from '@common/same-person';
import {
  NO_TILL_COLUMNS,
  TILL_COLUMNS,
  readTill,
  tillChanges,
  tillColumnsOf,
  type TillColumns,
  type TillValues,
} from './till-values';
import { emptyOutcome, type BatchOutcome, type RowProcessor } from './types';

type Draft = z.output<typeof customerDraftSchema>;
type Present = Partial<Draft>;

/** "Murphy, Ann" -> Ann / Murphy; "Ann Marie Murphy" -> Ann Marie / Murphy. */
export function splitFullName(full: string): [string, string] {
  const comma = full.indexOf(',');
  if (comma >= 0) return [full.slice(comma + 1).trim(), full.slice(0, comma).trim()];
  const parts = full.trim().split(/\s+/);
  if (parts.length === 1) return [parts[0]!, ''];
  return [parts.slice(0, -1).join(' '), parts[parts.length - 1]!];
}

/** A new customer as the import writes it: the draft's columns and a till export's (till-values.ts). */
type ImportRow = NewCustomerRow & TillColumns;

const NEW_COLUMNS = [...NEW_CUSTOMER_COLUMNS, ...TILL_COLUMNS] as const satisfies readonly (keyof ImportRow)[];

/** What SELECT * gives: the repository's row type leaves last_key out. */
type StoredRow = CustomerRow & ImportRow;

/** How many holders of one phone or email are candidates for a row: the oldest ones. */
const SHARED_KEY_CANDIDATES = 20;

/** The lookups of an import; exported so a test can hold their query plans to index searches. */
export const MATCH_SQL = {
  /**
   * Every stored customer sharing a card, phone or email with any row of the batch: one statement per batch
   * instead of one per row. A phone or email shared by many customers (a shop's own number typed in as a
   * placeholder) brings its 20 oldest holders, as matching only ever looks at the oldest ones that fit.
   */
  candidates: `SELECT c.* FROM (
       SELECT id FROM customers WHERE loyalty_id IN (SELECT value FROM json_each(@cards))
       UNION SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY phone_digits ORDER BY id) AS n
         FROM customers WHERE phone_digits IN (SELECT value FROM json_each(@phones))) WHERE n <= ${SHARED_KEY_CANDIDATES}
       UNION SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY email ORDER BY id) AS n
         FROM customers WHERE email IN (SELECT value FROM json_each(@emails))) WHERE n <= ${SHARED_KEY_CANDIDATES}
     ) AS k CROSS JOIN customers AS c ON c.id = k.id`,
  /** The customers the batch's till ids (of one source) already name, with the id each holds. */
  externalIds: `SELECT external_id, customer_id FROM customer_external_ids
     WHERE source = @source AND external_id IN (SELECT value FROM json_each(@ids))`,
  byId: 'SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  /** "+" keeps the planner on the name index: most customers have no card, so loyalty_id IS NULL matches most rows. */
  nameOnly: `SELECT * FROM customers WHERE name_key = ? AND +loyalty_id IS NULL AND +phone_digits IS NULL AND +email IS NULL
     ORDER BY id LIMIT 1`,
};

/** Private to the connection and emptied after every batch; see stage. */
const STAGE = 'import_customer_stage';

const statements = preparedFor((db: DB) => {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (${NEW_COLUMNS.join(', ')})`);
  return {
    candidates: db.prepare<{ cards: string; phones: string; emails: string }, StoredRow>(MATCH_SQL.candidates),
    byNameOnly: db.prepare<[string], StoredRow>(MATCH_SQL.nameOnly),
    externalIds: db.prepare<{ source: string; ids: string }, { external_id: string; customer_id: number }>(
      MATCH_SQL.externalIds,
    ),
    byIds: db.prepare<[string], StoredRow>(MATCH_SQL.byId),
    link: db.prepare<[number, string, string]>(
      'INSERT OR IGNORE INTO customer_external_ids (customer_id, source, external_id) VALUES (?, ?, ?)',
    ),
    updateTill: db.prepare<TillColumns & { id: number }>(
      `UPDATE customers SET city = @city, postcode = @postcode, country = @country, sms_consent = @sms_consent,
         opening_spend_cents = @opening_spend_cents, opening_orders = @opening_orders, opening_as_of = @opening_as_of
       WHERE id = @id`,
    ),
    /**
     * A batch's new customers are bound into a private staging table a few dozen per statement, then moved into
     * customers by one INSERT … SELECT: FTS5 flushes its pending index data at every statement boundary, so
     * inserting customers row by row (or a few dozen at a time) costs three times as much through the customer_fts
     * trigger. Binding is cheaper than handing the batch over as one JSON text (measured: a third less time).
     */
    stage: new BatchInsert(db, `temp.${STAGE}`, NEW_COLUMNS, Math.floor(480 / NEW_COLUMNS.length)),
    insertStaged: db.prepare(
      `INSERT INTO customers (${NEW_COLUMNS.join(', ')}) SELECT * FROM temp.${STAGE} ORDER BY rowid`,
    ),
    clearStage: db.prepare(`DELETE FROM temp.${STAGE}`),
    // The batch's name words are counted here instead of by the trigger per row; set and cleared in the batch's
    // transaction, so no other write ever sees the trigger held.
    holdNameWords: db.prepare("INSERT OR IGNORE INTO bulk_loads (name) VALUES ('name_words')"),
    addNameWords: db.prepare<[string, number]>(ADD_NAME_WORDS),
    releaseNameWords: db.prepare("DELETE FROM bulk_loads WHERE name = 'name_words'"),
    update: db.prepare<NewCustomerRow & { id: number }>(
      `UPDATE customers SET first_name = @first_name, last_name = @last_name, name_key = @name_key, last_key = @last_key,
         phone = @phone, phone_digits = @phone_digits, email = @email, loyalty_id = @loyalty_id, birthday = @birthday,
         style = @style, language = @language, marketing_consent = @marketing_consent, tags = @tags, notes = @notes
       WHERE id = @id`,
    ),
  };
});

function draftOf(r: NewCustomerRow): CustomerDraft {
  return {
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone ?? undefined,
    email: r.email ?? undefined,
    loyaltyId: r.loyalty_id ?? undefined,
    birthday: r.birthday ?? undefined,
    style: r.style as Draft['style'],
    language: r.language ?? undefined,
    marketingConsent: r.marketing_consent === 1,
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
  };
}

/**
 * What a row would change on an existing customer: fields the row has and the customer holds differently.
 * Empty cells change nothing. Phone, email and card compare by their matching keys, so "087 123 4567" does not
 * overwrite "+353 87 123 4567". Tags are added to the customer's, and a note is appended unless already there,
 * so what clerks wrote at the counter survives an import.
 *
 * In 'fill' mode (the customer was already created or matched by an earlier row of the same file) a row only fills
 * what the customer still lacks and a differing value makes it a repeat: the first row wins. Last-row-wins would
 * make a second import of the same file flip the customer back and forth and report updates every time.
 */
function changesFor(
  ctx: ServiceContext,
  r: NewCustomerRow,
  p: Present,
  mode: 'update' | 'fill',
): { change: Partial<CustomerDraft> | null; repeat: boolean } {
  const c: Partial<CustomerDraft> = {};
  let repeat = false;
  const take = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K], differs: boolean, empty: boolean) => {
    if (!differs) return;
    if (mode === 'update' || empty) c[key] = value;
    else repeat = true;
  };
  if (p.firstName !== undefined) take('firstName', p.firstName, p.firstName !== r.first_name, r.first_name === '');
  if (p.lastName !== undefined) take('lastName', p.lastName, p.lastName !== r.last_name, r.last_name === '');
  if (p.phone !== undefined) {
    const digits = phoneDigits(p.phone, ctx.config.countryCode);
    take(
      'phone',
      p.phone,
      digits && r.phone_digits ? digits !== r.phone_digits : p.phone !== r.phone,
      r.phone === null,
    );
  }
  if (p.email !== undefined) take('email', p.email, emailKey(p.email) !== r.email, r.email === null);
  if (p.loyaltyId !== undefined)
    take('loyaltyId', p.loyaltyId, loyaltyKey(p.loyaltyId) !== r.loyalty_id, r.loyalty_id === null);
  if (p.birthday !== undefined) take('birthday', p.birthday, p.birthday !== r.birthday, r.birthday === null);
  if (p.marketingConsent !== undefined) {
    take('marketingConsent', p.marketingConsent, (p.marketingConsent ? 1 : 0) !== r.marketing_consent, false);
  }
  if (p.language !== undefined) take('language', p.language, p.language !== r.language, r.language === null);
  if (p.style !== undefined) take('style', p.style, p.style !== r.style, r.style === 'unknown');
  if (p.tags !== undefined) {
    const have = JSON.parse(r.tags) as string[];
    const added = p.tags.filter((t) => !have.includes(t));
    if (added.length) c.tags = [...have, ...added];
  }
  if (p.notes !== undefined && p.notes && !r.notes.includes(p.notes))
    c.notes = r.notes ? `${r.notes}\n${p.notes}` : p.notes;
  return { change: Object.keys(c).length ? c : null, repeat };
}

/** Customer ids created or matched earlier in this run; a bit per id keeps a million of them in 125 KB. */
class IdSet {
  private bits = new Uint8Array(1 << 16);
  add(id: number): void {
    if (id >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (id >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id >> 3]! |= 1 << (id & 7);
  }
  has(id: number): boolean {
    return id >> 3 < this.bits.length && (this.bits[id >> 3]! & (1 << (id & 7))) !== 0;
  }
}

/**
 * `source` names the system the file's externalId column comes from (a preset's name, or 'import' for a column a
 * mapping file names): a till id is only ever matched against ids from the same source.
 */
export function customerProcessor(
  ctx: ServiceContext,
  cols: ResolvedColumns<CustomerField>,
  headers: string[],
  checkRow: RowCheck,
  source: string,
): RowProcessor {
  const idx = cols.index;
  const label = (field: string) => {
    const i = idx[field as CustomerField] ?? (field === 'firstName' || field === 'lastName' ? idx.fullName : undefined);
    return i === undefined ? field : headers[i]!;
  };
  const hasIdentity = ['firstName', 'lastName', 'fullName', 'phone', 'email', 'loyaltyId'].some(
    (f) => idx[f as CustomerField] !== undefined,
  );
  if (!hasIdentity) {
    throw new AppError('VALIDATION', words('importFile.noIdentityColumn'));
  }
  // What the import writes into a customer and the reasons it gives, in the store's language.
  const locale = ctx.config.locale;
  const t = translator(locale);

  /**
   * The fields a row (or the defaults) supplies, validated. Every problem goes into `reasons`; the fields that passed
   * are still returned (unwritten: the row is refused), so a refused row is matched too and a conflict is reported
   * with its other reasons.
   */
  const read = (get: (f: CustomerField) => string, reasons: Reasons): Present => {
    const d: Record<string, unknown> = {};
    let first = get('firstName');
    let last = get('lastName');
    if (!first && !last && get('fullName')) [first, last] = splitFullName(get('fullName'));
    if (first) d.firstName = first;
    if (last) d.lastName = last;
    for (const f of ['phone', 'email', 'loyaltyId', 'language', 'notes'] as const) {
      const v = get(f);
      if (v) d[f] = v;
    }
    const birthday = get('birthday');
    const monthDay = birthday ? yearlessBirthday(birthday, createFormat(ctx.config)) : null;
    // Square lets a customer give a birthday without the year; the customer's birthday is a date, so the day goes
    // to the notes rather than being dropped or given an invented year.
    if (monthDay) d.notes = [d.notes, t('imports.yearlessBirthday', { day: monthDay })].filter(Boolean).join('\n');
    const day = birthday && !monthDay ? reasons.attempt(parseDay, birthday, label('birthday')) : undefined;
    if (day !== undefined) d.birthday = day;
    const consent = get('marketingConsent');
    const flag = consent ? reasons.attempt(parseFlag, consent, label('marketingConsent')) : undefined;
    if (flag !== undefined) d.marketingConsent = flag;
    const style = get('style');
    if (style) d.style = style.toLowerCase();
    const tags = get('tags');
    if (tags)
      d.tags = tags
        .split(/[;,|]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
    const parsed = safeParseIn(customerDraftSchema, d, locale);
    const present: Present = {};
    if (parsed.success) {
      for (const k of Object.keys(d) as (keyof Draft)[]) (present as Record<string, unknown>)[k] = parsed.data[k];
      return present;
    }
    reasons.addIssues(parsed.error.issues, label);
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    for (const k of Object.keys(d)) if (!bad.has(k)) (present as Record<string, unknown>)[k] = d[k];
    return present;
  };

  const defaultReasons = new Reasons();
  const getDefault = (f: CustomerField) => cols.defaults[f] ?? '';
  const defaults = read(getDefault, defaultReasons);
  const tillDefaults = readTill(getDefault, label, defaultReasons);
  if (tillDefaults.externalId !== undefined) defaultReasons.add(words('importFile.mapping.externalIdDefault'));
  if (defaultReasons.any)
    throw new AppError('VALIDATION', words('importFile.mapping.badDefaults', { reasons: defaultReasons.all }));

  const s = statements(ctx.db);
  const cc = ctx.config.countryCode;
  const seen = new IdSet();
  /** What a new customer starts from: the mapping's defaults over the schema's. */
  const base = customerDraftSchema.parse(defaults);

  /**
   * A customer with a row's changes merged in. Each value passed on its own, but together they may not (the tags
   * added to a customer's own are too many): the row is refused (CellError, see rowFailure), the import goes on.
   */
  const mergedRow = (draft: CustomerDraft, createdAt: string): NewCustomerRow => {
    const parsed = safeParseIn(customerDraftSchema, draft, locale);
    if (parsed.success) return customerRowOfValid(ctx, parsed.data, createdAt);
    const problems = new Reasons();
    problems.addIssues(parsed.error.issues, label);
    throw new CellError(words('importRow.mergedInvalid', { problems: problems.all }));
  };

  /**
   * Loyalty card first, then phone, then email, then (for a row naming only a person) the same name on a customer
   * known by nothing else. A candidate holding a different card is someone else (a family sharing a phone).
   * Stored customers come before the batch's staged ones at each step, as they would if each row were written
   * at once: staged rows get the higher ids.
   *
   * A card names one person: if its holder is not the row's person (samePerson), the row is a conflict. A phone or
   * email may be shared: the first holder whose name fits is the match, and only when none fits is the row a
   * conflict with the first holder. A conflict is never written, not even the fields the customer lacks.
   */
  const findMatch = (r: ReadRow, stored: StoredIndex, staged: StagedIndex): Lookup | undefined => {
    const { card, digits, email } = r;
    // The till's own id first: a second export of the same till names each customer by it.
    const ext = r.till.externalId;
    if (ext) {
      const st = stored.ext.get(ext);
      const sg = st ? undefined : staged.ext.get(ext);
      const found: Match | undefined = st ? { stored: st } : sg ? { staged: sg } : undefined;
      if (found) return agrees(r, holder(found)) ? { match: found } : { conflict: found, on: 'externalId' };
    }
    if (card) {
      const st = stored.card.get(card);
      const sg = st ? undefined : staged.card.get(card);
      const found: Match | undefined = st ? { stored: st } : sg ? { staged: sg } : undefined;
      if (found) return agrees(r, holder(found)) ? { match: found } : { conflict: found, on: 'card' };
    }
    const byPhone = digits ? sharedHolder(r, 'phone', stored.phone.get(digits), staged.phone.get(digits)) : undefined;
    if (byPhone && 'match' in byPhone) return byPhone;
    const byEmail = email ? sharedHolder(r, 'email', stored.email.get(email), staged.email.get(email)) : undefined;
    if (byEmail && 'match' in byEmail) return byEmail;
    if (byPhone || byEmail) return byPhone ?? byEmail;
    if (!card && !digits && !email) {
      const key = personNameKeys(r.present.firstName ?? '', r.present.lastName ?? '').nameKey;
      if (!key) return undefined;
      const st = s.byNameOnly.get(key);
      if (st) return { match: { stored: st } };
      const sg = staged.name.get(key)?.find((x) => !x.row.loyalty_id && !x.row.phone_digits && !x.row.email);
      if (sg) return { match: { staged: sg } };
    }
    return undefined;
  };

  /** The conflict as the result lists it and the reason the rejected-rows file gives. */
  const describeConflict = (
    r: ReadRow,
    found: Match,
    on: MatchedOn,
  ): { conflict: ImportConflict; reason: ErrorWords } => {
    const h = holder(found);
    const conflict: ImportConflict = {
      line: r.row.line,
      rowName: displayName(r.present.firstName ?? '', r.present.lastName ?? ''),
      holderName: displayName(h.first_name, h.last_name),
      customerId: found.stored?.id ?? null,
      matchedOn: on,
      identifier: String(
        (on === 'card' ? r.present.loyaltyId : on === 'externalId' ? r.till.externalId : r.present[on]) ?? '',
      ),
    };
    const held = found.stored
      ? words('importRow.held.customer', { name: conflict.holderName, id: found.stored.id })
      : words('importRow.held.row', { name: conflict.holderName, line: found.staged.line });
    return {
      conflict,
      reason: words(`importRow.conflict.${on}`, { identifier: conflict.identifier, held, name: conflict.rowName }),
    };
  };

  /**
   * The batch's rows with their values and matching keys, and why each is refused so far; rows whose values cannot
   * be read at all (shifted columns) are refused here.
   */
  const readRows = (rows: CsvRecord[], reject: (row: CsvRecord, reasons: ErrorWords[]) => void): ReadRow[] => {
    const ready: ReadRow[] = [];
    for (const row of rows) {
      const reasons = new Reasons();
      if (!checkRow(row.cells, reasons)) {
        reject(row, reasons.all);
        continue;
      }
      const get = (f: CustomerField) => {
        const i = idx[f];
        return i === undefined ? '' : cellText(row.cells[i]);
      };
      const present = read(get, reasons);
      const till = readTill(get, label, reasons);
      ready.push({
        row,
        present,
        till,
        reasons,
        card: present.loyaltyId ? loyaltyKey(present.loyaltyId) : null,
        digits: phoneDigits(present.phone, cc),
        email: emailKey(present.email),
      });
    }
    return ready;
  };

  /** Stored customers the batch's rows could match, in one statement. */
  const storedCandidates = (ready: ReadRow[]): StoredIndex => {
    const cards = new Set<string>();
    const phones = new Set<string>();
    const emails = new Set<string>();
    for (const r of ready) {
      if (r.card) cards.add(r.card);
      if (r.digits) phones.add(r.digits);
      if (r.email) emails.add(r.email);
    }
    const json = (set: Set<string>) => JSON.stringify([...set]);
    const index = new StoredIndex(s.candidates.all({ cards: json(cards), phones: json(phones), emails: json(emails) }));
    const exts = ready.flatMap((r) => (r.till.externalId ? [r.till.externalId] : []));
    if (exts.length) {
      const held = s.externalIds.all({ source, ids: JSON.stringify(exts) });
      const rows = new Map(
        s.byIds.all(JSON.stringify([...new Set(held.map((h) => h.customer_id))])).map((c) => [c.id, c]),
      );
      for (const h of held) {
        const c = index.byId(h.customer_id) ?? rows.get(h.customer_id);
        if (c) index.setExt(h.external_id, c);
      }
    }
    return index;
  };

  return {
    groupKey: () => null,
    processBatch(rows: CsvRecord[]): BatchOutcome {
      const out = emptyOutcome();
      const createdAt = ctx.now().toISOString();
      const reject = (row: CsvRecord, reasons: ErrorWords[]) =>
        out.rejected.push({ line: row.line, cells: row.cells, reasons });
      const changed = (fields: string[]) => {
        for (const k of fields) out.fieldsChanged[k] = (out.fieldsChanged[k] ?? 0) + 1;
        out.updated++;
      };
      /** The draft's changes and the till values' together, for a customer found by an earlier row or in the store. */
      const allChanges = (c: StoredRow | ImportRow, r: ReadRow, mode: 'update' | 'fill', exts: readonly string[]) => {
        const draft = changesFor(ctx, c, r.present, mode);
        const till = tillChanges(c, r.till, mode, createdAt);
        const newExt = r.till.externalId && !exts.includes(r.till.externalId) ? r.till.externalId : null;
        const fields = [...Object.keys(draft.change ?? {}), ...till.fields, ...(newExt ? ['externalId'] : [])];
        return { draft: draft.change, till: till.change, newExt, fields, repeat: draft.repeat || till.repeat };
      };
      const ready = readRows(rows, reject);
      const stored = storedCandidates(ready);
      const staged = new StagedIndex();
      for (const r of ready) {
        const { row, present, reasons } = r;
        try {
          const found = findMatch(r, stored, staged);
          if (found && 'conflict' in found) {
            const { conflict, reason } = describeConflict(r, found.conflict, found.on);
            out.conflicts.push(conflict);
            reasons.add(reason);
          }
          if (reasons.any) {
            reject(row, reasons.all);
            continue;
          }
          const match = found && 'match' in found ? found.match : undefined;
          if (match?.stored) {
            const m = match.stored;
            const c = allChanges(m, r, seen.has(m.id) ? 'fill' : 'update', stored.extsOf(m));
            seen.add(m.id);
            if (c.repeat) out.repeats.push(row.line);
            if (!c.fields.length) {
              out.unchanged++;
              continue;
            }
            const updated = c.draft ? mergedRow(Object.assign(draftOf(m), c.draft), m.created_at) : m;
            if (c.draft) s.update.run({ ...updated, id: m.id });
            const till = Object.assign({}, m, c.till);
            if (Object.keys(c.till).length) s.updateTill.run({ ...pickTill(till), id: m.id });
            if (c.newExt) s.link.run(m.id, source, c.newExt);
            // Later rows of the batch see the customer as now stored, under their new keys.
            stored.replace(m, Object.assign({}, m, updated, c.till), c.newExt);
            changed(c.fields);
          } else if (match?.staged) {
            // Created by an earlier row of this batch: the same rules as a customer seen earlier in the file.
            const st = match.staged;
            const c = allChanges(st.row, r, 'fill', st.exts);
            if (c.repeat) out.repeats.push(row.line);
            if (!c.fields.length) {
              out.unchanged++;
              continue;
            }
            const draftRow = c.draft ? mergedRow(Object.assign(draftOf(st.row), c.draft), createdAt) : st.row;
            st.row = Object.assign({}, st.row, draftRow, c.till);
            if (c.newExt) st.exts.push(c.newExt);
            staged.index(st);
            changed(c.fields);
          } else {
            // Object.assign rather than spreads here and above: Node 20's V8 builds an object spread whose later
            // part overrides keys of the earlier one on a slow path (measured ~10 µs a row against 0.7 µs).
            const n: ImportRow = Object.assign(
              customerRowOfValid(ctx, Object.assign({}, base, present), createdAt),
              tillColumnsOf(Object.assign({}, tillDefaults, r.till), createdAt),
            );
            if (!n.name_key && !n.phone_digits && !n.email && !n.loyalty_id) {
              reject(row, [words('importRow.noIdentity')]);
              continue;
            }
            staged.add({ row: n, line: row.line, exts: r.till.externalId ? [r.till.externalId] : [] });
            out.inserted++;
          }
        } catch (err) {
          const reason = rowFailure(err);
          if (reason === null) throw err;
          reject(row, [reason]);
        }
      }
      // Rows failing validation were turned away before the matching pass: put the error file back in line order.
      out.rejected.sort((a, b) => a.line - b.line);
      if (staged.all.length) {
        s.holdNameWords.run();
        const info = insertAll(s, staged.all);
        const words = new Map<string, number>();
        for (const { row } of staged.all) countNameWords(row.name_key, words);
        for (const [word, uses] of words) s.addNameWords.run(word, uses);
        s.releaseNameWords.run();
        // One statement assigns consecutive rowids, so the batch's ids end at lastInsertRowid.
        const last = Number(info.lastInsertRowid);
        const first = last - info.changes + 1;
        for (let id = first; id <= last; id++) seen.add(id);
        staged.all.forEach((st, i) => {
          for (const ext of st.exts) s.link.run(first + i, source, ext);
        });
      }
      return out;
    },
  };
}

/** Writes the batch's new customers in one statement (see stage); returns that statement's run info. */
function insertAll(s: ReturnType<typeof statements>, all: Staged[]): Database.RunResult {
  for (const { row } of all) {
    for (const c of NEW_COLUMNS) s.stage.values.push(row[c]);
    s.stage.rowAdded();
  }
  s.stage.flush();
  const info = s.insertStaged.run();
  s.clearStage.run();
  return info;
}

const pickTill = (c: TillColumns): TillColumns => {
  const t = { ...NO_TILL_COLUMNS };
  for (const k of TILL_COLUMNS) (t as Record<string, unknown>)[k] = c[k];
  return t;
};

/** "21 July" ("21. Juli" in German) for Square's "--07-21" or "07-21" (a birthday without the year); else null. */
function yearlessBirthday(raw: string, format: Format): string | null {
  const m = /^(?:--)?(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(2024, mo, 0)).getUTCDate()) return null;
  return format.monthDay(mo, d);
}

/** A row as read, with the keys it is matched on; refused when `reasons` holds any. */
interface ReadRow {
  row: CsvRecord;
  present: Present;
  /** What it says beyond the draft: town, SMS consent, spend before Counterpart, the till's id. */
  till: TillValues;
  reasons: Reasons;
  card: string | null;
  digits: string | null;
  email: string | null;
}

/**
 * The stored customers a batch could match, by key, oldest first. Kept current as the batch updates them, so a
 * later row of the batch matches what an earlier one changed, as it would reading the table row by row.
 */
class StoredIndex {
  /** By the till id (of the import's source) each holds; filled by storedCandidates. */
  readonly ext = new Map<string, StoredRow>();
  private readonly extsById = new Map<number, string[]>();
  private readonly ids = new Map<number, StoredRow>();
  readonly card = new Map<string, StoredRow>();
  readonly phone = new Map<string, StoredRow[]>();
  readonly email = new Map<string, StoredRow[]>();

  constructor(rows: StoredRow[]) {
    for (const r of rows) this.add(r);
  }

  byId(id: number): StoredRow | undefined {
    return this.ids.get(id);
  }

  /** The till ids the customer is known to hold (of those this batch names). */
  extsOf(c: StoredRow): readonly string[] {
    return this.extsById.get(c.id) ?? [];
  }

  setExt(ext: string, c: StoredRow): void {
    this.ext.set(ext, c);
    const list = this.extsById.get(c.id);
    if (!list) this.extsById.set(c.id, [ext]);
    else if (!list.includes(ext)) list.push(ext);
  }

  replace(old: StoredRow, next: StoredRow, newExt: string | null = null): void {
    for (const e of this.extsOf(old)) this.ext.set(e, next);
    if (newExt) this.setExt(newExt, next);
    if (old.loyalty_id && this.card.get(old.loyalty_id) === old) this.card.delete(old.loyalty_id);
    StoredIndex.drop(this.phone, old.phone_digits, old);
    StoredIndex.drop(this.email, old.email, old);
    this.add(next);
  }

  private add(r: StoredRow): void {
    this.ids.set(r.id, r);
    if (r.loyalty_id) this.card.set(r.loyalty_id, r);
    StoredIndex.insert(this.phone, r.phone_digits, r);
    StoredIndex.insert(this.email, r.email, r);
  }

  private static insert(map: Map<string, StoredRow[]>, key: string | null, r: StoredRow): void {
    if (!key) return;
    const list = map.get(key);
    if (!list) return void map.set(key, [r]);
    const at = list.findIndex((x) => x.id > r.id);
    list.splice(at < 0 ? list.length : at, 0, r);
  }

  private static drop(map: Map<string, StoredRow[]>, key: string | null, r: StoredRow): void {
    const list = key ? map.get(key) : undefined;
    const at = list ? list.indexOf(r) : -1;
    if (at >= 0) list!.splice(at, 1);
  }
}

/** A new customer of the current batch, written when the batch ends. */
interface Staged {
  row: ImportRow;
  /** The line that created it. */
  line: number;
  /** The till ids (of the import's source) it is to be linked to once written. */
  exts: string[];
}

type Match = { stored: StoredRow; staged?: undefined } | { staged: Staged; stored?: undefined };
type MatchedOn = ImportConflict['matchedOn'];
/** The customer a row is about, or the one holding its identifier under another person's name. */
type Lookup = { match: Match } | { conflict: Match; on: MatchedOn };

const holder = (m: Match): NewCustomerRow => m.stored ?? m.staged.row;

const agrees = (r: ReadRow, c: NewCustomerRow) =>
  samePerson(r.present.firstName, r.present.lastName, c.first_name, c.last_name);
/** A candidate holding another card than the row's is someone else (a family sharing a phone), whatever the name. */
const fits = (r: ReadRow, c: NewCustomerRow) => !r.card || c.loyalty_id === null;

/**
 * The holder of a phone or email several customers may share: the first (stored before staged) whose name fits,
 * else a conflict with the first holder that the row's card allows, else undefined.
 */
function sharedHolder(
  r: ReadRow,
  on: MatchedOn,
  storedList: StoredRow[] | undefined,
  stagedList: Staged[] | undefined,
): Lookup | undefined {
  let other: Match | undefined;
  if (storedList) {
    for (const c of storedList) {
      if (!fits(r, c)) continue;
      if (agrees(r, c)) return { match: { stored: c } };
      other ??= { stored: c };
    }
  }
  if (stagedList) {
    for (const x of stagedList) {
      if (!fits(r, x.row)) continue;
      if (agrees(r, x.row)) return { match: { staged: x } };
      other ??= { staged: x };
    }
  }
  return other && { conflict: other, on };
}

/** The batch's staged customers by matching key. Keys are only ever added: a staged row is only filled in. */
class StagedIndex {
  readonly all: Staged[] = [];
  readonly ext = new Map<string, Staged>();
  readonly card = new Map<string, Staged>();
  readonly phone = new Map<string, Staged[]>();
  readonly email = new Map<string, Staged[]>();
  /** Rows that arrived with a name and no card, phone or email. */
  readonly name = new Map<string, Staged[]>();

  add(st: Staged): void {
    this.all.push(st);
    if (!st.row.loyalty_id && !st.row.phone_digits && !st.row.email) StagedIndex.push(this.name, st.row.name_key, st);
    this.index(st);
  }

  index(st: Staged): void {
    for (const e of st.exts) this.ext.set(e, st);
    if (st.row.loyalty_id) this.card.set(st.row.loyalty_id, st);
    StagedIndex.push(this.phone, st.row.phone_digits, st);
    StagedIndex.push(this.email, st.row.email, st);
  }

  private static push(map: Map<string, Staged[]>, key: string | null, st: Staged): void {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [st]);
    else if (!list.includes(st)) list.push(st);
  }
}

/** A per-row problem worth reporting in the error file, or null for a failure that must stop the import. */
function rowFailure(err: unknown): ErrorWords | null {
  if (err instanceof CellError) return err.words;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return words('importRow.cardTaken');
  return null;
}
