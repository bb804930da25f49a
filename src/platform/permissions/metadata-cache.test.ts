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

  it('in a group, a write that moved the version hands it to the siblings once, before it returns', async () => {
    const writer = new MetadataCache();
    const sibling = new MetadataCache();
    sibling.setListening(true);
    await sibling.sync(db);
    const announced: number[] = [];
    writer.shareVersions(async (version) => {
      announced.push(version);
      sibling.applyVersion(version, { fromPeer: true });
    });
    await writer.sync(db);
    let loads = 0;
    const load = async () => ++loads;
    expect(await sibling.get('session', load)).toBe(1);
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE false`);
    await writer.afterWrite(db);
    expect(announced).toHaveLength(1);
    // The sibling, listening and not stale, does not read the counter: the handed version cleared it.
    await sibling.sync(db);
    expect(await sibling.get('session', load)).toBe(2);
    // A write that moved nothing announces nothing.
    await writer.afterWrite(db);
    expect(announced).toHaveLength(1);
    const current = (await db.query<{ version: string }>(`SELECT version FROM platform_versions WHERE name = 'access'`)).rows[0]!.version;
    expect(announced[0]).toBe(Number(current));
  });

  it('alone, a write only marks the cache stale', async () => {
    const cache = new MetadataCache();
    cache.setListening(true);
    await cache.sync(db);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    await db.query(`INSERT INTO departments (name) VALUES ('写后')`);
    await cache.afterWrite(db);
    expect(await cache.get('k', load)).toBe(1);
    await cache.sync(db);
    expect(await cache.get('k', load)).toBe(2);
  });
});
