-- Insights dashboard aggregates kept per (kind, data scope, parameters): at 1M customers and 10M
-- orders a cohort table or the score distributions take seconds to compute, so they are served from
-- here while fresh (see src/modules/insights/insight-snapshots.ts), recomputed on demand ("refresh"),
-- when a newer analysis run finished, or after an hour; the whole-company scope is warmed nightly.
CREATE TABLE insight_snapshots (
  kind         text NOT NULL,
  scope_key    text NOT NULL,
  params       text NOT NULL,
  body         jsonb NOT NULL,
  computed_at  timestamptz NOT NULL,
  PRIMARY KEY (kind, scope_key, params)
);
