-- Platform: organisation, access control, audit, outbox, jobs, keys, idempotency.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE departments (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_id   bigint REFERENCES departments (id),
  sort_order  int NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX departments_parent_idx ON departments (parent_id);

CREATE TABLE users (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  password_hash  text NOT NULL,
  department_id  bigint REFERENCES departments (id),
  manager_id     bigint REFERENCES users (id),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  locale         text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_department_idx ON users (department_id);
CREATE INDEX users_manager_idx ON users (manager_id);

CREATE TABLE roles (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key          text UNIQUE,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description  text NOT NULL DEFAULT '',
  is_admin     boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id  bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role_idx ON user_roles (role_id);

-- Object permissions per role; no row = no access (deny by default).
CREATE TABLE role_object_permissions (
  role_id     bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  object      text NOT NULL,
  can_read    boolean NOT NULL DEFAULT false,
  can_create  boolean NOT NULL DEFAULT false,
  can_update  boolean NOT NULL DEFAULT false,
  can_delete  boolean NOT NULL DEFAULT false,
  can_export  boolean NOT NULL DEFAULT false,
  data_scope  text NOT NULL DEFAULT 'self' CHECK (data_scope IN ('self', 'self_sub', 'dept', 'dept_sub', 'all')),
  PRIMARY KEY (role_id, object)
);

-- Field permissions per role; no row = hidden (a new field is invisible until granted).
CREATE TABLE role_field_permissions (
  role_id  bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  object   text NOT NULL,
  field    text NOT NULL,
  access   text NOT NULL CHECK (access IN ('hidden', 'read', 'edit')),
  masked   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (role_id, object, field)
);

CREATE TABLE sessions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash  bytea NOT NULL UNIQUE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix        text NOT NULL,
  key_hash      bytea NOT NULL UNIQUE,
  role_id       bigint NOT NULL REFERENCES roles (id),
  user_id       bigint NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

-- Field catalogue: system fields are declared in code; custom fields live here and are real columns.
CREATE TABLE field_definitions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  object       text NOT NULL,
  key          text NOT NULL,
  column_name  text NOT NULL,
  label_zh     text NOT NULL,
  label_en     text NOT NULL,
  type         text NOT NULL,
  options      jsonb NOT NULL DEFAULT '[]',
  required     boolean NOT NULL DEFAULT false,
  position     int NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (object, key)
);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash || canonical row).
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL,
  actor_id    bigint,
  actor_name  text NOT NULL DEFAULT '',
  action      text NOT NULL,
  object      text NOT NULL DEFAULT '',
  record_id   text NOT NULL DEFAULT '',
  changes     jsonb NOT NULL DEFAULT '{}',
  ip          text NOT NULL DEFAULT '',
  request_id  text NOT NULL DEFAULT '',
  prev_hash   bytea NOT NULL,
  hash        bytea NOT NULL
);
CREATE INDEX audit_log_record_idx ON audit_log (object, record_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Transactional outbox of domain events.
CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic           text NOT NULL,
  aggregate_type  text NOT NULL,
  aggregate_id    text NOT NULL,
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  published_at    timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- Durable job queue (claimed with FOR UPDATE SKIP LOCKED).
CREATE TABLE jobs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts      int NOT NULL DEFAULT 0,
  max_attempts  int NOT NULL DEFAULT 5,
  due_at        timestamptz NOT NULL,
  locked_by     text,
  locked_until  timestamptz,
  last_error    text,
  unique_key    text UNIQUE,
  created_at    timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (due_at) WHERE status = 'pending';
CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE status = 'running';

-- Data keys for field encryption, wrapped by the master key.
CREATE TABLE crypto_keys (
  id          int PRIMARY KEY,
  purpose     text NOT NULL CHECK (purpose IN ('data', 'blind_index')),
  wrapped     bytea NOT NULL,
  status      text NOT NULL CHECK (status IN ('active', 'retired')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE idempotency_keys (
  actor         text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status_code   int,
  response      text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (actor, key)
);

CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);

-- China administrative divisions (provinces and prefecture-level cities) for region fields.
CREATE TABLE regions (
  code         text PRIMARY KEY CHECK (code ~ '^\d{6}$'),
  name         text NOT NULL,
  parent_code  text REFERENCES regions (code),
  level        smallint NOT NULL
);
