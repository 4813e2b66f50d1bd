import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as run } from '../helpers/processes';
import { tempDir } from '../helpers/temp-store';

/**
 * Runs the real command line in a child process, the way IT and scripts do. Asynchronously: a test made of a dozen
 * blocking spawns holds its worker for minutes on a busy machine, and vitest then loses touch with the worker.
 */
async function cli(args: string[], env: Record<string, string> = {}) {
  const r = await run(args, { env: { ...process.env, COUNTERPART_DB: '', ...env } });
  return { code: r.code, out: r.out, err: r.err };
}

describe('counterpart command line', { timeout: 180_000 }, () => {
  it('seeds a demo store, then looks up, shows, suggests and logs on it', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const seeded = await cli([
      'seed',
      '--customers',
      '400',
      '--seed',
      '7',
      '--today',
      '2026-11-23',
      '--db',
      db,
      '--json',
    ]);
    expect(seeded.err).toBe('');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.out)).toMatchObject({ customers: 400, clerks: 7, seed: 7, pin: '1234' });

    const again = await cli(['seed', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err.trim().split('\n')).toEqual([
      'This store already has data; the demo store only loads into an empty one.',
    ]);

    const search = await cli(['search', "mary o'brien", '--limit', '5', '--db', db]);
    expect(search.code).toBe(0);
    expect(search.out.split('\n')[0]).toMatch(/^ID\s+Name\s+Phone\s+Email/);
    expect(search.out).toContain("Mary O'Brien");
    const hits = JSON.parse((await cli(['search', '087 123 4567', '--json'], { COUNTERPART_DB: db })).out) as {
      id: number;
      displayName: string;
      match: string;
    }[];
    expect(hits[0]).toMatchObject({ id: 1, displayName: "Mary O'Brien", match: 'phone' });

    const show = await cli(['show', '1', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^Mary O'Brien {2}\(customer 1,/);
    expect(show.out).toContain('complaint unresolved');
    const shown = JSON.parse((await cli(['show', '1', '--limit', '3', '--json', '--db', db])).out);
    expect(shown.profile.customer).toMatchObject({ id: 1, firstName: 'Mary', lastName: "O'Brien" });
    expect(shown.profile.openIssues[0]).toMatchObject({ kind: 'complaint', outcome: 'unresolved' });
    expect(shown.timeline.entries).toHaveLength(3);
    expect(typeof shown.timeline.nextCursor).toBe('string');

    const suggest = await cli(['suggest', '1', '--json', '--db', db]);
    expect(suggest.code).toBe(0);
    expect(Array.isArray(JSON.parse(suggest.out))).toBe(true);

    const complaint = shown.profile.openIssues[0].interactionId as number;
    const logged = await cli([
      'log',
      '1',
      '--kind',
      'complaint',
      '--outcome',
      'resolved',
      '--sentiment',
      '4',
      '--notes',
      'Replacement kettle handed over',
      '--resolves',
      String(complaint),
      '--clerk',
      '3',
      '--json',
      '--db',
      db,
    ]);
    expect(logged.err).toBe('');
    expect(JSON.parse(logged.out)).toMatchObject({
      customerId: 1,
      kind: 'complaint',
      outcome: 'resolved',
      sentiment: 4,
      clerkId: 3,
      resolves: [complaint],
    });
    const after = JSON.parse((await cli(['show', '1', '--json', '--db', db])).out);
    expect(
      after.profile.openIssues.find((i: { interactionId: number }) => i.interactionId === complaint),
    ).toBeUndefined();
    expect(after.timeline.entries[0].interaction.notes).toBe('Replacement kettle handed over');

    // A follow-up is promised from today to a year ahead; the command runs on the real clock, and tomorrow in UTC is
    // today or later in every time zone.
    const due = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const walkIn = await cli([
      'log',
      '--walk-in',
      '--kind',
      'inquiry',
      '--outcome',
      'follow_up',
      '--follow-up',
      due,
      '--db',
      db,
    ]);
    expect(walkIn.code).toBe(0);
    expect(walkIn.out).toMatch(
      new RegExp(`^Logged #\\d+ for a walk-in: inquiry, follow-up \\(due ${due}\\), by Siobhán Kelly\\.\n$`),
    );
  });

  it.each([
    [['search'], /^Say what to look for/],
    [['show', 'abc'], /^"abc" is not a customer id/],
    [['show', '1', '--bogus'], /^Unknown option '--bogus'/],
    [['log', '1', '--kind', 'chat', '--outcome', 'resolved'], /^--kind must be one of inquiry, purchase/],
    [['log', '1', '--kind', 'inquiry', '--outcome', 'follow_up'], /^A follow-up needs a due date/],
    [
      ['log', '1', '--kind', 'inquiry', '--outcome', 'resolved', '--sentiment', '9'],
      /^--sentiment must be a whole number from 1 to 5/,
    ],
    [['seed', '--customers', 'lots'], /^--customers must be a whole number/],
    [['frobnicate'], /^Unknown command "frobnicate"/],
    [[], /^Give a command/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.err).not.toMatch(/at .*:\d+:\d+/);
  });

  it('exits 1 with one line for a customer that does not exist', async () => {
    const db = path.join(tempDir(), 'small.db');
    expect((await cli(['seed', '--customers', '30', '--db', db])).code).toBe(0);
    for (const args of [
      ['show', '999999'],
      ['log', '999999', '--kind', 'inquiry', '--outcome', 'resolved'],
      ['suggest', '999999'],
    ]) {
      const r = await cli([...args, '--db', db]);
      expect(r.code).toBe(1);
      expect(r.err).toBe('No customer with id 999999.\n');
    }
  });

  it('exports the playbook, imports an edited copy as a new version, and refuses an invalid file whole', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'pb.db');
    expect((await cli(['seed', '--customers', '30', '--db', db])).code).toBe(0);
    const file = path.join(dir, 'playbook.json');
    const exported = await cli(['playbook', 'export', file, '--db', db]);
    expect(exported.err).toBe('');
    const playbook = JSON.parse(fs.readFileSync(file, 'utf8')) as { templates: { id: string; title: string }[] };
    expect(exported.out).toBe(`Exported ${playbook.templates.length} templates to ${file}.\n`);
    expect((await cli(['playbook', 'export', file, '--db', db])).code).toBe(2);

    playbook.templates[0]!.title = 'Retitled by head office';
    const edited = path.join(dir, 'edited.json');
    fs.writeFileSync(edited, JSON.stringify(playbook));
    const imported = await cli(['playbook', 'import', edited, '--json', '--db', db]);
    expect(imported.err).toBe('');
    expect(JSON.parse(imported.out)).toMatchObject({ added: [], updated: [playbook.templates[0]!.id] });

    playbook.templates[1]!.title = 'Never applied';
    (playbook.templates[2] as Record<string, unknown>).priority = 'high';
    fs.writeFileSync(edited, JSON.stringify(playbook));
    const refused = await cli(['playbook', 'import', edited, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/templates\[2\]\.priority/);
    const again = path.join(dir, 'again.json');
    await cli(['playbook', 'export', again, '--db', db]);
    const titles = (JSON.parse(fs.readFileSync(again, 'utf8')) as typeof playbook).templates.map((t) => t.title);
    expect(titles).toContain('Retitled by head office');
    expect(titles).not.toContain('Never applied');
  });

  it('prints usage for --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['seed', 'search', 'show', 'suggest', 'log']) expect(r.out).toContain(`counterpart ${c} `);
    expect((await cli(['log', '--help'])).out).toMatch(
      /^Usage: counterpart log CUSTOMER_ID\|--walk-in --kind KIND --outcome OUTCOME/,
    );
  });
});
