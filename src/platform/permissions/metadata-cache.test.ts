import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { MetadataCache } from './metadata-cache.js';

describe('MetadataCache', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('serves a value until a change to access metadata moves the version', async () => {
    const cache = new MetadataCache();
    let loads = 0;
    const load = async () => ++loads;
    await cache.sync(db);
    expect(await cache.get('k', load)).toBe(1);
    await cache.sync(db);
    expect(await cache.get('k', load)).toBe(1);
    await db.query(`INSERT INTO roles (name) VALUES ('新角色')`);
    await cache.sync(db);
    expect(await cache.get('k', load)).toBe(2);
    await db.query(`UPDATE role_field_permissions SET masked = masked`);
    await cache.sync(db);
    expect(await cache.get('k', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new MetadataCache();
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', async () => 'ok')).toBe('ok');
  });

  it('a rolled-back change does not move the version', async () => {
    const before = (await db.query<{ version: number }>(`SELECT version FROM platform_versions WHERE name = 'access'`)).rows[0]!.version;
    await expect(
      db.tx(async (sql) => {
        await sql.query(`INSERT INTO departments (name) VALUES ('临时')`);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const after = (await db.query<{ version: number }>(`SELECT version FROM platform_versions WHERE name = 'access'`)).rows[0]!.version;
    expect(after).toBe(before);
  });
});
