// A part of the screen that fails to render is reported to the main log (#18): one bounded line per report, no
// customer data, and at most a few a minute however often the renderer asks.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '@common/contract';
import { RENDER_REPORT_LIMITS, renderReport } from '@common/render-report';
import { startBackend, type Backend } from '../../main/backend';
import { RENDER_REPORTS_PER_MINUTE } from '../../main/ipc/render-report-handlers';
import { newSession } from '../../main/ipc/session';
import { tempDir } from '../helpers/temp-store';

const backends: Backend[] = [];
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
});

function backend() {
  let clock = new Date('2026-11-23T10:00:00.000Z');
  const lines: string[] = [];
  const b = startBackend({
    dbPath: path.join(tempDir(), 'store.db'),
    now: () => clock,
    log: (m) => lines.push(m),
    sync: false,
  });
  backends.push(b);
  // Not signed in: the sign-in screen can fail to render too.
  const session = newSession();
  return {
    lines,
    report: (input: unknown) => b.dispatch('app.reportRenderError', input, session),
    later: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

const profileFailure = () =>
  renderReport(
    "The customer's profile",
    new TypeError("Cannot read properties of null (reading 'line1')"),
    '\n    at ProfileSummary (http://127.0.0.1:5173/assets/index-3f2a.js:1:2345)\n    at CustomerView (http://127.0.0.1:5173/assets/index-3f2a.js:1:999)',
  );

describe('app.reportRenderError', () => {
  it('writes one line to the main log with the part, the message and the component names, without addresses', async () => {
    const b = backend();
    expect(await b.report(profileFailure())).toEqual({ ok: true, value: null });
    expect(b.lines).toEqual([
      "render failure: The customer's profile could not be shown: TypeError: Cannot read properties of null (reading 'line1') [in ProfileSummary < CustomerView]",
    ]);
  });

  it('masks contact details a message may quote', async () => {
    const b = backend();
    await b.report(renderReport('Search', new Error('no match for aoife.byrne@example.ie or 087 123 4567'), null));
    expect(b.lines).toHaveLength(1);
    expect(b.lines[0]).toContain('no match for [email] or [number]');
  });

  it('refuses a report over its bounds or with fields it does not know, and logs nothing', async () => {
    const b = backend();
    const long = 'x'.repeat(RENDER_REPORT_LIMITS.message + 1);
    for (const bad of [
      { ...profileFailure(), message: long },
      { ...profileFailure(), componentStack: 'y'.repeat(RENDER_REPORT_LIMITS.componentStack + 1) },
      { ...profileFailure(), part: '' },
      { ...profileFailure(), customer: { name: 'Aoife Byrne' } },
      'a string',
    ]) {
      expect(await b.report(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(b.lines).toEqual([]);
  });

  it(`logs at most ${RENDER_REPORTS_PER_MINUTE} a minute, then says how many it left out`, async () => {
    const b = backend();
    for (let i = 0; i < RENDER_REPORTS_PER_MINUTE + 3; i++)
      expect(await b.report(profileFailure())).toEqual({ ok: true, value: null });
    expect(b.lines).toHaveLength(RENDER_REPORTS_PER_MINUTE);
    b.later(30_000);
    await b.report(profileFailure());
    expect(b.lines).toHaveLength(RENDER_REPORTS_PER_MINUTE);
    b.later(30_000);
    await b.report(profileFailure());
    expect(b.lines.slice(RENDER_REPORTS_PER_MINUTE)).toEqual([
      `render failure: 4 more in the minute before were not logged (at most ${RENDER_REPORTS_PER_MINUTE} a minute)`,
      expect.stringContaining("render failure: The customer's profile could not be shown"),
    ]);
  });
});

describe('renderReport', () => {
  it('fits any error and stack into the bounds the contract checks', () => {
    const frames = Array.from(
      { length: 40 },
      (_, i) => `    at Component${i} (http://127.0.0.1/assets/index.js:1:${i})`,
    ).join('\n');
    const r = renderReport('p'.repeat(500), new Error('m'.repeat(5000)), frames);
    expect(r.part.length).toBeLessThanOrEqual(RENDER_REPORT_LIMITS.part);
    expect(r.message.length).toBeLessThanOrEqual(RENDER_REPORT_LIMITS.message);
    expect(r.componentStack.split(' < ')).toHaveLength(RENDER_REPORT_LIMITS.frames);
    expect(r.componentStack).not.toContain('http');
    expect(contract['app.reportRenderError'].input.safeParse(r).success).toBe(true);
  });
});
