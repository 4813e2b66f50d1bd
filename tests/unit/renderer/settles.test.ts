// The log form's proposal of which open issues an entry settles (renderer/src/lib/settles.ts): pure, so tested here.
import { describe, expect, it } from 'vitest';
import type { OpenIssue } from '@common/domain';
import { settlesFor, SETTLING_OUTCOMES, toggled } from '../../../renderer/src/lib/settles';
import { emptyDraft, type LogDraft } from '../../../renderer/src/state/log-draft';

const issue = (interactionId: number, kind: OpenIssue['kind']): OpenIssue => ({
  interactionId,
  kind,
  outcome: 'unresolved',
  openedAt: '2026-11-20T10:00:00.000Z',
  dueDate: null,
  overdue: false,
  notes: '',
});
const TONY = [issue(1768, 'complaint'), issue(1764, 'inquiry'), issue(1754, 'return')];
const draft = (d: Partial<LogDraft>): LogDraft => ({ ...emptyDraft(), ...d });

describe('which open issues an entry settles', () => {
  it('proposes the single open issue of the kind the clerk picked, and nothing when there are several or none', () => {
    expect(settlesFor(draft({ kind: 'complaint', kindChosen: true, outcome: 'resolved' }), TONY)).toEqual([1768]);
    expect(settlesFor(draft({ kind: 'pickup', kindChosen: true, outcome: 'resolved' }), TONY)).toEqual([]);
    expect(
      settlesFor(draft({ kind: 'complaint', kindChosen: true, outcome: 'resolved' }), [
        ...TONY,
        issue(1770, 'complaint'),
      ]),
    ).toEqual([]);
  });

  it('proposes nothing from the kind the form starts on: a quick question must not close the open one', () => {
    expect(emptyDraft().kind).toBe('inquiry');
    expect(settlesFor(emptyDraft(), TONY)).toEqual([]);
    expect(settlesFor(draft({ kindChosen: true }), TONY)).toEqual([1764]);
  });

  it('asks only after a resolved or follow-up outcome', () => {
    expect(SETTLING_OUTCOMES).toEqual(['resolved', 'follow_up']);
    expect(settlesFor(draft({ kind: 'complaint', kindChosen: true, outcome: 'follow_up' }), TONY)).toEqual([1768]);
    expect(settlesFor(draft({ kind: 'complaint', outcome: 'escalated', settles: [1768] }), TONY)).toEqual([]);
  });

  it('proposes the issue of the suggestion used, and what the clerk ticked wins, none included', () => {
    const used = { templateId: 'complaint-escalation', title: 'Bring in the manager', issueId: 1754 };
    expect(settlesFor(draft({ kind: 'complaint', outcome: 'resolved', used }), TONY)).toEqual([1754]);
    expect(settlesFor(draft({ kind: 'complaint', outcome: 'resolved', used, settles: [] }), TONY)).toEqual([]);
    expect(settlesFor(draft({ outcome: 'resolved', settles: [1764, 1754] }), TONY)).toEqual([1764, 1754]);
  });

  it('drops an issue that is no longer open (settled at another till meanwhile)', () => {
    expect(settlesFor(draft({ outcome: 'resolved', settles: [1768, 999] }), TONY)).toEqual([1768]);
  });

  it('ticks and unticks one issue at a time', () => {
    expect(toggled([1768], 1754, true)).toEqual([1768, 1754]);
    expect(toggled([1768, 1754], 1768, false)).toEqual([1754]);
    expect(toggled([1768], 1768, true)).toEqual([1768]);
  });
});
