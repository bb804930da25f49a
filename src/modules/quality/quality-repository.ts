/** SQL of the data-quality module: read customers in keyset batches, replace flags, aggregate the report. */
import type { Database, Sql } from '../../platform/db/index.js';
import type { QualityField, QualityFlag } from './quality-rules.js';

export interface StoredCustomerRow {
  id: number;
  name: string | null;
  region_code: string | null;
  address_enc: Buffer | null;
  credit_code: string | null;
  mobile_enc: Buffer | null;
  email_enc: Buffer | null;
  id_number_enc: Buffer | null;
}

/** Customers with `id` in `ids`, or the batch after `afterId` in id order. */
export async function readCustomers(sql: Sql, selection: { afterId: number; limit: number; toId?: number } | { ids: number[] }): Promise<StoredCustomerRow[]> {
  const columns = 'id, name, region_code, address_enc, credit_code, mobile_enc, email_enc, id_number_enc';
  const result =
    'ids' in selection
      ? await sql.query<StoredCustomerRow>(`SELECT ${columns} FROM customers WHERE id = ANY($1::bigint[]) ORDER BY id`, [selection.ids])
      : await sql.query<StoredCustomerRow>(`SELECT ${columns} FROM customers WHERE id > $1 AND id <= $3 ORDER BY id LIMIT $2`, [
          selection.afterId,
          selection.limit,
          selection.toId ?? Number.MAX_SAFE_INTEGER,
        ]);
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Replaces the flags of the customers in `[fromId, toId]` (inclusive), or of exactly `ids`: one
 * DELETE and one INSERT … unnest, so flags of customers deleted meanwhile in the range go too.
 */
export async function replaceFlags(sql: Sql, target: { fromId: number; toId: number } | { ids: number[] }, flags: ReadonlyArray<QualityFlag & { customerId: number }>, now: Date) {
  if ('ids' in target) await sql.query('DELETE FROM customer_quality WHERE customer_id = ANY($1::bigint[])', [target.ids]);
  else await sql.query('DELETE FROM customer_quality WHERE customer_id BETWEEN $1 AND $2', [target.fromId, target.toId]);
  if (flags.length === 0) return;
  await sql.query(
    `INSERT INTO customer_quality (customer_id, field, issue, reason, detected_at)
     SELECT c, f, i, r, $5::timestamptz FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(c, f, i, r)`,
    [flags.map((f) => f.customerId), flags.map((f) => f.field), flags.map((f) => f.issue), flags.map((f) => f.reason), now],
  );
}

export async function deleteFlagsAfter(sql: Sql, lastId: number): Promise<void> {
  await sql.query('DELETE FROM customer_quality WHERE customer_id > $1', [lastId]);
}

export async function insertRun(db: Database, run: { startedAt: Date; finishedAt: Date; customers: number; flags: number; requestedBy: number | null }) {
  await db.query('INSERT INTO quality_runs (started_at, finished_at, customers, flags, requested_by) VALUES ($1, $2, $3, $4, $5)', [
    run.startedAt,
    run.finishedAt,
    run.customers,
    run.flags,
    run.requestedBy,
  ]);
}

export async function lastRun(db: Database) {
  const row = (await db.query<{ finished_at: Date; customers: string; flags: string; seconds: number }>(
    `SELECT finished_at, customers, flags, extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM quality_runs ORDER BY finished_at DESC LIMIT 1`,
  )).rows[0];
  return row ? { finishedAt: row.finished_at.toISOString(), customers: Number(row.customers), flags: Number(row.flags), seconds: row.seconds } : null;
}

/** Field → the SQL expression whose equal values make duplicates (blind indexes: no decryption). */
export const DUPLICATE_KEYS: Partial<Record<QualityField, string>> = {
  mobile: 't.mobile_bidx',
  email: 't.email_bidx',
  idNumber: 't.id_number_bidx',
  name: `nullif(lower(btrim(t.name)), '')`,
  address: 't.address_bidx',
  creditCode: `nullif(upper(btrim(t.credit_code)), '')`,
};

/** Field → "has a value" condition. */
export const FILLED: Record<QualityField, string> = {
  mobile: 't.mobile_bidx IS NOT NULL',
  email: 't.email_bidx IS NOT NULL',
  idNumber: 't.id_number_bidx IS NOT NULL',
  name: `btrim(t.name) <> ''`,
  address: 't.address_bidx IS NOT NULL',
  region: 't.region_code IS NOT NULL',
  creditCode: `btrim(t.credit_code) <> ''`,
};

export interface FieldCountRow {
  total: number;
  filled: Record<QualityField, number>;
}

export interface IssueRow {
  field: QualityField;
  issue: 'invalid' | 'suspicious';
  n: number;
  examples: number[];
}

export interface DuplicateRow {
  field: QualityField;
  n: number;
  examples: number[];
}

/** Total and filled counts per field over the customers matching `scope` (alias `t`): one scan. */
export async function countFilled(db: Database, fields: readonly QualityField[], scope: string, params: unknown[]): Promise<FieldCountRow> {
  const columns = fields.map((f, i) => `count(*) FILTER (WHERE ${FILLED[f]})::bigint AS f${i}`);
  const row = (await db.query<Record<string, string>>(`SELECT ${['count(*)::bigint AS total', ...columns].join(', ')} FROM customers t WHERE ${scope}`, params)).rows[0] ?? {};
  const filled = Object.fromEntries(fields.map((f, i) => [f, Number(row[`f${i}`] ?? 0)])) as Record<QualityField, number>;
  return { total: Number(row.total ?? 0), filled };
}

/** Flag counts per field and issue over `scope`, with the first five customer ids (index-ordered, LIMIT 5). */
export async function countIssues(db: Database, fields: readonly QualityField[], scope: string, params: unknown[]): Promise<IssueRow[]> {
  const fieldParam = `$${params.length + 1}`;
  const rows = await db.query<{ field: QualityField; issue: 'invalid' | 'suspicious'; n: string; examples: string[] }>(
    `WITH counts AS (
       SELECT q.field, q.issue, count(*)::bigint AS n FROM customer_quality q JOIN customers t ON t.id = q.customer_id
       WHERE q.field = ANY(${fieldParam}::text[]) AND ${scope} GROUP BY q.field, q.issue)
     SELECT c.field, c.issue, c.n, ARRAY(
       SELECT q.customer_id FROM customer_quality q JOIN customers t ON t.id = q.customer_id
       WHERE q.field = c.field AND q.issue = c.issue AND ${scope} ORDER BY q.customer_id LIMIT 5) AS examples
     FROM counts c`,
    [...params, fields],
  );
  return rows.rows.map((r) => ({ field: r.field, issue: r.issue, n: Number(r.n), examples: r.examples.map(Number) }));
}

/**
 * Customers in `scope` whose value another customer (anywhere) shares, for one field: a hash
 * aggregate of the key (blind index for sensitive fields: no decryption) over all customers, with
 * the in-scope count and smallest / largest in-scope id per group. (Exported for the timing test.)
 */
export function duplicatesSql(field: QualityField, scope: string): string {
  const key = DUPLICATE_KEYS[field]!;
  return `SELECT sum(scoped)::bigint AS n,
           (array_agg(lo ORDER BY lo) FILTER (WHERE lo IS NOT NULL))[1:3] AS los,
           (array_agg(hi ORDER BY lo) FILTER (WHERE lo IS NOT NULL))[1:3] AS his
    FROM (SELECT count(*) FILTER (WHERE ${scope}) AS scoped, min(t.id) FILTER (WHERE ${scope}) AS lo, max(t.id) FILTER (WHERE ${scope}) AS hi
          FROM customers t WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1) groups`;
}

/**
 * Duplicate counts per field, one statement per field run in parallel on the pool (measured faster
 * than one GROUPING SETS scan, which cannot use more than one core). Examples: the smallest and
 * largest in-scope id of the first three duplicate groups.
 */
export async function countDuplicates(db: Database, fields: readonly QualityField[], scope: string, params: unknown[]): Promise<DuplicateRow[]> {
  const keyed = fields.filter((f) => DUPLICATE_KEYS[f]);
  return Promise.all(
    keyed.map(async (field) => {
      const row = await db.tx(async (tx) => {
        // Room for the hash table instead of spilling to disk.
        await tx.query(`SET LOCAL work_mem = '128MB'`);
        return (await tx.query<{ n: string | null; los: string[] | null; his: string[] | null }>(duplicatesSql(field, scope), params)).rows[0];
      });
      const pairs = (row?.los ?? []).flatMap((lo, i) => [Number(lo), Number(row?.his?.[i] ?? lo)]);
      return { field, n: Number(row?.n ?? 0), examples: [...new Set(pairs)].slice(0, 5) };
    }),
  );
}
