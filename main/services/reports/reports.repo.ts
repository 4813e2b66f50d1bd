import type Database from 'better-sqlite3';
import { preparedFor } from '../../db/prepared';
import { IN_STORE, type StoreParams } from './store-scope';

const OPEN = `('follow_up', 'escalated', 'unresolved')`;

/**
 * Originals matching `where` as they stand after their latest amendment: the same rule as effectiveInteractions,
 * as one set-based query. The latest amendment is found per original through the partial index on amends_id
 * (max(id) reads one index entry), so a day or a month is one pass over interactions_day.
 */
const effective = (where: string) => `
  SELECT o.id, o.local_day, o.created_at, o.clerk_id, o.customer_id, o.suggestion_template_id, o.said,
    a.id AS latest_id,
    CASE WHEN a.id IS NULL THEN o.kind ELSE a.kind END AS kind,
    CASE WHEN a.id IS NULL THEN o.outcome ELSE a.outcome END AS outcome,
    CASE WHEN a.id IS NULL THEN o.sentiment ELSE a.sentiment END AS sentiment,
    CASE WHEN a.id IS NULL THEN o.notes ELSE a.notes END AS notes,
    CASE WHEN a.id IS NULL THEN o.follow_up_due ELSE a.follow_up_due END AS follow_up_due
  FROM interactions o
  LEFT JOIN interactions a ON a.id = (SELECT max(x.id) FROM interactions x WHERE x.amends_id = o.id)
  WHERE o.amends_id IS NULL AND ${where}`;

const IN_RANGE = `o.local_day BETWEEN @from AND @to AND ${IN_STORE('o.id')}`;

export interface EntryRow {
  id: number;
  local_day: string;
  created_at: string;
  clerk_id: number;
  clerk_name: string;
  customer_id: number | null;
  first_name: string | null;
  last_name: string | null;
  suggestion_template_id: string | null;
  said: string;
  kind: string;
  outcome: string;
  sentiment: number | null;
  notes: string;
  follow_up_due: string | null;
  issue_state: 'open' | 'done' | null;
  corrections: number;
  last_reason: string | null;
  flagged: number | null;
  review_note: string | null;
  reviewer_id: number | null;
  reviewer_name: string | null;
  reviewed_at: string | null;
}

/** Structured filters bound as parameters; null means "any". */
export interface EntryFilterParams {
  clerk: number | null;
  kind: string | null;
  outcome: string | null;
  smin: number | null;
  smax: number | null;
  followup: 0 | 1 | null;
  flagged: 0 | 1 | null;
}

// Read as arrays (raw mode): building thousands of row objects natively costs more than the query itself.
// ENTRY_COLUMNS and decodeEntry list the same columns in the same order.
const ENTRY_COLUMNS = `e.id, e.local_day, e.created_at, e.clerk_id, cl.display_name,
    e.customer_id, cu.first_name, cu.last_name, e.suggestion_template_id, e.said,
    e.kind, e.outcome, e.sentiment, e.notes, e.follow_up_due,
    CASE WHEN e.outcome NOT IN ${OPEN} THEN NULL WHEN oi.closed_at IS NULL THEN 'open' ELSE 'done' END,
    CASE WHEN e.latest_id IS NULL THEN 0
      ELSE (SELECT count(*) FROM interactions x WHERE x.amends_id = e.id AND x.flagged IS NULL) END,
    CASE WHEN e.latest_id IS NULL THEN NULL
      ELSE (SELECT x.amend_reason FROM interactions x WHERE x.amends_id = e.id AND x.flagged IS NULL
            ORDER BY x.id DESC LIMIT 1) END,
    r.flagged, r.review_note, r.clerk_id, rc.display_name, r.created_at`;

type EntryTuple = [
  id: number,
  local_day: string,
  created_at: string,
  clerk_id: number,
  clerk_name: string,
  customer_id: number | null,
  first_name: string | null,
  last_name: string | null,
  suggestion_template_id: string | null,
  said: string,
  kind: string,
  outcome: string,
  sentiment: number | null,
  notes: string,
  follow_up_due: string | null,
  issue_state: 'open' | 'done' | null,
  corrections: number,
  last_reason: string | null,
  flagged: number | null,
  review_note: string | null,
  reviewer_id: number | null,
  reviewer_name: string | null,
  reviewed_at: string | null,
];

export function decodeEntry(t: unknown[]): EntryRow {
  const [
    id,
    local_day,
    created_at,
    clerk_id,
    clerk_name,
    customer_id,
    first_name,
    last_name,
    suggestion_template_id,
    said,
    kind,
    outcome,
    sentiment,
    notes,
    follow_up_due,
    issue_state,
    corrections,
    last_reason,
    flagged,
    review_note,
    reviewer_id,
    reviewer_name,
    reviewed_at,
  ] = t as EntryTuple;
  return {
    id,
    local_day,
    created_at,
    clerk_id,
    clerk_name,
    customer_id,
    first_name,
    last_name,
    suggestion_template_id,
    said,
    kind,
    outcome,
    sentiment,
    notes,
    follow_up_due,
    issue_state,
    corrections,
    last_reason,
    flagged,
    review_note,
    reviewer_id,
    reviewer_name,
    reviewed_at,
  };
}

const entries = (where: string) => `
  SELECT ${ENTRY_COLUMNS}
  FROM (${effective(where)}) e
  JOIN clerks cl ON cl.id = e.clerk_id
  LEFT JOIN customers cu ON cu.id = e.customer_id
  LEFT JOIN open_issues oi ON oi.interaction_id = e.id
  LEFT JOIN interactions r ON e.latest_id IS NOT NULL
    AND r.id = (SELECT max(x.id) FROM interactions x WHERE x.amends_id = e.id AND x.flagged IS NOT NULL)
  LEFT JOIN clerks rc ON rc.id = r.clerk_id`;

export interface DailyStatsRow {
  day: string;
  n: number;
  resolved: number;
  sentiment_sum: number | null;
  sentiment_n: number;
  complaints: number;
  follow_ups: number;
  with_customer: number;
  suggested: number;
}

export interface ClerkStatsRow {
  clerk_id: number;
  clerk_name: string;
  n: number;
  resolved: number;
  sentiment_sum: number | null;
  sentiment_n: number;
}

export interface FollowUpRow {
  interaction_id: number;
  customer_id: number | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  opened_at: string;
  due_date: string | null;
  closed_at: string | null;
  assigned_clerk_id: number | null;
  assigned_name: string | null;
}

const followUps = (where: string) => `
  SELECT oi.interaction_id, oi.customer_id, cu.first_name, cu.last_name, cu.phone, oi.opened_at, oi.due_date,
    oi.closed_at, oi.assigned_clerk_id, ac.display_name AS assigned_name
  FROM open_issues oi
  LEFT JOIN customers cu ON cu.id = oi.customer_id
  LEFT JOIN clerks ac ON ac.id = oi.assigned_clerk_id
  WHERE ${where}`;

type Range = { from: string; to: string } & StoreParams;

interface Measure {
  name: keyof DailyStatsRow;
  /** The aggregate over rows of table alias t. */
  of: (t: string) => string;
  /** Whether an amendment can change it (customer and suggestion are the original's for good). */
  amendable: boolean;
}

const ALL_MEASURES: Measure[] = [
  { name: 'n', of: () => 'count(*)', amendable: false },
  { name: 'resolved', of: (t) => `sum(${t}.outcome = 'resolved')`, amendable: true },
  { name: 'sentiment_sum', of: (t) => `sum(${t}.sentiment)`, amendable: true },
  { name: 'sentiment_n', of: (t) => `count(${t}.sentiment)`, amendable: true },
  { name: 'complaints', of: (t) => `sum(${t}.kind = 'complaint')`, amendable: true },
  { name: 'follow_ups', of: (t) => `sum(${t}.outcome IN ${OPEN})`, amendable: true },
  { name: 'with_customer', of: (t) => `sum(${t}.customer_id IS NOT NULL)`, amendable: false },
  {
    name: 'suggested',
    of: (t) => `sum(${t}.customer_id IS NOT NULL AND ${t}.suggestion_template_id IS NOT NULL)`,
    amendable: false,
  },
];

/**
 * Measures per store-local day, amendments applied, set-based in two parts: the originals' own values straight off
 * interactions_day, plus a correction for the few originals that were amended. Those are found through the partial
 * amends_id index within the range's id bounds (a superset, re-checked on local_day), so a month of busy days costs
 * one pass over its rows instead of one amendment lookup per row. Same result as effective(), a test checks it.
 */
function perDay(measures: Measure[]): string {
  const amendable = measures.filter((m) => m.amendable);
  return `
    WITH bounds AS (
      SELECT min(id) AS lo, max(id) AS hi FROM interactions WHERE local_day BETWEEN @from AND @to
    ),
    latest AS (
      SELECT x.amends_id AS id, max(x.id) AS aid
      FROM bounds JOIN interactions x ON x.amends_id BETWEEN bounds.lo AND bounds.hi
      GROUP BY x.amends_id
    ),
    corrections AS (
      SELECT o.local_day AS day${amendable.map((m) => `,\n        coalesce(${m.of('a')}, 0) - coalesce(${m.of('o')}, 0) AS ${m.name}`).join('')}
      FROM latest JOIN interactions o ON o.id = latest.id JOIN interactions a ON a.id = latest.aid
      WHERE o.local_day BETWEEN @from AND @to AND o.amends_id IS NULL AND ${IN_STORE('o.id')}
      GROUP BY o.local_day
    ),
    originals AS (
      SELECT i.local_day AS day${measures.map((m) => `, ${m.of('i')} AS ${m.name}`).join('')}
      FROM interactions i WHERE i.local_day BETWEEN @from AND @to AND i.amends_id IS NULL AND ${IN_STORE('i.id')}
      GROUP BY i.local_day
    )
    SELECT d.day${measures.map((m) => (m.amendable ? `, coalesce(d.${m.name}, 0) + coalesce(c.${m.name}, 0) AS ${m.name}` : `, d.${m.name}`)).join('')}
    FROM originals d LEFT JOIN corrections c ON c.day = d.day
    ORDER BY d.day`;
}

export const reportsRepo = preparedFor((db: Database.Database) => ({
  /** Arrays for decodeEntry, in no particular order (sorting 5,000 wide rows in SQL costs more than in JS). */
  entriesInRange: db
    .prepare<Range & EntryFilterParams, unknown[]>(`${entries(IN_RANGE)}
    WHERE (@clerk IS NULL OR e.clerk_id = @clerk)
      AND (@kind IS NULL OR e.kind = @kind)
      AND (@outcome IS NULL OR e.outcome = @outcome)
      AND (@smin IS NULL OR e.sentiment >= @smin)
      AND (@smax IS NULL OR e.sentiment <= @smax)
      AND (@followup IS NULL OR (e.outcome IN ${OPEN}) = @followup)
      AND (@flagged IS NULL OR coalesce(r.flagged, 0) = @flagged)`)
    .raw(true),
  entryById: db.prepare<{ id: number }, unknown[]>(entries('o.id = @id')).raw(true),
  originalsOnDay: db.prepare<{ day: string } & StoreParams, { n: number }>(
    `SELECT count(*) AS n FROM interactions WHERE local_day = @day AND amends_id IS NULL AND ${IN_STORE('interactions.id')}`,
  ),
  /** Per store-local day in the range (days without entries are absent), amendments applied. */
  dailyStats: db.prepare<Range, DailyStatsRow>(perDay(ALL_MEASURES)),
  /** The trend's subset of dailyStats: SQLite's cost here is per aggregate and row, so fewer aggregates, faster trend. */
  dailyTrend: db.prepare<Range, Pick<DailyStatsRow, 'day' | 'n' | 'resolved' | 'sentiment_sum' | 'sentiment_n'>>(
    perDay(ALL_MEASURES.filter((m) => ['n', 'resolved', 'sentiment_sum', 'sentiment_n'].includes(m.name))),
  ),
  clerkStats: db.prepare<Range, ClerkStatsRow>(`
    SELECT e.clerk_id, c.display_name AS clerk_name, count(*) AS n, sum(e.outcome = 'resolved') AS resolved,
      sum(e.sentiment) AS sentiment_sum, count(e.sentiment) AS sentiment_n
    FROM (${effective(IN_RANGE)}) e JOIN clerks c ON c.id = e.clerk_id
    GROUP BY e.clerk_id ORDER BY n DESC, c.display_name`),
  /**
   * Counts per UTC quarter hour and outcome. Every real UTC offset is a multiple of 15 minutes, so each quarter hour
   * falls inside one store-local hour; the caller maps it there.
   */
  quarterHours: db.prepare<Range, { slot: string; outcome: string; n: number }>(`
    SELECT substr(e.created_at, 1, 14) || printf('%02d', (CAST(substr(e.created_at, 15, 2) AS INTEGER) / 15) * 15) AS slot,
      e.outcome, count(*) AS n
    FROM (${effective(IN_RANGE)}) e GROUP BY slot, e.outcome`),
  sentiments: db.prepare<Range, { sentiment: number | null; n: number }>(`
    SELECT e.sentiment, count(*) AS n FROM (${effective(IN_RANGE)}) e GROUP BY e.sentiment`),
  overdueBefore: db.prepare<{ day: string } & StoreParams, { n: number }>(
    `SELECT count(*) AS n FROM open_issues WHERE closed_at IS NULL AND due_date < @day AND ${IN_STORE('open_issues.interaction_id')}`,
  ),
  /** Open follow-ups by due date (those without one last); overdue ones sort first because they are due earliest. */
  openFollowUps: db.prepare<{ limit: number }, FollowUpRow>(`${followUps('oi.closed_at IS NULL')}
    ORDER BY oi.due_date IS NULL, oi.due_date, oi.opened_at, oi.interaction_id LIMIT @limit`),
  followUpById: db.prepare<[number], FollowUpRow>(followUps('oi.interaction_id = ?')),
  /** Open follow-ups due on or before a day (overdue and due today), earliest first: the counter's home list. */
  dueBy: db.prepare<
    { day: string; limit: number },
    FollowUpRow
  >(`${followUps('oi.closed_at IS NULL AND oi.due_date <= @day')}
    ORDER BY oi.due_date, oi.opened_at, oi.interaction_id LIMIT @limit`),
  /** Open follow-ups given to one clerk, by due date (those without one last). */
  assignedTo: db.prepare<{ clerkId: number; limit: number }, FollowUpRow>(`${followUps(
    'oi.closed_at IS NULL AND oi.assigned_clerk_id = @clerkId',
  )}
    ORDER BY oi.due_date IS NULL, oi.due_date, oi.opened_at, oi.interaction_id LIMIT @limit`),
  assign: db.prepare<[number | null, number]>(
    'UPDATE open_issues SET assigned_clerk_id = ? WHERE interaction_id = ? AND closed_at IS NULL',
  ),
}));
