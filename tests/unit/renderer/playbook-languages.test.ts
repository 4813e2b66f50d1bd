// The playbook editor and its languages (#18): what the back office's form sends back keeps every language's texts,
// whichever one the manager edits, and the preview shows the language being edited. The form's own functions and the
// real services on a real SQLite file, as the editor uses them.
import { describe, expect, it } from 'vitest';
import type { PlaybookTemplateDetail } from '@common/playbook';
import {
  buildDraft,
  emptyTexts,
  formFrom,
  withTexts,
  type TemplateForm,
} from '../../../renderer/src/components/manager/playbook/form';
import { getTemplate, saveTemplate } from '../../../main/services/suggestions/manage';
import { playbookList, previewDraft } from '../../../main/services/suggestions/overview';
import { customer, logAt, store, type Store } from '../suggestions/fixtures';

/** The template as the editor loads it (playbook.get) and the form it fills. */
function open(s: Store, id: string): TemplateForm {
  return formFrom(getTemplate(s.ctx, id) as PlaybookTemplateDetail);
}

function save(s: Store, form: TemplateForm) {
  const built = buildDraft(form);
  if (!built.draft) throw new Error(built.jsonError);
  return saveTemplate(s.ctx, s.clerkId, built.draft);
}

describe('the playbook editor and languages', () => {
  it('saves an edit of the store language’s texts without losing the other languages', () => {
    const s = store(undefined, { locale: 'de-DE' });
    const before = getTemplate(s.ctx, 'service-recovery');
    const form = open(s, 'service-recovery');
    expect(Object.keys(form.texts)).toEqual(['en', 'de']);
    const green = 'Ihre {openIssue.kind} vom {openIssue.date} ist noch offen. Ich kümmere mich jetzt darum.';
    const saved = save(s, withTexts(form, 'de', { ...form.texts.de!, green }));
    expect(saved.version).toBe(before.version + 1);
    expect(saved.translations.de).toEqual({ ...before.translations.de, green });
    expect(saved.texts).toEqual(before.texts);
  });

  it('saves an edit of the template’s own texts without losing its translations', () => {
    const s = store();
    const before = getTemplate(s.ctx, 'welcome-back');
    const form = open(s, 'welcome-back');
    const saved = save(s, withTexts(form, 'en', { ...form.texts.en!, unknown: 'Welcome back[, {firstName}]!' }));
    expect(saved).toMatchObject({
      language: 'en',
      texts: { ...before.texts, unknown: 'Welcome back[, {firstName}]!' },
    });
    expect(saved.translations).toEqual(before.translations);
  });

  it('adds the store’s language to a template that has none, once its five texts are written', () => {
    const s = store(undefined, { locale: 'pl-PL' });
    expect(playbookList(s.ctx).catalog.storeLanguage).toBe('pl');
    const form = withTexts(open(s, 'how-can-i-help'), 'pl', emptyTexts());
    expect(() => save(s, form)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/translations\.pl\.blue: a text cannot be empty/),
      }),
    );
    const polish = {
      blue: 'W czym mogę pomóc[, {firstName}]?',
      green: 'W czym mogę pomóc?',
      gold: 'W czym mogę pomóc?',
      orange: 'Co mogę dla Pani/Pana zrobić?',
      unknown: 'W czym mogę pomóc?',
    };
    const saved = save(s, withTexts(form, 'pl', polish));
    expect(Object.keys(saved.translations).sort()).toEqual(['de', 'pl']);
    expect(saved.translations.pl).toEqual(polish);
  });

  it('previews the texts in the language being edited, and refuses one the template does not have', () => {
    const s = store();
    const c = customer(s, { firstName: 'Klaus', style: 'green' });
    logAt(s, 6, { customerId: c, kind: 'complaint', outcome: 'unresolved', notes: 'Lid cracked.' });
    const draft = buildDraft(open(s, 'service-recovery')).draft!;
    const german = previewDraft(s.ctx, draft, c, s.clerkId, 'de');
    expect(german).toMatchObject({ language: 'de', applies: true, unfilled: { green: [] } });
    expect(german.texts.green).toBe(
      'Ihre Reklamation vom 17. November ist noch offen, das tut mir leid. Gehen wir es gleich zusammen durch und lösen es.',
    );
    expect(previewDraft(s.ctx, draft, c, s.clerkId)).toMatchObject({
      language: 'en',
      texts: { green: expect.stringMatching(/^Your complaint from 17 Nov/) },
    });
    expect(() => previewDraft(s.ctx, draft, c, s.clerkId, 'pl')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('no texts in Polish') }),
    );
  });
});
