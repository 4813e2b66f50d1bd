// The playbook arriving from the hub (facts of main/sync/playbook-out.ts), idempotent by global id like every fact.
//
// - A template version is kept in the template's history under the next local number, written by a stand-in clerk
//   (as a pulled interaction is). It becomes the template's text when its stamp is the latest of every version this
//   terminal holds of it (versions by a person only: the shipped default's lose to any of them), so two managers who
//   edited one template offline end, at every terminal, with the same one: the later by the chain's clock. The store's
//   own enabled setting is kept; a template new here takes its author's, or this store's latest switch of it.
// - A switch is applied only from this store (the hub names the store that pushed it): the latest by stamp decides
//   whether the template is offered at this store's counters. Other stores' switches are passed over.
import type { Change } from '@common/sync/changes';
import type { DB } from '../db/connection';
import { playbookRepo } from '../db/playbook.repo';
import { preparedFor } from '../db/prepared';
import type { ServiceContext } from '../services/context';
import { fromRow, invalidateTemplates, toRow, writeTemplate } from '../services/suggestions/playbook';
import { clerkFor } from './interactions-apply';
import { templateOfFields } from './playbook-fields';

type PlaybookChange = Extract<Change, { kind: 'append' }> & { entity: 'templateVersion' | 'templateSwitch' };

export const isPlaybookFact = (c: Change): c is PlaybookChange =>
  c.kind === 'append' && (c.entity === 'templateVersion' || c.entity === 'templateSwitch');

const statements = preparedFor((db: DB) => ({
  known: db.prepare<[string], { hlc: string | null }>('SELECT hlc FROM playbook_sync WHERE global_id = ?'),
  restamp: db.prepare<[string, string]>('UPDATE playbook_sync SET hlc = ? WHERE global_id = ?'),
  /** The latest stamp of a kind for a template; a row not stamped yet (this terminal's, unsent) is the latest of all. */
  latest: db.prepare<[string, string], { hlc: string | null; enabled: number | null }>(
    `SELECT hlc, enabled FROM playbook_sync WHERE template_id = ? AND kind = ? ORDER BY hlc IS NULL DESC, hlc DESC LIMIT 1`,
  ),
  refused: db.prepare(
    "INSERT INTO sync_state (key, value) VALUES ('refusedFacts', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
  ),
}));

const later = (stamp: string, than: { hlc: string | null } | undefined) =>
  than === undefined || (than.hlc !== null && than.hlc < stamp);

/** Writes one pulled playbook fact; inside applyChanges' transaction. `ownStore` is this store's id at the hub. */
export function applyPlaybookFact(ctx: ServiceContext, change: PlaybookChange, ownStore: string | null): void {
  const db = ctx.db;
  const s = statements(db);
  const known = s.known.get(change.id);
  if (known) {
    // This terminal's own, back from the hub: the hub's stamp is the one every other terminal compares with.
    if (known.hlc !== change.hlc) s.restamp.run(change.hlc, change.id);
    return;
  }
  const f = change.fields;
  const templateId = String(f.templateId);
  if (change.entity === 'templateSwitch') {
    if (ownStore === null || change.origin.storeId !== ownStore) return;
    applySwitch(ctx, change, templateId, f.enabled === true);
  } else {
    applyVersion(ctx, change, templateId);
  }
}

function applyVersion(ctx: ServiceContext, change: PlaybookChange, templateId: string): void {
  const db = ctx.db;
  const repo = playbookRepo(db);
  const s = statements(db);
  const row = repo.byId.get(templateId);
  const switched = s.latest.get(templateId, 'switch');
  const enabled = row ? row.enabled === 1 : switched ? switched.enabled === 1 : change.fields.enabledWhenNew !== false;
  const t = templateOfFields(change.fields, enabled);
  if (t === null || t.id !== templateId) return void s.refused.run();
  const wins = later(change.hlc, s.latest.get(templateId, 'version'));
  const by = clerkFor(ctx, change.fields.clerkId, change.fields.clerkName);
  const at = typeof change.fields.changedAt === 'string' ? change.fields.changedAt : ctx.now().toISOString();
  const version = repo.nextVersion.get(templateId)!;
  // The template row first: a version names its template (a template new here always wins, having no versions).
  if (wins) repo.upsert.run(toRow(t, version, at, by));
  repo.insertVersion.run({ template_id: templateId, version, body: JSON.stringify(t), changed_by: by, changed_at: at });
  repo.share.run({
    kind: 'version',
    template_id: templateId,
    version,
    enabled: null,
    store_id: null,
    global_id: change.id,
    hlc: change.hlc,
  });
  if (wins) invalidateTemplates(db);
}

function applySwitch(ctx: ServiceContext, change: PlaybookChange, templateId: string, enabled: boolean): void {
  const db = ctx.db;
  const repo = playbookRepo(db);
  const wins = later(change.hlc, statements(db).latest.get(templateId, 'switch'));
  const row = repo.byId.get(templateId);
  let version = repo.nextVersion.get(templateId)!;
  if (wins && row && (row.enabled === 1) !== enabled) {
    const by = clerkFor(ctx, change.fields.clerkId, change.fields.clerkName);
    version = writeTemplate(ctx, { ...fromRow(row), enabled }, by, { travels: false }).stored.version;
  } else if (row) {
    version = row.version;
  }
  repo.share.run({
    kind: 'switch',
    template_id: templateId,
    version,
    enabled: enabled ? 1 : 0,
    store_id: change.origin.storeId,
    global_id: change.id,
    hlc: change.hlc,
  });
}
