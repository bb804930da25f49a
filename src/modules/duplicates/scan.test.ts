import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../../platform/clock.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { loadDemo } from '../demo/index.js';
import { bootstrapOrganization } from '../organization/index.js';
import { scanDuplicates } from './scan.js';

/** A scan over demo customers, end to end on a real database. */
describe('scanDuplicates on 5,000 demo customers', () => {
  let db: Database;
  let keyring: Keyring;
  const clock = new ManualClock(new Date('2026-06-01T08:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    keyring = await Keyring.load(db, Buffer.alloc(32, 7));
    await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
    await loadDemo({ db, keyring, clock }, { customers: 5_000, seed: 42, ordersPerCustomer: 0, eventsPerCustomer: 0 });
  }, 300_000);
  afterAll(() => db.close());

  // Speed is measured by the benchmark (docs/benchmarks.md: 100k customers in 2.4–3.0 s), not here.
  it('scans every customer and a second scan suggests nothing new', async () => {
    const first = await scanDuplicates(db, keyring, { now: clock.now() });
    expect(first.customers).toBe(5_000);
    const second = await scanDuplicates(db, keyring, { now: clock.now() });
    expect(second.inserted).toBe(0);
    expect(second.matches).toBe(first.matches);
  }, 120_000);
});
