import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../../platform/db/index.js';
import { ANALYZE_MIN_ROWS, analyzeGrownTables } from './staging-repository.js';

describe('analyzeGrownTables', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const reltuples = async (table: string) => Number((await db.query<{ n: number }>('SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)', [table])).rows[0]!.n);
  const fill = (table: string, from: number, to: number) => db.query(`INSERT INTO ${table} (id, label) SELECT g, 'row ' || g FROM generate_series($1::int, $2::int) g`, [from, to]);

  it('analyses a table that never had statistics, once an import wrote enough rows', async () => {
    await db.query('CREATE TABLE stats_fresh (id int PRIMARY KEY, label text)');
    await fill('stats_fresh', 1, 5000);
    expect(await reltuples('stats_fresh')).toBeLessThan(0);
    expect(await analyzeGrownTables(db, ['stats_fresh'], ANALYZE_MIN_ROWS - 1)).toEqual([]);
    expect(await reltuples('stats_fresh')).toBeLessThan(0);
    expect(await analyzeGrownTables(db, ['stats_fresh'], 5000)).toEqual(['stats_fresh']);
    expect(await reltuples('stats_fresh')).toBe(5000);
  });

  it('analyses a table grown by more than a tenth, and leaves one grown by less', async () => {
    await db.query('CREATE TABLE stats_grown (id int PRIMARY KEY, label text)');
    await fill('stats_grown', 1, 20_000);
    await db.query('ANALYZE stats_grown');
    await fill('stats_grown', 20_001, 21_500);
    expect(await analyzeGrownTables(db, ['stats_grown'], 1500)).toEqual([]);
    expect(await reltuples('stats_grown')).toBe(20_000);
    await fill('stats_grown', 21_501, 30_000);
    expect(await analyzeGrownTables(db, ['stats_grown', 'stats_missing'], 8500)).toEqual(['stats_grown']);
    expect(await reltuples('stats_grown')).toBe(30_000);
  });
});
