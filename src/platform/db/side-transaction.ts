import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database, Sql } from './database.js';

/**
 * A second transaction beside a main one, committed together with it (two-phase commit), so that one
 * unit of work can run on two connections — two PostgreSQL backends, i.e. both cores — and still be
 * all or nothing (a large customer import stores half its rows on each).
 *
 * Protocol (the main transaction is the coordinator and its commit is the decision):
 *  1. `begin(db, main)`: the main transaction takes a transaction-level advisory lock on the global id
 *     and inserts the id into `prepared_commits` (visible only if the main transaction commits);
 *     the side connection begins its own transaction.
 *  2. Both do their work; before the main transaction commits, `prepare()` runs PREPARE TRANSACTION
 *     on the side (from then on it survives a crash of this process or of the server).
 *  3. The main transaction commits. `finish()` runs COMMIT PREPARED and drops the decision row.
 *     On any failure, `abort()` rolls the side back — or, once prepared, resolves it by the decision
 *     after waiting for the main transaction's lock, so a commit whose acknowledgement was lost
 *     still completes the side.
 * A prepared transaction left behind (the process died between 2 and 3) is resolved by
 * `resolvePreparedCommits` at the next start: committed when its decision row exists, rolled back
 * otherwise; one whose main transaction still runs (its lock is held) is left alone.
 *
 * PostgreSQL allows no prepared transactions unless `max_prepared_transactions` > 0 (the embedded
 * server sets 16; a server's default is 0): `begin` then returns null and the caller does all its
 * work in the main transaction. The side transaction must not use temporary tables, LISTEN or NOTIFY;
 * outbox events and jobs it inserts are not announced (their dispatchers find them at the next poll).
 * Anything that must not be seen before the whole unit is — an outbox event about the unit, say —
 * belongs in the side: it commits last.
 */
export class SideTransaction {
  private prepared = false;
  private done = false;

  private constructor(
    private readonly db: Database,
    /** The side connection, inside its transaction (a pool client, e.g. for a COPY stream). */
    readonly client: pg.PoolClient,
    readonly gid: string,
  ) {}

  /** The side connection, inside its transaction. */
  get sql(): Sql {
    return this.client;
  }

  /** A side transaction for the main transaction `main` (a client inside BEGIN), or null without two-phase commit. */
  static async begin(db: Database, main: Sql): Promise<SideTransaction | null> {
    if (!(await twoPhaseCommitAvailable(db))) return null;
    // A pool with no connection free soon: work on one connection rather than wait for a second
    // while holding the first (transactions waiting so for each other's connections would never end).
    const client = await connectWithin(db, CONNECT_WAIT_MS);
    if (!client) return null;
    const gid = `relata:${randomUUID()}`;
    try {
      await main.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [gid]);
      await main.query('INSERT INTO prepared_commits (gid) VALUES ($1)', [gid]);
      await client.query('BEGIN');
      // Silences the outbox / jobs wake-up NOTIFY (migration 032), which PREPARE would refuse.
      await client.query(`SET LOCAL relata.prepare = 'on'`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
      throw error;
    }
    return new SideTransaction(db, client, gid);
  }

  /** Ends the side's work: PREPARE TRANSACTION (call it last inside the main transaction). A no-op once aborted. */
  async prepare(): Promise<void> {
    if (this.done) return;
    await this.client.query(`PREPARE TRANSACTION '${this.gid}'`);
    this.prepared = true;
    this.client.release();
  }

  /** After the main transaction committed: commits the side. */
  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.prepared) throw new Error('side transaction finished before it was prepared');
    try {
      await this.db.query(`COMMIT PREPARED '${this.gid}'`);
    } catch (error) {
      // 42704: gone — a starting process's `resolvePreparedCommits` saw the decision and committed it.
      // Anything else (a lost connection): once more by the decision, on another connection.
      if ((error as { code?: string }).code !== '42704') await resolveOne(this.db, this.gid, true);
    }
    await this.db.query('DELETE FROM prepared_commits WHERE gid = $1', [this.gid]).catch(() => {});
  }

  /** After a failure anywhere: rolls the side back, or resolves it by the decision once prepared. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.prepared) {
      await this.client.query('ROLLBACK').catch(() => {});
      this.client.release();
      return;
    }
    await resolveOne(this.db, this.gid, true);
  }
}

/**
 * Runs `work` in a transaction of `db` that may open one side transaction (`openSide()`: the same
 * side on every call; null without two-phase commit or a free connection) and commits both: the
 * side is prepared after `work` returns (its last statements — dropping scratch tables, say — belong
 * in `work`), the main transaction commits, then the side. On any failure both roll back. `work` may
 * abort the side itself and go on alone.
 */
export async function txWithSide<T>(db: Database, work: (sql: pg.PoolClient, openSide: () => Promise<SideTransaction | null>) => Promise<T>): Promise<T> {
  // Assigned inside the transaction; typed so that TypeScript does not narrow it to null here.
  let side = null as SideTransaction | null;
  let opened = false;
  let result: T;
  try {
    result = await db.tx(async (sql) => {
      const value = await work(sql, async () => {
        if (!opened) {
          opened = true;
          side = await SideTransaction.begin(db, sql);
        }
        return side;
      });
      await side?.prepare();
      return value;
    });
  } catch (error) {
    await side?.abort();
    throw error;
  }
  await side?.finish();
  return result;
}

/** How long `begin` waits for a second pooled connection before the caller goes on with one. */
const CONNECT_WAIT_MS = 200;

/** A pooled connection within `ms`, else null (one that arrives later goes straight back to the pool). */
async function connectWithin(db: Database, ms: number): Promise<pg.PoolClient | null> {
  let late = false;
  const connecting = db.pool.connect().then(
    (client) => {
      if (late) client.release();
      return client;
    },
    (error: unknown) => {
      if (late) return null;
      throw error;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve(null);
    }, ms);
  });
  try {
    return await Promise.race([connecting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const availability = new WeakMap<Database, Promise<boolean>>();

/** Whether the server allows prepared transactions (`max_prepared_transactions` > 0); asked once per pool. */
export function twoPhaseCommitAvailable(db: Database): Promise<boolean> {
  let known = availability.get(db);
  if (!known) {
    known = db.query<{ n: number }>(`SELECT current_setting('max_prepared_transactions')::int AS n`).then((r) => (r.rows[0]?.n ?? 0) > 0);
    availability.set(db, known);
  }
  return known;
}

/**
 * Commits or rolls back one prepared transaction by its decision row. `wait`: block until its main
 * transaction ended; otherwise skip it (returning 'busy') while that transaction runs.
 */
async function resolveOne(db: Database, gid: string, wait: boolean): Promise<'committed' | 'rolled back' | 'busy' | 'gone'> {
  const client = await db.pool.connect();
  try {
    if (wait) await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [gid]);
    else if (!(await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [gid])).rows[0]?.ok) return 'busy';
    try {
      const pending = (await client.query('SELECT 1 FROM pg_prepared_xacts WHERE gid = $1', [gid])).rowCount ?? 0;
      const decided = (await client.query('SELECT 1 FROM prepared_commits WHERE gid = $1', [gid])).rowCount ?? 0;
      let outcome: 'committed' | 'rolled back' | 'gone' = 'gone';
      if (pending > 0) {
        await client.query(`${decided > 0 ? 'COMMIT' : 'ROLLBACK'} PREPARED '${gid}'`);
        outcome = decided > 0 ? 'committed' : 'rolled back';
      }
      if (decided > 0) await client.query('DELETE FROM prepared_commits WHERE gid = $1', [gid]);
      return outcome;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [gid]);
    }
  } finally {
    client.release();
  }
}

/**
 * At start: resolves the prepared transactions of this database that a side transaction left behind
 * (see `SideTransaction`), and drops decision rows whose transaction is gone. Returns what it did.
 */
export async function resolvePreparedCommits(db: Database): Promise<{ committed: number; rolledBack: number }> {
  const outcome = { committed: 0, rolledBack: 0 };
  if (!(await twoPhaseCommitAvailable(db))) return outcome;
  const left = await db.query<{ gid: string }>(`SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND gid LIKE 'relata:%'`);
  for (const { gid } of left.rows) {
    const result = await resolveOne(db, gid, false);
    if (result === 'committed') outcome.committed++;
    else if (result === 'rolled back') outcome.rolledBack++;
  }
  await db.query('DELETE FROM prepared_commits p WHERE NOT EXISTS (SELECT 1 FROM pg_prepared_xacts x WHERE x.gid = p.gid)');
  return outcome;
}
