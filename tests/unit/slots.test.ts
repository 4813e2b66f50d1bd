import { describe, expect, it } from 'vitest';
import { logInteractionSchema } from '@common/contract';
import {
  adjacentSlot,
  findSlots,
  hasUnfilledSlot,
  SLOT_OPEN,
  slotToken,
  unfilledSlotMessage,
  validSlotLabel,
} from '@common/slots';
import { parseText, render } from '../../main/services/suggestions/variables';

const text = `Sorry about ${slotToken('what went wrong')} — I'll ${slotToken('remedy')} today.`;

describe('slots', () => {
  it('finds each slot with its place and label', () => {
    const slots = findSlots(text);
    expect(slots.map((s) => s.label)).toEqual(['what went wrong', 'remedy']);
    for (const s of slots) expect(text.slice(s.start, s.end)).toBe(slotToken(s.label));
  });

  it('names the first unfilled slot, and has nothing to say once every slot is filled or deleted', () => {
    expect(unfilledSlotMessage(text)).toContain('“what went wrong”');
    const filled = text.replace(slotToken('what went wrong'), 'the kettle').replace(slotToken('remedy'), '');
    expect(hasUnfilledSlot(filled)).toBe(false);
    expect(unfilledSlotMessage(filled)).toBeNull();
  });

  it('still refuses a slot the clerk half deleted (its closing brace gone)', () => {
    const damaged = `Sorry about ${SLOT_OPEN}what went wr today`;
    expect(findSlots(damaged)).toEqual([]);
    expect(unfilledSlotMessage(damaged)).toContain(SLOT_OPEN);
  });

  it('moves forward and back between slots, and lets Tab leave the box after the last one', () => {
    const [a, b] = findSlots(text) as [ReturnType<typeof findSlots>[0], ReturnType<typeof findSlots>[0]];
    expect(adjacentSlot(text, 0, 0, false)).toEqual(a);
    expect(adjacentSlot(text, a.start, a.end, false)).toEqual(b);
    expect(adjacentSlot(text, a.start + 3, a.start + 3, false)).toEqual(b); // caret inside the first
    expect(adjacentSlot(text, b.start, b.end, false)).toBeNull();
    expect(adjacentSlot(text, b.start, b.end, true)).toEqual(a);
    expect(adjacentSlot(text, a.start, a.end, true)).toBeNull();
    expect(adjacentSlot(text, text.length, text.length, true)).toEqual(b);
  });

  it('accepts short labels without brackets', () => {
    expect(validSlotLabel('what went wrong')).toBe(true);
    for (const bad of ['', '  ', 'a{b', 'a]b', 'x'.repeat(61)]) expect(validSlotLabel(bad)).toBe(false);
  });

  it('passes through the playbook text syntax untouched, and a bad label is a playbook error', () => {
    const parsed = parseText(`I'm sorry about {slot:what went wrong}[, {firstName}].`);
    expect(parsed.errors).toEqual([]);
    const r = render(parsed.parsed, { firstName: 'Tony' });
    expect(r).toMatchObject({ ok: true, text: "I'm sorry about {slot:what went wrong}, Tony." });
    expect(parseText('Sorry about {slot:}.').errors[0]?.key).toBe('playbook.text.slotLabel');
  });

  it('is refused in what was said, naming the slot', () => {
    const r = logInteractionSchema.safeParse({ customerId: null, kind: 'inquiry', outcome: 'resolved', said: text });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(unfilledSlotMessage(text));
    expect(
      logInteractionSchema.safeParse({
        customerId: null,
        kind: 'inquiry',
        outcome: 'resolved',
        said: 'Sorry about the kettle.',
      }).success,
    ).toBe(true);
  });
});
