-- PREPARE TRANSACTION refuses a transaction that has sent a NOTIFY, so the outbox / jobs wake-up
-- (022) stays silent in a side transaction that will be prepared (src/platform/db/side-transaction.ts
-- sets `relata.prepare` for its transaction). Its events are committed by COMMIT PREPARED and reach
-- the dispatchers at their next poll (0.5 s).
CREATE OR REPLACE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('relata.prepare', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('relata_work', TG_ARGV[0]);
  RETURN NULL;
END $$;
