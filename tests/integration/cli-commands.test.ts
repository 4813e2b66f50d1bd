// Every command of `counterpart`, read from the command line's own registry (not a list typed here), answers --help
// and a bad flag the same way, and --json turns both results and failures into JSON on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageLine } from '../../main/cli/command';
import { EXIT } from '../../main/cli/common';
import { COMMANDS } from '../../main/cli/registry';
import { runCli, usage } from '../../main/cli/run';
import { cliTerminal } from '../helpers/cli-terminal';
import { tempDir, tempStore } from '../helpers/temp-store';

const { io, out, err } = cliTerminal();
const words = (name: string) => name.split(' ');
const reset = () => {
  out.length = 0;
  err.length = 0;
};

describe('every counterpart command', () => {
  it('has a unique name and is listed by counterpart --help with its usage', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    for (const c of COMMANDS) expect(out.join('')).toContain(`  ${usageLine(c)}\n`);
    expect(out.join('')).toBe(usage());
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s --help prints its usage on stdout and exits 0',
    async (name, c) => {
      reset();
      expect(await runCli([...words(name), '--help'], io)).toBe(EXIT.ok);
      expect(err).toEqual([]);
      const text = out.join('');
      expect(text.startsWith(`Usage: ${usageLine(c)}\n`)).toBe(true);
      // Every command takes --json; every command that works on a store takes --db.
      expect(usageLine(c)).toMatch(/ \[--json\]$/);
      if (c.store !== false) expect(usageLine(c)).toContain('[--db FILE]');
    },
  );

  it.each(COMMANDS.map((c) => [c.name] as const))(
    '%s refuses a bad flag: one line on stderr, exit 2; with --json, {code, message} on stdout',
    async (name) => {
      reset();
      expect(await runCli([...words(name), '--no-such-flag'], io)).toBe(EXIT.usage);
      expect(out).toEqual([]);
      expect(err.join('')).toBe("Unknown option '--no-such-flag'. (see --help)\n");

      reset();
      expect(await runCli([...words(name), '--no-such-flag', '--json'], io)).toBe(EXIT.usage);
      expect(err).toEqual([]);
      expect(out).toHaveLength(1);
      expect(JSON.parse(out[0]!)).toEqual({ code: 'VALIDATION', message: "Unknown option '--no-such-flag'." });
    },
  );

  it('groups answer --help with their commands, and a missing or unknown subcommand with exit 2', async () => {
    const groups = [...new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => words(c.name)[0]!))];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      reset();
      expect(await runCli([g, '--help'], io)).toBe(EXIT.ok);
      for (const c of COMMANDS.filter((m) => m.name.startsWith(`${g} `))) expect(out.join('')).toContain(usageLine(c));
      reset();
      expect(await runCli([g, 'frobnicate', '--json'], io)).toBe(EXIT.usage);
      expect(JSON.parse(out.join(''))).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(new RegExp(`^Unknown ${g} command "frobnicate"`)),
      });
      reset();
      expect(await runCli([g], io)).toBe(EXIT.usage);
      expect(err.join('')).toMatch(/^Say what to do: /);
    }
  });
});

describe('--json', () => {
  it('gives report its result as JSON (it used to refuse --json as an unknown option)', async () => {
    const s = tempStore();
    const file = path.join(tempDir(), 'day.csv');
    expect(
      await runCli(['report', '--date', '2026-11-20', '--format', 'csv', '--out', file, '--db', s.file, '--json'], io),
    ).toBe(EXIT.ok);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join(''))).toEqual({
      format: 'csv',
      from: '2026-11-20',
      to: '2026-11-20',
      file,
      interactions: 0,
    });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('answers a failure as {code, message} on stdout with the usual exit code, and creates no store', async () => {
    const missing = path.join(tempDir(), 'none.db');
    expect(await runCli(['search', 'mary', '--db', missing, '--json'], io)).toBe(EXIT.failed);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join(''))).toEqual({
      code: 'CONFLICT',
      message: `No database at ${missing}: pass --db FILE, or create a demo store with "counterpart seed".`,
    });
    expect(fs.existsSync(missing)).toBe(false);

    reset();
    const s = tempStore();
    expect(await runCli(['show', '999', '--db', s.file, '--json'], io)).toBe(EXIT.failed);
    expect(JSON.parse(out.join(''))).toEqual({ code: 'NOT_FOUND', message: 'No customer with id 999.' });
  });
});
