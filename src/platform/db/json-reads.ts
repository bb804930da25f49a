import { queryPrepared, type Sql } from './database.js';

/**
 * A read of one record's related rows that answers as one JSON value from a scalar sub-select, so
 * that several of them (the 360 view: identifiers, consents, traits, scores, tags, segments) travel
 * as ONE prepared statement and one round trip instead of one each. Each owning module defines its
 * read once; its single-read function runs the same read alone (`readJson`).
 */
export interface JsonRead<T> {
  /** A parenthesised scalar sub-select yielding json (NULL when nothing is found) for the record whose key is the SQL expression `key`. */
  sql(key: string): string;
  /** The JSON value (null when the sub-select found nothing) → the module's shape. */
  parse(value: unknown): T;
}

type Results<R extends Record<string, JsonRead<unknown>>> = { [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never };

/** ISO-8601 UTC text of a timestamptz expression, to the millisecond, as `Date#toISOString` writes it. */
export const isoText = (expr: string): string => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The statement of each set of reads, built once per (long-lived) reads object. */
const statements = new WeakMap<Record<string, JsonRead<unknown>>, string>();

/**
 * The select-list items of several reads of the record whose key is the SQL expression `key`, each
 * named as its read (for a statement that also reads other things; `parseJsonReads` takes them apart).
 */
export function jsonReadsSelect(reads: Record<string, JsonRead<unknown>>, key: string): string {
  return Object.keys(reads)
    .map((name) => `${reads[name]!.sql(key)} AS "${name}"`)
    .join(', ');
}

/** The reads' values in a row that `jsonReadsSelect` selected → each module's shape. */
export function parseJsonReads<R extends Record<string, JsonRead<unknown>>>(reads: R, row: Record<string, unknown>): Results<R> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(reads)) out[name] = reads[name]!.parse(row[name] ?? null);
  return out as Results<R>;
}

/**
 * Runs several reads of the record with this key (a bigint) in one prepared statement. Pass the
 * same reads object each time (a module constant): its statement text is built once.
 */
export async function readJsonMany<R extends Record<string, JsonRead<unknown>>>(sql: Sql, reads: R, key: number): Promise<Results<R>> {
  let text = statements.get(reads);
  if (text === undefined) {
    text = `SELECT ${jsonReadsSelect(reads, '$1::bigint')}`;
    statements.set(reads, text);
  }
  const row = (await queryPrepared<Record<string, unknown>>(sql, text, [key])).rows[0]!;
  return parseJsonReads(reads, row);
}

const alone = new WeakMap<JsonRead<unknown>, { value: JsonRead<unknown> }>();

/** Runs one read alone. */
export async function readJson<T>(sql: Sql, read: JsonRead<T>, key: number): Promise<T> {
  let reads = alone.get(read);
  if (reads === undefined) {
    reads = { value: read };
    alone.set(read, reads);
  }
  return (await readJsonMany(sql, reads, key)).value as T;
}
