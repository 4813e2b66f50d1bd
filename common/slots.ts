import { wordError, words, type ErrorWords } from './errors';

// Slots: places in a suggestion the clerk completes before saying it, written `{slot:what went wrong}` in a
// playbook text. The engine passes them through untouched; the "What I'll say" box highlights them, Tab moves between
// them, and neither Copy nor Save accepts a text that still holds one (the service checks `said` too).

/** Every slot starts with this; a text containing it still has something the clerk has to fill in. */
export const SLOT_OPEN = '{slot:';
/** A slot's label: what the clerk should put there, in a few words, without braces or brackets. */
export const MAX_SLOT_LABEL = 60;

// Labels may not hold { } [ ]: they would clash with the playbook's variables and optional parts.
const SLOT_RE = /\{slot:([^{}[\]]*)\}/g;

export interface Slot {
  /** Offset of the opening brace. */
  start: number;
  /** Offset just after the closing brace: text.slice(start, end) is the whole slot. */
  end: number;
  label: string;
}

/** The slots of a text, in order. */
export function findSlots(text: string): Slot[] {
  return [...text.matchAll(SLOT_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: m[1]!.trim() }));
}

/** Whether the text still holds anything the clerk must fill in (a slot, or a damaged one they half-deleted). */
export function hasUnfilledSlot(text: string): boolean {
  return text.includes(SLOT_OPEN);
}

/** What refuses a text with an unfilled slot, naming it, as catalogue words; null when the text is complete. */
export function unfilledSlot(text: string): ErrorWords | null {
  if (!hasUnfilledSlot(text)) return null;
  const first = findSlots(text)[0];
  if (!first) return words('playbook.slot.damaged', { open: SLOT_OPEN });
  return first.label ? words('playbook.slot.unfilled', { label: first.label }) : words('playbook.slot.blank');
}

/** That refusal in a locale's language (the store's); null when the text is complete. */
export function unfilledSlotMessage(text: string, locale = 'en'): string | null {
  const w = unfilledSlot(text);
  return w && wordError(w, locale);
}

/** The slot text for a label, as the playbook editor inserts it. */
export const slotToken = (label: string): string => `${SLOT_OPEN}${label.trim()}}`;

/** Whether a label can be written as a slot. */
export const validSlotLabel = (label: string): boolean =>
  label.trim().length > 0 && label.length <= MAX_SLOT_LABEL && !/[{}[\]]/.test(label);

/**
 * The slot Tab (forward) or Shift+Tab (backward) moves to from a selection: the first slot starting at or after the
 * selection's end that is not the selection itself, or the last one ending at or before its start. Null at either end,
 * so Tab then leaves the box as usual and the keyboard is never trapped.
 */
export function adjacentSlot(text: string, selStart: number, selEnd: number, backward: boolean): Slot | null {
  const slots = findSlots(text);
  const isSelected = (s: Slot) => s.start === selStart && s.end === selEnd;
  if (backward) return [...slots].reverse().find((s) => s.end <= selStart && !isSelected(s)) ?? null;
  return slots.find((s) => s.start >= selEnd && !isSelected(s)) ?? null;
}

/** The text with each slot replaced, e.g. by what a clerk would type there (checks of how a text reads aloud). */
export const fillSlots = (text: string, fill: (label: string) => string): string =>
  text.replace(SLOT_RE, (_, label: string) => fill(label.trim()));
