-- Consent entries written on behalf of an erasure (src/modules/consent/README.md): the withdrawals
-- appended when a person is erased, and when a new customer reuses an erased mobile / e-mail /
-- userId (tracking or import), carry source 'erasure' so the ledger shows why they exist.
ALTER TABLE consent_events DROP CONSTRAINT consent_events_source_check;
ALTER TABLE consent_events ADD CONSTRAINT consent_events_source_check
  CHECK (source IN ('api', 'ui', 'import', 'tracking', 'erasure'));
