-- Tracking API (Segment spec): sources with write keys, identifiers mapped to customers, idempotent
-- ingestion of events. No foreign keys to customers/events: those tables are truncated by the demo
-- loader and will be distributed by customer_id in the cluster tier.

CREATE TABLE sources (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  write_key_hash    bytea NOT NULL UNIQUE,
  write_key_prefix  text NOT NULL,
  created_at        timestamptz NOT NULL,
  created_by        bigint,
  disabled_at       timestamptz
);

-- identifier (type, normalized value) → customer. value_hash = keyring.blindIndex('identifier:' || type,
-- normalized value). email/mobile are sensitive: sealed in value_enc, value stays NULL.
CREATE TABLE customer_identifiers (
  customer_id  bigint NOT NULL,
  type         text NOT NULL CHECK (type IN ('userId', 'anonymousId', 'email', 'mobile')),
  value_hash   bytea NOT NULL,
  value_enc    bytea,
  value        text,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (type, value_hash)
);
CREATE INDEX customer_identifiers_customer_idx ON customer_identifiers (customer_id);

-- Idempotency of ingestion: a UNIQUE (source_id, message_id) on events would not contain the
-- distribution column customer_id (events' key is (customer_id, id)), so the key lives here and is
-- claimed with INSERT … ON CONFLICT DO NOTHING in the same transaction as the event.
CREATE TABLE ingested_messages (
  source_id    bigint NOT NULL,
  message_id   text NOT NULL,
  customer_id  bigint,
  event_id     bigint,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (source_id, message_id)
);
CREATE INDEX ingested_messages_customer_idx ON ingested_messages (customer_id);

-- Nullable columns only: the demo loader's COPY column list stays valid.
ALTER TABLE events
  ADD COLUMN message_id    text,
  ADD COLUMN source_id     bigint,
  ADD COLUMN anonymous_id  text,
  ADD COLUMN user_id       text,
  ADD COLUMN context       jsonb,
  ADD COLUMN received_at   timestamptz,
  ADD COLUMN sent_at       timestamptz;
