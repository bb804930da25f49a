import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { AccessVersionListener } from './access-version-listener.js';
import { MetadataCache } from './metadata-cache.js';

/** A Sql that counts the statements it runs, to prove listening mode skips the version query. */
function countingSql(db: Database) {
  const counter = { queries: 0 };
  const sql = {
    query: (text: string, params?: readonly unknown[]) => {
      counter.queries++;
      return db.query(text, params);
    },
  } as unknown as Database;
  return { sql, counter };
}

describe('AccessVersionListener', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('drops the cache when another connection changes access metadata, without a query per request', async () => {
    const cache = new MetadataCache();
    const listener = new AccessVersionListener(db.url, cache);
    await listener.start();
    try {
      const { sql, counter } = countingSql(db);
      let loads = 0;
      const load = async () => ++loads;
      await cache.sync(sql); // the first sync after connecting reads the counter once
      expect(counter.queries).toBe(1);
      expect(await cache.get('k', load)).toBe(1);
      for (let i = 0; i < 5; i++) await cache.sync(sql);
      expect(counter.queries).toBe(1); // listening: no per-request query
      expect(await cache.get('k', load)).toBe(1);

      await db.query(`INSERT INTO roles (name) VALUES ('通知角色')`);
      let value = 1;
      await eventually(() => {
        void cache.get('k', load).then((v) => {
          value = v;
        });
        return value === 2;
      });
      expect(counter.queries).toBe(1);
    } finally {
      await listener.stop();
    }
  });

  it('a write in this process marks the cache stale so the next request reads the counter itself', async () => {
    const cache = new MetadataCache();
    const listener = new AccessVersionListener(db.url, cache);
    await listener.start();
    try {
      const { sql, counter } = countingSql(db);
      let loads = 0;
      const load = async () => ++loads;
      await cache.sync(sql);
      await cache.get('k', load);
      await db.query(`UPDATE roles SET name = name`);
      cache.markStale();
      await cache.sync(sql); // no waiting for the notification: the query sees the new version
      expect(counter.queries).toBe(2);
      expect(await cache.get('k', load)).toBe(2);
    } finally {
      await listener.stop();
    }
  });

  it('falls back to polling when the listener is stopped', async () => {
    const cache = new MetadataCache();
    const listener = new AccessVersionListener(db.url, cache);
    await listener.start();
    await listener.stop();
    const { sql, counter } = countingSql(db);
    await cache.sync(sql);
    await cache.sync(sql);
    expect(counter.queries).toBe(2);
  });

  it('ignores a version older than the one it has', () => {
    const cache = new MetadataCache();
    let loads = 0;
    const load = async () => ++loads;
    cache.applyVersion(10);
    void cache.get('k', load);
    cache.applyVersion(9);
    void cache.get('k', load);
    expect(loads).toBe(1);
    cache.applyVersion(11);
    void cache.get('k', load);
    expect(loads).toBe(2);
  });
});
