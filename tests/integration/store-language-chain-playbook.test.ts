// A German store gets German from the chain and the playbook too (issue #18): one refusal of each family through the
// real dispatcher on a real store file — joining a hub, the header's sync problem, a template refused on save, an
// unfilled slot in what was said — and a remedy rule written in German words. The expected sentences are read from
// the catalogues, never typed here; an English store gets the same keys in English.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '@common/domain';
import { wordError, words, type Envelope } from '@common/errors';
import { createFormat } from '@common/format';
import { translator } from '@common/i18n';
import { REMEDY_RULE_VOCABULARY } from '@common/recovery';
import { slotToken } from '@common/slots';
import type { PlaybookTemplateDetail } from '@common/playbook';
import { startBackend } from '../../main/backend';
import { newSession } from '../../main/ipc/session';
import { hubLinkFile } from '../../main/sync/hub-link';
import { syncLabel } from '../../renderer/src/lib/sync-label';
import { tempDir } from '../helpers/temp-store';

async function storeIn(locale: string, opts: { beforeStart?: (dbPath: string) => void } = {}) {
  const dbPath = path.join(tempDir(), 'store.db');
  opts.beforeStart?.(dbPath);
  const b = startBackend({ dbPath });
  const admin = newSession();
  const call = <T = unknown>(m: string, input: unknown) => b.dispatch(m, input, admin) as Promise<Envelope<T>>;
  const store = { name: 'Filiale Köln', timeZone: 'Europe/Berlin', locale, currency: 'EUR' };
  expect(await call('app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999', store })).toMatchObject({ ok: true });
  return { b, call, dbPath };
}

const german = (key: Parameters<typeof words>[0], values?: Parameters<typeof words>[1]) =>
  wordError(words(key, values), 'de-DE');

describe('a German store in a chain', () => {
  it('is told in German what is wrong with a hub address, with the stable reason', async () => {
    const { b, call } = await storeIn('de-DE');
    try {
      const refused = await call('chain.join', { hubUrl: 'hub.example.com', code: 'K7QX3M9DTPRW8HZC' });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: german('sync.address.notOne', { text: 'hub.example.com' }),
          reason: 'sync.address.notOne',
        },
      });
      expect(refused.ok || refused.error.message).toMatch(/^„hub\.example\.com“ ist keine Hub-Adresse/);
    } finally {
      b.close();
    }
  });

  it('gets the header’s sync problem as words, which the header reads in German', async () => {
    // A link file beside the store that no longer reads: the sync says so instead of sending anything.
    const { b, call, dbPath } = await storeIn('de-DE', {
      beforeStart: (db) => fs.writeFileSync(hubLinkFile(db), '{"hubUrl": '),
    });
    try {
      const answer = await call<SyncState>('sync.state', {});
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value).toMatchObject({
        state: 'error',
        problem: { key: 'sync.linkDamaged', values: { file: hubLinkFile(dbPath) } },
      });
      const f = createFormat({ locale: 'de-DE', currency: 'EUR', timeZone: 'Europe/Berlin' });
      expect(syncLabel(answer.value, f, translator('de-DE'))?.text).toBe(
        translator('de-DE')('sync.error', { message: german('sync.linkDamaged', { file: hubLinkFile(dbPath) }) }),
      );
      expect(german('sync.linkDamaged', { file: 'x' })).toMatch(/^x ist beschädigt/);
    } finally {
      b.close();
    }
  });
});

describe('a German store’s playbook', () => {
  it('refuses a template with an unknown variable in German', async () => {
    const { b, call } = await storeIn('de-DE');
    try {
      const got = await call<PlaybookTemplateDetail>('playbook.get', { id: 'how-can-i-help' });
      if (!got.ok) throw new Error(got.error.message);
      const { history: _h, version: _v, updatedAt: _u, updatedBy: _b, ...draft } = got.value;
      const refused = await call('playbook.save', {
        template: { ...draft, texts: { ...draft.texts, green: 'Hallo {frstName}' } },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'playbook.invalid' } });
      const message = refused.ok ? '' : refused.error.message;
      expect(message).toMatch(
        /^Die Vorlage „how-can-i-help“ ist ungültig – texts\.green: unbekannte Variable \{frstName\}/,
      );
    } finally {
      b.close();
    }
  });

  it('refuses what was said with a blank still in it, naming the blank in German', async () => {
    const { b, call } = await storeIn('de-DE');
    try {
      const said = `Es tut mir leid wegen ${slotToken('was schiefging')}.`;
      const refused = await call('interactions.log', { customerId: null, kind: 'inquiry', outcome: 'resolved', said });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(refused.ok || refused.error.message).toBe(
        `said: ${german('playbook.slot.unfilled', { label: 'was schiefging' })}`,
      );
      expect(german('playbook.slot.unfilled', { label: 'x' })).toMatch(/^Füll „x“ in deinem Text/);
    } finally {
      b.close();
    }
  });
});

describe('remedy rules in German words', () => {
  it('reads a rule a German manager writes, and lists the German words when one is not known', async () => {
    const { b, call } = await storeIn('de-DE');
    try {
      expect(await call('settings.set', { values: { remedyMinor: REMEDY_RULE_VOCABULARY.de.example } })).toMatchObject({
        ok: true,
      });
      const refused = await call('settings.set', {
        values: { remedyMinor: 'Gutschein; neu 1, Bronze 1, Silber 1, Gold 1' },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const message = refused.ok ? '' : refused.error.message;
      for (const w of ['Erstattung', 'Ersatz', 'Reparatur', 'Nachlass', 'Geschenk', 'Kulanzrückgabe']) {
        expect(message).toContain(w);
      }
      expect(message).toContain('„gutschein“');
    } finally {
      b.close();
    }
  });
});

describe('an English store', () => {
  it('gets the same refusals in English', async () => {
    const { b, call } = await storeIn('en-IE');
    try {
      expect(await call('chain.join', { hubUrl: 'hub.example.com', code: 'K7QX3M9DTPRW8HZC' })).toMatchObject({
        ok: false,
        error: {
          message: wordError(words('sync.address.notOne', { text: 'hub.example.com' }), 'en'),
          reason: 'sync.address.notOne',
        },
      });
    } finally {
      b.close();
    }
  });
});
