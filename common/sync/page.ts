// A page of changes from the hub (a bootstrap's: bootstrap.ts), checked as changeSchema checks each change, at a
// fraction of its cost. zod walks every field of every change through a union of six value schemas and copies it:
// ~0.03–0.06 ms a change, as much as writing it (bench:sync's profile; a million customers and five million entries
// are a few minutes of that alone). The changes a bootstrap is made of, customers' upserts and appended facts, are
// checked here by hand against the same rules and patterns, and kept as they came; any change this check is not sure
// of (another kind, a key it does not expect, a value of another shape) goes through changeSchema itself, so a bad
// page is refused as before, with zod's issues. tests/unit/sync/page.test.ts holds the two to the same verdicts.
import { z } from 'zod';
import { type Change, changeSchema, FACT_ENTITIES, MAX_PURCHASE_LINES } from './changes';
import { HLC_PATTERN } from './hlc';
import { UUID_V7 } from './ids';

type Plain = Record<string, unknown>;

/** A JSON object (what zod calls a plain object) with exactly these keys, in any order. */
function hasKeys(v: unknown, keys: readonly string[]): v is Plain {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}
/** A JSON object whose own keys are all ordinary (zod's records treat __proto__ apart: left to them). */
const isRecord = (v: unknown): v is Plain =>
  typeof v === 'object' &&
  v !== null &&
  Object.getPrototypeOf(v) === Object.prototype &&
  Object.getOwnPropertySymbols(v).length === 0 &&
  !Object.hasOwn(v, '__proto__');

/** Every own entry of a record passes (without the arrays Object.entries makes: this runs for every field). */
function everyEntry(v: Plain, pass: (key: string, value: unknown) => boolean): boolean {
  for (const key in v) if (!pass(key, v[key])) return false;
  return true;
}

const isUuid = (v: unknown) => typeof v === 'string' && UUID_V7.test(v);
const isHlc = (v: unknown) => typeof v === 'string' && HLC_PATTERN.test(v);
const isText = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const isWhole = (v: unknown) => Number.isSafeInteger(v);
const ORIGIN = ['storeId', 'terminalId'];
const isOrigin = (v: unknown) => hasKeys(v, ORIGIN) && isUuid(v.storeId) && isUuid(v.terminalId);

/** purchaseLineSchema's rules. */
const LINE = ['sku', 'description', 'quantity', 'unitPriceCents', 'returnStatus'];
const isLine = (v: unknown) =>
  hasKeys(v, LINE) &&
  isText(v.sku, 64) &&
  isText(v.description, 200) &&
  isWhole(v.quantity) &&
  (v.quantity as number) > 0 &&
  isWhole(v.unitPriceCents) &&
  (v.returnStatus === 'kept' || v.returnStatus === 'returned');

/** factValue's rules: a short text, a finite number, a boolean, null, a list of ids or a receipt's lines. */
function isFactValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'string') return v.length <= 10_000;
  if (typeof v === 'number') return Number.isFinite(v);
  if (!Array.isArray(v)) return false;
  return (v.length <= 200 && v.every(isUuid)) || (v.length <= MAX_PURCHASE_LINES && v.every(isLine));
}

const FACT = ['entity', 'kind', 'id', 'hlc', 'customerId', 'fields', 'origin'];
const isFact = (v: Plain) =>
  hasKeys(v, FACT) &&
  Object.hasOwn(FACT_ENTITIES, v.entity as string) &&
  isUuid(v.id) &&
  isHlc(v.hlc) &&
  (v.customerId === null || isUuid(v.customerId)) &&
  isOrigin(v.origin) &&
  isRecord(v.fields) &&
  everyEntry(v.fields, (key, value) => key.length <= 64 && isFactValue(value));

const UPSERT = ['entity', 'kind', 'id', 'hlc', 'fields', 'origin'];
const STAMPED = ['value', 'hlc'];
const isUpsert = (v: Plain) =>
  hasKeys(v, UPSERT) &&
  v.entity === 'customer' &&
  isUuid(v.id) &&
  isHlc(v.hlc) &&
  isOrigin(v.origin) &&
  isRecord(v.fields) &&
  everyEntry(v.fields, (_, f) => hasKeys(f, STAMPED) && isHlc(f.hlc));

/** Whether changeSchema surely takes `v` as it is (true), or must be asked (false). Never true for what it refuses. */
export function isPlainChange(v: unknown): v is Change {
  if (!isRecord(v)) return false;
  if (v.kind === 'append') return isFact(v);
  return v.kind === 'upsert' && isUpsert(v);
}

/** z.array(changeSchema), with the changes isPlainChange is sure of kept as they came. */
export const changesSchema = z.array(z.unknown()).transform((items, ctx): Change[] => {
  const out: Change[] = new Array(items.length);
  items.forEach((item, i) => {
    if (isPlainChange(item)) {
      out[i] = item;
      return;
    }
    const checked = changeSchema.safeParse(item);
    if (checked.success) out[i] = checked.data;
    else for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] } as never);
  });
  return out;
});
