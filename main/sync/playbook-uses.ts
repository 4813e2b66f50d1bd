// Learning counts across a chain (#16): how often a template was used, and worked, per store and customer style.
// They add up across a store's terminals by counting events, not by sending numbers: every use is an interaction
// (suggestion_template_id), a fact kept once by global id at every terminal, and the schema's own triggers count it
// when it is written (migration 0003: playbook_uses, playbook_stats). Counted once per fact, so never twice; an
// amendment re-judges the use's success in the cell it was counted in.
//
// What a pulled interaction cannot know by itself is where and for whom it was used: the trigger counts it for the
// store this database belongs to and the customer's style here and now. So the use travels with the style it was
// counted under at its terminal (useStyle), and here it moves to its own cell: this store's when it was logged at one
// of this store's counters, else its store's id at the hub (the ranking's prior counts every store; the estimate
// for this store counts this store's only).
import type { DB } from '../db/connection';
import { preparedFor } from '../db/prepared';

interface Use {
  template_id: string;
  store_id: string;
  style: string;
  success: number;
}

const statements = preparedFor((db: DB) => ({
  use: db.prepare<[number], Use>(
    'SELECT template_id, store_id, style, success FROM playbook_uses WHERE interaction_id = ?',
  ),
  uncount: db.prepare<Use>(
    `UPDATE playbook_stats SET used = used - 1, successes = successes - @success
      WHERE template_id = @template_id AND store_id = @store_id AND style = @style`,
  ),
  count: db.prepare<Use>(
    `INSERT INTO playbook_stats (template_id, store_id, style, used, successes) VALUES (@template_id, @store_id, @style, 1, @success)
     ON CONFLICT (template_id, store_id, style) DO UPDATE SET used = used + 1, successes = successes + excluded.successes`,
  ),
  move: db.prepare<[string, string, number]>(
    'UPDATE playbook_uses SET store_id = ?, style = ? WHERE interaction_id = ?',
  ),
  ownStore: db.prepare<[], string>("SELECT value FROM sync_state WHERE key = 'store'").pluck(),
}));

/** The style a use of this interaction was counted under here, to send with it; null when it used no suggestion. */
export const useStyleOf = (db: DB, interactionId: number): string | null =>
  statements(db).use.get(interactionId)?.style ?? null;

/**
 * Moves the use of a pulled interaction (just written; the trigger counted it here) to the cell it belongs to.
 * `thisStore` is the store's id in the statistics (its configuration's), `originStore` the hub's id of where it was
 * logged. Inside the applier's transaction.
 */
export function countPulledUse(
  db: DB,
  interactionId: number,
  thisStore: string,
  originStore: string,
  useStyle: unknown,
): void {
  const s = statements(db);
  const use = s.use.get(interactionId);
  if (!use) return;
  const store = originStore === s.ownStore.get() ? thisStore : originStore;
  const style = typeof useStyle === 'string' && useStyle !== '' ? useStyle : use.style;
  if (store === use.store_id && style === use.style) return;
  s.uncount.run(use);
  s.count.run({ ...use, store_id: store, style });
  s.move.run(store, style, interactionId);
}
