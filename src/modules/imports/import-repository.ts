import { BLIND_BYTES } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';

/** Rows per statement: one multi-row INSERT … SELECT FROM unnest per chunk, all in one transaction. */
export const CHUNK = 5_000;

/**
 * A target column: its SQL name, the array element type its values travel in, and the values
 * (bytea: Buffers, or latin1 strings of one character a byte such as blind indexes).
 */
export interface ColumnData {
  name: string;
  type: string;
  values: unknown[];
  /** Multi-select values travel as JSON text and become text[]. */
  jsonArray?: boolean;
}

/**
 * How columns travel to `unnest`: one array parameter per column, except bytea (sealed values and
 * blind indexes), which travels as one binary parameter with an offset and a length per row and is
 * cut apart in SQL — as a bytea[] every value would become escaped hex text for node-postgres to
 * build and PostgreSQL to parse. Parameters are numbered from `first`; `params(columns, from, to)`
 * gives those of rows `from`…`to` (exclusive) in the same order.
 */
function unnestPlan(columns: readonly ColumnData[], first: number) {
  let n = first;
  const args: string[] = [];
  const aliases: string[] = [];
  const selects: string[] = [];
  for (const [i, c] of columns.entries()) {
    if (c.type === 'bytea') {
      args.push(`$${n}::int[]`, `$${n + 1}::int[]`);
      aliases.push(`c${i}`, `l${i}`);
      selects.push(`substring($${n + 2}::bytea FROM u.c${i} FOR u.l${i})`);
      n += 3;
    } else {
      args.push(`$${n}::${c.jsonArray ? 'text' : c.type}[]`);
      aliases.push(`c${i}`);
      selects.push(c.jsonArray ? `ARRAY(SELECT jsonb_array_elements_text(u.c${i}::jsonb))` : `u.c${i}`);
      n += 1;
    }
  }
  return { args, aliases, selects, next: n };
}

function unnestParams(columns: readonly ColumnData[], from: number, to: number): unknown[] {
  return columns.flatMap((c) => {
    const values = c.values.slice(from, to);
    if (c.type !== 'bytea') return [values];
    const offsets: (number | null)[] = [];
    const lengths: (number | null)[] = [];
    let at = 1;
    for (const v of values as (Buffer | string | null)[]) {
      offsets.push(v === null ? null : at);
      lengths.push(v === null ? null : v.length);
      if (v !== null) at += v.length;
    }
    const bytes = Buffer.allocUnsafe(at - 1);
    at = 0;
    for (const v of values as (Buffer | string | null)[]) {
      if (typeof v === 'string') at += bytes.write(v, at, 'latin1');
      else if (v !== null) at += v.copy(bytes, at);
    }
    return [offsets, lengths, bytes];
  });
}

/**
 * Inserts rows column-major; owner/created_by/updated_by = the importer. Returns the new ids in order.
 * `chunkOf(from, to)` builds a chunk's columns (sealing sensitive values, on the keyring's worker
 * thread for large chunks): the next chunk is started while PostgreSQL stores the current one, so
 * encryption and index upkeep run side by side. With several connections (`sqls`: a main and a
 * side transaction, see SideTransaction) the rows are cut into that many contiguous parts stored at
 * the same time, so index upkeep runs on as many PostgreSQL backends.
 */
export async function insertCustomers(sqls: readonly Sql[], chunkOf: (from: number, to: number) => Promise<ColumnData[]>, count: number, userId: number, now: Date, onChunk?: (done: number) => void): Promise<number[]> {
  if (count === 0) return [];
  const parts = Math.max(1, Math.min(sqls.length, Math.ceil(count / CHUNK)));
  const size = Math.ceil(count / parts);
  const stored = new Array<number>(parts).fill(0);
  const report = (part: number, done: number) => {
    stored[part] = done;
    onChunk?.(stored.reduce((a, b) => a + b, 0));
  };
  const ids = await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const from = part * size;
      const to = Math.min(count, from + size);
      return insertRange(sqls[part]!, (a, b) => chunkOf(from + a, from + b), to - from, userId, now, (done) => report(part, done));
    }),
  );
  return ids.flat();
}

/** Rows 0…count of `chunkOf` on one connection, chunk after chunk, the next chunk built while one is stored. */
async function insertRange(sql: Sql, chunkOf: (from: number, to: number) => Promise<ColumnData[]>, count: number, userId: number, now: Date, onChunk: (done: number) => void): Promise<number[]> {
  const ids: number[] = [];
  let next: Promise<ColumnData[]> | null = chunkOf(0, Math.min(count, CHUNK));
  const first = await next;
  const plan = unnestPlan(first, 1);
  const n = plan.next;
  const text = `INSERT INTO customers (${[...first.map((c) => c.name), 'owner_id', 'created_by', 'updated_by', 'created_at', 'updated_at'].join(', ')})
    SELECT ${[...plan.selects, `$${n}::bigint`, `$${n}::bigint`, `$${n}::bigint`, `$${n + 1}::timestamptz`, `$${n + 1}::timestamptz`].join(', ')}
    FROM unnest(${plan.args.join(', ')}) WITH ORDINALITY AS u(${[...plan.aliases, 'ord'].join(', ')}) ORDER BY u.ord RETURNING id`;
  for (let from = 0; from < count && next; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    const columns: ColumnData[] = await next;
    const pending = sql.query<{ id: number }>(text, [...unnestParams(columns, 0, to - from), userId, now]);
    next = to < count ? chunkOf(to, Math.min(count, to + CHUNK)) : null;
    // Awaited on the next turn; until then a failure must not count as unhandled.
    next?.catch(() => {});
    const result = await pending;
    for (const r of result.rows) ids.push(r.id);
    onChunk(to);
  }
  return ids;
}

/** Updates existing rows by id; an empty cell (null) keeps the stored value. */
export async function updateCustomers(sql: Sql, ids: readonly number[], columns: readonly ColumnData[], userId: number, now: Date, onChunk?: (done: number) => void): Promise<void> {
  if (ids.length === 0) return;
  const plan = unnestPlan(columns, 2);
  const n = plan.next;
  const sets = columns.map((c, i) => `${c.name} = COALESCE(${plan.selects[i]}, t.${c.name})`);
  const text = `UPDATE customers t SET ${[...sets, `updated_by = $${n}::bigint`, `updated_at = $${n + 1}::timestamptz`].join(', ')}
    FROM unnest(${['$1::bigint[]', ...plan.args].join(', ')}) AS u(${['id', ...plan.aliases].join(', ')}) WHERE t.id = u.id`;
  for (let from = 0; from < ids.length; from += CHUNK) {
    const to = Math.min(ids.length, from + CHUNK);
    await sql.query(text, [ids.slice(from, to), ...unnestParams(columns, from, to), userId, now]);
    onChunk?.(to);
  }
}

export interface ExistingCustomer {
  id: number;
  mobile_bidx: Buffer | null;
  email_bidx: Buffer | null;
  writable: boolean;
}

/** Blind indexes as latin1 text (16 characters each) → their bytes, one after the other. */
function packed(indexes: readonly string[]): Buffer {
  for (const index of indexes) if (index.length !== BLIND_BYTES) throw new RangeError(`blind index of ${index.length} characters`);
  return Buffer.from(indexes.join(''), 'latin1');
}

/**
 * Customers holding any of these mobile / e-mail blind indexes (latin1 text, as `blindIndexText`), oldest first, with whether the
 * caller may write them (`writableWhere` over alias t, its parameters first). Each list goes as one
 * binary bytea (16 bytes an index) cut apart in SQL: a million indexes as a bytea[] would be
 * ~40 MB of escaped hex text for node-postgres to build and PostgreSQL to parse. A join, so large
 * files hash-join and small ones probe the indexes.
 */
export async function findExisting(sql: Sql, mobiles: readonly string[], emails: readonly string[], writableWhere: string, params: unknown[], lock: boolean): Promise<ExistingCustomer[]> {
  if (mobiles.length === 0 && emails.length === 0) return [];
  const p = params.length;
  const keys = (n: number) => `SELECT substring($${n}::bytea FROM g * ${BLIND_BYTES} + 1 FOR ${BLIND_BYTES}) AS bidx FROM generate_series(0, length($${n}::bytea) / ${BLIND_BYTES} - 1) g`;
  const result = await sql.query<ExistingCustomer>(
    `WITH m AS MATERIALIZED (${keys(p + 1)}), e AS MATERIALIZED (${keys(p + 2)})
     SELECT t.id, t.mobile_bidx, t.email_bidx, (${writableWhere}) AS writable FROM customers t
     WHERE t.id IN (SELECT c.id FROM customers c JOIN m ON c.mobile_bidx = m.bidx UNION SELECT c.id FROM customers c JOIN e ON c.email_bidx = e.bidx)
     ORDER BY t.id${lock ? ' FOR UPDATE OF t' : ''}`,
    [...params, packed(mobiles), packed(emails)],
  );
  return result.rows;
}

export interface ImportJob {
  id: number;
  object: string;
  status: string;
  mode: string;
  file_name: string | null;
  counts: object;
  error_report: string | null;
  created_by: number;
  created_at: Date;
}

/** Stores the job with its error report; reports older than 7 days are dropped on the way. */
export async function saveJob(sql: Sql, job: Omit<ImportJob, 'id' | 'created_at'>, now: Date): Promise<number> {
  await sql.query(`DELETE FROM import_jobs WHERE created_at < $1::timestamptz - interval '7 days'`, [now]);
  const result = await sql.query<{ id: number }>(
    `INSERT INTO import_jobs (object, status, mode, file_name, counts, error_report, created_by, created_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [job.object, job.status, job.mode, job.file_name, JSON.stringify(job.counts), job.error_report, job.created_by, now],
  );
  return result.rows[0]!.id;
}

/** A job of the last 7 days, or undefined. */
export async function findJob(sql: Sql, id: number, now: Date): Promise<ImportJob | undefined> {
  const result = await sql.query<ImportJob>(
    `SELECT id, object, status, mode, file_name, counts, error_report, created_by, created_at FROM import_jobs
     WHERE id = $1 AND created_at >= $2::timestamptz - interval '7 days'`,
    [id, now],
  );
  return result.rows[0];
}
