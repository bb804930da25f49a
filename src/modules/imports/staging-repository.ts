import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { Sql } from '../../platform/db/index.js';
import { from as copyFrom } from 'pg-copy-streams';

/** A staging table: a TEMP table of the import's transaction (dropped at its end), filled by COPY. */
export interface StagingTable {
  name: string;
  /** Column definitions in COPY order, e.g. `row_no int`. */
  columns: readonly string[];
}

/**
 * Memory for the set-based statements over a whole file (grouping, joins and sorts of millions of
 * staged rows, the traits refresh of their customers): with the default 4 MB they spill to disk in
 * many batches. Local to the calling transaction.
 */
export async function setImportWorkMem(sql: Sql): Promise<void> {
  await sql.query(`SET LOCAL work_mem = '256MB'`);
}

export async function createStagingTable(client: pg.PoolClient, table: StagingTable): Promise<void> {
  await setImportWorkMem(client);
  await client.query(`CREATE TEMP TABLE ${table.name} (${table.columns.join(', ')}) ON COMMIT DROP`);
}

/**
 * Streams rows (COPY text format, already framed into chunks of a few hundred KB) into the table.
 * Backpressure is the pipeline's: the producer is pulled only as fast as PostgreSQL takes rows.
 */
export async function copyIntoStaging(client: pg.PoolClient, table: StagingTable, chunks: AsyncIterable<string>): Promise<number> {
  const names = table.columns.map((c) => c.split(' ')[0]);
  const stream = client.query(copyFrom(`COPY ${table.name} (${names.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  await client.query(`ANALYZE ${table.name}`);
  return stream.rowCount;
}

/** Fewer rows than this never trigger `analyzeGrownTables`: autovacuum's own pace is fine for them. */
export const ANALYZE_MIN_ROWS = 1000;

/**
 * After an import has committed: refreshes the planner's statistics of the tables it grew by more
 * than a tenth (or that have none yet, e.g. right after a TRUNCATE), as autovacuum would, but now
 * instead of a minute or more later. Without it, the statements that follow — the traits refresh,
 * or the next import (orders right after a 1M-customer import) — are planned on the old counts:
 * 1,000 orders resolved against a freshly imported 1M customers took 80 s instead of 2 s.
 * Returns the tables analysed.
 */
export async function analyzeGrownTables(sql: Sql, tables: readonly string[], inserted: number): Promise<string[]> {
  if (inserted < ANALYZE_MIN_ROWS) return [];
  const sizes = await sql.query<{ name: string; reltuples: number }>(
    `SELECT t.name, c.reltuples::float8 AS reltuples FROM unnest($1::text[]) AS t(name) JOIN pg_class c ON c.oid = to_regclass(t.name)`,
    [tables],
  );
  const grown = sizes.rows.filter((r) => r.reltuples < 0 || inserted > 0.1 * r.reltuples).map((r) => r.name);
  // Names from the caller's constant list, never from input.
  for (const table of grown) await sql.query(`ANALYZE ${table}`);
  return grown;
}
