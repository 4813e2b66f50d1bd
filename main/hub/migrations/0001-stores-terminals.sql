-- The chain's stores, the terminals enrolled at them, and the one-time codes that enrol a terminal.
-- Ids are UUID v7 made by the hub (common/sync/ids.ts). Secrets are held only as SHA-256 digests (main/hub/secrets.ts).
-- Times come from the hub's clock as parameters, not now(), so tests can move the clock.

CREATE TABLE stores (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL
);
-- "galway" and "Galway" are the same shop.
CREATE UNIQUE INDEX stores_name_key ON stores (lower(name));

CREATE TABLE terminals (
  id uuid PRIMARY KEY,
  store_id uuid NOT NULL REFERENCES stores (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  credential_hash bytea NOT NULL UNIQUE CHECK (length(credential_hash) = 32),
  enrolled_at timestamptz NOT NULL,
  app_version text,
  protocol_version integer,
  last_seen_at timestamptz,
  revoked_at timestamptz
);
-- A name is taken while its terminal is active; a revoked till's name goes to its replacement.
CREATE UNIQUE INDEX terminals_active_name_key ON terminals (store_id, lower(name)) WHERE revoked_at IS NULL;

CREATE TABLE enrolment_codes (
  code_hash bytea PRIMARY KEY CHECK (length(code_hash) = 32),
  store_id uuid NOT NULL REFERENCES stores (id),
  terminal_name text NOT NULL CHECK (length(terminal_name) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  used_at timestamptz,
  -- The terminal the code became; a used code keeps saying which.
  terminal_id uuid REFERENCES terminals (id),
  CHECK ((used_at IS NULL) = (terminal_id IS NULL))
);
CREATE INDEX enrolment_codes_pending ON enrolment_codes (store_id, lower(terminal_name)) WHERE used_at IS NULL;
