import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { pruneFinishedJobs } from './job-repository.js';

describe('pruneFinishedJobs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('removes done jobs after 7 days and failed ones after 30, nothing else', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const rows: [string, string, Date | null][] = [
      ['done-old', 'done', daysAgo(8)],
      ['done-new', 'done', daysAgo(6)],
      ['failed-mid', 'failed', daysAgo(8)],
      ['failed-old', 'failed', daysAgo(31)],
      ['pending', 'pending', null],
    ];
    for (const [name, status, finished] of rows) {
      await db.query(`INSERT INTO jobs (name, status, due_at, created_at, finished_at) VALUES ($1, $2, $3, $3, $4)`, [name, status, daysAgo(40), finished]);
    }
    expect(await pruneFinishedJobs(db, now)).toBe(2);
    const left = (await db.query<{ name: string }>('SELECT name FROM jobs ORDER BY name')).rows.map((r) => r.name);
    expect(left).toEqual(['done-new', 'failed-mid', 'pending']);
  });
});
