-- Analysis engine (issue 4): model results stored per customer, and analysis runs with progress.
-- No foreign key to customers (cluster rule: customer-owned tables are linked only by customer_id).
-- Each model owns its columns and writes them set-based; `<model>_at` says when they were computed.
CREATE TABLE customer_scores (
  customer_id               bigint PRIMARY KEY,
  -- RFM (rfm/): quintile scores 1–5, the raw figures they came from, and the named segment key
  rfm_recency_days          integer,
  rfm_frequency             integer,
  rfm_monetary              numeric(14, 2),
  rfm_r                     smallint CHECK (rfm_r BETWEEN 1 AND 5),
  rfm_f                     smallint CHECK (rfm_f BETWEEN 1 AND 5),
  rfm_m                     smallint CHECK (rfm_m BETWEEN 1 AND 5),
  rfm_segment               text,
  rfm_at                    timestamptz,
  -- Clusters (clusters/): the cluster number within the latest clustering run
  cluster_id                smallint,
  cluster_run_id            bigint,
  cluster_at                timestamptz,
  -- CLV (clv/): BG/NBD + Gamma-Gamma
  clv_p_alive               double precision,
  clv_expected_purchases    double precision,
  clv_expected_spend        numeric(14, 2),
  clv_value_12m             numeric(14, 2),
  clv_at                    timestamptz,
  -- Churn risk (churn/): probability 0–1, level low|medium|high, reason codes
  churn_risk                double precision,
  churn_level               text CHECK (churn_level IN ('low', 'medium', 'high')),
  churn_reasons             text[] NOT NULL DEFAULT '{}',
  churn_at                  timestamptz,
  -- Lead scoring (leadscore/): points, model probability, grade A–D
  lead_points               integer,
  lead_probability          double precision,
  lead_grade                char(1) CHECK (lead_grade IN ('A', 'B', 'C', 'D')),
  lead_at                   timestamptz
);

CREATE INDEX customer_scores_rfm_segment_idx ON customer_scores (rfm_segment) WHERE rfm_segment IS NOT NULL;
CREATE INDEX customer_scores_cluster_idx ON customer_scores (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX customer_scores_churn_level_idx ON customer_scores (churn_level) WHERE churn_level IS NOT NULL;

-- One row per run of a model on the database's data, scheduled (nightly) or on demand.
CREATE TABLE analysis_runs (
  id            bigserial PRIMARY KEY,
  model         text NOT NULL,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress      real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  params        jsonb NOT NULL DEFAULT '{}',
  -- the model's summary (segment counts, fitted parameters, cluster descriptions …) for the pages
  summary       jsonb,
  error_code    text,
  error_message text,
  requested_by  bigint REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  started_at    timestamptz,
  finished_at   timestamptz
);

CREATE INDEX analysis_runs_model_created_idx ON analysis_runs (model, created_at DESC, id DESC);
