import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../../platform/db/index.js';
import { repointPairs } from './duplicate-repository.js';

describe('repointPairs (set-based, real database)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('re-points pending pairs of merged customers to the master, dismissing self-pairs, taken pairs and repeats', async () => {
    const now = new Date('2026-06-01T08:00:00Z');
    // Master 1; customers 2 and 3 merged into it. Pair 100 (2 ~ 3) is the accepted one.
    const pairs: [number, number, number, string][] = [
      [100, 2, 3, 'pending'],
      [101, 2, 5, 'pending'], // → 1 ~ 5
      [102, 3, 5, 'pending'], // → 1 ~ 5 again: dismissed (the lower id took it)
      [103, 1, 4, 'pending'],
      [104, 2, 4, 'pending'], // → 1 ~ 4 exists: dismissed
      [105, 1, 3, 'pending'], // → 1 ~ 1: dismissed
      [106, 3, 6, 'dismissed'], // decided: untouched
      [107, 1, 7, 'dismissed'],
      [108, 3, 7, 'pending'], // → 1 ~ 7 exists (dismissed): dismissed
      [109, 4, 5, 'pending'], // names no merged customer: untouched
      [110, 3, 9, 'pending'], // → 1 ~ 9
    ];
    for (const [id, a, b, status] of pairs) {
      await db.query(`INSERT INTO duplicate_candidates (id, customer_a, customer_b, score, reasons, status, created_at) VALUES ($1, $2, $3, 12, '[]', $4, $5)`, [id, a, b, status, now]);
    }
    const result = await db.tx((sql) => repointPairs(sql, 100, 1, [2, 3], now, 42));
    expect(result).toEqual({ repointedPairs: [101, 110], dismissedPairs: [102, 104, 105, 108] });
    const rows = await db.query<{ id: number; customer_a: number; customer_b: number; status: string; decided_by: number | null }>(
      'SELECT id, customer_a, customer_b, status, decided_by FROM duplicate_candidates ORDER BY id',
    );
    expect(rows.rows.map((r) => [r.id, r.customer_a, r.customer_b, r.status, r.decided_by])).toEqual([
      [100, 2, 3, 'pending', null],
      [101, 1, 5, 'pending', null],
      [102, 3, 5, 'dismissed', 42],
      [103, 1, 4, 'pending', null],
      [104, 2, 4, 'dismissed', 42],
      [105, 1, 3, 'dismissed', 42],
      [106, 3, 6, 'dismissed', null],
      [107, 1, 7, 'dismissed', null],
      [108, 3, 7, 'dismissed', 42],
      [109, 4, 5, 'pending', null],
      [110, 1, 9, 'pending', null],
    ]);
  });
});
