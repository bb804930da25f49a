-- A unit of work split over two connections (a large customer import, so that PostgreSQL uses both
-- cores) commits with two-phase commit: the side connection PREPAREs its transaction, the main one
-- inserts its global id here and commits; the row records the decision, so a prepared transaction
-- left behind by a crash is committed when its row exists and rolled back otherwise (at the next
-- start: src/platform/db/side-transaction.ts).
CREATE TABLE prepared_commits (
  gid         text PRIMARY KEY,
  decided_at  timestamptz NOT NULL DEFAULT now()
);
