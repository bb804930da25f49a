-- One counter that moves whenever anything an access decision reads changes (roles, grants,
-- users, departments, sessions, API keys, field definitions). Processes cache that metadata and
-- check the counter once per request, so changes still apply on the next request everywhere.
CREATE TABLE platform_versions (
  name     text PRIMARY KEY,
  version  bigint NOT NULL
);
INSERT INTO platform_versions (name, version) VALUES ('access', 0);

CREATE FUNCTION bump_access_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE platform_versions SET version = version + 1 WHERE name = 'access';
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['roles', 'user_roles', 'role_object_permissions', 'role_field_permissions',
                           'users', 'departments', 'sessions', 'api_keys', 'field_definitions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_access_version()', t || '_bump_access_version', t);
  END LOOP;
END $$;
