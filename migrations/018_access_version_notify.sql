-- Every move of the access counter is also announced on the channel `relata_access_version` (payload:
-- the new version), delivered at commit. Processes that LISTEN skip the per-request version query
-- while their listener is connected (see src/platform/permissions/access-version-listener.ts).
CREATE OR REPLACE FUNCTION bump_access_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE next_version bigint;
BEGIN
  UPDATE platform_versions SET version = version + 1 WHERE name = 'access' RETURNING version INTO next_version;
  PERFORM pg_notify('relata_access_version', next_version::text);
  RETURN NULL;
END $$;
