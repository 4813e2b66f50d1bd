// Managing the playbook: loading the default, editing with history, enabling, export/import, preview, statistics.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/connection';
import { addClerk } from '../../../main/services/clerks';
import { createContext } from '../../../main/services/context';
import {
  ensureDefaultPlaybook,
  exportPlaybook,
  getTemplate,
  importPlaybook,
  listTemplates,
  previewTemplate,
  restoreVersion,
  saveTemplate,
  setEnabled,
  shippedPlaybook,
  suggestFor,
  templateStats,
} from '../../../main/services/suggestions';
import { writeTemplate } from '../../../main/services/suggestions/playbook';
import { tempDir } from '../../helpers/temp-store';
import { customer, logAt, readReasons, regular, store, suggest } from './fixtures';

const count = (s: ReturnType<typeof store>, sql: string) => (s.db.prepare(sql).get() as { n: number }).n;

describe('default playbook loading', () => {
  it('loads the shipped playbook once into an empty table, as version 1 with a history entry', () => {
    const s = store();
    const n = shippedPlaybook().templates.length;
    expect(ensureDefaultPlaybook(s.ctx)).toEqual({ loaded: n });
    expect(ensureDefaultPlaybook(s.ctx)).toEqual({ loaded: 0 });
    expect(count(s, 'SELECT count(*) AS n FROM playbook_templates')).toBe(n);
    expect(
      count(s, 'SELECT count(*) AS n FROM playbook_template_versions WHERE version = 1 AND changed_by IS NULL'),
    ).toBe(n);
    expect(s.db.prepare("SELECT value FROM settings WHERE key = 'playbook.store_id'").get()).toEqual({
      value: 'demo-store',
    });
  });

  it('does not reload into a table that already has templates, even from another connection', () => {
    const s = store();
    const c = customer(s);
    setEnabled(s.ctx, s.clerkId, 'honest-unknown', false);
    const other = openDatabase(s.file);
    const ctx2 = createContext(other);
    expect(ensureDefaultPlaybook(ctx2)).toEqual({ loaded: 0 });
    expect(suggestFor(ctx2, { customerId: c, clerkId: s.clerkId }).map((x) => x.templateId)).not.toContain(
      'honest-unknown',
    );
    other.close();
  });

  it('works on a read-only connection with an empty playbook, without writing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ro.db');
    const rw = openDatabase(file, { create: true });
    const ctx = createContext(rw);
    const clerk = addClerk(ctx, 'Niamh');
    rw.close();
    const ro = openDatabase(file, { readonly: true });
    const list = suggestFor(createContext(ro), { customerId: null, clerkId: clerk.id });
    expect(list.map((x) => x.templateId)).toEqual(['walk-in-welcome', 'how-can-i-help', 'honest-unknown']);
    expect((ro.prepare('SELECT count(*) AS n FROM playbook_templates').get() as { n: number }).n).toBe(0);
    ro.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('shipped playbook updates in a store that has one', () => {
  const reopen = (s: ReturnType<typeof store>) => createContext(openDatabase(s.file), {}, () => new Date(s.now));

  it('brings templates nobody in the store changed to the shipped text, as a new version by nobody', () => {
    const s = store();
    const shipped = shippedPlaybook().templates.find((t) => t.id === 'check-in-recent-purchase')!;
    ensureDefaultPlaybook(s.ctx);
    // As an older release left it: its own text, loaded by the app.
    writeTemplate(
      s.ctx,
      {
        ...shipped,
        texts: { ...shipped.texts, green: 'You bought the {lastPurchase.item}. Is it working as expected?' },
      },
      null,
    );
    const ctx2 = reopen(s);
    expect(ensureDefaultPlaybook(ctx2)).toEqual({ loaded: 1 });
    const t = getTemplate(ctx2, shipped.id);
    expect(t).toMatchObject({ version: 3, texts: shipped.texts, updatedBy: null });
    expect(t.history.map((h) => [h.version, h.changedBy])).toEqual([
      [3, null],
      [2, null],
      [1, null],
    ]);
    ctx2.db.close();
  });

  it('gives a store set up with the English-only playbook the German texts at its next start', () => {
    const s = store();
    ensureDefaultPlaybook(s.ctx);
    const templates = shippedPlaybook().templates;
    // As the release before German left every template: English only, loaded by the app.
    for (const t of templates) writeTemplate(s.ctx, { ...t, translations: {} }, null);
    expect(getTemplate(s.ctx, 'welcome-back').translations).toEqual({});
    const ctx2 = reopen(s);
    expect(ensureDefaultPlaybook(ctx2)).toEqual({ loaded: templates.length });
    for (const t of templates) expect(Object.keys(getTemplate(ctx2, t.id).translations), t.id).toEqual(['de']);
    ctx2.db.close();
  });

  it('leaves what a manager saved, enabled or disabled alone, and adds templates shipped since', () => {
    const s = store();
    ensureDefaultPlaybook(s.ctx);
    const regular = shippedPlaybook().templates.find((t) => t.id === 'greeting-regular')!;
    saveTemplate(s.ctx, s.clerkId, {
      ...regular,
      texts: { blue: 'Hiya!', green: 'Hello.', gold: 'Good day.', orange: 'Hey!', unknown: 'Hello.' },
    });
    setEnabled(s.ctx, s.clerkId, 'honest-unknown', false);
    // As if how-can-i-help had first shipped after this store was set up.
    s.db.prepare("DELETE FROM playbook_template_versions WHERE template_id = 'how-can-i-help'").run();
    s.db.prepare("DELETE FROM playbook_templates WHERE id = 'how-can-i-help'").run();
    const ctx2 = reopen(s);
    expect(ensureDefaultPlaybook(ctx2)).toEqual({ loaded: 1 });
    expect(getTemplate(ctx2, 'greeting-regular').texts.blue).toBe('Hiya!');
    expect(getTemplate(ctx2, 'honest-unknown').enabled).toBe(false);
    expect(getTemplate(ctx2, 'how-can-i-help').version).toBe(1);
    ctx2.db.close();
  });
});

describe('editing templates', () => {
  const draft = {
    id: 'parking-tip',
    kind: 'help',
    title: 'Parking tip',
    priority: 400,
    conditions: { all: [{ field: 'visitCount', op: '<=', value: 1 }] },
    texts: {
      blue: 'Lovely to see you[, {firstName}] — parking is free behind {storeName}.',
      green: 'Parking is free behind {storeName}.',
      gold: 'Parking behind {storeName} is free for customers.',
      orange: 'Free parking round the back!',
      unknown: 'Parking is free behind the store.',
    },
  };

  it('saves a new template as version 1 and shows it where its conditions hold', () => {
    const s = store();
    const saved = saveTemplate(s.ctx, s.clerkId, draft);
    expect(saved).toMatchObject({
      id: 'parking-tip',
      version: 1,
      updatedBy: s.clerkId,
      enabled: true,
      offer: false,
      resolves: null,
      description: '',
    });
    const c = customer(s, { style: 'green' }, 0);
    expect(suggest(s, c)[0]).toMatchObject({
      templateId: 'parking-tip',
      text: 'Parking is free behind Counterpart Demo Store.',
    });
  });

  it('bumps the version on a change, keeps it for an identical save, and records who changed what', () => {
    const s = store();
    saveTemplate(s.ctx, s.clerkId, draft);
    expect(saveTemplate(s.ctx, s.clerkId, draft).version).toBe(1);
    const other = addClerk(s.ctx, 'Declan Walsh', 'admin');
    const v2 = saveTemplate(s.ctx, other.id, { ...draft, priority: 10 });
    expect(v2.version).toBe(2);
    const t = getTemplate(s.ctx, 'parking-tip');
    expect(t.history.map((h) => [h.version, h.changedByName, h.template.priority])).toEqual([
      [2, 'Declan Walsh', 10],
      [1, 'Aoife Byrne', 400],
    ]);
    expect(restoreVersion(s.ctx, s.clerkId, 'parking-tip', 1)).toMatchObject({ version: 3, priority: 400 });
    const audited = s.db
      .prepare<[], { clerk_id: number; subject: string; details: string }>(
        "SELECT clerk_id, subject, details FROM audit_log WHERE event = 'playbook_change' ORDER BY id",
      )
      .all()
      .map((r) => [r.clerk_id, r.subject, JSON.parse(r.details)]);
    expect(audited).toEqual([
      [s.clerkId, 'parking-tip', { action: 'save', version: 1 }],
      [other.id, 'parking-tip', { action: 'save', version: 2 }],
      [s.clerkId, 'parking-tip', { action: 'restore v1', version: 3 }],
    ]);
  });

  it('rejects invalid templates with a message that says where and what', () => {
    const s = store();
    const bad = (patch: object) => () => saveTemplate(s.ctx, s.clerkId, { ...draft, ...patch });
    expect(bad({ conditions: { all: [{ field: 'visits', op: '>', value: 1 }] } })).toThrow(
      /Template "parking-tip" is not valid — conditions\.all\[0\]\.field: unknown condition field "visits"/,
    );
    expect(bad({ conditions: { all: [{ field: 'visitCount', op: '=>', value: 1 }] } })).toThrow(
      /conditions\.all\[0\]\.op: unknown operator "=>"/,
    );
    expect(bad({ texts: { ...draft.texts, gold: 'Hi {fristName}' } })).toThrow(
      /texts\.gold: unknown variable \{fristName\}/,
    );
    expect(bad({ texts: { blue: 'x', green: 'x', gold: 'x', orange: 'x' } })).toThrow(/texts\.unknown/);
    expect(bad({ id: 'Parking Tip' })).toThrow(/lower-case words joined by hyphens/);
    expect(bad({ kind: 'smalltalk' })).toThrow(/kind/);
    expect(bad({ colour: 'red' })).toThrow(/colour/);
    expect(bad({})).not.toThrow();
  });

  it('only a manager or admin may change the playbook', () => {
    const s = store();
    const clerk = addClerk(s.ctx, 'Padraig', 'clerk');
    expect(() => saveTemplate(s.ctx, clerk.id, draft)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => setEnabled(s.ctx, clerk.id, 'honest-unknown', false)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => importPlaybook(s.ctx, clerk.id, exportPlaybook(s.ctx))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => saveTemplate(s.ctx, 9999, draft)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('a disabled template is no longer suggested, and enabling it again brings it back', () => {
    const s = store();
    const c = customer(s);
    regular(s, c);
    expect(suggest(s, c).map((x) => x.templateId)).toContain('greeting-regular');
    expect(setEnabled(s.ctx, s.clerkId, 'greeting-regular', false)).toMatchObject({ enabled: false, version: 2 });
    expect(suggest(s, c).map((x) => x.templateId)).not.toContain('greeting-regular');
    setEnabled(s.ctx, s.clerkId, 'greeting-regular', true);
    expect(suggest(s, c).map((x) => x.templateId)).toContain('greeting-regular');
    expect(() => setEnabled(s.ctx, s.clerkId, 'no-such', true)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(listTemplates(s.ctx).find((t) => t.id === 'greeting-regular')).toMatchObject({ version: 3, enabled: true });
  });

  it('an edit made on another terminal is used on the next lookup', () => {
    const s = store();
    const c = customer(s, { style: 'unknown' });
    regular(s, c);
    expect(suggest(s, c).find((x) => x.templateId === 'greeting-regular')?.text).toBe(
      'Hello Aoife, good to see you again.',
    );
    const other = openDatabase(s.file);
    const ctx2 = createContext(other);
    const t = exportPlaybook(ctx2).templates.find((x) => x.id === 'greeting-regular')!;
    saveTemplate(ctx2, s.clerkId, { ...t, texts: { ...t.texts, unknown: 'Hello again[, {firstName}].' } });
    other.close();
    expect(suggest(s, c).find((x) => x.templateId === 'greeting-regular')?.text).toBe('Hello again, Aoife.');
  });
});

describe('export and import', () => {
  it('round-trips a playbook between stores', () => {
    const a = store();
    saveTemplate(a.ctx, a.clerkId, { ...shippedPlaybook().templates[0]!, priority: 3 });
    const file = exportPlaybook(a.ctx);
    expect(file).toMatchObject({ format: 'counterpart-playbook', formatVersion: 1, storeId: 'demo-store' });
    const b = store(undefined, { storeId: 'cork' });
    const result = importPlaybook(b.ctx, b.clerkId, JSON.stringify(file));
    expect(result.updated).toEqual([shippedPlaybook().templates[0]!.id]);
    expect(result.added).toEqual([]);
    expect(result.unchanged).toHaveLength(file.templates.length - 1);
    expect(exportPlaybook(b.ctx).templates).toEqual(file.templates);
  });

  it('adds new templates and is all-or-nothing when one is invalid', () => {
    const s = store();
    const good = { ...shippedPlaybook().templates[1]!, id: 'brand-new' };
    const badOne = { ...shippedPlaybook().templates[2]!, conditions: { field: 'mood', op: '==', value: 'happy' } };
    const before = exportPlaybook(s.ctx).templates;
    expect(() =>
      importPlaybook(s.ctx, s.clerkId, { format: 'counterpart-playbook', formatVersion: 1, templates: [good, badOne] }),
    ).toThrow(/templates\[1\]\.conditions\.field: unknown condition field "mood"/);
    expect(exportPlaybook(s.ctx).templates).toEqual(before);
    expect(
      importPlaybook(s.ctx, s.clerkId, { format: 'counterpart-playbook', formatVersion: 1, templates: [good] }),
    ).toEqual({
      added: ['brand-new'],
      updated: [],
      unchanged: [],
    });
  });

  it('explains a file that is not a playbook', () => {
    const s = store();
    expect(() => importPlaybook(s.ctx, s.clerkId, '{not json')).toThrow(/not valid JSON/);
    expect(() => importPlaybook(s.ctx, s.clerkId, { format: 'other', formatVersion: 1, templates: [] })).toThrow(
      /format/,
    );
    const dup = shippedPlaybook().templates[0]!;
    expect(() =>
      importPlaybook(s.ctx, s.clerkId, { format: 'counterpart-playbook', formatVersion: 1, templates: [dup, dup] }),
    ).toThrow(/appears twice/);
  });
});

describe('preview and statistics', () => {
  it('previews a saved template or a draft for a customer, in every style', () => {
    const s = store();
    const c = customer(s, { style: 'gold', firstName: '', lastName: 'Kinsella' });
    const comp = logAt(s, 3, {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
      sentiment: 1,
      notes: 'Door hinge broke',
    });
    const p = previewTemplate(s.ctx, 'service-recovery', c, s.clerkId);
    expect(p).toMatchObject({ templateId: 'service-recovery', applies: true, why: null, style: 'gold' });
    expect(p.suggestion).toMatchObject({ issueId: comp.id });
    expect(readReasons(p.suggestion!.reasons)[0]!.fact).toContain('“Door hinge broke”');
    expect(p.texts.blue).toBe(
      "I'm so sorry your complaint from 20 Nov still isn't sorted. I'd like to put it right today, and I'll make sure you hear back from me.",
    );
    for (const text of Object.values(p.texts)) expect(text).toBeTruthy();
    expect(previewTemplate(s.ctx, 'birthday-today', c)).toMatchObject({ applies: false, why: 'conditions' });
    expect(previewTemplate(s.ctx, 'welcome-back-offer', c)).toMatchObject({ applies: false, why: 'no-consent' });
    expect(previewTemplate(s.ctx, 'pending-pickup', c)).toMatchObject({ applies: false });
    const draft = { ...shippedPlaybook().templates[0]!, id: 'draft', conditions: { all: [] }, resolves: null };
    expect(previewTemplate(s.ctx, draft, null)).toMatchObject({
      applies: false,
      why: 'missing-variables',
      style: 'unknown',
    });
    expect(() => previewTemplate(s.ctx, { ...draft, priority: -1 }, c)).toThrow(/priority/);
    expect(() => previewTemplate(s.ctx, 'nope', c)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('reports shown, used and successes with the estimate the ranking uses', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    suggest(s, c);
    logAt(s, 0, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 5,
      suggestionTemplateId: 'welcome-first-visit',
    });
    const row = templateStats(s.ctx).find((r) => r.templateId === 'welcome-first-visit' && r.style === 'blue')!;
    expect(row).toMatchObject({ storeId: 'demo-store', shown: 1, used: 1, successes: 1, successRate: 1 });
    expect(row.posteriorMean).toBeCloseTo(3 / 5, 5);
    expect(row.estimate).toBeLessThan(row.posteriorMean);
  });
});
