-- New outbox events and new jobs are announced on the channel `relata_work` (payload `outbox` or
-- `jobs`), delivered at commit, once per statement. Worker processes LISTEN and start dispatching or
-- claiming at once instead of at their next poll (see src/platform/jobs/work-wakeup.ts); polling
-- stays as the fallback.
CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('relata_work', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_notify_work AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_work('outbox');
CREATE TRIGGER jobs_notify_work AFTER INSERT ON jobs FOR EACH STATEMENT EXECUTE FUNCTION notify_work('jobs');
