// Issue #14, section 3, rule by rule: what is open comes first, one suggestion per issue, and nothing said beside it
// contradicts it. Real SQLite files and the real engine; the scenario suite has the situations as a whole.
import { describe, expect, it } from 'vitest';
import { gatherFacts, issueIsAbout, MAX_ISSUE_VIEWS, spokenName } from '../../../main/services/suggestions/facts';
import { MAX_ISSUE_SUGGESTIONS, MAX_SUGGESTIONS } from '../../../main/services/suggestions/engine';
import { previewTemplate, saveTemplate } from '../../../main/services/suggestions/manage';
import {
  compatibleByDefault,
  HELD_BACK_KINDS,
  parseTemplate,
  shippedPlaybook,
} from '../../../main/services/suggestions/playbook';
import {
  buy,
  catalogue,
  customer,
  dayIn,
  declareCompatible,
  logAt,
  readReasons,
  regular,
  store,
  suggest,
} from './fixtures';

const KETTLE = { sku: 'KIT-3001', description: 'Russell Hobbs kettle 1.7L', priceCents: 3999 };
const ids = (l: { templateId: string }[]) => l.map((x) => x.templateId);

describe('one suggestion per open issue, first', () => {
  it('gives each open issue a view of the facts describing that issue alone', () => {
    const s = store();
    const c = customer(s);
    const pickup = logAt(s, 9, { customerId: c, kind: 'pickup', outcome: 'unresolved', notes: 'BBQ ordered in' });
    const ask = logAt(s, 5, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'follow_up',
      followUpDue: dayIn(s, -1),
      notes: 'Quote for a shed',
    });
    const comp = logAt(s, 2, { customerId: c, kind: 'complaint', outcome: 'escalated', notes: 'Refund refused' });
    const f = gatherFacts(s.ctx, c, s.clerkId);
    expect(f.issues.map((i) => i.issueId).sort()).toEqual([pickup.id, ask.id, comp.id].sort());
    const view = (id: number) => f.issues.find((i) => i.issueId === id)!;
    expect(view(comp.id).facts.resolvable).toEqual({ openIssue: comp.id, followUp: null, pickup: null });
    expect(view(comp.id).facts.values['openIssue.outcome']).toBe('escalated');
    expect(view(comp.id).facts.values['followUp.dueInDays']).toBeNull();
    expect(view(ask.id).facts.resolvable).toEqual({ openIssue: ask.id, followUp: ask.id, pickup: null });
    expect(view(ask.id)).toMatchObject({ overdue: true, dueDate: dayIn(s, -1) });
    expect(view(pickup.id).facts.resolvable).toEqual({ openIssue: null, followUp: null, pickup: pickup.id });
    expect(view(pickup.id).facts.vars['openIssue.kind']).toBeNull();
    // Counts stay the customer's: three issues are open whichever one is in question.
    for (const i of f.issues) expect(i.facts.values.openIssues).toBe(3);
    // The customer-wide facts still describe the most pressing issue, for templates that are about no issue.
    expect(f.resolvable.openIssue).toBe(comp.id);
  });

  it('judges the most pressing issues only: promises due today or broken first, however old, then the newest', () => {
    const s = store();
    const c = customer(s);
    const broken = logAt(s, 60, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'follow_up',
      followUpDue: dayIn(s, -50),
      notes: 'Quote',
    });
    const today = logAt(s, 30, {
      customerId: c,
      kind: 'pickup',
      outcome: 'follow_up',
      followUpDue: dayIn(s, 0),
      notes: 'Paint',
    });
    const questions = Array.from({ length: MAX_ISSUE_VIEWS }, (_, d) =>
      logAt(s, d + 1, { customerId: c, kind: 'complaint', outcome: 'escalated' }),
    );
    const views = gatherFacts(s.ctx, c, s.clerkId).issues.map((i) => i.issueId);
    expect(views).toEqual([broken.id, today.id, ...questions.slice(0, MAX_ISSUE_VIEWS - 2).map((q) => q.id)]);
  });

  it('never shows more than MAX_ISSUE_SUGGESTIONS issue suggestions, and fills the rest with what fits', () => {
    const s = store();
    const c = customer(s, { style: 'green' });
    regular(s, c);
    for (let d = 1; d <= 5; d++)
      logAt(s, d, { customerId: c, kind: 'inquiry', outcome: 'unresolved', notes: `Question ${d}` });
    const list = suggest(s, c);
    expect(list.filter((x) => x.issueId !== null)).toHaveLength(MAX_ISSUE_SUGGESTIONS);
    expect(list.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    expect(list.length).toBeGreaterThan(MAX_ISSUE_SUGGESTIONS);
  });

  it('carries the issue it is about, and the clerk’s note on it goes to the reasons, never into the words', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    const comp = logAt(s, 2, {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
      notes: 'Complained the pan broke. Left unhappy.',
    });
    const [top] = suggest(s, c);
    expect(top).toMatchObject({ templateId: 'service-recovery', issueId: comp.id });
    expect(top!.text).not.toContain('Complained');
    expect(readReasons(top!.reasons)[0]).toEqual({
      fact: 'complaint on 21 Nov, still open (unresolved): “Complained the pan broke”',
      ref: `interaction:${comp.id}`,
    });
  });
});

describe('held back while an issue is open', () => {
  it('holds back small talk, check-ins, recommendations, milestones, thanks and offers by default', () => {
    for (const t of shippedPlaybook().templates) {
      const heldBack = t.offer || HELD_BACK_KINDS.has(t.kind);
      expect(compatibleByDefault(t), t.id).toBe(!heldBack);
      // The shipped file says so explicitly, the same way.
      expect(t.compatibleWithOpenIssues, t.id).toBe(!heldBack);
    }
    const draft = {
      id: 'x',
      kind: 'greeting',
      title: 'X',
      priority: 1,
      conditions: { all: [] },
      texts: { blue: 'a', green: 'b', gold: 'c', orange: 'd', unknown: 'e' },
    };
    expect(parseTemplate(draft).compatibleWithOpenIssues).toBe(false);
    expect(parseTemplate({ ...draft, kind: 'help' }).compatibleWithOpenIssues).toBe(true);
    expect(parseTemplate({ ...draft, kind: 'help', offer: true }).compatibleWithOpenIssues).toBe(false);
    expect(parseTemplate({ ...draft, compatibleWithOpenIssues: true }).compatibleWithOpenIssues).toBe(true);
  });

  it('offers a held-back template again once nothing is open, and a compatible one all along', () => {
    const s = store();
    const c = customer(s, { style: 'orange' });
    regular(s, c);
    const q = logAt(s, 2, { customerId: c, kind: 'inquiry', outcome: 'unresolved' });
    expect(ids(suggest(s, c))).not.toContain('greeting-regular');
    expect(previewTemplate(s.ctx, 'greeting-regular', c)).toMatchObject({ applies: false, why: 'open-issues' });
    declareCompatible(s, 'greeting-regular');
    expect(ids(suggest(s, c))).toContain('greeting-regular');
    logAt(s, 0, { customerId: c, kind: 'inquiry', outcome: 'resolved', resolves: [q.id] });
    saveTemplate(s.ctx, s.clerkId, {
      ...shippedPlaybook().templates.find((t) => t.id === 'greeting-regular')!,
      compatibleWithOpenIssues: false,
    });
    expect(ids(suggest(s, c))).toContain('greeting-regular');
  });
});

describe('the purchase an open issue is about', () => {
  const item = (description: string, spoken: string | null = null) => ({
    description,
    spoken,
    quantity: 1,
    unitPriceCents: 1,
    returnStatus: 'kept' as const,
    checkIn: 1 as const,
  });

  it('is the one whose item the notes name, however it is written', () => {
    const pan = [item('Non-stick frying pan 28cm', 'non-stick frying pan 28cm')];
    const inquiry = (notes: string) => ({ kind: 'inquiry' as const, notes, openedDay: '2026-11-01' });
    expect(issueIsAbout(inquiry('Complained the NON STICK frying-pan 28cm broke'), pan, '2026-11-20')).toBe(true);
    expect(issueIsAbout(inquiry('Wants the frying pan in 32cm'), pan, '2026-11-20')).toBe(false);
    expect(issueIsAbout(inquiry('Raised bed kit refund'), [item('Raised bed kit, larch')], '2026-11-20')).toBe(true);
  });

  it('is the latest one for a complaint or return logged since, whatever its notes say', () => {
    const kettle = [item('Kettle')];
    expect(issueIsAbout({ kind: 'complaint', notes: '', openedDay: '2026-11-20' }, kettle, '2026-11-20')).toBe(true);
    expect(issueIsAbout({ kind: 'return', notes: 'broke', openedDay: '2026-11-22' }, kettle, '2026-11-20')).toBe(true);
    expect(
      issueIsAbout({ kind: 'complaint', notes: 'Long queue', openedDay: '2026-11-19' }, kettle, '2026-11-20'),
    ).toBe(false);
    expect(
      issueIsAbout({ kind: 'inquiry', notes: 'Opening hours', openedDay: '2026-11-22' }, kettle, '2026-11-20'),
    ).toBe(false);
  });

  it('is no subject for a check-in even where a manager allowed check-ins beside open issues', () => {
    const s = store();
    declareCompatible(s, 'check-in-recent-purchase');
    const c = customer(s, { style: 'green' });
    catalogue(s, [{ sku: KETTLE.sku, checkIn: true }]);
    buy(s, c, 6, [KETTLE]);
    // An older complaint about something else: the kettle may be asked about.
    logAt(s, 30, { customerId: c, kind: 'complaint', outcome: 'unresolved', notes: 'Long queue at the till' });
    expect(ids(suggest(s, c))).toContain('check-in-recent-purchase');
    // A question naming the kettle: now it may not.
    logAt(s, 1, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'unresolved',
      notes: 'Russell Hobbs kettle 1.7L lid is stiff',
    });
    expect(ids(suggest(s, c))).not.toContain('check-in-recent-purchase');
    expect(previewTemplate(s.ctx, 'check-in-recent-purchase', c)).toMatchObject({
      applies: false,
      why: 'purchase-under-issue',
    });
  });
});

describe('check-ins only where they make sense', () => {
  it('asks about the dearest item the catalog marks, by its spoken name; other items are never asked about', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    regular(s, c);
    catalogue(s, [
      { sku: 'TOO-5007', checkIn: true, spoken: 'stepladder' },
      { sku: 'GIF-1202', checkIn: false },
    ]);
    buy(s, c, 5, [
      { sku: 'GIF-1202', description: 'Gift card', priceCents: 10_000 },
      { sku: 'TOO-5007', description: 'Stepladder, 5 tread', priceCents: 8999 },
      { sku: 'NOT-IN-CATALOG', description: 'Mystery box', priceCents: 50_000 },
    ]);
    const checkIn = suggest(s, c).find((x) => x.templateId === 'check-in-recent-purchase');
    expect(checkIn?.text).toBe("How are you getting on with the stepladder, Aoife? I hope it's everything you wanted.");
  });

  it('says nothing when no item of the purchase is marked, and the preview says why', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    buy(s, c, 5, [{ sku: 'GIF-1202', description: 'Gift card', priceCents: 5000 }]);
    expect(
      ids(suggest(s, c)).filter((id) => id === 'check-in-recent-purchase' || id === 'recommendation-from-purchase'),
    ).toEqual([]);
    expect(previewTemplate(s.ctx, 'check-in-recent-purchase', c)).toMatchObject({
      applies: false,
      why: 'no-check-in-item',
    });
  });

  it('speaks of an item by its catalog name, else by its till description up to the first comma', () => {
    expect(spokenName({ description: 'Raised bed kit, larch', spoken: null })).toBe('Raised bed kit');
    expect(spokenName({ description: 'Raised bed kit, larch', spoken: 'raised bed kit' })).toBe('raised bed kit');
    expect(spokenName({ description: 'Kettle', spoken: '  ' })).toBe('Kettle');
  });
});
