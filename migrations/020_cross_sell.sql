-- Cross-sell (issue 4): the association rules of the latest `basket` analysis run (order lines as
-- baskets, items = sku or category), replaced as a whole by each run. "Bought A, not B" for one
-- customer reads the rules whose antecedent the customer has fully bought (antecedent <@ items: GIN).
CREATE TABLE cross_sell_rules (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id       bigint,
  item_kind    text NOT NULL CHECK (item_kind IN ('sku', 'category')),
  antecedent   text[] NOT NULL,
  consequent   text NOT NULL,
  support      double precision NOT NULL,
  confidence   double precision NOT NULL,
  lift         double precision NOT NULL,
  baskets      integer NOT NULL,
  computed_at  timestamptz NOT NULL
);

CREATE INDEX cross_sell_rules_antecedent_idx ON cross_sell_rules USING gin (antecedent);
