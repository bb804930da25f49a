import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../../platform/clock.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { loadDemo } from '../demo/index.js';
import { bootstrapOrganization } from '../organization/index.js';
import { scanDuplicates } from './scan.js';

/** 100k demo customers (target: 1M in < 2 min, so 100k in < 12 s). */
describe('scanDuplicates on 100,000 demo customers', () => {
  let db: Database;
  let keyring: Keyring;
  const clock = new ManualClock(new Date('2026-06-01T08:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    keyring = await Keyring.load(db, Buffer.alloc(32, 7));
    await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
    await loadDemo({ db, keyring, clock }, { customers: 100_000, seed: 42, ordersPerCustomer: 0, eventsPerCustomer: 0 });
  }, 300_000);
  afterAll(() => db.close());

  it('scans in under 12 s and is idempotent', async () => {
    const first = await scanDuplicates(db, keyring, { now: clock.now() });
    console.info('duplicate scan, 100k customers:', JSON.stringify(first));
    expect(first.customers).toBe(100_000);
    expect(first.seconds).toBeLessThan(12);
    const second = await scanDuplicates(db, keyring, { now: clock.now() });
    console.info('second scan:', JSON.stringify(second));
    expect(second.inserted).toBe(0);
    expect(second.matches).toBe(first.matches);
  }, 120_000);
});
