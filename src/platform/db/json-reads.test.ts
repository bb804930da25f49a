import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from './database.js';
import { isoText, type JsonRead, jsonReadsSelect, parseJsonReads, readJson, readJsonMany } from './json-reads.js';

const square: JsonRead<number> = { sql: (key) => `(SELECT to_json(${key} * ${key}))`, parse: (value) => value as number };
const missing: JsonRead<string> = { sql: (key) => `(SELECT to_json(g) FROM generate_series(1, 0) g WHERE g = ${key})`, parse: (value) => (value === null ? 'none' : String(value)) };
const time: JsonRead<string> = { sql: () => `(SELECT to_json(${isoText(`'2026-06-01 08:00:00.123456+08'::timestamptz`)}))`, parse: (value) => value as string };

describe('JSON reads', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('runs several reads in one statement, each parsed by its own read; nothing found parses null', async () => {
    const reads = { square, missing, time };
    expect(await readJsonMany(db, reads, 12)).toEqual({ square: 144, missing: 'none', time: '2026-06-01T00:00:00.123Z' });
    expect(await readJsonMany(db, reads, 3)).toEqual({ square: 9, missing: 'none', time: '2026-06-01T00:00:00.123Z' });
    expect(await readJson(db, square, 5)).toBe(25);
  });

  it('puts the reads into a statement that also reads other things, keyed by any SQL expression', async () => {
    const reads = { square, missing };
    const rows = (await db.query<Record<string, unknown>>(`SELECT g AS n, ${jsonReadsSelect(reads, 'g')} FROM generate_series(2, 4) g ORDER BY g`)).rows;
    expect(rows.map((row) => ({ n: row.n, ...parseJsonReads(reads, row) }))).toEqual([
      { n: 2, square: 4, missing: 'none' },
      { n: 3, square: 9, missing: 'none' },
      { n: 4, square: 16, missing: 'none' },
    ]);
  });

  it('writes times as Date#toISOString does', async () => {
    const at = new Date('2026-12-05T02:03:04.567Z');
    const row = (await db.query<{ text: string }>(`SELECT ${isoText('$1::timestamptz')} AS text`, [at])).rows[0]!;
    expect(row.text).toBe(at.toISOString());
  });
});
