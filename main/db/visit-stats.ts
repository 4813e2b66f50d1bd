// What the visit-stats and open-issue triggers (migration 0024) add for each row, added once for a run of rows a bulk
// writer wrote with those triggers held: one statement per table for every customer the run touched, where the
// triggers ran about eight statements per row. The rows of a run are a range of ids of each table (a bulk writer
// numbers them itself), so each statement reads only them, by primary key. The end state is the triggers': a visit is
// a (customer, day) not in customer_days before, the last visit is the latest time, and entries and purchases add to
// their counts (an amendment restates an entry, it is no visit: the triggers skip it too).
// tests/unit/db/migration-held-visit-stats.test.ts holds it to the triggers row by row.
import { OPEN_OUTCOMES } from '@common/domain';
import type { DB } from './connection';
import { HELD_VISIT_STATS } from './migrations/0024-held-visit-stats';
import { preparedFor } from './prepared';

/** Inclusive ranges of ids a run wrote; an empty range is [n, n - 1]. */
export interface RunRows {
  interactions: readonly [number, number];
  purchases: readonly [number, number];
}

/** The run's facts that count as visits: entries with a customer (not amendments) and purchases. */
const RUN_VISITS = `
  SELECT customer_id, local_day AS day, created_at AS at, 1 AS entries, 0 AS purchases, 0 AS spend FROM interactions
   WHERE id BETWEEN @i0 AND @i1 AND customer_id IS NOT NULL AND amends_id IS NULL
  UNION ALL
  SELECT customer_id, local_day, purchased_at, 0, 1, total_cents FROM purchases
   WHERE id BETWEEN @p0 AND @p1 AND customer_id IS NOT NULL`;

const statements = preparedFor((db: DB) => ({
  // Held and released in the writer's own transaction: no other write ever sees the triggers held (as 0006's).
  hold: db.prepare(`INSERT OR IGNORE INTO bulk_loads (name) VALUES ('${HELD_VISIT_STATS}')`),
  release: db.prepare(`DELETE FROM bulk_loads WHERE name = '${HELD_VISIT_STATS}'`),
  // One write of each customer the run touched (the triggers wrote it twice a row). A visit is a day of the run not
  // in customer_days yet, so this comes before the run's days are added.
  stats: db.prepare(
    `UPDATE customers SET
       visit_count = visit_count + r.days,
       interaction_count = interaction_count + r.entries,
       purchase_count = purchase_count + r.purchases,
       lifetime_spend_cents = lifetime_spend_cents + r.spend,
       last_visit_at = CASE WHEN last_visit_at IS NULL OR r.at > last_visit_at THEN r.at ELSE last_visit_at END
       FROM (SELECT customer_id, sum(entries) AS entries, sum(purchases) AS purchases, sum(spend) AS spend,
                    max(at) AS at, count(DISTINCT CASE WHEN new THEN day END) AS days
               FROM (SELECT v.*, NOT EXISTS (SELECT 1 FROM customer_days d
                                              WHERE d.customer_id = v.customer_id AND d.day = v.day) AS new
                       FROM (${RUN_VISITS}) AS v)
              GROUP BY customer_id) AS r
      WHERE customers.id = r.customer_id`,
  ),
  days: db.prepare(
    `INSERT OR IGNORE INTO customer_days (customer_id, day) SELECT customer_id, day FROM (${RUN_VISITS})`,
  ),
  openIssues: db.prepare(
    `INSERT INTO open_issues (interaction_id, customer_id, opened_at, due_date)
     SELECT id, customer_id, created_at, follow_up_due FROM interactions
      WHERE id BETWEEN @i0 AND @i1 AND amends_id IS NULL
        AND outcome IN (${OPEN_OUTCOMES.map((o) => `'${o}'`).join(', ')})
      ORDER BY id`,
  ),
}));

/**
 * Writes rows with the visit-stats and open-issue triggers held, then adds what they would have added for those rows.
 * Runs inside the caller's transaction (a savepoint of it: a failure leaves nothing held). `write` returns the rows it
 * added.
 */
export function withVisitStatsHeld(db: DB, write: () => RunRows): void {
  const s = statements(db);
  s.hold.run();
  const rows = write();
  const at = { i0: rows.interactions[0], i1: rows.interactions[1], p0: rows.purchases[0], p1: rows.purchases[1] };
  s.stats.run(at);
  s.days.run(at);
  s.openIssues.run(at);
  s.release.run();
}
