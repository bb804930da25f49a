-- events carried two indexes led by customer_id that answer the same questions: the primary key
-- (customer_id, id) and (customer_id, occurred_at, id), the timeline's and the traits' order. Every
-- tracked event paid for both. The primary key becomes (customer_id, occurred_at, id) — still unique
-- (ids come from the identity), still led by the distribution column — and the extra index goes, so
-- ingest maintains three indexes instead of four.
CREATE UNIQUE INDEX events_customer_occurred_key ON events (customer_id, occurred_at, id);
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_customer_occurred_key;
DROP INDEX events_customer_occurred_idx;
