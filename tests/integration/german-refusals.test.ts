// A German terminal reads German refusals on the screens beyond the counter (issue #18): the first-run screen, the
// store-open and recovery screens, a date that is no day of the calendar, a file the import refuses as a whole.
// Real store files and the real dispatcher; the expected sentences come from the catalogues, not typed here (one
// German phrase per family is, to show the catalogue was not just English copied over).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALENDAR_DAY_FORMAT } from '@common/calendar-day';
import {
  AppError,
  InputError,
  wordError,
  words,
  type ErrorValues,
  type ErrorKey,
  type WireError,
} from '@common/errors';
import { MAX_IMPORT_BYTES } from '@common/imports';
import { startBackend, type Backend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { importCsv } from '../../main/services/import';
import { assertDay } from '../../main/services/reports/local-time';
import { openStore } from '../../main/store-lifecycle';
import { tempDir, tempStore } from '../helpers/temp-store';

const DE = 'de-DE';
const KOELN = { name: 'Filiale Köln', timeZone: 'Europe/Berlin', locale: DE, currency: 'EUR' };
const german = (key: ErrorKey, values: ErrorValues = {}) => wordError(words(key, values), DE);

/** A terminal whose config says German, on an empty store: what the first-run screen talks to. */
function germanTerminal() {
  const dbPath = path.join(tempDir(), 'store.db');
  return startBackend({ dbPath, log: () => {}, config: { locale: DE } });
}

/** Runs `use` on a German terminal whose store was set up as the first-run screen does, signed in as its admin. */
async function inGermanStore(use: (b: Backend, admin: Session) => Promise<void>) {
  const b = germanTerminal();
  const admin = newSession();
  try {
    await b.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: KOELN }, admin);
    await use(b, admin);
  } finally {
    b.close();
  }
}

/** The refusal a failed call answers with. */
const refusal = (e: { ok: boolean; error?: WireError }) => (e.ok ? null : e.error);

describe('the first-run screen of a German terminal', () => {
  it('refuses a time zone Intl does not know in German, naming the field, and a second set-up as well', async () => {
    const b = germanTerminal();
    try {
      const bad = await b.dispatch(
        'app.setupEmpty',
        { clerkName: 'Ada', pin: '2468', store: { ...KOELN, timeZone: 'Mars/Olympus' } },
        newSession(),
      );
      expect(refusal(bad)).toEqual({
        code: 'VALIDATION',
        message: `store.timeZone: ${german('storeSetup.timeZone')}`,
        reason: 'storeSetup.timeZone',
      });
      expect(german('storeSetup.timeZone')).toMatch(/^eine IANA-Zeitzone/);

      expect(
        await b.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: KOELN }, newSession()),
      ).toMatchObject({ ok: true });
      expect(refusal(await b.dispatch('app.setupEmpty', { clerkName: 'Eve', pin: '1357' }, newSession()))).toEqual({
        code: 'CONFLICT',
        message: german('storeSetup.alreadySetUp'),
        reason: 'storeSetup.alreadySetUp',
      });
      expect(refusal(await b.dispatch('app.setupDemo', {}, newSession()))).toMatchObject({
        message: german('storeSetup.demoNeedsEmpty'),
      });
    } finally {
      b.close();
    }
  });
});

describe('calendar days in a German store', () => {
  it('says in German that 31 February is no day, through the contract and through a service check alike', () =>
    inGermanStore(async (b, s) => {
      const refused = await b.dispatch(
        'customers.create',
        { firstName: 'Jana', lastName: 'Roth', birthday: '1990-02-31' },
        s,
      );
      const says = german('calendarDay.notInCalendar', { text: '1990-02-31' });
      expect(refusal(refused)).toEqual({
        code: 'VALIDATION',
        message: `birthday: ${says}`,
        reason: 'calendarDay.notInCalendar',
      });
      expect(says).toMatch(/Kalender/);
      const shape = await b.dispatch('reports.day', { day: '31.12.2026' }, s);
      expect(refusal(shape)).toMatchObject({ reason: 'calendarDay.shape' });
      expect(refusal(shape)?.message).toBe(
        `day: ${german('calendarDay.shape', { text: '31.12.2026', format: CALENDAR_DAY_FORMAT })}`,
      );
      // A service's own check (the CLI's report reaches it without the contract) refuses the same way.
      const service = (() => {
        try {
          return assertDay('2026-02-30', 'day');
        } catch (e) {
          return e;
        }
      })();
      expect(service).toBeInstanceOf(InputError);
      expect((service as InputError).toWire(DE)).toEqual({
        code: 'VALIDATION',
        message: `day: ${german('calendarDay.notInCalendar', { text: '2026-02-30' })}`,
        reason: 'calendarDay.notInCalendar',
      });
    }));
});

describe('the store-open and recovery screens of a German terminal', () => {
  it('say what is wrong with the file, and refuse the counter, in German', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    fs.writeFileSync(dbPath, '');
    const store = openStore({ dbPath, log: () => {}, config: { locale: DE } });
    try {
      expect(store.problem()).toMatchObject({
        kind: 'not-a-store',
        message: german('storeFile.notAStore.empty', { file: dbPath }),
      });
      expect(store.problem()?.message).toMatch(/leere Datei/);
      // The words too, for the recovery screen to word in the language it shows (the computer's, without a store).
      expect(store.problem()?.words).toEqual(words('storeFile.notAStore.empty', { file: dbPath }));
      expect(refusal(await store.dispatch('customers.search', { query: 'Roth' }, newSession()))).toEqual({
        code: 'CONFLICT',
        message: german('storeRecovery.openFirst'),
        reason: 'storeRecovery.openFirst',
      });
      expect(refusal(await store.dispatch('recovery.restore', {}, newSession()))).toEqual({
        code: 'VALIDATION',
        message: `name: ${german('storeRecovery.chooseBackup')}`,
        reason: 'storeRecovery.chooseBackup',
      });
    } finally {
      store.close();
    }
  });

  it('number a cut-short file’s sizes the German way', () => {
    const file = path.join(tempDir(), 'store.db');
    const s = tempStore();
    s.db.close();
    fs.copyFileSync(s.file, file);
    fs.truncateSync(file, 4096);
    const store = openStore({ dbPath: file, log: () => {}, config: { locale: DE } });
    try {
      expect(store.problem()?.message).toMatch(/ist beschädigt \(sie hat 4\.096 Bytes, laut Dateikopf aber [\d.]+:/);
    } finally {
      store.close();
    }
  });
});

describe('the import refusing a whole file in a German store', () => {
  it('refuses a file too big to import before any byte is sent, in German', () =>
    inGermanStore(async (b, s) => {
      const big = await b.dispatch(
        'imports.begin',
        { entity: 'customers', fileName: 'kunden.csv', size: MAX_IMPORT_BYTES + 1 },
        s,
      );
      expect(refusal(big)).toEqual({
        code: 'VALIDATION',
        message: `size: ${german('importFile.tooBig', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })}`,
        reason: 'importFile.tooBig',
      });
    }));

  it('words a refused file, and the columns a purchases file lacks, in German; the CLI reads English', async () => {
    const s = tempStore(undefined, { locale: DE });
    const file = path.join(tempDir(), 'kaeufe.csv');
    fs.writeFileSync(file, 'Farbe,Größe\nblau,38\n');
    const err = await importCsv(s.ctx, { entity: 'purchases', file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const wire = (err as AppError).toWire(DE);
    expect(wire.reason).toBe('importFile.noPurchaseColumns');
    expect(wire.message).toMatch(/^Der Kaufdatei fehlt eine Spalte für: Bonnummer, Stückpreis, Datum, Kunde /);
    expect((err as AppError).message).toMatch(
      /^The purchases file has no column for: receipt number, unit price, date/,
    );

    const quote = path.join(tempDir(), 'kunden.csv');
    fs.writeFileSync(quote, 'Name,Telefon\n"Jana Roth,0171 2345678\n');
    const broken = await importCsv(s.ctx, { entity: 'customers', file: quote }).catch((e: unknown) => e);
    expect((broken as AppError).toWire(DE)).toEqual({
      code: 'VALIDATION',
      message: german('importFile.notCsv.quoteNotClosed', { line: 2 }),
      reason: 'importFile.notCsv.quoteNotClosed',
    });
  });
});
