// The playbook leaving this terminal: a version a person saved, or a store's switch of a template, each a row of
// playbook_sync that the outbox names (trigger sync_playbook_shared, migration 0021-playbook-chain). Read when sent.
import type { Mutation } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';
import { parseTemplate } from '../services/suggestions/playbook';
import { clerkOf } from './interactions-out';
import { templateFields } from './playbook-fields';

interface SyncRow {
  row_id: number;
  kind: 'version' | 'switch';
  template_id: string;
  version: number;
  enabled: number | null;
  global_id: string;
}

const statements = preparedFor((db: DB) => ({
  row: db.prepare<[number], SyncRow>('SELECT * FROM playbook_sync WHERE row_id = ?'),
  version: db.prepare<[string, number], { body: string; changed_by: number | null; changed_at: string }>(
    'SELECT body, changed_by, changed_at FROM playbook_template_versions WHERE template_id = ? AND version = ?',
  ),
  /**
   * What the store had before it joined, oldest first; only this store's own rows (a pulled one came with its stamp).
   * A version is stamped as of when it was saved, so an edit made long before joining does not beat later ones.
   */
  queueAll: db.prepare(
    `INSERT INTO sync_outbox (entity, row_id, kind, at_ms)
     SELECT 'template', p.row_id, 'append', CAST(coalesce(unixepoch(v.changed_at, 'subsec'), unixepoch('subsec')) * 1000 AS INTEGER)
       FROM playbook_sync p LEFT JOIN playbook_template_versions v ON v.template_id = p.template_id AND v.version = p.version
      WHERE p.hlc IS NULL ORDER BY p.row_id`,
  ),
  /** The outbox's stamp becomes the row's own: which version is current is decided by these stamps. */
  keepStamps: db.prepare(
    `UPDATE playbook_sync SET hlc = (SELECT o.hlc FROM sync_outbox o WHERE o.entity = 'template' AND o.row_id = playbook_sync.row_id)
      WHERE hlc IS NULL AND row_id IN (SELECT row_id FROM sync_outbox WHERE entity = 'template' AND hlc IS NOT NULL)`,
  ),
}));

/** Queues the playbook's versions and switches made before the store joined. Inside startOutbox's transaction. */
export const queuePlaybook = (db: DB): number => statements(db).queueAll.run().changes;

/** After the outbox is stamped (replica.ts stampOutbox). */
export const keepPlaybookStamps = (db: DB): void => void statements(db).keepStamps.run();

/** The mutation for the outbox row naming playbook_sync row `rowId`. */
export function playbookMutation(db: DB, rowId: number, base: Pick<Mutation, 'mutationId' | 'hlc'>): Mutation | null {
  const s = statements(db);
  const row = s.row.get(rowId);
  if (!row) return null;
  const common = { ...base, id: row.global_id, kind: 'append' as const, customerId: null };
  const v = s.version.get(row.template_id, row.version);
  if (!v) return null;
  const made = {
    templateId: row.template_id,
    changedAt: v.changed_at,
    ...(v.changed_by === null ? {} : clerkOf(db, v.changed_by)),
  };
  if (row.kind === 'switch')
    return { ...common, entity: 'templateSwitch', fields: { ...made, enabled: row.enabled === 1 } };
  return {
    ...common,
    entity: 'templateVersion',
    fields: { ...templateFields(parseTemplate(JSON.parse(v.body))), ...made },
  };
}
