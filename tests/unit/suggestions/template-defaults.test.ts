// A template may set the log form's Kind and Outcome (issue #14, section 5), as a help-desk macro sets fields.
import { describe, expect, it } from 'vitest';
import { getTemplate, saveTemplate, shippedPlaybook } from '../../../main/services/suggestions';
import { customer, logAt, store, suggest } from './fixtures';

const shipped = (id: string) => shippedPlaybook().templates.find((t) => t.id === id)!;

describe('template defaults for the log form', () => {
  it('"Put right what is still open" makes the entry a complaint about the issue it is offered for', () => {
    const s = store();
    const c = customer(s);
    const issue = logAt(s, 3, {
      customerId: c,
      kind: 'return',
      outcome: 'unresolved',
      notes: 'Refund not through yet',
    });
    const recovery = suggest(s, c).find((x) => x.templateId === 'service-recovery');
    expect(recovery).toMatchObject({ issueId: issue.id, logKind: 'complaint', logOutcome: 'resolved' });
  });

  it('leaves the form alone where a template sets nothing', () => {
    const s = store();
    const welcome = suggest(s, null).find((x) => x.templateId === 'walk-in-welcome');
    expect(welcome).toMatchObject({ logKind: null, logOutcome: null });
  });

  it('are kept with the template and its versions, and refused when not an interaction kind or outcome', () => {
    const s = store();
    const base = { ...shipped('how-can-i-help'), logKind: 'inquiry', logOutcome: 'follow_up' };
    expect(saveTemplate(s.ctx, s.clerkId, base)).toMatchObject({ logKind: 'inquiry', logOutcome: 'follow_up' });
    expect(getTemplate(s.ctx, 'how-can-i-help').history[0]!.template).toMatchObject({
      logKind: 'inquiry',
      logOutcome: 'follow_up',
    });
    expect(() => saveTemplate(s.ctx, s.clerkId, { ...base, logKind: 'gossip' })).toThrow(/logKind/);
    expect(() => saveTemplate(s.ctx, s.clerkId, { ...base, logOutcome: 'done' })).toThrow(/logOutcome/);
    expect(saveTemplate(s.ctx, s.clerkId, { ...base, logKind: null, logOutcome: null })).toMatchObject({
      logKind: null,
      logOutcome: null,
    });
  });

  it('a playbook file written before defaults existed still imports: they are simply not set', () => {
    const { logKind: _k, logOutcome: _o, ...old } = shipped('service-recovery');
    const s = store();
    expect(saveTemplate(s.ctx, s.clerkId, old)).toMatchObject({ logKind: null, logOutcome: null });
  });
});
