import type { Database, Sql } from '../../../platform/db/index.js';

/**
 * The set-based I/O every model runner shares: read one aggregate statement through a cursor in
 * batches turned into columns (one array per column, never one round trip per customer), and write
 * per-customer results back with `INSERT … SELECT FROM unnest(…) ON CONFLICT` in chunks.
 */
export type Columns = Record<string, unknown[]>;

export const READ_BATCH_SIZE = 20_000;
export const WRITE_CHUNK_SIZE = 20_000;

/** Rows of one batch as columns: `{customer_id: [..], frequency: [..]}`. */
function toColumns(rows: Record<string, unknown>[], names: readonly string[]): Columns {
  const columns: Columns = {};
  for (const name of names) columns[name] = rows.map((row) => row[name]);
  return columns;
}

/**
 * Runs `text` once (a NO SCROLL cursor in a read-only transaction) and hands its rows to `onBatch`
 * `batchSize` at a time as columns. The statement is executed and planned once, whatever the size.
 */
export async function readColumnBatches(db: Database, text: string, params: readonly unknown[], onBatch: (columns: Columns, rows: number) => void | Promise<void>, batchSize = READ_BATCH_SIZE): Promise<number> {
  return db.tx(async (sql) => {
    await sql.query('SET TRANSACTION READ ONLY');
    await sql.query(`DECLARE runner_batches NO SCROLL CURSOR FOR ${text}`, params as unknown[]);
    let total = 0;
    for (;;) {
      const result = await sql.query(`FETCH FORWARD ${batchSize} FROM runner_batches`);
      if (result.rows.length > 0) await onBatch(toColumns(result.rows, result.fields.map((f) => f.name)), result.rows.length);
      total += result.rows.length;
      if (result.rows.length < batchSize) return total;
    }
  });
}

/** One score column to store: its name in customer_scores, its SQL array type and a value per customer. */
export interface ScoreColumn {
  name: string;
  type: 'float8' | 'numeric' | 'int' | 'text' | 'bigint' | 'smallint' | 'bpchar';
  values: readonly unknown[];
  /** SQL turning the unnested value `$value` into the stored one, e.g. "string_to_array($value, ',')" for a text[]. */
  expression?: string;
}

/**
 * Upserts `columns` (plus `<model>_at` = computedAt) for `customerIds` into customer_scores, chunk
 * by chunk in the caller's transaction. Columns of other models are left untouched.
 */
export async function writeScoreColumns(sql: Sql, model: string, customerIds: readonly number[], columns: readonly ScoreColumn[], computedAt: Date, chunkSize = WRITE_CHUNK_SIZE): Promise<void> {
  const names = columns.map((c) => c.name);
  const arrays = columns.map((c, i) => `$${i + 2}::${c.type}[]`);
  const values = columns.map((c, i) => (c.expression ?? '$value').replaceAll('$value', `x.c${i}`));
  const text = `INSERT INTO customer_scores (customer_id, ${names.join(', ')}, ${model}_at)
    SELECT x.id, ${values.join(', ')}, $${columns.length + 2}::timestamptz
    FROM unnest($1::bigint[], ${arrays.join(', ')}) AS x (id, ${columns.map((_, i) => `c${i}`).join(', ')})
    ON CONFLICT (customer_id) DO UPDATE SET ${[...names, `${model}_at`].map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
  for (let start = 0; start < customerIds.length; start += chunkSize) {
    const end = start + chunkSize;
    await sql.query(text, [customerIds.slice(start, end), ...columns.map((c) => c.values.slice(start, end)), computedAt]);
  }
}

/** Clears a model's columns on the customers this run did not score (computed before `computedAt`). */
export async function clearStaleScores(sql: Sql, model: string, nullColumns: readonly string[], computedAt: Date): Promise<number> {
  const result = await sql.query(
    `UPDATE customer_scores SET ${[...nullColumns, `${model}_at`].map((n) => `${n} = ${n === 'churn_reasons' ? "'{}'" : 'NULL'}`).join(', ')}
     WHERE ${model}_at IS NOT NULL AND ${model}_at <> $1::timestamptz`,
    [computedAt],
  );
  return result.rowCount ?? 0;
}

/** Serialises runs of one model: two at once would fight over the same customer_scores rows. */
export async function lockModel(sql: Sql, lockKey: number): Promise<void> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
}
