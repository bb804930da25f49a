import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database, Sql } from '../db/index.js';
import type { ObjectDefinition } from './field-definition.js';
import { HOLD_LIMIT, holdRecords, lockRecordsForRemoval } from './record-locks.js';

const CLASS = 727372099;
const guarded = { name: 'customer', table: 'customers', removalLockClass: CLASS } as ObjectDefinition;
const unguarded = { name: 'customer', table: 'customers' } as ObjectDefinition;

describe('record locks (hold / lock for removal)', () => {
  let db: Database;
  let ids: number[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const rows = await db.query<{ id: string }>(`INSERT INTO customers (name, created_at, updated_at) SELECT 'lock ' || g, now(), now() FROM generate_series(1, $1::int) g RETURNING id`, [HOLD_LIMIT + 5]);
    ids = rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  });
  afterAll(() => db.close());

  /** Runs `first` in a transaction kept open while `probe` runs in another one; both roll back. */
  async function whileOpen<T>(first: (sql: Sql) => Promise<void>, probe: (sql: Sql) => Promise<T>): Promise<T> {
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      await a.query('BEGIN');
      await first(a);
      await b.query('BEGIN');
      try {
        return await probe(b);
      } finally {
        await b.query('ROLLBACK');
      }
    } finally {
      await a.query('ROLLBACK');
      a.release();
      b.release();
    }
  }

  const tryExclusive = async (sql: Sql, id: number) => (await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, ($2::bigint & 2147483647)::int) AS ok', [CLASS, id])).rows[0]!.ok;
  const tryShared = async (sql: Sql, id: number) => (await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock_shared($1, ($2::bigint & 2147483647)::int) AS ok', [CLASS, id])).rows[0]!.ok;
  const rowLockFails = async (sql: Sql, id: number) => {
    await sql.query('SAVEPOINT probe');
    try {
      await sql.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE NOWAIT', [id]);
      await sql.query('RELEASE SAVEPOINT probe');
      return false;
    } catch (error) {
      await sql.query('ROLLBACK TO SAVEPOINT probe');
      if ((error as { code?: string }).code !== '55P03') throw error;
      return true;
    }
  };

  it('a hold keeps removers out of the held ids only, and holds share', async () => {
    const [held, other] = [ids[0]!, ids[1]!];
    const seen = await whileOpen(
      (sql) => holdRecords(sql, guarded, [held, held]),
      async (sql) => ({ removeHeld: await tryExclusive(sql, held), removeOther: await tryExclusive(sql, other), holdHeld: await tryShared(sql, held), rowLocked: await rowLockFails(sql, held) }),
    );
    // No tuple is written: a row lock on the held customer is still free.
    expect(seen).toEqual({ removeHeld: false, removeOther: true, holdHeld: true, rowLocked: false });
  });

  it('a removal lock keeps new holds out', async () => {
    const seen = await whileOpen(
      (sql) => lockRecordsForRemoval(sql, guarded, [ids[2]!]),
      async (sql) => ({ hold: await tryShared(sql, ids[2]!), holdOther: await tryShared(sql, ids[3]!) }),
    );
    expect(seen).toEqual({ hold: false, holdOther: true });
  });

  it('a remover waits for the holder to commit', async () => {
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holdRecords(holder, guarded, [ids[4]!]);
      let removed = false;
      const remover = db.tx(async (sql) => {
        await lockRecordsForRemoval(sql, guarded, [ids[4]!]);
        removed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(removed).toBe(false);
      await holder.query('COMMIT');
      await remover;
      expect(removed).toBe(true);
    } finally {
      holder.release();
    }
  });

  it('holds of more than HOLD_LIMIT ids, or of an object without a lock class, lock the rows FOR KEY SHARE', async () => {
    const many = ids.slice(0, HOLD_LIMIT + 1);
    const big = await whileOpen(
      (sql) => holdRecords(sql, guarded, many),
      async (sql) => ({ rowLocked: await rowLockFails(sql, many[0]!), removable: await tryExclusive(sql, many[0]!) }),
    );
    expect(big).toEqual({ rowLocked: true, removable: true });
    const plain = await whileOpen(
      (sql) => holdRecords(sql, unguarded, [ids[5]!]),
      async (sql) => ({ rowLocked: await rowLockFails(sql, ids[5]!), removable: await tryExclusive(sql, ids[5]!) }),
    );
    expect(plain).toEqual({ rowLocked: true, removable: true });
  });
});
