import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database, Sql } from './database.js';
import { resolvePreparedCommits, SideTransaction, twoPhaseCommitAvailable, txWithSide } from './side-transaction.js';

// The embedded server allows prepared transactions; a server with max_prepared_transactions = 0
// (CI's second pass) takes the one-connection path, checked by the last test.
describe('SideTransaction (two-phase commit beside a main transaction)', () => {
  let db: Database;
  let available = false;
  beforeAll(async () => {
    db = await createTestDatabase();
    available = await twoPhaseCommitAvailable(db);
  });
  afterAll(async () => {
    // Nothing of this database may stay prepared (it would block dropping it).
    const left = await db.query<{ gid: string }>('SELECT gid FROM pg_prepared_xacts WHERE database = current_database()');
    for (const { gid } of left.rows) await db.query(`ROLLBACK PREPARED '${gid}'`);
    await db.close();
  });

  const names = async (prefix: string) => (await db.query<{ name: string }>('SELECT name FROM customers WHERE name LIKE $1 ORDER BY name', [`${prefix}%`])).rows.map((r) => r.name);
  const insert = (sql: { query: Database['query'] }, name: string) => sql.query(`INSERT INTO customers (name, created_at, updated_at) VALUES ($1, now(), now())`, [name]);
  const prepared = async () => (await db.query('SELECT gid FROM pg_prepared_xacts WHERE database = current_database()')).rowCount;
  /** Runs `work` in a main transaction beside a side one; returns the side and the error the main transaction ended with. */
  const inMain = async (work: (sql: Sql, side: SideTransaction) => Promise<void>) => {
    let side: SideTransaction | null = null;
    const error = await db
      .tx(async (sql) => {
        side = await SideTransaction.begin(db, sql);
        expect(side).not.toBeNull();
        await work(sql, side!);
      })
      .then(
        () => null,
        (failure: Error) => failure,
      );
    return { side: side as unknown as SideTransaction, error };
  };

  it('commits the side together with the main transaction', async ({ skip }) => {
    if (!available) skip();
    const { side, error } = await inMain(async (sql, side) => {
      await Promise.all([insert(sql, 'both-main'), insert(side.sql, 'both-side')]);
      // Neither is visible from outside before the main commit.
      expect(await names('both-')).toEqual([]);
      await side.prepare();
    });
    expect(error).toBeNull();
    expect(await names('both-')).toEqual(['both-main']);
    await side.finish();
    expect(await names('both-')).toEqual(['both-main', 'both-side']);
    expect(await prepared()).toBe(0);
    expect((await db.query('SELECT 1 FROM prepared_commits')).rowCount).toBe(0);
  });

  it('an outbox event of the side (its wake-up NOTIFY silenced) is prepared with it and seen only once the side commits', async ({ skip }) => {
    if (!available) skip();
    const event = `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload, created_at) VALUES ('test.side_event', 'test', $1, '{}', now())`;
    const events = async (id: string) => (await db.query('SELECT 1 FROM outbox WHERE aggregate_id = $1', [id])).rowCount;
    const id = randomUUID();
    const { side, error } = await inMain(async (sql, side) => {
      await insert(sql, 'event-main');
      await side.sql.query(event, [id]);
      await side.prepare();
    });
    expect(error).toBeNull();
    expect(await events(id)).toBe(0);
    await side.finish();
    expect(await events(id)).toBe(1);
    // Outside a side transaction the wake-up still fires: a NOTIFY in a transaction cannot be prepared.
    const plain = await db.pool.connect();
    try {
      await plain.query('BEGIN');
      await plain.query(event, [randomUUID()]);
      await expect(plain.query(`PREPARE TRANSACTION 'relata:${randomUUID()}'`)).rejects.toThrow(/NOTIFY/);
    } finally {
      await plain.query('ROLLBACK').catch(() => {});
      plain.release();
    }
  });

  it('rolls the prepared side back when the main transaction fails', async ({ skip }) => {
    if (!available) skip();
    const { side, error } = await inMain(async (sql, side) => {
      await insert(sql, 'fail-main');
      await insert(side.sql, 'fail-side');
      await side.prepare();
      throw new Error('the main transaction fails after the side was prepared');
    });
    expect(error?.message).toMatch('fails after');
    await side.abort();
    expect(await names('fail-')).toEqual([]);
    expect(await prepared()).toBe(0);
  });

  it('rolls an unprepared side back when the work fails', async ({ skip }) => {
    if (!available) skip();
    const { side, error } = await inMain(async (sql, side) => {
      await insert(side.sql, 'early-side');
      await sql.query('SELECT 1/0');
    });
    expect(error).toBeInstanceOf(Error);
    await side.abort();
    expect(await names('early-')).toEqual([]);
    expect(await prepared()).toBe(0);
  });

  it('at start, commits a leftover with its decision, rolls back one without, and leaves one whose main transaction still runs', async ({ skip }) => {
    if (!available) skip();
    const leave = async (name: string, decided: boolean) => {
      const gid = `relata:${randomUUID()}`;
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await insert(client, name);
        await client.query(`PREPARE TRANSACTION '${gid}'`);
      } finally {
        client.release();
      }
      if (decided) await db.query('INSERT INTO prepared_commits (gid) VALUES ($1)', [gid]);
      return gid;
    };
    await leave('left-decided', true);
    await leave('left-undecided', false);
    // A main transaction still running holds the lock on its id.
    const busy = await leave('left-busy', false);
    const main = await db.pool.connect();
    await main.query('BEGIN');
    await main.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [busy]);
    try {
      expect(await resolvePreparedCommits(db)).toEqual({ committed: 1, rolledBack: 1 });
      expect(await names('left-')).toEqual(['left-decided']);
      expect(await prepared()).toBe(1);
    } finally {
      await main.query('ROLLBACK');
      main.release();
    }
    expect(await resolvePreparedCommits(db)).toEqual({ committed: 0, rolledBack: 1 });
    expect(await names('left-')).toEqual(['left-decided']);
    expect(await prepared()).toBe(0);
    expect((await db.query('SELECT 1 FROM prepared_commits')).rowCount).toBe(0);
  });

  it('with no pooled connection free soon, there is no side (rather than wait while holding the main one)', async ({ skip }) => {
    if (!available) skip();
    // The test database's pool has 5 connections: the main transaction takes one, these the rest.
    const held = await Promise.all(Array.from({ length: 4 }, () => db.pool.connect()));
    try {
      await db.tx(async (sql) => {
        const started = performance.now();
        expect(await SideTransaction.begin(db, sql)).toBeNull();
        expect(performance.now() - started).toBeLessThan(5_000);
        expect((await sql.query('SELECT 1 FROM prepared_commits')).rowCount).toBe(0);
      });
    } finally {
      for (const client of held) client.release();
    }
    // The connection that came late went back to the pool: all five are usable.
    const again = await Promise.all(Array.from({ length: 5 }, () => db.pool.connect()));
    for (const client of again) client.release();
  });

  it('txWithSide commits the side it opened after the main part, rolls both back on failure, and goes on alone after the work aborts the side', async () => {
    const opened: (SideTransaction | null)[] = [];
    const value = await txWithSide(db, async (sql, openSide) => {
      const side = await openSide();
      opened.push(side, await openSide());
      await insert(sql, 'with-main');
      if (side) await insert(side.sql, 'with-side');
      return 7;
    });
    expect(value).toBe(7);
    // The same side on every call (none without two-phase commit).
    expect(opened[0]).toBe(opened[1]);
    expect(opened[0] === null).toBe(!available);
    expect(await names('with-')).toEqual(available ? ['with-main', 'with-side'] : ['with-main']);

    const failure = await txWithSide(db, async (sql, openSide) => {
      const side = await openSide();
      await insert(sql, 'fail-main');
      if (side) await insert(side.sql, 'fail-side');
      throw new Error('boom');
    }).catch((error: Error) => error.message);
    expect(failure).toBe('boom');
    expect(await names('fail-')).toEqual([]);

    await txWithSide(db, async (sql, openSide) => {
      const side = await openSide();
      if (side) {
        await insert(side.sql, 'alone-side');
        await side.abort();
      }
      await insert(sql, 'alone-main');
    });
    expect(await names('alone-')).toEqual(['alone-main']);
    expect(await prepared()).toBe(0);
  });

  it('without prepared transactions on the server there is no side: the caller works on one connection', async ({ skip }) => {
    if (available) skip();
    await db.tx(async (sql) => {
      expect(await SideTransaction.begin(db, sql)).toBeNull();
    });
    expect(await resolvePreparedCommits(db)).toEqual({ committed: 0, rolledBack: 0 });
  });
});
