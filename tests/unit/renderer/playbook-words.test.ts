// The Playbook tab speaks the store's language (#18): every kind, field, operator and "closes" choice the engine
// knows has a name in each catalogue, and the condition summary, counts and language names read German in a German
// store. The engine's own lists and the tab's own wording functions, with the real catalogues.
import { describe, expect, it } from 'vitest';
import { createFormat, DEFAULT_CURRENCY } from '@common/format';
import { LANGUAGES, translator } from '@common/i18n';
import type { PlaybookCondition } from '@common/playbook';
import { fieldWords } from '../../../renderer/src/components/manager/playbook/condition-rows';
import {
  fieldName,
  importSummary,
  isNamedField,
  kindName,
  languageName,
  opWords,
  percent,
  resolvesName,
  summarize,
} from '../../../renderer/src/components/manager/playbook/labels';
import { OPERATORS } from '../../../main/services/suggestions';
import { playbookCatalog } from '../../../main/services/suggestions/overview';

const catalog = playbookCatalog();
const german = translator('de-DE');
const english = translator('en-IE');
const de = createFormat({ locale: 'de-DE', currency: DEFAULT_CURRENCY, timeZone: 'Europe/Berlin' });
const en = createFormat({ locale: 'en-IE', currency: DEFAULT_CURRENCY, timeZone: 'Europe/Dublin' });

describe('the playbook’s vocabulary in the catalogues', () => {
  it('names every field the engine can test, in every language', () => {
    expect(catalog.fields.length).toBeGreaterThan(30);
    for (const f of catalog.fields) {
      expect(isNamedField(f.name), f.name).toBe(true);
      for (const lang of LANGUAGES) expect(fieldName(translator(lang), f.name), `${lang} ${f.name}`).not.toBe('');
      expect(fieldName(german, f.name), f.name).not.toBe(fieldName(english, f.name));
    }
    // A field from a newer playbook file still reads as words.
    expect(fieldName(german, 'futureField.daysLeft')).toBe(fieldWords('futureField.daysLeft'));
  });

  it('names every kind, operator and item a template can close, German apart from English', () => {
    const named = (say: (t: typeof german, x: string) => string, list: readonly string[]) =>
      list.filter((x) => say(german, x) === say(english, x) || say(german, x) === x);
    expect(named(kindName, catalog.kinds)).toEqual([]);
    expect(named(opWords, OPERATORS)).toEqual([]);
    expect(named(resolvesName, catalog.resolvables)).toEqual([]);
  });
});

describe('the condition summary', () => {
  const condition: PlaybookCondition = {
    all: [
      { field: 'visitCount', op: '>=', value: 1500 },
      { field: 'tier', op: 'in', value: ['gold', 'silver'] },
      { not: { field: 'interest', op: '==', value: 'garden' } },
    ],
  };
  const lines = (t: typeof german, f: typeof de) => summarize(t, f, condition).map((l) => `${l.depth} ${l.text}`);

  it('reads in the store’s language, numbers and quotes its way', () => {
    expect(lines(german, de)).toEqual([
      '0 Alle diese treffen zu:',
      '1 Anzahl Besuche ist mindestens 1.500',
      '1 Stufe ist eins von gold, silver',
      '1 Nicht dies:',
      '2 Interesse ist „garden“',
    ]);
    expect(lines(english, en)).toEqual([
      '0 All of these hold:',
      '1 visit count is at least 1,500',
      '1 tier is one of gold, silver',
      '1 Not this:',
      '2 interest is “garden”',
    ]);
  });
});

describe('counts, rates and language names', () => {
  it('counts templates in the language’s plural', () => {
    const nothing = { added: [], updated: [], unchanged: ['a'] };
    expect(importSummary(german, de, nothing)).toBe('Leitfaden importiert: nichts geändert (1 Vorlage schon aktuell).');
    expect(importSummary(english, en, { ...nothing, unchanged: ['a', 'b'] })).toBe(
      'Playbook imported: nothing changed (2 templates already up to date).',
    );
    expect(importSummary(german, de, { added: ['a'], updated: [], unchanged: Array(1200).fill('x') })).toBe(
      'Leitfaden importiert: 1 neu, 0 aktualisiert, 1.200 unverändert.',
    );
  });

  it('writes a success rate the store’s way', () => {
    expect(percent(de, 0.424).replace(/\s/g, ' ')).toBe('42 %');
    expect(percent(en, 0.424)).toBe('42%');
    expect(percent(en, null)).toBe('—');
  });

  it('names languages in the language the screen reads', () => {
    expect(languageName('en', 'de-DE')).toBe('Englisch');
    expect(languageName('de', 'en-IE')).toBe('German');
    // Polish has no catalogue: its screens read English, and so do the language names.
    expect(languageName('de', 'pl-PL')).toBe('German');
    expect(languageName('not a code', 'de-DE')).toBe('not a code');
  });
});
