import { randomToken, tokenHash } from '../../src/platform/auth/index.js';
import type { Database } from '../../src/platform/db/index.js';
import type { DataScope, FieldAccessLevel } from '../../src/platform/permissions/index.js';
import type { CustomFieldInput } from '../../src/platform/records/index.js';
import { customerObject } from '../../src/modules/customers/index.js';
import type { TestApp } from './test-app.js';

/**
 * Small builders for permission tests: roles with object and field grants written straight into
 * `roles`, `role_object_permissions` and `role_field_permissions`; sessions without the cost of
 * scrypt; customers with encrypted sensitive fields; row counts to prove nothing was written.
 */

export interface ObjectGrant {
  read?: boolean;
  create?: boolean;
  update?: boolean;
  delete?: boolean;
  export?: boolean;
  dataScope?: DataScope;
}

export type FieldGrants = Record<string, { access: FieldAccessLevel; masked?: boolean }>;

export const FULL_OBJECT: ObjectGrant = { read: true, create: true, update: true, delete: true, export: true, dataScope: 'all' };

/** Every built-in customer field key except `id` (always visible to readers). */
export const CUSTOMER_FIELD_KEYS: readonly string[] = customerObject.systemFields.map((f) => f.key).filter((k) => k !== 'id');

export const SENSITIVE_KEYS = ['mobile', 'email', 'idNumber'] as const;

/** The same grant for every listed field. */
export function grantAll(keys: readonly string[], access: FieldAccessLevel, masked = false): FieldGrants {
  return Object.fromEntries(keys.map((k) => [k, { access, masked }]));
}

let roleCounter = 0;

export async function insertRole(db: Database, object: ObjectGrant | null, fields: FieldGrants, name = 'role'): Promise<number> {
  roleCounter += 1;
  const id = (await db.query<{ id: number }>('INSERT INTO roles (name) VALUES ($1) RETURNING id', [`${name}-${roleCounter}`])).rows[0]!.id;
  if (object) await replaceObjectGrant(db, id, object);
  await replaceFieldGrants(db, id, fields);
  return id;
}

export async function replaceObjectGrant(db: Database, roleId: number, grant: ObjectGrant | null): Promise<void> {
  await db.query('DELETE FROM role_object_permissions WHERE role_id = $1', [roleId]);
  if (!grant) return;
  await db.query(
    `INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, can_delete, can_export, data_scope)
     VALUES ($1, 'customer', $2, $3, $4, $5, $6, $7)`,
    [roleId, grant.read ?? false, grant.create ?? false, grant.update ?? false, grant.delete ?? false, grant.export ?? false, grant.dataScope ?? 'self'],
  );
}

export async function replaceFieldGrants(db: Database, roleId: number, fields: FieldGrants): Promise<void> {
  await db.query('DELETE FROM role_field_permissions WHERE role_id = $1', [roleId]);
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO role_field_permissions (role_id, object, field, access, masked)
     SELECT $1, 'customer', f, a, m FROM unnest($2::text[], $3::text[], $4::boolean[]) AS g(f, a, m)`,
    [roleId, entries.map(([k]) => k), entries.map(([, g]) => g.access), entries.map(([, g]) => g.masked ?? false)],
  );
}

export async function setUserRoles(db: Database, userId: number, roleIds: readonly number[]): Promise<void> {
  await db.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  if (roleIds.length) await db.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::bigint[])', [userId, roleIds]);
}

/** A live session for the user, inserted directly (login is covered elsewhere; scrypt is slow). */
export async function sessionHeaders(t: TestApp, userId: number): Promise<Record<string, string>> {
  const token = randomToken();
  const now = t.clock.now();
  await t.db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    tokenHash(token),
    userId,
    now,
    new Date(now.getTime() + 86_400_000),
  ]);
  return { authorization: `Bearer ${token}` };
}

export async function insertDepartment(db: Database, name: string, parentId: number | null): Promise<number> {
  return (await db.query<{ id: number }>('INSERT INTO departments (name, parent_id) VALUES ($1, $2) RETURNING id', [name, parentId])).rows[0]!.id;
}

export async function adminId(db: Database): Promise<number> {
  return (await db.query<{ id: number }>(`SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE r.key = 'admin' LIMIT 1`)).rows[0]!.id;
}

/** Custom fields through the admin route (`POST /api/admin/custom-fields`), as an administrator would. */
export async function createCustomFields(t: TestApp, inputs: CustomFieldInput[]): Promise<void> {
  for (const input of inputs) {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/custom-fields', headers: t.adminHeaders, payload: { object: 'customer', ...input } });
    if (res.statusCode !== 201) throw new Error(`custom field ${input.key}: ${res.statusCode} ${res.body}`);
  }
}

export interface SeedCustomer {
  name: string;
  ownerId: number | null;
  company?: string;
  level?: string;
  /** Already normalised (E.164, lower-case e-mail, upper-case ID number). */
  mobile?: string;
  email?: string;
  idNumber?: string;
  extra?: Record<string, unknown>;
  team?: { userId: number; access: 'read' | 'write' }[];
}

/** Inserts a customer the way the service stores it (sealed value + blind index). */
export async function insertCustomer(t: TestApp, c: SeedCustomer): Promise<number> {
  const now = t.clock.now();
  const columns = ['name', 'owner_id', 'company', 'level', 'created_at', 'updated_at'];
  const values: unknown[] = [c.name, c.ownerId, c.company ?? null, c.level ?? null, now, now];
  for (const [key, column] of [['mobile', 'mobile'], ['email', 'email'], ['idNumber', 'id_number']] as const) {
    const value = c[key];
    if (value === undefined) continue;
    columns.push(`${column}_enc`, `${column}_bidx`);
    values.push(t.keyring.encrypt(value), t.keyring.blindIndex(key, value));
  }
  for (const [column, value] of Object.entries(c.extra ?? {})) {
    columns.push(column);
    values.push(value);
  }
  const id = (await t.db.query<{ id: number }>(
    `INSERT INTO customers (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  )).rows[0]!.id;
  for (const member of c.team ?? []) {
    await t.db.query('INSERT INTO customer_team (customer_id, user_id, access) VALUES ($1, $2, $3)', [id, member.userId, member.access]);
  }
  return id;
}

export async function countRows(db: Database, table: 'customers' | 'audit_log' | 'outbox' | 'customer_team' | 'sessions'): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

export interface WriteCounts {
  customers: number;
  audit_log: number;
  outbox: number;
  customer_team: number;
}

/** Row counts of every table a customer write touches, to prove a failed request wrote nothing. */
export async function writeCounts(db: Database): Promise<WriteCounts> {
  const row = (await db.query<WriteCounts>(
    `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM audit_log)::int AS audit_log,
            (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM customer_team)::int AS customer_team`,
  )).rows[0]!;
  return row;
}

/** A customer row as JSON (every column, ciphertexts included), to prove a row did not change. */
export async function customerRow(db: Database, id: number): Promise<Record<string, unknown> | null> {
  return (await db.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(c) AS row FROM customers c WHERE id = $1', [id])).rows[0]?.row ?? null;
}

/** 18-digit 身份证号 with its ISO 7064 MOD 11-2 check character, computed from 2^(17-i) mod 11. */
export function withIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** Parses the export CSV (BOM, CRLF, quoted cells) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
