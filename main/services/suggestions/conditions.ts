/**
 * The condition language of the playbook: declarative JSON a manager can read, edit and import, never code.
 *
 * A condition is one of
 *   {"all": [c, ...]}                 every c holds (an empty list always holds)
 *   {"any": [c, ...]}                 at least one c holds
 *   {"not": c}                        c does not hold
 *   {"field": F, "op": O, "value": V} one fact compared with a value
 * nested at most MAX_DEPTH levels. Example: an unhappy last visit with something still owed
 *   {"all": [{"field": "lastInteraction.sentiment", "op": "<=", "value": 2},
 *            {"field": "openIssues", "op": ">", "value": 0}]}
 *
 * Operators by field type (value type in brackets):
 *   number   ==  !=  <  <=  >  >=  [number]    in  notIn [number[]]     exists  missing [no value]
 *   boolean  ==  !=  [boolean]                                           exists  missing
 *   enum     ==  !=  [one of the field's values]  in  notIn [values[]]   exists  missing
 *   text     ==  !=  [string]  in  notIn [string[]]                      exists  missing
 *   list     contains  notContains [string, case-insensitive]            exists (non-empty)  missing (empty)
 *
 * A fact can be missing (a walk-in has no visit count, a customer without purchases has no purchase). Every
 * comparison with a missing fact is FALSE — including != and notIn — so a template never claims something there
 * is no fact for. Test absence explicitly with "missing".
 *
 * Fields ("purchase" is the most recent purchase; "today" is the store-local day):
 *
 * | field                          | type    | meaning                                                                    |
 * |--------------------------------|---------|----------------------------------------------------------------------------|
 * | isWalkIn                       | boolean | no customer selected                                                       |
 * | visitCount                     | number  | store days with any purchase or interaction                                |
 * | daysSinceLastVisit             | number  | days since the last purchase or interaction (0 = today)                    |
 * | customerSinceDays              | number  | days since the customer record was created                                 |
 * | interactionCount               | number  | interactions logged (amendments not counted)                               |
 * | purchaseCount                  | number  | purchases on record                                                        |
 * | tier                           | enum    | new, bronze, silver, gold (lifetime spend thresholds from the settings)   |
 * | lifetimeSpendCents             | number  | lifetime spend in cents                                                    |
 * | loyalty.tierUp                 | boolean | the most recent purchase lifted the customer into silver or gold           |
 * | marketingConsent               | boolean | agreed to hear about offers                                                |
 * | style                          | enum    | blue, green, gold, orange, unknown                                         |
 * | tags                           | list    | the customer's tags, lower case                                            |
 * | interest                       | text    | first interest tag ("coffee", "likes:tea" -> "tea"); service tags skipped |
 * | birthdayInDays                 | number  | days until the next birthday, 0 on the day (29 Feb -> 28 Feb in non-leap) |
 * | lastInteraction.kind           | enum    | inquiry, purchase, return, complaint, pickup, other                        |
 * | lastInteraction.outcome        | enum    | resolved, follow_up, escalated, unresolved (after amendments)              |
 * | lastInteraction.sentiment      | number  | 1 (angry) .. 5 (delighted); missing when not recorded                      |
 * | lastInteraction.daysAgo        | number  | days since the last interaction                                            |
 * | lastInteraction.open           | boolean | the last interaction still leaves something owed                          |
 * | openIssues                     | number  | open issues of any kind (follow-ups, escalations, pickups ...)            |
 * | openIssue.kind                 | enum    | the most pressing open issue that is not a pickup: escalated first, then  |
 * | openIssue.outcome              | enum    |   unresolved, then follow_up; newest first within each                    |
 * | openIssue.daysOpen             | number  |                                                                            |
 * | openIssue.overdue              | boolean | its follow-up date has passed                                              |
 * | openFollowUps                  | number  | open issues that carry a follow-up date                                    |
 * | followUpDueToday               | boolean | an open issue's follow-up date is today or already past                   |
 * | followUp.dueInDays             | number  | days until the earliest follow-up date of an open issue (< 0 = overdue)    |
 * | pendingPickups                 | number  | open pickup interactions (orders waiting)                                  |
 * | pickup.daysWaiting             | number  | days since the newest open pickup was logged                               |
 * | complaintsLast90Days           | number  | complaints among the last 20 interactions, within 90 days                  |
 * | returnsLast90Days              | number  | returns among the last 20 interactions, within 90 days                     |
 * | purchase.daysAgo               | number  | days since the most recent purchase                                        |
 * | purchase.withinReturnWindow    | boolean | it still has kept items and today is on or before the window's last day    |
 * | purchase.returnWindowEndsInDays| number  | days until the window's last day (negative once it has passed)            |
 * | purchase.withinGoodwill        | boolean | the window passed no more than the goodwill allowance ago (kept items)    |
 * | purchase.allReturned           | boolean | every item of it was returned                                              |
 * | purchase.totalCents            | number  | its total in cents                                                         |
 * | purchase.itemCount             | number  | number of item lines                                                       |
 */
import { z } from 'zod';
import { COMMUNICATION_STYLES, INTERACTION_KINDS, INTERACTION_OUTCOMES } from '@common/domain';
import { AppError, refusal, words, type ErrorWords } from '@common/errors';

/** Groups of facts that make one reason ("complaint on 12 Nov, unresolved" for all lastInteraction.* fields). */
export const SUBJECTS = [
  'customer',
  'visits',
  'tier',
  'loyalty',
  'consent',
  'style',
  'tags',
  'birthday',
  'lastInteraction',
  'openIssues',
  'openIssue',
  'followUp',
  'pickup',
  'complaints',
  'returns',
  'purchase',
] as const;
export type Subject = (typeof SUBJECTS)[number];

type FieldSpec =
  | { type: 'number'; subject: Subject }
  | { type: 'boolean'; subject: Subject }
  | { type: 'text'; subject: Subject }
  | { type: 'list'; subject: Subject }
  | { type: 'enum'; subject: Subject; values: readonly string[] };

const TIERS = ['new', 'bronze', 'silver', 'gold'] as const;

export const FIELDS = {
  isWalkIn: { type: 'boolean', subject: 'customer' },
  visitCount: { type: 'number', subject: 'visits' },
  daysSinceLastVisit: { type: 'number', subject: 'visits' },
  customerSinceDays: { type: 'number', subject: 'customer' },
  interactionCount: { type: 'number', subject: 'visits' },
  purchaseCount: { type: 'number', subject: 'visits' },
  tier: { type: 'enum', subject: 'tier', values: TIERS },
  lifetimeSpendCents: { type: 'number', subject: 'tier' },
  'loyalty.tierUp': { type: 'boolean', subject: 'loyalty' },
  marketingConsent: { type: 'boolean', subject: 'consent' },
  style: { type: 'enum', subject: 'style', values: COMMUNICATION_STYLES },
  tags: { type: 'list', subject: 'tags' },
  interest: { type: 'text', subject: 'tags' },
  birthdayInDays: { type: 'number', subject: 'birthday' },
  'lastInteraction.kind': { type: 'enum', subject: 'lastInteraction', values: INTERACTION_KINDS },
  'lastInteraction.outcome': { type: 'enum', subject: 'lastInteraction', values: INTERACTION_OUTCOMES },
  'lastInteraction.sentiment': { type: 'number', subject: 'lastInteraction' },
  'lastInteraction.daysAgo': { type: 'number', subject: 'lastInteraction' },
  'lastInteraction.open': { type: 'boolean', subject: 'lastInteraction' },
  openIssues: { type: 'number', subject: 'openIssues' },
  'openIssue.kind': { type: 'enum', subject: 'openIssue', values: INTERACTION_KINDS },
  'openIssue.outcome': { type: 'enum', subject: 'openIssue', values: INTERACTION_OUTCOMES },
  'openIssue.daysOpen': { type: 'number', subject: 'openIssue' },
  'openIssue.overdue': { type: 'boolean', subject: 'openIssue' },
  openFollowUps: { type: 'number', subject: 'followUp' },
  followUpDueToday: { type: 'boolean', subject: 'followUp' },
  'followUp.dueInDays': { type: 'number', subject: 'followUp' },
  pendingPickups: { type: 'number', subject: 'pickup' },
  'pickup.daysWaiting': { type: 'number', subject: 'pickup' },
  complaintsLast90Days: { type: 'number', subject: 'complaints' },
  returnsLast90Days: { type: 'number', subject: 'returns' },
  'purchase.daysAgo': { type: 'number', subject: 'purchase' },
  'purchase.withinReturnWindow': { type: 'boolean', subject: 'purchase' },
  'purchase.returnWindowEndsInDays': { type: 'number', subject: 'purchase' },
  'purchase.withinGoodwill': { type: 'boolean', subject: 'purchase' },
  'purchase.allReturned': { type: 'boolean', subject: 'purchase' },
  'purchase.totalCents': { type: 'number', subject: 'purchase' },
  'purchase.itemCount': { type: 'number', subject: 'purchase' },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
export type FactValue = number | boolean | string | readonly string[] | null;
/** What the engine knows about the person at the counter, one value (or null: missing) per field. */
export type FactValues = Record<FieldName, FactValue>;

const OPS_BY_TYPE = {
  number: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists', 'missing'],
  boolean: ['==', '!=', 'exists', 'missing'],
  enum: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  text: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  list: ['contains', 'notContains', 'exists', 'missing'],
} as const;
export const OPERATORS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'notIn',
  'contains',
  'notContains',
  'exists',
  'missing',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Comparison {
  field: FieldName;
  op: Operator;
  value?: number | boolean | string | (number | string)[];
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

export const MAX_DEPTH = 8;

/**
 * One problem of a condition and where: catalogue words (errors.playbook.condition), so the manager of a German store
 * reads it in German when the playbook editor refuses a template (validationError in playbook.ts words it).
 */
type Issue = { path: (string | number)[]; words: ErrorWords };
const problem = (key: ConditionProblem, values: Parameters<typeof words>[1] = {}): ErrorWords =>
  words(`playbook.condition.${key}`, values);
type ConditionProblem =
  | 'noValue'
  | 'needsList'
  | 'listValue'
  | 'needsValue'
  | 'wrongValue'
  | 'tooDeep'
  | 'shape'
  | 'shapeKeys'
  | 'needsConditions'
  | 'anyEmpty'
  | 'unexpectedKey'
  | 'unknownField'
  | 'unknownFieldHint'
  | 'wrongOperator'
  | 'unknownOperator';

const describe = (v: unknown) => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

function closest(name: string): string | null {
  const lower = name.toLowerCase();
  return (
    FIELD_NAMES.find((f) => f.toLowerCase() === lower) ??
    FIELD_NAMES.find((f) => f.toLowerCase().endsWith(`.${lower}`)) ??
    null
  );
}

function checkValue(
  field: FieldName,
  spec: FieldSpec,
  op: Operator,
  value: unknown,
  path: Issue['path'],
  issues: Issue[],
): void {
  const here = [...path, 'value'];
  if (op === 'exists' || op === 'missing') {
    if (value !== undefined) issues.push({ path: here, words: problem('noValue', { op, field }) });
    return;
  }
  const scalarOk = (v: unknown): boolean => {
    switch (spec.type) {
      case 'number':
        return typeof v === 'number' && Number.isFinite(v);
      case 'boolean':
        return typeof v === 'boolean';
      case 'enum':
        return typeof v === 'string' && spec.values.includes(v);
      case 'text':
      case 'list':
        return typeof v === 'string';
    }
  };
  const expected =
    spec.type === 'enum'
      ? words('playbook.condition.expected.oneOf', { values: spec.values.join(', ') })
      : words(`playbook.condition.expected.${spec.type === 'list' ? 'string' : spec.type}`);
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || value.length === 0) {
      issues.push({ path: here, words: problem('needsList', { op, field, expected }) });
      return;
    }
    value.forEach((v, i) => {
      if (!scalarOk(v))
        issues.push({ path: [...here, i], words: problem('listValue', { field, expected, got: describe(v) }) });
    });
    return;
  }
  if (value === undefined) {
    issues.push({ path: here, words: problem('needsValue', { op, field, expected }) });
  } else if (!scalarOk(value)) {
    issues.push({ path: here, words: problem('wrongValue', { field, expected, got: describe(value) }) });
  }
}

function checkNode(node: unknown, path: Issue['path'], depth: number, issues: Issue[]): void {
  if (depth > MAX_DEPTH) {
    issues.push({ path, words: problem('tooDeep', { max: MAX_DEPTH }) });
    return;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push({ path, words: problem('shape', { got: describe(node) }) });
    return;
  }
  const keys = Object.keys(node);
  const o = node as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const key = keys[0];
    const list = o[key];
    if (!Array.isArray(list)) {
      issues.push({ path: [...path, key], words: problem('needsConditions', { key }) });
      return;
    }
    if (key === 'any' && list.length === 0) issues.push({ path: [...path, key], words: problem('anyEmpty') });
    list.forEach((c, i) => {
      checkNode(c, [...path, key, i], depth + 1, issues);
    });
    return;
  }
  if (keys.length === 1 && keys[0] === 'not') {
    checkNode(o.not, [...path, 'not'], depth + 1, issues);
    return;
  }
  if (!('field' in o) || !('op' in o)) {
    const named = keys.map((k) => `"${k}"`).join(', ');
    issues.push({ path, words: problem('shapeKeys', { keys: named || words('playbook.condition.noKeys') }) });
    return;
  }
  const extra = keys.filter((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (extra.length)
    issues.push({ path, words: problem('unexpectedKey', { keys: extra.map((k) => `"${k}"`).join(', ') }) });
  const field = o.field;
  if (typeof field !== 'string' || !(field in FIELDS)) {
    const hint = typeof field === 'string' ? closest(field) : null;
    const known = FIELD_NAMES.join(', ');
    issues.push({
      path: [...path, 'field'],
      words: hint
        ? problem('unknownFieldHint', { field: describe(field), hint, known })
        : problem('unknownField', { field: describe(field), known }),
    });
    return;
  }
  const spec: FieldSpec = FIELDS[field as FieldName];
  const allowed: readonly string[] = OPS_BY_TYPE[spec.type];
  const op = o.op;
  if (typeof op !== 'string' || !allowed.includes(op)) {
    const known = typeof op === 'string' && (OPERATORS as readonly string[]).includes(op);
    issues.push({
      path: [...path, 'op'],
      words: problem(known ? 'wrongOperator' : 'unknownOperator', {
        op: describe(op),
        field,
        type: words(`playbook.condition.type.${spec.type}`),
        allowed: allowed.join(', '),
      }),
    });
    return;
  }
  checkValue(field as FieldName, spec, op as Operator, o.value, path, issues);
}

/**
 * Zod schema for a condition tree. Each refusal names the offending field, operator or value and where it is, in
 * catalogue words (the message is their English, for parseCondition, the log and the CLI).
 */
export const conditionSchema = z.unknown().superRefine((node, ctx) => {
  const issues: Issue[] = [];
  checkNode(node, [], 0, issues);
  for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, ...refusal(i.words.key, i.words.values) });
}) as unknown as z.ZodType<Condition>;

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}

/** Parses a condition tree, throwing a VALIDATION error that says what is wrong and where. */
export function parseCondition(json: unknown, where = 'conditions'): Condition {
  const r = conditionSchema.safeParse(json);
  if (r.success) return r.data;
  const first = r.error.issues
    .slice(0, 3)
    .map((i) => `${formatPath([where, ...i.path])}: ${i.message}`)
    .join('; ');
  throw new AppError('VALIDATION', first);
}

function exists(v: FactValue): boolean {
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
}

function compare(c: Comparison, v: FactValue): boolean {
  if (c.op === 'exists') return exists(v);
  if (c.op === 'missing') return !exists(v);
  if (v === null || v === undefined) return false;
  const value = c.value;
  switch (c.op) {
    case '==':
      return v === value;
    case '!=':
      return v !== value;
    case '<':
      return typeof v === 'number' && typeof value === 'number' && v < value;
    case '<=':
      return typeof v === 'number' && typeof value === 'number' && v <= value;
    case '>':
      return typeof v === 'number' && typeof value === 'number' && v > value;
    case '>=':
      return typeof v === 'number' && typeof value === 'number' && v >= value;
    case 'in':
      return Array.isArray(value) && (value as unknown[]).includes(v);
    case 'notIn':
      return Array.isArray(value) && !(value as unknown[]).includes(v);
    case 'contains':
      return Array.isArray(v) && typeof value === 'string' && v.includes(value.toLowerCase());
    case 'notContains':
      return Array.isArray(v) && typeof value === 'string' && !v.includes(value.toLowerCase());
  }
}

export interface Evaluation {
  ok: boolean;
  /** The comparisons that made it hold, in order: the facts a suggestion's reasons point at. */
  fields: FieldName[];
}

/**
 * Evaluates a parsed condition against the facts. For "any" only the first branch that holds contributes fields;
 * "not" contributes none (an absence is no reason to say something).
 */
export function evaluate(c: Condition, facts: FactValues): Evaluation {
  if ('all' in c) {
    const fields: FieldName[] = [];
    for (const sub of c.all) {
      const r = evaluate(sub, facts);
      if (!r.ok) return { ok: false, fields: [] };
      fields.push(...r.fields);
    }
    return { ok: true, fields };
  }
  if ('any' in c) {
    for (const sub of c.any) {
      const r = evaluate(sub, facts);
      if (r.ok) return r;
    }
    return { ok: false, fields: [] };
  }
  if ('not' in c) return { ok: !evaluate(c.not, facts).ok, fields: [] };
  return compare(c, facts[c.field]) ? { ok: true, fields: [c.field] } : { ok: false, fields: [] };
}

/** Every field a condition mentions (for previews and for the variable check in tests). */
export function fieldsOf(c: Condition): FieldName[] {
  if ('all' in c) return c.all.flatMap(fieldsOf);
  if ('any' in c) return c.any.flatMap(fieldsOf);
  if ('not' in c) return fieldsOf(c.not);
  return [c.field];
}

/** Facts of a walk-in / empty record: every field missing except what is known about "nobody selected". */
export function emptyFacts(): FactValues {
  const f = Object.fromEntries(FIELD_NAMES.map((n) => [n, null])) as FactValues;
  return f;
}
