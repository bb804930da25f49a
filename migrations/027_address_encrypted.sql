-- The street-level part of an address is personal data (ARCHITECTURE: sensitive fields are
-- encrypted at rest; region codes stay in clear for analytics): customers.address becomes
-- address_enc (AES-256-GCM) + address_bidx (blind index of the trimmed text, for equality and
-- duplicate counts). Existing clear values move at the next start: `sealLegacyAddresses`
-- (src/modules/customers) seals them in batches and then drops address_legacy. A database without
-- addresses drops it here at once.
ALTER TABLE customers RENAME COLUMN address TO address_legacy;
ALTER TABLE customers ADD COLUMN address_enc bytea, ADD COLUMN address_bidx bytea;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM customers WHERE address_legacy IS NOT NULL) THEN
    ALTER TABLE customers DROP COLUMN address_legacy;
  END IF;
END $$;
