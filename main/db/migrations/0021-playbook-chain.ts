import type Database from 'better-sqlite3';
import { APPLYING, ENABLED, MS_NOW, msOf, uuidV7 } from './0011-sync';

// The playbook across a chain, and in more than one language.
//
// Texts per language: a template's texts (text_blue … text_unknown) are in its own `language` ('en' for every
// template saved before); `translations` holds the same five texts in other languages, {"de": {"blue": …}}.
//
// playbook_sync: what of the playbook travels, each row an append-only fact with its global id (UUID v7):
// - 'version': a template version a person saved (the shipped default's versions, by nobody, do not travel: every
//   terminal ships them). Local version numbers stay local (two terminals may both make a "version 5" offline); the
//   version that is the template's text everywhere is the one with the latest stamp in the chain's clock.
// - 'switch': a manager enabled or disabled a template for their store. It reaches the store's other counters and no
//   other store: enabling is the store's decision, the wording is the chain's. store_id is the hub's id of the store
//   that switched (NULL: this store). Its version is the local history entry it made ("disabled by …").
// hlc is the row's stamp: a pulled one comes with it; this terminal's get theirs when its outbox stamps them (until
// then NULL, and newer than anything pulled, since pulling stamps the outbox first).
//
// The outbox learns a third entity; SQLite cannot change a CHECK, so the table is rebuilt, keeping its rows and its
// AUTOINCREMENT counter (the hub skips mutation ids it has had: numbering must never start again).
export const OUTBOX_ENTITIES = ['customer', 'interaction', 'template'] as const;

export function up(db: Database.Database): void {
  const seq =
    db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get()?.seq ?? 0;
  db.exec(`
    ALTER TABLE playbook_templates ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
    ALTER TABLE playbook_templates ADD COLUMN translations TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(translations));

    CREATE TABLE sync_outbox_next (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL CHECK (entity IN (${OUTBOX_ENTITIES.map((e) => `'${e}'`).join(', ')})),
      row_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('upsert', 'append', 'erase')),
      fields TEXT,
      at_ms INTEGER NOT NULL,
      hlc TEXT
    );
    INSERT INTO sync_outbox_next SELECT mutation_id, entity, row_id, kind, fields, at_ms, hlc FROM sync_outbox;
    DROP TABLE sync_outbox;
    -- The customers' and interactions' triggers name sync_outbox: renamed the legacy way, they are left as they are
    -- and write into the new table.
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE sync_outbox_next RENAME TO sync_outbox;
    PRAGMA legacy_alter_table = OFF;
    CREATE INDEX sync_outbox_row ON sync_outbox (entity, row_id);
    DELETE FROM sqlite_sequence WHERE name = 'sync_outbox';
    INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_outbox', ${Math.trunc(seq)});

    CREATE TABLE playbook_sync (
      row_id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('version', 'switch')),
      template_id TEXT NOT NULL,
      version INTEGER,
      enabled INTEGER CHECK (enabled IN (0, 1)),
      store_id TEXT,
      global_id TEXT NOT NULL UNIQUE,
      hlc TEXT,
      CHECK (version IS NOT NULL),
      CHECK ((kind = 'switch') = (enabled IS NOT NULL))
    );
    CREATE UNIQUE INDEX playbook_sync_version ON playbook_sync (template_id, version) WHERE kind = 'version';
    CREATE INDEX playbook_sync_latest ON playbook_sync (template_id, kind, hlc);

    -- Versions people saved before: facts like any later one; a store that joined a hub queues them, each as of when
    -- it was saved (so an old edit does not beat newer ones elsewhere).
    INSERT INTO playbook_sync (kind, template_id, version, global_id)
      SELECT 'version', template_id, version, ${uuidV7(msOf('changed_at'))} FROM playbook_template_versions
       WHERE changed_by IS NOT NULL ORDER BY changed_at, template_id, version;
    INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
      SELECT 'template', p.row_id, 'append', ${msOf('v.changed_at')}
        FROM playbook_sync p JOIN playbook_template_versions v ON v.template_id = p.template_id AND v.version = p.version
       WHERE ${ENABLED} ORDER BY p.row_id;

    CREATE TRIGGER sync_playbook_shared AFTER INSERT ON playbook_sync WHEN ${ENABLED} AND NOT ${APPLYING} BEGIN
      INSERT INTO sync_outbox (entity, row_id, kind, at_ms) VALUES ('template', NEW.row_id, 'append', ${MS_NOW});
    END;
  `);
}
