// The shipped playbook and the text language: every claim rests on a fact, or the template is not shown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMUNICATION_STYLES } from '@common/domain';
import { wordError } from '@common/errors';
import { fillSlots, findSlots } from '@common/slots';
import { suggestFor } from '../../../main/services/suggestions';
import { evaluate } from '../../../main/services/suggestions/conditions';
import { gatherFacts } from '../../../main/services/suggestions/facts';
import {
  loadedTemplates,
  loadTemplate,
  parsePlaybookFile,
  shippedPlaybook,
  TEMPLATE_KINDS,
} from '../../../main/services/suggestions/playbook';
import { parseText, render, tidy, VARIABLE_NAMES } from '../../../main/services/suggestions/variables';
import { addressName, nextBirthday, summarise } from '../../../main/services/suggestions/wording';
import { previewTemplate, saveTemplate } from '../../../main/services/suggestions/manage';
import defaultFile from '../../../resources/playbook/default.json' with { type: 'json' };
import { buy, customer, dayIn, logAt, readReasons, regular, store } from './fixtures';
import { applyHistory, historyArb } from './histories';

describe('the default playbook', () => {
  const file = shippedPlaybook();

  it('is valid and large enough to cover the counter', () => {
    expect(() => parsePlaybookFile(defaultFile)).not.toThrow();
    expect(file.templates.length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(file.templates.map((t) => t.kind));
    for (const k of TEMPLATE_KINDS) expect(kinds, k).toContain(k);
    const ids = file.templates.map((t) => t.id);
    for (const id of [
      'welcome-first-visit',
      'greeting-regular',
      'welcome-back',
      'service-recovery',
      'pending-pickup',
      'check-in-recent-purchase',
      'return-window-closing',
      'return-window-just-closed',
      'birthday-this-week',
      'loyalty-tier-up',
      'complaint-escalation',
      'follow-up-due-today',
      'recommendation-interest',
      'honest-unknown',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has a distinct text for each communication style, and the neutral one is not the blue one', () => {
    for (const t of file.templates) {
      expect(new Set(COMMUNICATION_STYLES.map((s) => t.texts[s])).size, t.id).toBeGreaterThanOrEqual(4);
      expect(t.texts.unknown, t.id).not.toBe(t.texts.blue);
    }
  });

  it('marks every offer, and only offers need marketing consent', () => {
    const offers = file.templates.filter((t) => t.offer);
    expect(offers.length).toBeGreaterThanOrEqual(3);
    for (const t of offers) expect(JSON.stringify(t.conditions), t.id).toContain('marketingConsent');
  });

  /** Every template's texts in every language it has: the default ships English and German. */
  function everyLanguage() {
    return file.templates.flatMap((t) => [
      { t, language: t.language, texts: t.texts },
      ...Object.entries(t.translations).map(([language, texts]) => ({ t, language, texts })),
    ]);
  }

  it('ships every default template in English and German, with the same variables in each style', () => {
    for (const t of file.templates) {
      expect([t.language, ...Object.keys(t.translations)], t.id).toEqual(['en', 'de']);
      for (const style of COMMUNICATION_STYLES) {
        const vars = (text: string) => [...parseText(text).parsed.variables].sort();
        expect(vars(t.translations.de![style]), `${t.id}/${style}`).toEqual(vars(t.texts[style]));
        expect(findSlots(t.translations.de![style]).length, `${t.id}/${style} keeps its blanks`).toBe(
          findSlots(t.texts[style]).length,
        );
      }
    }
  });

  /** Facts of a customer with a full record: every variable has a value. */
  function fullRecord() {
    const s = store();
    const c = customer(s, { style: 'blue', tags: ['coffee'], birthday: '1990-11-26', marketingConsent: true });
    regular(s, c);
    logAt(s, 8, {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
      sentiment: 2,
      notes: 'Kettle leaks from the base.',
      followUpDue: dayIn(s, 5),
    });
    logAt(s, 6, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'follow_up',
      followUpDue: dayIn(s, 2),
      notes: 'Blue casserole stock',
    });
    logAt(s, 4, { customerId: c, kind: 'pickup', outcome: 'unresolved', notes: 'Weber BBQ ordered in' });
    buy(s, c, 3, [{ description: 'Russell Hobbs kettle 1.7L', priceCents: 3999 }]);
    logAt(s, 1, { customerId: c, kind: 'return', outcome: 'resolved', sentiment: 3, notes: 'Changed mind.' });
    return gatherFacts(s.ctx, c, s.clerkId);
  }

  it('reads aloud naturally: what a clerk would say, not the record read back (issue #14)', () => {
    // Words nobody says across a counter: the record, the system, the jargon, or the receipt read back.
    const RECORD_SPEAK =
      /on (your|our) records?|our records|your profile|your account|noted as|record the|as expected|\btier\b|^you bought|unterlagen|ihr(em)? (profil|konto|kundenkonto)|vermerkt|gespeichert|\bstufe\b|^sie haben .* gekauft/i;
    const DATES = VARIABLE_NAMES.filter((v) => /\.(date|due)$/.test(v) || v === 'returnWindowEnds');
    const facts = fullRecord();
    for (const { t, language, texts } of everyLanguage()) {
      for (const style of COMMUNICATION_STYLES) {
        const where = `${t.id}/${language}/${style}`;
        const { variables } = parseText(texts[style]).parsed;
        // One date in a sentence; two ("your complaint from 12 Nov was due on 20 Nov") is a form being read out.
        expect(variables.filter((v) => DATES.includes(v)).length, where).toBeLessThanOrEqual(1);
        // Clerk notes are written for colleagues ("Complained the pan broke"): they go in the reasons, not the words.
        expect(
          variables.filter((v) => v.endsWith('.summary')),
          where,
        ).toEqual([]);
        expect(variables, where).not.toContain('daysSinceLastVisit');
        const r = render(parseText(texts[style]).parsed, facts.varsIn(language));
        if (!r.ok) throw new Error(`${where} cannot be filled`);
        expect(r.text, where).not.toMatch(RECORD_SPEAK);
        expect(r.text.split(/\s+/).length, where).toBeLessThanOrEqual(32);
      }
    }
  });

  it('fills every variable of every template, in every style, from a customer with a full record', () => {
    const facts = fullRecord();
    for (const v of VARIABLE_NAMES) expect(facts.vars[v], v).toBeTruthy();
    for (const { t, language, texts } of everyLanguage()) {
      for (const style of COMMUNICATION_STYLES) {
        const where = `${t.id}/${language}/${style}`;
        const parsed = parseText(texts[style]);
        expect(parsed.errors, where).toEqual([]);
        const r = render(parsed.parsed, facts.varsIn(language));
        expect(r.ok, where).toBe(true);
        if (r.ok) {
          expect(r.used.sort(), `${where} uses every variable it names`).toEqual([...parsed.parsed.variables].sort());
          expect(fillSlots(r.text, () => 'the blank')).not.toMatch(/[{}[\]]|undefined|null/);
        }
      }
    }
  });

  it('whenever a template’s conditions hold, all its texts can be filled from the facts (generated histories)', () => {
    const s = store();
    const seen = new Set<string>();
    fc.assert(
      fc.property(historyArb, (h) => {
        const c = applyHistory(s, h);
        const facts = gatherFacts(s.ctx, c, s.clerkId);
        for (const t of loadedTemplates(s.ctx)) {
          if (!evaluate(t.conditions, facts.values).ok) continue;
          if (t.resolves && facts.resolvable[t.resolves] === null) continue;
          seen.add(t.id);
          for (const [language, byStyle] of Object.entries(t.parsed)) {
            for (const style of COMMUNICATION_STYLES) {
              const r = render(byStyle[style], facts.varsIn(language));
              if (!r.ok) throw new Error(`${t.id}/${language}/${style} holds but cannot fill ${r.missing.join(', ')}`);
            }
          }
        }
      }),
      { numRuns: 80, seed: 20261123 },
    );
    expect(seen.size).toBeGreaterThanOrEqual(20);
  });
});

describe('template texts', () => {
  it('drops an optional part whose fact is missing and tidies what is left', () => {
    const p = parseText('Welcome back[, {firstName}]! [{clerkName} here. ]How are you?').parsed;
    expect(render(p, { firstName: 'Aoife', clerkName: 'Sean' })).toMatchObject({
      ok: true,
      text: 'Welcome back, Aoife! Sean here. How are you?',
    });
    expect(render(p, {})).toMatchObject({ ok: true, text: 'Welcome back! How are you?' });
    expect(render(parseText('[{firstName}, ]it is you').parsed, {})).toMatchObject({ text: 'It is you' });
    expect(tidy('Hi , there  ,. ok')).toBe('Hi, there. ok');
  });

  it('refuses to render when a required variable has no fact', () => {
    const p = parseText('Your {openIssue.kind} from {openIssue.date}').parsed;
    expect(render(p, { 'openIssue.kind': 'complaint', 'openIssue.date': '' })).toEqual({
      ok: false,
      missing: ['openIssue.date'],
    });
  });

  it('reports syntax problems by name, in the store language', () => {
    const said = (text: string, locale = 'en') => parseText(text).errors.map((w) => wordError(w, locale));
    expect(said('Hi {frstName}')[0]).toMatch(/unknown variable \{frstName\}/);
    expect(said('Hi [there]')).toContain('an optional part [ ] must contain a variable');
    expect(said('Hi [[{firstName}]]').join()).toMatch(/cannot be nested/);
    expect(said('Hi [{firstName}').join()).toMatch(/never closed/);
    expect(said('Hi {firstName').join()).toMatch(/unclosed "\{"/);
    expect(said('Hi {firstName', 'de-AT')).toEqual(['ein nicht geschlossenes „{“ an Position 4']);
  });

  it('a template with a variable no fact can fill is not shown, and the preview says why', () => {
    const s = store();
    const c = customer(s, { style: 'green' });
    regular(s, c);
    const draft = {
      id: 'ask-about-pickup',
      kind: 'pickup' as const,
      title: 'Ask about the pickup',
      priority: 500,
      conditions: { all: [] },
      texts: {
        blue: 'Here for the order from {pickup.date}?',
        green: 'Your order from {pickup.date} is in.',
        gold: 'Order of {pickup.date}.',
        orange: 'Order from {pickup.date}!',
        unknown: 'Your order from {pickup.date}.',
      },
    };
    saveTemplate(s.ctx, s.clerkId, draft);
    expect(suggestFor(s.ctx, { customerId: c, clerkId: s.clerkId }).map((x) => x.templateId)).not.toContain(
      'ask-about-pickup',
    );
    expect(previewTemplate(s.ctx, 'ask-about-pickup', c)).toMatchObject({
      applies: false,
      why: 'missing-variables',
      missingVariables: ['pickup.date'],
    });
    const p = logAt(s, 1, { customerId: c, kind: 'pickup', outcome: 'unresolved' });
    const shown = suggestFor(s.ctx, { customerId: c, clerkId: s.clerkId }).find(
      (x) => x.templateId === 'ask-about-pickup',
    )!;
    expect(shown).toMatchObject({ text: 'Your order from 22 Nov is in.' });
    expect(readReasons(shown.reasons)).toContainEqual({
      fact: 'order waiting since 22 Nov',
      ref: `interaction:${p.id}`,
    });
  });

  it('loadTemplate parses every style of every language once', () => {
    const t = shippedPlaybook().templates[0]!;
    const l = loadTemplate({ ...t, version: 1, updatedAt: '', updatedBy: null });
    expect(Object.keys(l.parsed)).toEqual([t.language, ...Object.keys(t.translations)]);
    for (const byStyle of Object.values(l.parsed))
      for (const s of COMMUNICATION_STYLES) expect(byStyle[s].segments.length).toBeGreaterThan(0);
  });
});

describe('wording', () => {
  it('addresses people naturally whatever is in the name fields', () => {
    expect(addressName('Aoife', 'Byrne')).toBe('Aoife');
    expect(addressName('', 'Byrne')).toBeNull();
    expect(addressName('J.', 'Murphy')).toBeNull();
    expect(addressName('王小明', '')).toBe('王小明');
    expect(addressName('小明', '王')).toBe('王小明');
    expect(addressName('', '田中')).toBe('田中');
    expect(addressName('MARY-KATE', "O'BRIEN")).toBe('Mary-Kate');
    expect(addressName('  Seán ', '')).toBe('Seán');
    expect(addressName('siobhán', 'kelly')).toBe('Siobhán');
    expect(addressName('DeShawn', '')).toBe('DeShawn');
  });

  it('finds the next birthday, marking 29 February on 28 February in common years', () => {
    expect(nextBirthday('1992-02-29', '2027-02-26')).toEqual({ inDays: 2, day: '2027-02-28' });
    expect(nextBirthday('1992-02-29', '2028-02-26')).toEqual({ inDays: 3, day: '2028-02-29' });
    expect(nextBirthday('1990-12-31', '2026-12-31')).toEqual({ inDays: 0, day: '2026-12-31' });
    expect(nextBirthday('1990-01-01', '2026-12-31')).toEqual({ inDays: 1, day: '2027-01-01' });
    expect(nextBirthday('not a day', '2026-12-31')).toBeNull();
  });

  it('quotes the first sentence of notes, shortened', () => {
    expect(summarise('Kettle leaks. Wants a refund.')).toBe('Kettle leaks');
    expect(summarise('\n  \nSecond line first')).toBe('Second line first');
    expect(summarise('')).toBeNull();
    expect(summarise('word '.repeat(40))!.length).toBeLessThanOrEqual(61);
  });
});
