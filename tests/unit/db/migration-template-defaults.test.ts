// Migration NNNN-template-defaults (issue #14): a template's Kind and Outcome for the log form. Found by name, so
// renumbering the file does not matter.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { playbookRepo } from '../../../main/db/playbook.repo';
import { fromRow } from '../../../main/services/suggestions/playbook';
import { tempDir } from '../../helpers/temp-store';

const version = MIGRATIONS.findIndex((m) => m.name.endsWith('-template-defaults')) + 1;

describe('migration template-defaults', () => {
  it('is registered after the playbook open-issue flag', () => {
    expect(version).toBeGreaterThan(MIGRATIONS.findIndex((m) => m.name.endsWith('-settle-issues')) + 1);
  });

  it('keeps every template saved before it, setting no defaults', () => {
    const file = path.join(tempDir(), 'defaults.db');
    const db = new Database(file);
    migrate(db, file, { backup: false, target: version - 1 });
    db.prepare(
      `INSERT INTO playbook_templates (id, kind, title, conditions, text_blue, text_green, text_gold, text_orange, text_unknown, priority, updated_at)
       VALUES ('mine', 'help', 'Mine', '{"all":[]}', 'a', 'b', 'c', 'd', 'e', 50, '2026-01-01T00:00:00Z')`,
    ).run();
    // To the latest schema: the repository reads every column later migrations added.
    migrate(db, file, { backup: false, target: MIGRATIONS.length });
    const row = playbookRepo(db).byId.get('mine')!;
    expect(row).toMatchObject({ default_kind: null, default_outcome: null, title: 'Mine' });
    expect(fromRow(row)).toMatchObject({ logKind: null, logOutcome: null });
    db.close();
  });
});
