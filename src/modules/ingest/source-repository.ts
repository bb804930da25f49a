import type { Sql } from '../../platform/db/index.js';

/** A tracking source as listed: never the write key itself, only its first characters. */
export interface SourceDto {
  id: number;
  name: string;
  writeKeyPrefix: string;
  createdAt: string;
  createdBy: number | null;
  disabledAt: string | null;
}

interface SourceRow {
  id: number;
  name: string;
  write_key_prefix: string;
  created_at: Date;
  created_by: number | null;
  disabled_at: Date | null;
}

const SELECT_SOURCE = 'SELECT id, name, write_key_prefix, created_at, created_by, disabled_at FROM sources';

function toSourceDto(row: SourceRow): SourceDto {
  return {
    id: row.id,
    name: row.name,
    writeKeyPrefix: row.write_key_prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

export async function insertSource(sql: Sql, source: { name: string; keyHash: Buffer; prefix: string; createdBy: number }, now: Date): Promise<number> {
  const inserted = await sql.query<{ id: number }>(
    'INSERT INTO sources (name, write_key_hash, write_key_prefix, created_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [source.name, source.keyHash, source.prefix, now, source.createdBy],
  );
  return inserted.rows[0]!.id;
}

/** Newest first. */
export async function listSources(sql: Sql): Promise<SourceDto[]> {
  return (await sql.query<SourceRow>(`${SELECT_SOURCE} ORDER BY id DESC`)).rows.map(toSourceDto);
}

export async function findSource(sql: Sql, id: number, lock = false): Promise<SourceDto | undefined> {
  const row = (await sql.query<SourceRow>(`${SELECT_SOURCE} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return row && toSourceDto(row);
}

export async function disableSource(sql: Sql, id: number, now: Date): Promise<void> {
  await sql.query('UPDATE sources SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL', [id, now]);
}

/** The enabled source whose write key hashes to `keyHash`. */
export async function findEnabledSourceByKey(sql: Sql, keyHash: Buffer): Promise<{ id: number; name: string } | undefined> {
  return (await sql.query<{ id: number; name: string }>('SELECT id, name FROM sources WHERE write_key_hash = $1 AND disabled_at IS NULL', [keyHash])).rows[0];
}
