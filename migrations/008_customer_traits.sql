-- Computed traits of the 360 view (DOMAIN.md §2): kept per customer and recomputed from events and
-- orders as they change, so segment and churn rules read columns instead of scanning events.
-- No foreign key to customers (cluster rule: customer-owned tables are linked only by customer_id).
CREATE TABLE customer_traits (
  customer_id                     bigint PRIMARY KEY,
  -- {"<type>:<name>": {"7d": n, "30d": n, "90d": n}} over windows ending at computed_at
  event_counts                    jsonb NOT NULL DEFAULT '{}',
  first_seen_at                   timestamptz,
  last_seen_at                    timestamptz,
  last_order_at                   timestamptz,
  order_count                     integer NOT NULL DEFAULT 0,
  order_total                     numeric(14, 2) NOT NULL DEFAULT 0,
  average_order_value             numeric(14, 2),
  average_purchase_interval_days  numeric(10, 2),
  computed_at                     timestamptz NOT NULL
);

-- The timeline reads a customer's events newest first (keyset pagination); orders have
-- orders_customer_ordered_idx from 007.
CREATE INDEX events_customer_occurred_idx ON events (customer_id, occurred_at, id);
