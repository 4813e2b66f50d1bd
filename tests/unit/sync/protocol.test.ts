import { describe, expect, it } from 'vitest';
import {
  ENROLMENT_CODE_ALPHABET,
  ENROLMENT_CODE_LENGTH,
  enrolmentCodeSchema,
  formatEnrolmentCode,
  HUB_API,
  nameSchema,
} from '@common/sync/api';
import { HLC_PATTERN, MAX_PUSH_MUTATIONS, pushRequestSchema } from '@common/sync/changes';
import { UUID_V7, uuidv7, uuidV7Schema, uuidv7Time } from '@common/sync/ids';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, protocolProblem, THIS_HUB_PROTOCOLS } from '@common/sync/protocol';

describe('UUID v7', () => {
  it('carries its millisecond, version 7 and the RFC variant, and sorts by time as text', () => {
    const at = Date.UTC(2026, 11, 4, 10, 15, 0, 123);
    const id = uuidv7(at);
    expect(id).toMatch(UUID_V7);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(uuidv7Time(id).getTime()).toBe(at);
    const later = uuidv7(at + 1, (b) => b.fill(0));
    const earlier = uuidv7(at, (b) => b.fill(0xff));
    expect(earlier < later).toBe(true);
    expect(uuidV7Schema.safeParse(id).success).toBe(true);
    expect(uuidV7Schema.safeParse(id.toUpperCase()).success).toBe(false);
    expect(uuidV7Schema.safeParse('3b241101-e2bb-4255-8caf-4136c566a962').success).toBe(false); // v4
  });

  it('differs between two ids of the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

describe('enrolment codes', () => {
  const code = ENROLMENT_CODE_ALPHABET.slice(0, ENROLMENT_CODE_LENGTH);

  it('accept any case, hyphens and spaces, and the letters people mistake for digits', () => {
    expect(enrolmentCodeSchema.parse(formatEnrolmentCode(code).toLowerCase())).toBe(code);
    expect(enrolmentCodeSchema.parse(` ${code.slice(0, 8)} ${code.slice(8)} `)).toBe(code);
    expect(enrolmentCodeSchema.parse(code.replace('0', 'o').replace('1', 'l'))).toBe(code);
    expect(formatEnrolmentCode(code)).toMatch(/^(\w{4}-){3}\w{4}$/);
  });

  it('refuse the wrong length and characters outside the alphabet', () => {
    expect(enrolmentCodeSchema.safeParse(code.slice(1)).success).toBe(false);
    expect(enrolmentCodeSchema.safeParse(`${code.slice(1)}U`).success).toBe(false);
    expect(enrolmentCodeSchema.safeParse('').success).toBe(false);
  });
});

describe('names', () => {
  it('are one trimmed line', () => {
    expect(nameSchema.parse('  Galway ')).toBe('Galway');
    expect(nameSchema.safeParse('till\n2').success).toBe(false);
    expect(nameSchema.safeParse('   ').success).toBe(false);
  });
});

describe('protocol versions', () => {
  it('this build speaks a protocol its own hub serves', () => {
    expect(MIN_PROTOCOL_VERSION).toBeLessThanOrEqual(PROTOCOL_VERSION);
    expect(protocolProblem(PROTOCOL_VERSION, THIS_HUB_PROTOCOLS)).toBeNull();
  });

  it('tells a too-old terminal, a too-old hub and a silent terminal what to do, in one sentence each', () => {
    const hub = { min: 3, max: 5 };
    expect(protocolProblem(2, hub)).toBe(
      'This terminal speaks sync protocol 2, but the hub needs 3 or newer: update Counterpart on this terminal.',
    );
    expect(protocolProblem(6, hub)).toBe(
      'This terminal speaks sync protocol 6, but the hub only knows up to 5: update the hub first.',
    );
    expect(protocolProblem(null, hub)).toMatch(/^Say which sync protocol .* this hub speaks 3 to 5\.$/);
    for (const v of [3, 4, 5]) expect(protocolProblem(v, hub)).toBeNull();
  });
});

describe('the hub API', () => {
  it('has every route under /v1, once, and every route a terminal calls names its store', () => {
    const paths = Object.values(HUB_API).map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const route of Object.values(HUB_API)) {
      expect(route.path).toMatch(/^\/v1\/[a-z]+(-[a-z]+)*$/);
      if (route.auth === 'terminal') expect(Object.keys(route.request.shape)).toContain('storeId');
    }
  });
});

describe('the data sync shapes', () => {
  const mutation = (n: number) => ({
    mutationId: n,
    entity: 'customer',
    id: uuidv7(),
    kind: 'upsert',
    hlc: `${String(Date.now()).padStart(15, '0')}:00000:${uuidv7()}`,
    fields: { firstName: 'Aoife' },
  });

  it('keeps a push within its size and clocks in their comparable form', () => {
    const storeId = uuidv7();
    expect(pushRequestSchema.safeParse({ storeId, mutations: [mutation(1)] }).success).toBe(true);
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => mutation(i + 1));
    expect(pushRequestSchema.safeParse({ storeId, mutations: many }).success).toBe(false);
    expect(HLC_PATTERN.test('1:0:x')).toBe(false);
  });
});
