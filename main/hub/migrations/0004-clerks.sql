-- Clerk accounts shared by the counters of one store (common/sync/clerks.ts): each account belongs to exactly one
-- store, and the hub answers a terminal only with its own store's accounts. Fields merge one by one, last writer
-- wins by hybrid logical clock, as customer_fields do. The PIN is held only as the terminal's slow salted hash.
CREATE TABLE clerks (
  id uuid PRIMARY KEY,
  store_id uuid NOT NULL REFERENCES stores (id),
  created_at timestamptz NOT NULL,
  -- Wrong PINs counted across the store's counters, and the lockout they led to (main/hub/clerks.ts). One row per
  -- account, changed only by single UPDATE statements, so counters guessing at once queue on the row lock.
  failed_pins integer NOT NULL DEFAULT 0 CHECK (failed_pins >= 0),
  lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  locked_until timestamptz
);
CREATE INDEX clerks_store ON clerks (store_id);

CREATE TABLE clerk_fields (
  clerk_id uuid NOT NULL REFERENCES clerks (id),
  field text NOT NULL,
  value jsonb NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  PRIMARY KEY (clerk_id, field)
);
