import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/index.js';
import { publishMany } from './outbox-repository.js';

describe('publishMany', () => {
  let db: Database;
  const clock = new ManualClock('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('writes every event in one statement, in input order, and returns their ids', async () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ topic: 'order.created', aggregateType: 'order', aggregateId: `1:${i}`, payload: { i } }));
    const ids = await publishMany(db, events, clock);
    const rows = (await db.query<{ id: number; aggregate_id: string }>('SELECT id, aggregate_id FROM outbox ORDER BY id')).rows;
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.aggregate_id)).toEqual(events.map((e) => e.aggregateId));
    expect(await publishMany(db, [], clock)).toEqual([]);
  });

  it('refuses the whole batch when one topic is invalid', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n;
    await expect(publishMany(db, [{ topic: 'ok.topic', aggregateType: 'x', aggregateId: '1', payload: {} }, { topic: 'Bad Topic', aggregateType: 'x', aggregateId: '2', payload: {} }], clock)).rejects.toThrow(RangeError);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n).toBe(before);
  });
});
