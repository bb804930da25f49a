import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { Sql } from '../../platform/db/index.js';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** A staging table: a scratch table of the import's transaction (see `Scratch`), filled by COPY. */
export interface StagingTable {
  name: string;
  /** Column definitions in COPY order, e.g. `row_no int`. */
  columns: readonly string[];
}

/**
 * Where an import's scratch tables live. In its own transaction: TEMP tables dropped at commit. In a
 * side transaction (`SideTransaction`, which PREPARE TRANSACTION ends and which therefore may not
 * touch temporary tables): UNLOGGED tables named with the side's `suffix`, created and dropped
 * (`dropScratchTables`) inside that transaction, so nobody else ever sees them and a rollback leaves
 * nothing behind.
 */
export interface Scratch {
  unlogged: boolean;
  suffix: string;
}

export const TEMP_SCRATCH: Scratch = { unlogged: false, suffix: '' };

export function sideScratch(suffix: string): Scratch {
  if (!/^_[a-z0-9]{1,40}$/.test(suffix)) throw new Error(`bad scratch suffix ${suffix}`);
  return { unlogged: true, suffix };
}

/** The name of scratch table `base` (a constant of the caller's, never input). */
export function scratchName(s: Scratch, base: string): string {
  return `${base}${s.suffix}`;
}

/** `CREATE … TABLE … AS <select>` of scratch table `base`. */
export function createScratchAsSql(s: Scratch, base: string, select: string): string {
  return s.unlogged ? `CREATE UNLOGGED TABLE ${scratchName(s, base)} AS ${select}` : `CREATE TEMP TABLE ${base} ON COMMIT DROP AS ${select}`;
}

/** Drops the side's scratch tables (TEMP ones go at commit by themselves). */
export async function dropScratchTables(sql: Sql, s: Scratch, bases: readonly string[]): Promise<void> {
  if (!s.unlogged) return;
  await sql.query(`DROP TABLE IF EXISTS ${bases.map((b) => scratchName(s, b)).join(', ')}`);
}

/**
 * Memory for the set-based statements over a whole file (grouping, joins and sorts of millions of
 * staged rows, the traits refresh of their customers): with the default 4 MB they spill to disk in
 * many batches. Local to the calling transaction.
 */
export async function setImportWorkMem(sql: Sql): Promise<void> {
  await sql.query(`SET LOCAL work_mem = '256MB'`);
}

/** Where a file's staged rows go: one connection's staging table (two, chunk by chunk, on two connections). */
export interface StagingTarget {
  client: pg.PoolClient;
  table: StagingTable;
  scratch: Scratch;
}

export async function createStagingTable({ client, table, scratch }: StagingTarget): Promise<void> {
  await setImportWorkMem(client);
  const columns = table.columns.join(', ');
  await client.query(scratch.unlogged ? `CREATE UNLOGGED TABLE ${scratchName(scratch, table.name)} (${columns})` : `CREATE TEMP TABLE ${table.name} (${columns}) ON COMMIT DROP`);
}

/** `COPY <the target's table> (<its columns>) FROM STDIN | TO STDOUT`. */
function copySql(target: StagingTarget, direction: 'FROM STDIN' | 'TO STDOUT'): string {
  const names = target.table.columns.map((c) => c.split(' ')[0]);
  return `COPY ${scratchName(target.scratch, target.table.name)} (${names.join(', ')}) ${direction}`;
}

/**
 * Moves the rows one target staged (on its connection) into another target's table of the same
 * columns, one COPY piped into the other, and analyses it: e.g. a side connection's half back into
 * the main connection's table when all rows must be in one place.
 */
export async function moveStagedRows(from: StagingTarget, to: StagingTarget): Promise<void> {
  await pipeline(from.client.query(copyTo(copySql(from, 'TO STDOUT'))), to.client.query(copyFrom(copySql(to, 'FROM STDIN'))));
  await to.client.query(`ANALYZE ${scratchName(to.scratch, to.table.name)}`);
}

/**
 * Streams rows (COPY text format, already framed into chunks of a few hundred KB) into the table.
 * Backpressure is the pipeline's: the producer is pulled only as fast as PostgreSQL takes rows.
 * With several targets the chunks go round-robin, each target's COPY on its own connection (so each
 * chunk must hold whole units — an order's lines, say); a slow target holds the producer back.
 * Returns the rows each target took.
 */
export async function copyIntoStaging(targets: readonly StagingTarget[], chunks: AsyncIterable<string>): Promise<number[]> {
  const streams = targets.map((t) => t.client.query(copyFrom(copySql(t, 'FROM STDIN'))));
  if (streams.length === 1) await pipeline(Readable.from(chunks), streams[0]!);
  else {
    const ended = streams.map((s) => finished(s));
    // A stream that fails while another is written to must not go unhandled; the loop sees it at the end.
    for (const e of ended) e.catch(() => {});
    try {
      let next = 0;
      for await (const chunk of chunks) {
        const stream = streams[next]!;
        next = (next + 1) % streams.length;
        if (!stream.write(chunk)) await once(stream, 'drain');
      }
      for (const s of streams) s.end();
      await Promise.all(ended);
    } catch (error) {
      for (const s of streams) s.destroy(error as Error);
      throw error;
    }
  }
  for (const t of targets) await t.client.query(`ANALYZE ${scratchName(t.scratch, t.table.name)}`);
  return streams.map((s) => s.rowCount);
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
