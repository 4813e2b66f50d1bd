// What the main process says to the clerk is in the store's language (issue #18): errors worded at the boundary from
// their catalogue key, duplicate reasons, the Import tab's notes, zod's own wording of a bad input; the reasons beside
// a suggestion and the suggested remedy's why as words the screen reads in its language, the apology and the default
// remedy table in German. A real store file, the real dispatcher,
// set up as the first-run screen does; the expected sentences are read from the catalogues, not typed here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordError, words } from '@common/errors';
import type { Suggestion } from '@common/domain';
import { translator } from '@common/i18n';
import { APOLOGY_BY_STYLE, DEFAULT_REMEDY_RULES, formatRemedyRule, type RecoveryGuide } from '@common/recovery';
import type { SettingView } from '@common/settings';
import { wordText } from '@common/words';
import { startBackend } from '../../main/backend';
import { newSession } from '../../main/ipc/session';
import { importCsv } from '../../main/services/import';
import { NEAR_DUPLICATE_REASON } from '../../main/services/near-duplicates';
import { tempDir, tempStore } from '../helpers/temp-store';

async function storeIn(locale: string) {
  const b = startBackend({ dbPath: path.join(tempDir(), 'store.db') });
  const admin = newSession();
  const call = (m: string, input: unknown, s = admin) => b.dispatch(m, input, s);
  const store = { name: 'Filiale Köln', timeZone: 'Europe/Berlin', locale, currency: 'EUR' };
  expect(await call('app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999', store })).toMatchObject({ ok: true });
  return { b, call };
}

describe('a German store', () => {
  it('gets the German sentence for a validation error, with its stable code and reason', async () => {
    const { call } = await storeIn('de-DE');
    const refused = await call('customers.create', { notes: 'nur eine Notiz' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: translator('de-DE')('errors.customers.noIdentity'),
        reason: 'customers.noIdentity',
      },
    });
    expect(refused.ok || refused.error.message).toMatch(/^Gib mindestens einen Namen/);
  });

  it('gets the German reason next to a possible duplicate', async () => {
    const { call } = await storeIn('de-DE');
    const t = translator('de-DE');
    await call('customers.create', { firstName: 'Mary', lastName: "O'Brien", phone: '087 123 4567' });
    const same = await call('customers.findDuplicates', { firstName: 'Síle', phone: '087 123 4567' });
    expect(same).toMatchObject({ ok: true, value: [{ reasons: [t('duplicates.reason.phone')] }] });
    expect(t('duplicates.reason.phone')).toBe('gleiche Telefonnummer');
    const near = await call('customers.findDuplicates', {
      firstName: 'Marie',
      lastName: 'OBrien',
      phone: '087 123 4568',
    });
    expect(near).toMatchObject({ ok: true, value: [{ reasons: [t(`duplicates.reason.${NEAR_DUPLICATE_REASON}`)] }] });
  });

  it('gets zod’s own German wording for an input no form would send, and German refusals at the door', async () => {
    const { call } = await storeIn('de-DE');
    const bad = await call('customers.get', { id: 'eins' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(bad.ok || bad.error.message).toMatch(/^id: Ungültige Eingabe/);
    const stranger = await call('customers.get', { id: 1 }, newSession());
    expect(stranger).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: wordError(words('dispatch.signInFirst'), 'de-DE'),
        reason: 'dispatch.signInFirst',
      },
    });
  });

  it('gets the Import tab’s notes in German, the columns listed the German way', async () => {
    const s = tempStore(undefined, { locale: 'de-DE' });
    const file = path.join(tempDir(), 'kunden.csv');
    fs.writeFileSync(file, 'Name,Lieblingsfarbe,Schuhgröße\nAnn Lee,blau,38\n');
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r.warnings).toEqual([
      translator('de-DE')('importWarnings.unknownColumns', { count: 2, columns: '"Lieblingsfarbe" und "Schuhgröße"' }),
    ]);
    expect(r.warnings[0]).toMatch(/^Die Spalten "Lieblingsfarbe" und "Schuhgröße" werden nicht importiert/);
  });

  it('gets the reasons beside a suggestion, the suggested remedy, its apology and the remedy table in German', async () => {
    const { call } = await storeIn('de-DE');
    const t = translator('de-DE');
    const value = async <T>(m: string, input: unknown): Promise<T> => {
      const r = await call(m, input);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.value as T;
    };
    const { id } = await value<{ id: number }>('customers.create', {
      firstName: 'Jonas',
      lastName: 'Weber',
      style: 'gold',
    });
    await value('interactions.log', {
      customerId: id,
      kind: 'complaint',
      outcome: 'unresolved',
      notes: 'Deckel gerissen.',
    });
    const [top] = await value<Suggestion[]>('suggestions.forCustomer', { customerId: id });
    expect(top).toMatchObject({ templateId: 'service-recovery', language: 'de' });
    // Today, whichever day the test runs on, written the German way: "7. Dez.".
    expect(top!.reasons.map((r) => wordText(t, r.fact))).toContainEqual(
      expect.stringMatching(/^Reklamation am \d{1,2}\. \p{L}{3,4}\.?, noch offen \(ungelöst\): „Deckel gerissen“$/u),
    );

    const guide = await value<RecoveryGuide>('recovery.guide', { customerId: id, severity: 'serious' });
    expect(guide).toMatchObject({ apology: APOLOGY_BY_STYLE.de.gold, language: 'de' });
    expect(wordText(t, guide.suggestion.why)).toMatch(
      /^Ernst · (Neu|Bronze) · unter einem Jahr · 1 Besuch → Ersatz oder Reparatur bis \d+,00\s€$/u,
    );

    const settings = await value<SettingView[]>('settings.get', {});
    expect(settings.find((v) => v.key === 'remedySerious')).toMatchObject({
      source: 'default',
      value: formatRemedyRule(DEFAULT_REMEDY_RULES.serious, 'de'),
    });
  });

  it('gets a refused condition of the playbook editor in German, naming the field it could be', async () => {
    const { call } = await storeIn('de-DE');
    const got = await call('playbook.get', { id: 'greeting-regular' });
    if (!got.ok) throw new Error(got.error.message);
    const { history: _h, version: _v, updatedAt: _u, updatedBy: _b, ...draft } = got.value as Record<string, unknown>;
    const refused = await call('playbook.save', {
      template: { ...draft, conditions: { all: [{ field: 'visitcount', op: '>=', value: 3 }] } },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'playbook.invalid' } });
    expect(refused.ok || refused.error.message).toContain(
      'conditions.all[0].field: unbekanntes Bedingungsfeld "visitcount" (meintest du "visitCount"?); bekannte Felder: ',
    );
    const wrongOp = await call('playbook.save', {
      template: { ...draft, conditions: { all: [{ field: 'tags', op: '>', value: 1 }] } },
    });
    expect(wrongOp.ok || wrongOp.error.message).toContain(
      'der Operator ">" passt nicht zu tags (eine Liste); nimm einen von contains, notContains, exists, missing',
    );
  });

  it('follows the locale an admin saves in the Settings tab from the next call on', async () => {
    const { call } = await storeIn('de-DE');
    expect(await call('settings.set', { values: { locale: 'en-IE' } })).toMatchObject({ ok: true });
    expect(await call('customers.create', {})).toMatchObject({
      ok: false,
      error: { message: 'Give at least a name, phone, email or loyalty card.' },
    });
  });
});

describe('an English store', () => {
  it('gets the English sentence, which is also the message the log and the CLI print', async () => {
    const { call } = await storeIn('en-IE');
    expect(await call('customers.create', {})).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: wordError(words('customers.noIdentity'), 'en'),
        reason: 'customers.noIdentity',
      },
    });
    expect(wordError(words('customers.noIdentity'), 'en')).toBe('Give at least a name, phone, email or loyalty card.');
  });
});
