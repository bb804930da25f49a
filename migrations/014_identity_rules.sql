-- Identity resolution rules and merge history (src/modules/ingest/README.md, DOMAIN.md §2).

-- Per identifier type (Segment-style): how many values one customer may hold (NULL = unlimited)
-- and its priority (1 = strongest) when a message's identifiers point at different customers.
-- Built-in types cannot be removed; admins add custom ones. Extra blocked values per type.
CREATE TABLE identity_rules (
  type              text PRIMARY KEY CHECK (type ~ '^[A-Za-z][A-Za-z0-9_]{0,39}$'),
  label             text NOT NULL DEFAULT '' CHECK (length(label) <= 100),
  builtin           boolean NOT NULL DEFAULT false,
  max_per_customer  integer CHECK (max_per_customer BETWEEN 1 AND 1000),
  priority          integer NOT NULL CHECK (priority BETWEEN 1 AND 1000),
  blocked_values    text[] NOT NULL DEFAULT '{}',
  updated_at        timestamptz,
  updated_by        bigint
);
INSERT INTO identity_rules (type, label, builtin, max_per_customer, priority) VALUES
  ('userId', 'User ID', true, 1, 1),
  ('wechatUnionId', 'WeChat unionid', true, 1, 2),
  ('wecomExternalUserId', 'WeCom external_userid', true, 3, 3),
  ('mobile', 'Mobile', true, 5, 4),
  ('email', 'Email', true, 5, 5),
  ('wechatOpenId', 'WeChat openid', true, NULL, 6),
  ('anonymousId', 'Anonymous ID', true, NULL, 7);

-- Values that never identify anybody, whatever the type (Segment's blocked list); compared trimmed
-- and lower-cased. All-zero ids are blocked by code on top of this list.
CREATE TABLE identity_blocked_values (
  value  text PRIMARY KEY CHECK (value = lower(btrim(value)) AND length(value) <= 200)
);
INSERT INTO identity_blocked_values (value) VALUES
  (''), ('null'), ('undefined'), ('nil'), ('none'), ('nan'), ('0'), ('-1'), ('anonymous');

-- Ingest reads both tables once per batch, in the batch's transaction (two tiny reads), so a
-- change applies to the next batch everywhere without a cache to invalidate.

-- Custom identifier types: the fixed list of 005 becomes the identity_rules name pattern.
ALTER TABLE customer_identifiers DROP CONSTRAINT customer_identifiers_type_check;
ALTER TABLE customer_identifiers ADD CONSTRAINT customer_identifiers_type_check
  CHECK (type ~ '^[A-Za-z][A-Za-z0-9_]{0,39}$');

-- One row per customer merged away: what moved (row keys per table) and the merged profile's row
-- as it was, so that unmerge restores it without loss. master_before/master_after: the master's
-- row around the merge (unmerge puts back a field the merge changed if nobody changed it since).
CREATE TABLE customer_merges (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  master_id        bigint NOT NULL,
  merged_id        bigint NOT NULL,
  via              text NOT NULL CHECK (via IN ('manual', 'duplicate_review', 'tracking')),
  strategies       jsonb NOT NULL DEFAULT '{}',
  merged_snapshot  jsonb NOT NULL,
  master_before    jsonb NOT NULL,
  master_after     jsonb,
  moved            jsonb NOT NULL DEFAULT '{}',
  merged_at        timestamptz NOT NULL,
  merged_by        bigint,
  actor_name       text,
  unmerged_at      timestamptz,
  unmerged_by      bigint
);
CREATE INDEX customer_merges_master_idx ON customer_merges (master_id, merged_at DESC, id DESC);
CREATE INDEX customer_merges_merged_idx ON customer_merges (merged_id);

-- The consent ledger stays append-only, except that a merge / unmerge may move whole entries
-- between customers (customer_id only, nothing else changed) when it says so for its transaction.
CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('relata.moving_customer_rows', true) = 'on'
     AND to_jsonb(NEW) - 'customer_id' = to_jsonb(OLD) - 'customer_id' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only: record a new entry instead';
END $$;
