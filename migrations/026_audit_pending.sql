-- Audit entries of high-volume writers (tracking ingest: identify profile updates, merges) commit
-- here, in the same transaction as the write, without the audit chain's lock — that lock made every
-- ingest batch with an audited change wait for the previous one's commit. The audit sealer moves
-- them into audit_log (the hash chain) in id order, in batches, within about a second; readers of
-- the audit log (the audit page, `relata audit verify`) seal what is pending first. An entry here
-- is as durable as the write it describes; it is just not chained yet.
CREATE TABLE audit_pending (
  id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry  jsonb NOT NULL
);
