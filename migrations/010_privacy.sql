-- Personal-data rights (PIPL / GDPR, src/modules/privacy/README.md): erased identifiers and retention.

-- Identifiers of erased people, kept only as a keyed hash: salted_hash =
-- keyring.blindIndex('erased:' || type, normalized value). Lets ingest/import recognise a returning
-- mobile/email/userId without keeping the value itself. A reference-style table (no customer_id).
CREATE TABLE erased_identifiers (
  type         text NOT NULL CHECK (type IN ('mobile', 'email', 'userId')),
  salted_hash  bytea NOT NULL,
  erased_at    timestamptz NOT NULL,
  PRIMARY KEY (type, salted_hash)
);

-- How long each kind of data is kept (days); applyRetention deletes older rows daily.
CREATE TABLE retention_rules (
  data_type   text PRIMARY KEY CHECK (data_type IN ('events', 'ingested_messages')),
  keep_days   integer NOT NULL CHECK (keep_days BETWEEN 1 AND 3650),
  updated_at  timestamptz,
  updated_by  bigint
);

INSERT INTO retention_rules (data_type, keep_days) VALUES ('events', 730), ('ingested_messages', 30);
