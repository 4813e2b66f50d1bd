import type Database from 'better-sqlite3';

// Guided recovery of a complaint with the clerk's own authority (issue #14, section 4).
//
// The recovery lives on the interaction's own row, as nullable columns, because the row is the unit the chain
// syncs: a complaint travels with what was done about it. All five are NULL on entries without a recovery (every
// entry before this migration, amendments and reviews); the CHECK keeps them all set or all NULL, so a half-recorded
// recovery cannot exist.
// - recovery_severity: minor | serious | severe, as the clerk judged it.
// - recovery_what: what went wrong, in the clerk's words (free text: erasure and note retention blank it).
// - recovery_remedy: refund | replacement | repair | discount | gift | goodwill_return | none.
// - recovery_amount_minor: what the remedy cost the store, in minor units of the store's currency; 0 for none.
// - recovery_root_cause: product_fault | wait | staff | policy | price | other.
// - goodwill_approved_by: the manager whose PIN approved a grant above the clerk's authority; NULL when the clerk
//   granted it on their own. Grants a manager approved do not count towards the clerk's own daily limit.
//
// The index answers "what did this clerk grant on their own today" inside the write transaction of every grant.
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE interactions ADD COLUMN recovery_severity TEXT
      CHECK (recovery_severity IN ('minor', 'serious', 'severe'));
    ALTER TABLE interactions ADD COLUMN recovery_what TEXT;
    ALTER TABLE interactions ADD COLUMN recovery_remedy TEXT
      CHECK (recovery_remedy IN ('refund', 'replacement', 'repair', 'discount', 'gift', 'goodwill_return', 'none'));
    ALTER TABLE interactions ADD COLUMN recovery_amount_minor INTEGER
      CHECK (recovery_amount_minor >= 0 AND (recovery_remedy <> 'none' OR recovery_amount_minor = 0));
    ALTER TABLE interactions ADD COLUMN recovery_root_cause TEXT CHECK (
      CASE WHEN recovery_root_cause IS NULL
        THEN recovery_severity IS NULL AND recovery_what IS NULL AND recovery_remedy IS NULL AND recovery_amount_minor IS NULL
        ELSE recovery_root_cause IN ('product_fault', 'wait', 'staff', 'policy', 'price', 'other')
          AND recovery_severity IS NOT NULL AND recovery_what IS NOT NULL AND recovery_remedy IS NOT NULL
          AND recovery_amount_minor IS NOT NULL
      END);
    ALTER TABLE interactions ADD COLUMN goodwill_approved_by INTEGER REFERENCES clerks (id)
      CHECK (goodwill_approved_by IS NULL OR coalesce(recovery_amount_minor, 0) > 0);

    CREATE INDEX interactions_goodwill_day ON interactions (clerk_id, local_day)
      WHERE recovery_amount_minor > 0 AND goodwill_approved_by IS NULL;
  `);
}
