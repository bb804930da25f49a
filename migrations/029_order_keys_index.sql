-- order_keys (customer_id, order_id) served only merges and unmerges, which move a customer's keys;
-- every new order paid for it with an insert on a random leaf of a large index (the order import
-- claims keys in key order, so 10M orders landed on 10M random leaves, each with a full-page image
-- in the WAL after every checkpoint). Merges now reach a customer's keys through its orders: the
-- orders primary key (customer_id, id), then the order_keys primary key (source, external_id).
DROP INDEX order_keys_order_idx;
