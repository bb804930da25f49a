import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../../../test/support/test-app.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { sealLegacyAddresses } from './legacy-addresses.js';

describe('addresses kept in clear before migration 027', () => {
  let db: Database;
  let keyring: Keyring;
  beforeAll(async () => {
    db = await createTestDatabase();
    keyring = await Keyring.load(db, TEST_MASTER_KEY);
  });
  afterAll(() => db.close());

  const addressColumns = async () =>
    (await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name LIKE 'address%' ORDER BY 1`)).rows.map((r) => r.column_name);

  it('a fresh database has only the sealed columns, and there is nothing to move', async () => {
    expect(await addressColumns()).toEqual(['address_bidx', 'address_enc']);
    expect(await sealLegacyAddresses(db, keyring)).toBe(0);
  });

  it('are sealed in batches with their blind index, then the clear column is dropped', async () => {
    // The state migration 027 leaves when customers already had addresses.
    await db.query('ALTER TABLE customers ADD COLUMN address_legacy text');
    const n = 12_003;
    await db.query(
      `INSERT INTO customers (name, kind, created_at, updated_at, address_legacy)
       SELECT '客户' || g, 'person', now(), now(), CASE WHEN g % 1000 = 0 THEN '  ' WHEN g % 7 = 0 THEN NULL ELSE ' 广东省深圳市南山区科技园路' || g || '号 ' END
       FROM generate_series(1, $1) g`,
      [n],
    );
    const batches: number[] = [];
    const sealed = await sealLegacyAddresses(db, keyring, (done) => batches.push(done));
    expect(sealed).toBe(n - Math.floor(n / 7) + Math.floor(n / 7000));
    expect(batches.length).toBe(3);
    expect(await addressColumns()).toEqual(['address_bidx', 'address_enc']);

    const rows = (await db.query<{ name: string; address_enc: Buffer | null; address_bidx: Buffer | null }>(`SELECT name, address_enc, address_bidx FROM customers WHERE name IN ('客户1', '客户7', '客户1000') ORDER BY name`)).rows;
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(keyring.decrypt(byName.get('客户1')!.address_enc!)).toBe('广东省深圳市南山区科技园路1号');
    expect(byName.get('客户1')!.address_bidx).toEqual(keyring.blindIndex('address', '广东省深圳市南山区科技园路1号'));
    expect(byName.get('客户7')!.address_enc).toBeNull();
    expect(byName.get('客户1000')!.address_enc).toBeNull();
    const clear = await db.query(`SELECT 1 FROM customers WHERE position('科技园' in encode(address_enc, 'escape')) > 0 LIMIT 1`);
    expect(clear.rowCount).toBe(0);
    expect(await sealLegacyAddresses(db, keyring)).toBe(0);
  });
});
