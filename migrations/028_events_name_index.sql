-- Segment event conditions ("浏览商品 at least twice in 30 days") read events by name and time; the
-- index for them was (customer_id, name, occurred_at), led by the customer, so every tracked event
-- landed on a random leaf of a large index (with a full-page image in the WAL after each
-- checkpoint). Led by name and time instead, new events land on the newest leaf of their name: the
-- set-based form (name = $1 AND occurred_at >= $2, grouped by customer) is a range scan that covers
-- customer_id, and per-customer reads use the primary key (customer_id, occurred_at, id).
CREATE INDEX events_name_occurred_idx ON events (name, occurred_at, customer_id);
DROP INDEX events_customer_name_occurred_idx;
