-- The data sync: customers merged field by field, append-only facts, and the change feed terminals pull.
-- Clocks are hybrid logical clock stamps (common/sync/hlc.ts), fixed-width text whose byte order is clock order:
-- COLLATE "C" makes PostgreSQL compare them byte by byte, as the terminals do.

-- The last mutation of each terminal's that the hub applied: a push retried after a timeout skips up to it.
ALTER TABLE terminals ADD COLUMN last_mutation_id bigint NOT NULL DEFAULT 0 CHECK (last_mutation_id >= 0);

-- A customer as the chain knows it. Its fields live in customer_fields, one row per field. erased_* is set once and
-- for good: an erased customer keeps only this row, so a late edit can be recognised and dropped.
CREATE TABLE customers (
  id uuid PRIMARY KEY,
  origin_store_id uuid NOT NULL REFERENCES stores (id),
  origin_terminal_id uuid NOT NULL REFERENCES terminals (id),
  created_at timestamptz NOT NULL,
  erased_at timestamptz,
  erased_hlc text COLLATE "C",
  CHECK ((erased_at IS NULL) = (erased_hlc IS NULL))
);

-- Per field, the value that won and its stamp: last writer wins, field by field.
CREATE TABLE customer_fields (
  customer_id uuid NOT NULL REFERENCES customers (id),
  field text NOT NULL,
  value jsonb NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  PRIMARY KEY (customer_id, field)
);

-- Append-only facts (interactions, purchases), idempotent by their global id. customer_id has no foreign key: a fact
-- is kept even when it names a customer this hub has not heard of (yet).
CREATE TABLE facts (
  id uuid PRIMARY KEY,
  entity text NOT NULL,
  customer_id uuid,
  hlc text COLLATE "C" NOT NULL,
  fields jsonb NOT NULL,
  origin_store_id uuid NOT NULL REFERENCES stores (id),
  origin_terminal_id uuid NOT NULL REFERENCES terminals (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX facts_customer ON facts (customer_id) WHERE customer_id IS NOT NULL;

-- The feed: every accepted change, numbered in commit order (pushes take one transaction-level advisory lock, so no
-- change can commit with a smaller seq after a larger one was visible). A fact's change reads the fact itself, so an
-- erasure that blanks the fact blanks what later pulls get; a customer's change keeps its field states in body.
CREATE TABLE changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity text NOT NULL,
  entity_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('upsert', 'append', 'erase')),
  hlc text COLLATE "C" NOT NULL,
  body jsonb,
  origin_store_id uuid NOT NULL REFERENCES stores (id),
  origin_terminal_id uuid NOT NULL REFERENCES terminals (id),
  committed_at timestamptz NOT NULL
);
CREATE INDEX changes_entity ON changes (entity_id);

-- The hub's own clock, shared by every hub process (read and written only under the push lock): it re-stamps a
-- change whose clock is too far ahead, later than every stamp the hub has seen.
CREATE TABLE hub_clock (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last text COLLATE "C" NOT NULL
);
