import type Database from 'better-sqlite3';
import { preparedFor } from './prepared';

export interface TemplateRow {
  id: string;
  kind: string;
  title: string;
  description: string;
  conditions: string;
  text_blue: string;
  text_green: string;
  text_gold: string;
  text_orange: string;
  text_unknown: string;
  priority: number;
  enabled: number;
  offer: number;
  resolves: string | null;
  /** 1/0, or NULL for a template saved before migration 0010 (then its kind decides; see playbook.ts). */
  compatible_with_open_issues: number | null;
  /** The log form's Kind and Outcome when the template is used; NULL leaves the form's own (migration 0014). */
  default_kind: string | null;
  default_outcome: string | null;
  /** The language of the text_* columns, and the same texts in other languages as JSON (migration 0021). */
  language: string;
  translations: string;
  version: number;
  updated_at: string;
  updated_by: number | null;
}

export type NewTemplateRow = Omit<TemplateRow, 'version'> & { version: number };

export interface VersionRow {
  template_id: string;
  version: number;
  body: string;
  changed_by: number | null;
  changed_by_name: string | null;
  changed_at: string;
}

export interface StatsRow {
  template_id: string;
  store_id: string;
  style: string;
  shown: number;
  used: number;
  successes: number;
}

export interface CellStatsRow {
  template_id: string;
  used: number;
  successes: number;
  all_used: number;
  all_successes: number;
}

export interface LatestPurchaseRow {
  id: number;
  purchased_at: string;
  total_cents: number;
  /** JSON array of {description, quantity, unitPriceCents, returnStatus, spoken, checkIn} (the last two from the catalog, or null). */
  items: string;
}

export interface EffectiveRow {
  id: number;
  created_at: string;
  kind: string;
  outcome: string;
  sentiment: number | null;
  notes: string;
  follow_up_due: string | null;
}

export interface OpenIssueFactRow {
  interaction_id: number;
  opened_at: string;
  due_date: string | null;
  kind: string;
  outcome: string;
  notes: string;
}

/** The column as the latest amendment (alias a) states it, else as the original (alias o) has it. */
export const amended = (col: string) => `CASE WHEN a.id IS NULL THEN o.${col} ELSE a.${col} END AS ${col}`;

/** Settings key naming the store this database belongs to; the stats trigger reads it. */
export const STORE_SETTING = 'playbook.store_id';
/** Settings key: days after the return window a manager may still accept a return as goodwill. */
export const GOODWILL_SETTING = 'policy.goodwill_days';

export const playbookRepo = preparedFor((db: Database.Database) => ({
  /** Changes whenever any template is added or saved (every save bumps a version). */
  fingerprint: db.prepare<[], { n: number; v: number | null; at: string | null }>(
    'SELECT count(*) AS n, sum(version) AS v, max(updated_at) AS at FROM playbook_templates',
  ),
  all: db.prepare<[], TemplateRow>('SELECT * FROM playbook_templates ORDER BY priority DESC, id'),
  byId: db.prepare<[string], TemplateRow>('SELECT * FROM playbook_templates WHERE id = ?'),
  upsert: db.prepare<NewTemplateRow>(
    `INSERT INTO playbook_templates (id, kind, title, description, conditions, text_blue, text_green, text_gold,
       text_orange, text_unknown, priority, enabled, offer, resolves, compatible_with_open_issues, default_kind, default_outcome, language, translations, version, updated_at, updated_by)
     VALUES (@id, @kind, @title, @description, @conditions, @text_blue, @text_green, @text_gold,
       @text_orange, @text_unknown, @priority, @enabled, @offer, @resolves, @compatible_with_open_issues, @default_kind, @default_outcome, @language, @translations, @version, @updated_at, @updated_by)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, description = excluded.description,
       conditions = excluded.conditions, text_blue = excluded.text_blue, text_green = excluded.text_green,
       text_gold = excluded.text_gold, text_orange = excluded.text_orange, text_unknown = excluded.text_unknown,
       priority = excluded.priority, enabled = excluded.enabled, offer = excluded.offer, resolves = excluded.resolves,
       compatible_with_open_issues = excluded.compatible_with_open_issues,
       default_kind = excluded.default_kind, default_outcome = excluded.default_outcome,
       language = excluded.language, translations = excluded.translations, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ),
  insertVersion: db.prepare<{
    template_id: string;
    version: number;
    body: string;
    changed_by: number | null;
    changed_at: string;
  }>(
    `INSERT INTO playbook_template_versions (template_id, version, body, changed_by, changed_at)
     VALUES (@template_id, @version, @body, @changed_by, @changed_at)`,
  ),
  /** The next local version number: past every version held, pulled ones that never became current included. */
  nextVersion: db
    .prepare<[string], number>(
      'SELECT coalesce(max(version), 0) + 1 FROM playbook_template_versions WHERE template_id = ?',
    )
    .pluck(),
  /** A version or a store's switch that travels (migration 0021); hlc is NULL for this terminal's own until stamped. */
  share: db.prepare<{
    kind: 'version' | 'switch';
    template_id: string;
    version: number;
    enabled: number | null;
    store_id: string | null;
    global_id: string;
    hlc: string | null;
  }>(
    `INSERT INTO playbook_sync (kind, template_id, version, enabled, store_id, global_id, hlc)
     VALUES (@kind, @template_id, @version, @enabled, @store_id, @global_id, @hlc)`,
  ),
  versionsOf: db.prepare<[string], VersionRow>(
    `SELECT v.*, c.display_name AS changed_by_name FROM playbook_template_versions v
     LEFT JOIN clerks c ON c.id = v.changed_by WHERE v.template_id = ? ORDER BY v.version DESC`,
  ),

  /** Counts of one store+style cell next to the template's counts everywhere (the prior's evidence). */
  cellStats: db.prepare<{ store: string; style: string }, CellStatsRow>(
    `SELECT template_id,
       sum(CASE WHEN store_id = @store AND style = @style THEN used ELSE 0 END) AS used,
       sum(CASE WHEN store_id = @store AND style = @style THEN successes ELSE 0 END) AS successes,
       sum(used) AS all_used, sum(successes) AS all_successes
     FROM playbook_stats GROUP BY template_id`,
  ),
  allStats: db.prepare<[], StatsRow>('SELECT * FROM playbook_stats ORDER BY template_id, store_id, style'),
  shown: db.prepare<{ template: string; store: string; style: string }>(
    `INSERT INTO playbook_stats (template_id, store_id, style, shown) VALUES (@template, @store, @style, 1)
     ON CONFLICT (template_id, store_id, style) DO UPDATE SET shown = shown + 1`,
  ),
  /** Uses logged before the engine first named the store were counted under ''; they belong to this store. */
  foldUnnamedStore: (store: string) => {
    db.prepare(
      `INSERT INTO playbook_stats (template_id, store_id, style, shown, used, successes)
       SELECT template_id, ?, style, shown, used, successes FROM playbook_stats WHERE store_id = ''
       ON CONFLICT (template_id, store_id, style) DO UPDATE SET shown = shown + excluded.shown,
         used = used + excluded.used, successes = successes + excluded.successes`,
    ).run(store);
    db.prepare(`DELETE FROM playbook_stats WHERE store_id = ''`).run();
    db.prepare(`UPDATE playbook_uses SET store_id = ? WHERE store_id = ''`).run(store);
  },
  setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
  putSetting: db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),

  // Facts for one suggestion call: each a LIMITed query on an index, so the cost does not grow with history.
  // Amendments are applied in SQL, the same way history.effectiveInteractions does: the original keeps its id and
  // time; kind, outcome, sentiment, notes and follow-up date come from its latest amendment (highest id).
  recentInteractions: db.prepare<[number, number], EffectiveRow>(
    `SELECT o.id, o.created_at,
       ${amended('kind')}, ${amended('outcome')}, ${amended('sentiment')}, ${amended('notes')}, ${amended('follow_up_due')}
     FROM (SELECT * FROM interactions WHERE customer_id = ? AND amends_id IS NULL
           ORDER BY created_at DESC, id DESC LIMIT ?) o
     LEFT JOIN interactions a ON a.id = (SELECT max(id) FROM interactions WHERE amends_id = o.id)
     ORDER BY o.created_at DESC, o.id DESC`,
  ),
  /** What is still owed, newest first, as it stands after amendments. */
  openIssues: db.prepare<[number], OpenIssueFactRow>(
    `SELECT oi.interaction_id, oi.opened_at, oi.due_date, ${amended('kind')}, ${amended('outcome')}, ${amended('notes')}
     FROM open_issues oi JOIN interactions o ON o.id = oi.interaction_id
     LEFT JOIN interactions a ON a.id = (SELECT max(id) FROM interactions WHERE amends_id = oi.interaction_id)
     WHERE oi.customer_id = ? AND oi.closed_at IS NULL ORDER BY oi.opened_at DESC, oi.interaction_id DESC LIMIT 50`,
  ),
  latestPurchase: db.prepare<[number], LatestPurchaseRow>(
    `SELECT p.id, p.purchased_at, p.total_cents,
       (SELECT json_group_array(json_object('description', i.description, 'quantity', i.quantity,
          'unitPriceCents', i.unit_price_cents, 'returnStatus', i.return_status, 'spoken', k.spoken, 'checkIn', k.check_in))
        FROM purchase_items i LEFT JOIN catalog_items k ON k.sku = i.sku WHERE i.purchase_id = p.id) AS items
     FROM purchases p WHERE p.customer_id = ? ORDER BY p.purchased_at DESC, p.id DESC LIMIT 1`,
  ),
  synchronous: db.prepare<[], number>('PRAGMA synchronous').pluck(),
  // Run, not prepared, here: SQLite refuses to prepare these inside a transaction, and the repository may first be
  // needed inside one (a pulled template, main/sync/playbook-apply.ts).
  syncNormal: { run: () => db.pragma('synchronous = NORMAL') },
  syncFull: { run: () => db.pragma('synchronous = FULL') },
  clerkName: db.prepare<[number], { display_name: string }>('SELECT display_name FROM clerks WHERE id = ?'),
}));
