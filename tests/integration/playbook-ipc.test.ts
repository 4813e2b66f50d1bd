// Playbook management through the same dispatcher Electron and the preview server use: roles, versions, audit,
// validation messages, the effect on suggestions, and export/import.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '@common/contract';
import type { Suggestion } from '@common/domain';
import type {
  PlaybookList,
  PlaybookPreview,
  PlaybookStats,
  PlaybookStoredTemplate,
  PlaybookTemplateDetail,
} from '@common/playbook';
import type { Envelope } from '@common/errors';
import { startBackend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { tempDir } from '../helpers/temp-store';

const NOW = new Date('2026-11-23T09:00:00.000Z');

async function store() {
  const b = startBackend({ dbPath: path.join(tempDir(), 'playbook.db'), now: () => NOW });
  const manager = newSession();
  const call = async <T>(s: Session, m: string, input: unknown) => (await b.dispatch(m, input, s)) as Envelope<T>;
  const ok = async <T>(s: Session, m: string, input: unknown): Promise<T> => {
    const r = await call<T>(s, m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  await ok(manager, 'app.setupEmpty', { clerkName: 'Mo Manager', pin: '5555' });
  const clerkId = (
    await ok<{ id: number }>(manager, 'clerks.create', { displayName: 'Cy Clerk', role: 'clerk', pin: '1234' })
  ).id;
  const clerk = newSession();
  await ok(clerk, 'session.signIn', { clerkId, pin: '1234' });
  const customerId = (
    await ok<{ id: number }>(manager, 'customers.create', { firstName: 'Aoife', lastName: 'Walsh', style: 'green' })
  ).id;
  return { b, manager, clerk, call, ok, customerId };
}

const PLAYBOOK_METHODS = METHOD_NAMES.filter((m) => m.startsWith('playbook.'));

describe('playbook over IPC', () => {
  it('answers FORBIDDEN to a clerk for every playbook method, even with valid input', async () => {
    const { clerk, call, ok, manager, customerId } = await store();
    expect(PLAYBOOK_METHODS).toHaveLength(9);
    const tpl = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: 'how-can-i-help' });
    const inputs: Record<string, unknown> = {
      'playbook.get': { id: 'how-can-i-help' },
      'playbook.save': { template: tpl },
      'playbook.setEnabled': { id: 'how-can-i-help', enabled: false },
      'playbook.preview': { template: tpl, customerId },
      'playbook.import': { json: '{}' },
      'playbook.restoreVersion': { id: 'how-can-i-help', version: 1 },
    };
    for (const m of PLAYBOOK_METHODS) {
      expect(await call(clerk, m, inputs[m] ?? {}), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: 'how-can-i-help' })).enabled).toBe(true);
  });

  it('lists templates with version, kind, priority and usage, and the editor vocabulary', async () => {
    const { manager, clerk, ok, customerId } = await store();
    await ok(clerk, 'suggestions.forCustomer', { customerId });
    const list = await ok<PlaybookList>(manager, 'playbook.list', {});
    expect(list.templates.length).toBeGreaterThan(20);
    const help = list.templates.find((t) => t.id === 'how-can-i-help')!;
    expect(help).toMatchObject({
      kind: 'help',
      enabled: true,
      version: 1,
      usage: { shown: 1, used: 0, successRate: null },
    });
    expect(help.usage.estimate).toBeLessThan(help.usage.posteriorMean);
    expect(list.catalog.kinds).toContain('service_recovery');
    expect(list.catalog.variables).toContain('firstName');
    expect(list.catalog.fields.find((f) => f.name === 'tier')).toMatchObject({
      type: 'enum',
      values: ['new', 'bronze', 'silver', 'gold'],
    });

    const stats = await ok<PlaybookStats>(manager, 'playbook.stats', {});
    expect(stats.neverUsed).toContain('how-can-i-help');
    expect(stats.neverShown).not.toContain('how-can-i-help');
    expect(stats.neverShown).toContain('follow-up-overdue');
    expect(stats.rows.find((r) => r.templateId === 'how-can-i-help')).toMatchObject({ style: 'green', shown: 1 });
  });

  it('save bumps the version, keeps the history with who and when, and is audited', async () => {
    const { b, manager, ok } = await store();
    const before = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: 'how-can-i-help' });
    expect(before.history).toHaveLength(1);
    const { history: _h, version: _v, updatedAt: _u, updatedBy: _b, ...draft } = before;
    const saved = await ok<PlaybookStoredTemplate>(manager, 'playbook.save', {
      template: { ...draft, texts: { ...draft.texts, green: 'What can I do for you today[, {firstName}]?' } },
    });
    expect(saved.version).toBe(2);
    const after = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: 'how-can-i-help' });
    expect(after.history.map((h) => [h.version, h.changedByName])).toEqual([
      [2, 'Mo Manager'],
      [1, null],
    ]);
    expect(after.history[0]!.changedAt).toBe(NOW.toISOString());
    const audit = b.db.prepare("SELECT subject, details FROM audit_log WHERE event = 'playbook_change'").all() as {
      subject: string;
      details: string;
    }[];
    expect(audit).toEqual([{ subject: 'how-can-i-help', details: JSON.stringify({ action: 'save', version: 2 }) }]);

    // Saving the same thing again is not a new version.
    expect(
      (await ok<PlaybookStoredTemplate>(manager, 'playbook.save', { template: { ...draft, texts: after.texts } }))
        .version,
    ).toBe(2);

    const restored = await ok<PlaybookStoredTemplate>(manager, 'playbook.restoreVersion', {
      id: 'how-can-i-help',
      version: 1,
    });
    expect(restored.version).toBe(3);
    expect(restored.texts.green).toBe(before.texts.green);
  });

  it('rejects an invalid condition with a VALIDATION error naming the field or operator', async () => {
    const { manager, call, ok } = await store();
    const {
      history: _h,
      version: _v,
      updatedAt: _u,
      updatedBy: _b,
      ...draft
    } = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', {
      id: 'greeting-regular',
    });
    const badField = await call(manager, 'playbook.save', {
      template: { ...draft, conditions: { all: [{ field: 'visitCout', op: '>=', value: 3 }] } },
    });
    expect(badField).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('conditions.all[0].field: unknown condition field "visitCout"'),
      },
    });
    const badOp = await call(manager, 'playbook.save', {
      template: { ...draft, conditions: { all: [{ field: 'tier', op: '>', value: 'gold' }] } },
    });
    expect(badOp).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/conditions\.all\[0\]\.op: .*">" .*tier/) },
    });
    const badVar = await call(manager, 'playbook.save', {
      template: { ...draft, texts: { ...draft.texts, gold: 'Hello {nickname}' } },
    });
    expect(badVar).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('texts.gold: unknown variable {nickname}') },
    });
    expect(await call(manager, 'playbook.save', { template: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: 'greeting-regular' })).version).toBe(1);
  });

  it('previews a draft for a customer: text per style, whether it applies, the checks and unfilled variables', async () => {
    const { manager, ok, call, customerId } = await store();
    const {
      history: _h,
      version: _v,
      updatedAt: _u,
      updatedBy: _b,
      ...draft
    } = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', {
      id: 'how-can-i-help',
    });
    const texts = {
      ...draft.texts,
      green: 'Hi {firstName}, I am {clerkName}.',
      gold: 'Your last visit was {lastVisit.date}.',
    };
    const p = await ok<PlaybookPreview>(manager, 'playbook.preview', { template: { ...draft, texts }, customerId });
    expect(p).toMatchObject({ applies: true, style: 'green', conditionsHold: true, why: null });
    expect(p.texts.green).toBe('Hi Aoife, I am Mo.');
    expect(p.suggestion?.text).toBe('Hi Aoife, I am Mo.');
    expect(p.texts.gold).toBeNull();
    expect(p.unfilled.gold).toEqual(['lastVisit.date']);

    const gated = await ok<PlaybookPreview>(manager, 'playbook.preview', {
      template: { ...draft, conditions: { all: [{ field: 'tier', op: '==', value: 'gold' }] } },
      customerId,
    });
    expect(gated).toMatchObject({ applies: false, why: 'conditions', conditionsHold: false });
    // A language the template lacks is refused, also one named like a property every object has (the fuzz found it).
    for (const language of ['fr', '__defineGetter__', 'constructor', '__proto__']) {
      expect(
        await call(manager, 'playbook.preview', { template: draft, customerId, language }),
        language,
      ).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'playbook.noTexts' } });
    }
    expect(gated.checks).toEqual([
      { test: 'all of', actual: null, holds: false, depth: 0, group: 'all' },
      { test: 'tier == gold', actual: 'new', holds: false, depth: 1, group: null },
    ]);
  });

  it('a disabled template is no longer suggested, and comes back when enabled', async () => {
    const { manager, clerk, ok, customerId } = await store();
    const ids = async () =>
      (await ok<Suggestion[]>(clerk, 'suggestions.forCustomer', { customerId })).map((s) => s.templateId);
    expect(await ids()).toContain('how-can-i-help');
    const off = await ok<PlaybookStoredTemplate>(manager, 'playbook.setEnabled', {
      id: 'how-can-i-help',
      enabled: false,
    });
    expect(off).toMatchObject({ enabled: false, version: 2 });
    expect(await ids()).not.toContain('how-can-i-help');
    await ok(manager, 'playbook.setEnabled', { id: 'how-can-i-help', enabled: true });
    expect(await ids()).toContain('how-can-i-help');
  });

  it('an edited text reaches the clerk', async () => {
    const { manager, clerk, ok, customerId } = await store();
    const {
      history: _h,
      version: _v,
      updatedAt: _u,
      updatedBy: _b,
      ...draft
    } = await ok<PlaybookTemplateDetail>(manager, 'playbook.get', {
      id: 'how-can-i-help',
    });
    await ok(manager, 'playbook.save', {
      template: { ...draft, texts: { ...draft.texts, green: 'Edited for green, {firstName}.' } },
    });
    const s = await ok<Suggestion[]>(clerk, 'suggestions.forCustomer', { customerId });
    expect(s.find((x) => x.templateId === 'how-can-i-help')?.text).toBe('Edited for green, Aoife.');
  });

  it('export and import round-trip; an invalid file changes nothing', async () => {
    const { b, manager, call, ok } = await store();
    const json = await ok<string>(manager, 'playbook.export', {});
    const file = JSON.parse(json) as {
      format: string;
      templates: { id: string; priority: number; enabled: boolean }[];
    };
    expect(file.format).toBe('counterpart-playbook');
    expect(await ok(manager, 'playbook.import', { json })).toMatchObject({ added: [], updated: [] });

    const help = file.templates.find((t) => t.id === 'how-can-i-help')!;
    help.priority = 25;
    file.templates.push({ ...help, id: 'how-can-i-help-copy', enabled: false });
    expect(await ok(manager, 'playbook.import', { json: JSON.stringify(file) })).toMatchObject({
      added: ['how-can-i-help-copy'],
      updated: ['how-can-i-help'],
    });
    expect(await ok(manager, 'playbook.get', { id: 'how-can-i-help' })).toMatchObject({ priority: 25, version: 2 });
    expect(await ok(manager, 'playbook.get', { id: 'how-can-i-help-copy' })).toMatchObject({
      enabled: false,
      version: 1,
    });
    const reexported = JSON.parse(await ok<string>(manager, 'playbook.export', {})) as typeof file;
    expect(reexported.templates).toHaveLength(file.templates.length);

    const events = () =>
      (b.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'playbook_change'").get() as { n: number }).n;
    const auditedBefore = events();
    (file.templates[0] as Record<string, unknown>).conditions = { all: [{ field: 'nope', op: '==', value: 1 }] };
    file.templates[1]!.priority = 1;
    expect(await call(manager, 'playbook.import', { json: JSON.stringify(file) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('unknown condition field "nope"') },
    });
    expect(await call(manager, 'playbook.import', { json: 'not json' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(events()).toBe(auditedBefore);
    const second = (await ok<PlaybookTemplateDetail>(manager, 'playbook.get', { id: reexported.templates[1]!.id }))
      .priority;
    expect(second).not.toBe(1);
  });
});
