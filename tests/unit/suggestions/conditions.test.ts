// The condition language: data a manager writes, so it must reject mistakes clearly and never crash the counter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyFacts,
  evaluate,
  FIELD_NAMES,
  FIELDS,
  MAX_DEPTH,
  OPERATORS,
  parseCondition,
  type Condition,
  type FactValues,
  type FieldName,
} from '../../../main/services/suggestions/conditions';
import { suggestFor } from '../../../main/services/suggestions';
import { expectWellFormed, store } from './fixtures';
import { applyHistory, historyArb } from './histories';

const OPS: Record<string, readonly string[]> = {
  number: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists', 'missing'],
  boolean: ['==', '!=', 'exists', 'missing'],
  enum: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  text: ['==', '!=', 'in', 'notIn', 'exists', 'missing'],
  list: ['contains', 'notContains', 'exists', 'missing'],
};

function scalarFor(field: FieldName): fc.Arbitrary<number | boolean | string> {
  const spec = FIELDS[field];
  switch (spec.type) {
    case 'number':
      return fc.integer({ min: -400, max: 20_000 });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...spec.values);
    default:
      return fc.string({ maxLength: 12 });
  }
}

/** A valid comparison for any field of the vocabulary. */
const comparisonArb: fc.Arbitrary<Condition> = fc.constantFrom(...FIELD_NAMES).chain((field) =>
  fc.constantFrom(...OPS[FIELDS[field].type]!).chain((op) => {
    if (op === 'exists' || op === 'missing') return fc.constant({ field, op } as Condition);
    if (op === 'in' || op === 'notIn')
      return fc
        .array(scalarFor(field), { minLength: 1, maxLength: 4 })
        .map((value) => ({ field, op, value }) as Condition);
    if (op === 'contains' || op === 'notContains')
      return fc.string({ maxLength: 10 }).map((value) => ({ field, op, value }) as Condition);
    return scalarFor(field).map((value) => ({ field, op, value }) as Condition);
  }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArb,
    fc.array(tie('c'), { maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;

/** Any facts, of the right type or missing. */
const factsArb: fc.Arbitrary<FactValues> = fc.record(
  Object.fromEntries(
    FIELD_NAMES.map((f) => [
      f,
      FIELDS[f].type === 'list'
        ? fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }), { nil: null })
        : fc.option(scalarFor(f), { nil: null }),
    ]),
  ) as Record<FieldName, fc.Arbitrary<FactValues[FieldName]>>,
) as fc.Arbitrary<FactValues>;

const depth = (c: Condition): number =>
  'all' in c
    ? 1 + Math.max(0, ...c.all.map(depth))
    : 'any' in c
      ? 1 + Math.max(0, ...c.any.map(depth))
      : 'not' in c
        ? 1 + depth(c.not)
        : 0;

describe('condition language', () => {
  it('accepts every well-formed condition and evaluates it on any facts without throwing', () => {
    fc.assert(
      fc.property(conditionArb, factsArb, (c, facts) => {
        fc.pre(depth(c) <= MAX_DEPTH);
        const parsed = parseCondition(JSON.parse(JSON.stringify(c)));
        const r = evaluate(parsed, facts);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.fields).toEqual([]);
        for (const f of r.fields) expect(FIELD_NAMES).toContain(f);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('obeys boolean logic: not flips, all of nothing holds, any of one is that one', () => {
    fc.assert(
      fc.property(conditionArb, factsArb, (c, facts) => {
        expect(evaluate({ not: c }, facts).ok).toBe(!evaluate(c, facts).ok);
        expect(evaluate({ all: [c, { all: [] }] }, facts).ok).toBe(evaluate(c, facts).ok);
        expect(evaluate({ any: [c] }, facts).ok).toBe(evaluate(c, facts).ok);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('treats a missing fact as false for every comparison, including != and notIn', () => {
    const none = emptyFacts();
    for (const op of ['==', '!=', '<', '>', 'in', 'notIn'] as const) {
      const value = op === 'in' || op === 'notIn' ? [1] : 1;
      expect(evaluate(parseCondition({ field: 'visitCount', op, value }), none).ok, op).toBe(false);
    }
    expect(evaluate(parseCondition({ field: 'visitCount', op: 'missing' }), none).ok).toBe(true);
    expect(evaluate(parseCondition({ field: 'tags', op: 'missing' }), { ...none, tags: [] }).ok).toBe(true);
    expect(
      evaluate(parseCondition({ field: 'tags', op: 'contains', value: 'Coffee' }), { ...none, tags: ['coffee'] }).ok,
    ).toBe(true);
  });

  it('rejects an unknown field with its name, where it is, and the fields it could be', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !(s in FIELDS)),
        (field) => {
          const bad = {
            all: [
              { field: 'visitCount', op: '>', value: 1 },
              { field, op: '==', value: 1 },
            ],
          };
          expect(() => parseCondition(bad)).toThrow(/conditions\.all\[1\]\.field: unknown condition field/);
        },
      ),
      { numRuns: 200, seed: 9 },
    );
    expect(() => parseCondition({ field: 'visitcount', op: '>', value: 1 })).toThrow(/did you mean "visitCount"\?/);
    expect(() => parseCondition({ field: 'sentiment', op: '>', value: 1 })).toThrow(
      /did you mean "lastInteraction\.sentiment"\?/,
    );
  });

  it('rejects an unknown operator, or one that does not fit the field, naming the ones that do', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELD_NAMES),
        fc.string({ maxLength: 6 }).filter((s) => !(OPERATORS as readonly string[]).includes(s)),
        (field, op) => {
          expect(() => parseCondition({ not: { field, op, value: 1 } })).toThrow(
            /conditions\.not\.op: unknown operator/,
          );
        },
      ),
      { numRuns: 200, seed: 10 },
    );
    expect(() => parseCondition({ field: 'tags', op: '>', value: 1 })).toThrow(
      /operator ">" does not apply to tags \(a list\); use one of contains, notContains, exists, missing/,
    );
  });

  it('rejects values of the wrong type and malformed shapes with a precise message', () => {
    const cases: [unknown, RegExp][] = [
      [{ field: 'visitCount', op: '>', value: '3' }, /visitCount must be compared with a number; got "3"/],
      [
        { field: 'lastInteraction.outcome', op: '==', value: 'closed' },
        /one of resolved, follow_up, escalated, unresolved; got "closed"/,
      ],
      [{ field: 'tier', op: 'in', value: [] }, /needs a non-empty list/],
      [
        { field: 'tier', op: 'in', value: ['gold', 'platinum'] },
        /value\[1\]: tier values must be one of new, bronze, silver, gold/,
      ],
      [{ field: 'visitCount', op: 'exists', value: 1 }, /"exists" takes no value/],
      [{ field: 'visitCount', op: '>' }, /needs a value/],
      [{ field: 'visitCount', op: '>', value: 1, why: 'x' }, /unexpected key "why"/],
      [{ any: [] }, /"any" needs at least one condition/],
      [{ all: {} }, /"all" needs a list/],
      [{ some: [] }, /a condition is \{"all"/],
      ['visitCount > 3', /a condition is/],
      [{ all: [{ all: [] }], any: [] }, /got keys "all", "any"/],
    ];
    for (const [json, message] of cases) expect(() => parseCondition(json), JSON.stringify(json)).toThrow(message);
    let deep: unknown = { field: 'visitCount', op: '>', value: 1 };
    for (let i = 0; i <= MAX_DEPTH; i++) deep = { not: deep };
    expect(() => parseCondition(deep)).toThrow(/nest deeper than/);
  });

  it('errors are VALIDATION errors, the code the counter shows as a message', () => {
    expect(() => parseCondition({ field: 'nope', op: '==', value: 1 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('never throws on generated customer histories, and always answers with 3–5 explained suggestions', () => {
    const s = store();
    fc.assert(
      fc.property(historyArb, (h) => {
        const c = applyHistory(s, h);
        expectWellFormed(suggestFor(s.ctx, { customerId: c, clerkId: s.clerkId }));
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
