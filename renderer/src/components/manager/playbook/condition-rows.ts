// Conditions as rows of field / operator / value under "all" or "any": the form most templates use, edited without
// JSON. Deeper trees (a "not", a group inside a group) stay JSON; toRows says so by returning null.
import type { PlaybookCondition, PlaybookFieldInfo } from '@common/playbook';

export interface ConditionRow {
  field: string;
  op: string;
  /** As typed: lists comma-separated; empty for exists / missing. */
  value: string;
}

export interface ConditionRows {
  join: 'all' | 'any';
  rows: ConditionRow[];
}

const NO_VALUE = new Set(['exists', 'missing']);
const LIST_OPS = new Set(['in', 'notIn']);

/** "openIssue.dueInDays" → "open issue › due in days": the field as a manager reads it. */
export const fieldWords = (name: string): string =>
  name
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' › ');

const valueText = (v: unknown): string => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

/** The rows of a one-level condition, or null when it is deeper than rows can show. */
export function toRows(c: PlaybookCondition): ConditionRows | null {
  const join = 'all' in c ? 'all' : 'any' in c ? 'any' : null;
  if (!join)
    return 'field' in c ? { join: 'all', rows: [{ field: c.field, op: c.op, value: valueText(c.value) }] } : null;
  const list: PlaybookCondition[] = 'all' in c ? c.all : 'any' in c ? c.any : [];
  const rows: ConditionRow[] = [];
  for (const item of list) {
    if (!('field' in item)) return null;
    rows.push({ field: item.field, op: item.op, value: valueText(item.value) });
  }
  return { join, rows };
}

function typed(text: string, type: PlaybookFieldInfo['type'] | undefined): number | boolean | string {
  const t = text.trim();
  if (type === 'number' && t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (type === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
  return t;
}

/** The condition the rows stand for; the server checks it as it checks JSON (a bad value is its message). */
export function fromRows(r: ConditionRows, fields: PlaybookFieldInfo[]): PlaybookCondition {
  const items = r.rows.map((row): PlaybookCondition => {
    const type = fields.find((f) => f.name === row.field)?.type;
    if (NO_VALUE.has(row.op)) return { field: row.field, op: row.op };
    if (LIST_OPS.has(row.op)) {
      const list = row.value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      return { field: row.field, op: row.op, value: list.map((v) => typed(v, type) as number | string) };
    }
    return { field: row.field, op: row.op, value: typed(row.value, type) };
  });
  return r.join === 'all' ? { all: items } : { any: items };
}

export const needsValue = (op: string): boolean => !NO_VALUE.has(op);
