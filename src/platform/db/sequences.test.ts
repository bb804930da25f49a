import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from './database.js';
import { nextIdSql } from './sequences.js';

describe('nextIdSql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('draws distinct, increasing ids from the identity sequence of the table', async () => {
    const first = await db.query<{ id: string }>(`SELECT ${nextIdSql('orders')} AS id FROM generate_series(1, 5)`);
    const ids = first.rows.map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const after = await db.query<{ id: string }>(`SELECT ${nextIdSql('orders')} AS id`);
    expect(Number(after.rows[0]!.id)).toBeGreaterThan(Math.max(...ids));
    const inserted = await db.query<{ id: string }>(`INSERT INTO orders (customer_id, order_no, amount, channel, ordered_at, created_at) VALUES (1, 'n', 1, 'web', now(), now()) RETURNING id`);
    expect(Number(inserted.rows[0]!.id)).toBeGreaterThan(Number(after.rows[0]!.id));
    await db.query('DELETE FROM orders');
  });

  it('looks the sequence up once per statement, not once per row', async () => {
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE, COSTS OFF) SELECT ${nextIdSql('events')} FROM generate_series(1, 3)`);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/InitPlan/);
    expect(text).toMatch(/Output: nextval\((\$0|\(InitPlan 1\)\.col1)\)/); // PostgreSQL 15 names it $0
  });
});
