-- Saved column mappings for imports (issue 3: "column mapping (saved as templates)"): one per
-- (object, name), shared by everyone who may import that object; chosen on the import page or with
-- `relata import … --template NAME`.
CREATE TABLE import_templates (
  id          bigserial PRIMARY KEY,
  object      text NOT NULL CHECK (object IN ('customers', 'orders', 'events')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  mapping     jsonb NOT NULL,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  updated_by  bigint REFERENCES users (id),
  updated_at  timestamptz NOT NULL,
  UNIQUE (object, name)
);
