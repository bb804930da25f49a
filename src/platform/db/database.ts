import crypto from 'node:crypto';
import pg from 'pg';

// int8 (counts, ids) as JS numbers: ids stay far below 2^53. numeric stays a string (money).
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// date stays 'YYYY-MM-DD': a calendar day has no time zone.
pg.types.setTypeParser(1082, (value) => value);

/** Anything that can run a parameterised statement: the pool or a transaction's client. */
export interface Sql {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** The connection pool and the one way to run a transaction. */
/** Distinct statement texts this process prepares by name (see `prepared`). */
const MAX_PREPARED = 500;

export class Database implements Sql {
  readonly pool: pg.Pool;

  constructor(
    readonly url: string,
    poolSize = 10,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
    // An idle client that errors (server restart) must not crash the process.
    this.pool.on('error', () => {});
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, params as unknown[] | undefined);
  }

  /**
   * A hot statement whose text repeats (per-request metadata, record by id): prepared once per
   * connection under a name derived from its text, so PostgreSQL skips planning on later calls.
   * Only for statements with a small, stable set of texts.
   */
  prepared<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
    let name = this.statementNames.get(text);
    if (!name) {
      // Each name is prepared on every pooled connection and stays there with its plan: past the cap
      // (list pages of unusual filter shapes, deep pages) statements run unnamed, so backends stay small.
      if (this.statementNames.size >= MAX_PREPARED) return this.pool.query<R>(text, params as unknown[]);
      name = `s_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      this.statementNames.set(text, name);
    }
    return this.pool.query<R>({ name, text, values: params as unknown[] });
  }

  private readonly statementNames = new Map<string, string>();

  /** Runs `work` in one transaction: commit on success, rollback on any throw. */
  async tx<T>(work: (sql: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * A statement with a fixed text on a hot read path (one customer's traits, scores, tags …): prepared
 * by name when `sql` is the pool, so PostgreSQL plans it once per connection; inside a transaction
 * (a client) an ordinary query.
 */
export function queryPrepared<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: Sql, text: string, params: readonly unknown[] = []): Promise<pg.QueryResult<R>> {
  return sql instanceof Database ? sql.prepared<R>(text, params) : sql.query<R>(text, params);
}
