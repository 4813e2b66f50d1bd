// fast-check inputs from a zod schema, through zod's own JSON Schema export (a public API, unlike zod's internals):
// mostly values the schema accepts, biased towards what finds rows and edges (small ids, bounds, real values given
// as hints), mixed with near misses (one field replaced by any JSON) and arbitrary JSON.
import fc from 'fast-check';
import { z } from 'zod';

interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Real values of the store, by property name, offered next to generated ones (ids that exist, today's date…). */
export type Hints = Record<string, readonly unknown[]>;

/** Strings are kept short except now and then, so a run spends its time in the handlers, not in the transport. */
const SHORT = 40;
const LONG = 5000;

function integer(s: JsonSchema): fc.Arbitrary<number> {
  const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? Number.MIN_SAFE_INTEGER);
  const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? Number.MAX_SAFE_INTEGER);
  const near = Math.max(min, Math.min(max, 0));
  const any =
    max - min <= 2 ** 31 ? fc.integer({ min, max }) : fc.maxSafeInteger().map((n) => Math.min(max, Math.max(min, n)));
  // Ids of demo rows are small: most draws land where rows exist.
  return fc.oneof(fc.integer({ min: near, max: Math.min(max, near + 60) }), fc.constantFrom(min, max), any);
}

function string(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? LONG;
  const fits = (t: string) => t.length >= min && t.length <= max;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  const short = { minLength: Math.min(min, SHORT), maxLength: Math.min(max, SHORT) };
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ ...short, unit: 'grapheme' }) },
      { weight: 2, arbitrary: fc.string({ ...short, unit: 'binary' }) }, // lone surrogates, control characters
      { weight: 2, arbitrary: fc.string({ ...short, unit: 'grapheme-ascii' }) },
      {
        weight: 1,
        arbitrary: fc.string({
          minLength: Math.min(max, Math.max(min, SHORT)),
          maxLength: Math.min(max, LONG),
          unit: 'grapheme-ascii',
        }),
      },
    )
    .filter(fits);
}

function object(s: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  if (s.propertyNames?.enum && typeof s.additionalProperties === 'object') {
    const keys = s.propertyNames.enum as string[];
    return fc.dictionary(fc.constantFrom(...keys), valid(s.additionalProperties, hints), { maxKeys: 4 });
  }
  const props = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([k, p]) => [k, withHints(valid(p, hints), hints[k])]),
  );
  return fc.record(props, { requiredKeys: s.required ?? [] });
}

function withHints(arb: fc.Arbitrary<unknown>, hint: readonly unknown[] | undefined): fc.Arbitrary<unknown> {
  return hint?.length ? fc.oneof(arb, fc.constantFrom(...hint)) : arb;
}

function valid(s: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map((a) => valid(a, hints)));
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integer(s);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum, max: s.maximum });
    case 'string':
      return string(s);
    case 'array':
      return fc.array(valid(s.items ?? {}, hints), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    case 'object':
      return object(s, hints);
    default:
      return fc.jsonValue(); // z.custom and the like: anything at all
  }
}

/** The same value with one of its fields replaced by any JSON (or removed): what a confused or hostile caller sends. */
function nearMiss(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return arb.chain((v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) return fc.constant(v);
    return fc
      .tuple(fc.constantFrom(...Object.keys(v)), fc.option(fc.jsonValue(), { nil: undefined }))
      .map(([k, junk]) => ({ ...v, [k]: junk }));
  });
}

/** Inputs for a method whose input schema is `schema`. */
export function inputsFor(schema: z.ZodType, hints: Hints = {}): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const ok = valid(json, hints);
  return fc.oneof(
    { weight: 6, arbitrary: ok },
    { weight: 2, arbitrary: nearMiss(ok) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}
