-- The same person created at two stores: merges (an alias customer that resolves to its survivor), identifiers that
-- two different people share (conflicts for a manager), and the hub's audit of what managers did.

-- How an identifier is compared between customers: an email without case or spaces, a card without spaces or dashes
-- in upper case, a phone by its last 9 digits (the national number without a trunk 0 or a country code: the hub does
-- not know each store's country, and a wrong match is still stopped by the name rule). '' when there is nothing to
-- compare.
CREATE FUNCTION identifier_key(field text, value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT CASE
    WHEN jsonb_typeof(value) <> 'string' THEN ''
    WHEN field = 'email' THEN lower(btrim(value #>> '{}'))
    WHEN field = 'loyaltyId' THEN upper(regexp_replace(value #>> '{}', '[\s-]+', '', 'g'))
    WHEN field = 'phone' THEN CASE WHEN length(regexp_replace(value #>> '{}', '\D', '', 'g')) >= 7
                                   THEN right(regexp_replace(value #>> '{}', '\D', '', 'g'), 9) ELSE '' END
    ELSE '' END
$$;
CREATE INDEX customer_fields_identifier ON customer_fields (field, identifier_key(field, value))
  WHERE field IN ('email', 'phone', 'loyaltyId');

-- alias_id resolves to survivor_id while undone_at is null. A customer is the alias of one merge at most at a time;
-- a survivor may itself become an alias later, so resolving follows the chain to its root. An undone merge stays as
-- the manager's word that these two are different people: the hub never merges the pair again.
CREATE TABLE customer_merges (
  id uuid PRIMARY KEY,
  alias_id uuid NOT NULL REFERENCES customers (id),
  survivor_id uuid NOT NULL REFERENCES customers (id),
  -- Which identifier they share: 'email', 'phone' or 'loyaltyId' (never its value).
  matched_on text NOT NULL CHECK (matched_on IN ('email', 'phone', 'loyaltyId')),
  merged_at timestamptz NOT NULL,
  undone_at timestamptz,
  undone_by text,
  CHECK (alias_id <> survivor_id),
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE UNIQUE INDEX customer_merges_alias ON customer_merges (alias_id) WHERE undone_at IS NULL;
CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id) WHERE undone_at IS NULL;

-- Two customers whose names say they are different people share an identifier: not merged, listed for a manager.
CREATE TABLE customer_conflicts (
  customer_a uuid NOT NULL REFERENCES customers (id),
  customer_b uuid NOT NULL REFERENCES customers (id),
  matched_on text NOT NULL CHECK (matched_on IN ('email', 'phone', 'loyaltyId')),
  found_at timestamptz NOT NULL,
  PRIMARY KEY (customer_a, customer_b, matched_on),
  CHECK (customer_a < customer_b)
);

-- What people did on the hub (undoing a merge, for now): who, when, what, on which row. No personal values.
CREATE TABLE hub_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject uuid,
  details jsonb NOT NULL DEFAULT '{}'
);

-- The feed carries merges and their undoing: entity_id is the alias, body names the survivor and the merge.
ALTER TABLE changes DROP CONSTRAINT changes_kind_check;
ALTER TABLE changes ADD CONSTRAINT changes_kind_check CHECK (kind IN ('upsert', 'append', 'erase', 'merge', 'unmerge'));
