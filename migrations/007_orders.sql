-- Orders / transactions ingestion (src/modules/orders/README.md): order lines, idempotency keys,
-- refunds. The demo loader COPYs into orders with a fixed column list, so every column added here is
-- nullable or has a default.
ALTER TABLE orders
  ADD COLUMN external_id      text,
  ADD COLUMN source           text,
  ADD COLUMN currency         text NOT NULL DEFAULT 'CNY',
  ADD COLUMN refunded_amount  numeric(14, 2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
  ADD COLUMN paid_at          timestamptz,
  ADD COLUMN refunded_at      timestamptz,
  -- sha256 of the normalized order as last received: an unchanged resend writes nothing.
  ADD COLUMN content_hash     text,
  ADD COLUMN updated_at       timestamptz,
  ADD CONSTRAINT orders_refund_within_amount CHECK (refunded_amount <= amount);

-- Per-customer uniqueness of an external id (contains customer_id: allowed on the cluster tier).
CREATE UNIQUE INDEX orders_external_idx ON orders (customer_id, source, external_id) WHERE external_id IS NOT NULL;
-- The customer's orders newest first (GET /api/customers/:id/orders, figures).
CREATE INDEX orders_customer_ordered_idx ON orders (customer_id, ordered_at DESC, id DESC);

-- Idempotency across customers: (source, external_id) → the one order it created. A global unique
-- index on orders without customer_id would break the cluster rule (ARCHITECTURE §6), so the key
-- lives in its own (reference-style) table, claimed with INSERT … ON CONFLICT DO NOTHING.
CREATE TABLE order_keys (
  source       text NOT NULL,
  external_id  text NOT NULL,
  customer_id  bigint NOT NULL,
  order_id     bigint NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (source, external_id)
);
CREATE INDEX order_keys_order_idx ON order_keys (customer_id, order_id);

-- Order lines: customer-owned, keyed by customer_id (co-located with orders). No foreign key: the
-- demo loader truncates orders, and the cluster tier distributes both by customer_id.
CREATE TABLE order_lines (
  customer_id   bigint NOT NULL,
  order_id      bigint NOT NULL,
  line_no       int NOT NULL CHECK (line_no >= 1),
  sku           text NOT NULL,
  product_name  text NOT NULL,
  category      text,
  quantity      numeric(12, 3) NOT NULL CHECK (quantity > 0),
  unit_price    numeric(14, 2) NOT NULL CHECK (unit_price >= 0),
  amount        numeric(14, 2) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (customer_id, order_id, line_no)
);
CREATE INDEX order_lines_sku_idx ON order_lines (sku);
