import { appendAudit } from '../audit/index.js';
import { Keyring } from '../crypto/index.js';
import { AppError } from '../errors/index.js';
import { publish } from '../events/index.js';
import { queryPrepared, type Sql } from '../db/index.js';
import { loadFieldDefinitions, type VisibleField, visibleFields } from './field-catalogue.js';
import type { ObjectDefinition } from './field-definition.js';
import type { StoredValue } from './field-values.js';
import { auditEntry, auditValue, type RecordDeps, type RequestContext } from './record-context.js';
import { type RecordDto, selectList, toRecordDto } from './record-mapper.js';
import { type ListParams, RecordQueryCompiler, type RowScope } from './record-query.js';
import { lockRecordsForRemoval } from './record-locks.js';
import { checkReferences, prepareWrite } from './record-writes.js';

export const TOTAL_CAP = 10_000;

/**
 * Large totals (≥ 1,000) are kept for a few seconds per exact query: paging through a big filtered
 * list then costs one count, not one per page. Small totals are always exact, and any write through
 * this service starts afresh; writes by other processes show within COUNT_TTL_MS. (Wall-clock on
 * purpose: this is a cache lifetime, not business time.)
 */
const COUNT_TTL_MS = 3_000;
const COUNT_CACHE_FROM = 1_000;

/** Adds a value to a statement's parameters and answers its placeholder (`$n`). */
export type SqlParam = (value: unknown) => string;

/** More select-list items for a read of one record: built from the SQL expression of the record's id and `param`. */
export type ExtraSelect = (key: string, param: SqlParam) => string;

export interface ListResult {
  items: RecordDto[];
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
}

/**
 * The permission-enforcing data layer for one object: every read and write surface goes through
 * here, so object, field and row permissions hold on list, count, detail, search, filter, sort,
 * export and writes alike. Records outside the caller's scope are `record.not_found` (404).
 */
export class RecordService {
  private readonly counts = new Map<string, { n: number; at: number }>();
  private writes = 0;

  constructor(
    private readonly deps: RecordDeps,
    readonly object: ObjectDefinition,
  ) {}

  async fields(ctx: RequestContext): Promise<readonly VisibleField[]> {
    this.require(ctx, 'read');
    return visibleFields(await this.definitions(ctx), ctx.access, this.object.name);
  }

  /** All field definitions of the object (system + custom), through the request's cache if any. */
  definitions(ctx: RequestContext) {
    const load = () => loadFieldDefinitions(this.deps.db, this.object);
    return ctx.cache ? ctx.cache.get(`fields:${this.object.name}`, load) : load();
  }

  async list(ctx: RequestContext, params: ListParams): Promise<ListResult> {
    const fields = await this.fields(ctx);
    const compiler = this.compiler(fields);
    const where = compiler.where(params, this.scope(ctx));
    const order = compiler.orderBy(params.sort);
    const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${this.object.table} t WHERE ${where} LIMIT ${TOTAL_CAP + 1}) s`;
    const args = compiler.parameters;
    const offset = (params.page - 1) * params.pageSize;
    // Deferred join: find the page's ids first (index-only work, OFFSET skips bare ids), then build
    // the projection — decryption inputs, owner name — for those rows only. Prepared: after five
    // runs of a text PostgreSQL reuses its generic plan instead of planning each page (~0.45 ms).
    // LIMIT and OFFSET stay literals on purpose: as parameters the generic plan assumes 10% of the
    // rows and hash-joins the whole table (250 ms), so every run would be planned afresh.
    const listSql = `WITH page AS (SELECT t.id FROM ${this.object.table} t WHERE ${where} ORDER BY ${order} LIMIT ${params.pageSize} OFFSET ${offset})
      SELECT ${selectList(fields, this.object.ownerColumn)} FROM page JOIN ${this.object.table} t ON t.id = page.id ORDER BY ${order}`;
    const [rows, n] = await Promise.all([this.deps.db.prepared(listSql, args), this.count(countSql, args)]);
    await this.deps.keyring.ensureKeys(Keyring.keyIdsIn(rows.rows));
    return {
      items: rows.rows.map((row) => toRecordDto(row, fields, this.deps.keyring)),
      page: params.page,
      pageSize: params.pageSize,
      total: Math.min(n, TOTAL_CAP),
      totalCapped: n > TOTAL_CAP,
    };
  }

  async get(ctx: RequestContext, id: number): Promise<RecordDto> {
    const fields = await this.fields(ctx);
    const row = await this.fetch(this.deps.db, ctx, fields, id, 'read');
    return toRecordDto(row, fields, this.deps.keyring);
  }

  /**
   * `get`, and in the same statement more select-list items about the record (`extra` builds them
   * from the SQL expression of the record's id and a way to add parameters; name them with quoted
   * aliases that are not field keys). PostgreSQL evaluates them only for a row the caller may read,
   * so nothing is read about a record outside the caller's scope; their values come back in `extra`.
   * The text of `extra` must repeat for the same fields (the statement is prepared).
   */
  async getWith(ctx: RequestContext, id: number, extra: ExtraSelect): Promise<{ record: RecordDto; extra: Record<string, unknown> }> {
    const fields = await this.fields(ctx);
    const row = await this.fetch(this.deps.db, ctx, fields, id, 'read', false, undefined, extra);
    return { record: toRecordDto(row, fields, this.deps.keyring), extra: row };
  }

  /** The clear value of one sensitive field; audited. Masked-only access is refused. */
  async reveal(ctx: RequestContext, id: number, key: string): Promise<string | null> {
    const fields = await this.fields(ctx);
    const field = fields.find((f) => f.key === key);
    if (!field) throw new AppError('field.unknown', { field: key, params: { field: key } });
    if (field.masked) throw new AppError('permission.field_masked', { field: key });
    return this.deps.db.tx(async (sql) => {
      const row = await this.fetch(sql, ctx, [field], id, 'read');
      const dto = toRecordDto(row, [field], this.deps.keyring, true);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), `${this.object.name}.reveal`, this.object.name, String(id), { field: key })]);
      return (dto[key] as string | null) ?? null;
    });
  }

  async create(ctx: RequestContext, body: Record<string, unknown>): Promise<RecordDto> {
    this.writes += 1;
    this.require(ctx, 'create');
    const all = await this.definitions(ctx);
    const fields = visibleFields(all, ctx.access, this.object.name);
    // A record cannot be created without its required fields: a caller who may not even see one of
    // them may not create (403, without naming it). Visible read-only ones are reported by name below.
    const visible = new Set(fields.map((f) => f.key));
    if (all.some((f) => f.required && !f.system && !visible.has(f.key))) throw new AppError('permission.denied');
    const write = prepareWrite(body, fields, this.deps.keyring, 'create');
    const now = this.deps.clock.now();
    const me = ctx.access.actor.userId;
    const id = await this.deps.db.tx(async (sql) => {
      await checkReferences(sql, fields, write.changes);
      const columns = [...write.columns, this.object.ownerColumn, 'created_by', 'updated_by', 'created_at', 'updated_at'];
      const values = [...write.values, me, me, me, now, now];
      const inserted = await sql.query<{ id: number }>(
        `INSERT INTO ${this.object.table} (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        values,
      );
      const recordId = inserted.rows[0]!.id;
      const changes = this.auditChanges(fields, new Map(), write.changes);
      await publish(sql, { topic: `${this.object.name}.created`, aggregateType: this.object.name, aggregateId: String(recordId), payload: { id: recordId, fields: Object.keys(changes) } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, `${this.object.name}.create`, this.object.name, String(recordId), changes)]);
      return recordId;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: number, body: Record<string, unknown>): Promise<RecordDto> {
    this.writes += 1;
    this.require(ctx, 'update');
    const fields = await this.fields(ctx);
    const write = prepareWrite(body, fields, this.deps.keyring, 'update');
    const now = this.deps.clock.now();
    await this.deps.db.tx(async (sql) => {
      const before = await this.fetch(sql, ctx, fields, id, 'write', true);
      await checkReferences(sql, fields, write.changes);
      const old = new Map<string, StoredValue>();
      for (const key of write.changes.keys()) {
        const value = before[key] as StoredValue | Buffer;
        old.set(key, Buffer.isBuffer(value) ? this.deps.keyring.decrypt(value) : (value ?? null));
      }
      const changes = this.auditChanges(fields, old, write.changes);
      if (Object.keys(changes).length === 0) return;
      const sets = write.columns.map((c, i) => `${c} = $${i + 1}`);
      const n = write.values.length;
      await sql.query(
        `UPDATE ${this.object.table} SET ${sets.join(', ')}, updated_by = $${n + 1}, updated_at = $${n + 2} WHERE id = $${n + 3}`,
        [...write.values, ctx.access.actor.userId, now, id],
      );
      await publish(sql, { topic: `${this.object.name}.updated`, aggregateType: this.object.name, aggregateId: String(id), payload: { id, fields: Object.keys(changes) } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, `${this.object.name}.update`, this.object.name, String(id), changes)]);
    });
    return this.get(ctx, id);
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    this.writes += 1;
    this.require(ctx, 'delete');
    const fields = await this.fields(ctx);
    await this.deps.db.tx(async (sql) => {
      if (Number.isSafeInteger(id) && id > 0) await lockRecordsForRemoval(sql, this.object, [id]);
      await this.fetch(sql, ctx, fields.filter((f) => f.key === 'id'), id, 'write', true);
      if (this.object.team) await sql.query(`DELETE FROM ${this.object.team.table} WHERE ${this.object.team.recordColumn} = $1`, [id]);
      await sql.query(`DELETE FROM ${this.object.table} WHERE id = $1`, [id]);
      await publish(sql, { topic: `${this.object.name}.deleted`, aggregateType: this.object.name, aggregateId: String(id), payload: { id } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), `${this.object.name}.delete`, this.object.name, String(id))]);
    });
  }

  /** Hands the record to another user (the owner is not writable through update). */
  async transfer(ctx: RequestContext, id: number, ownerId: number): Promise<RecordDto> {
    this.writes += 1;
    this.require(ctx, 'update');
    const fields = await this.fields(ctx);
    const now = this.deps.clock.now();
    // The answer is read inside the transaction: handing a record away may take it out of the
    // caller's own scope, and a committed transfer must not answer 404.
    return this.deps.db.tx(async (sql) => {
      const before = await this.fetch(sql, ctx, fields.filter((f) => f.key === 'id'), id, 'write', true);
      const owner = await sql.query('SELECT 1 FROM users WHERE id = $1', [ownerId]);
      if (owner.rowCount === 0) throw new AppError('field.invalid_value', { field: 'ownerId', params: { field: 'ownerId', reason: 'no such user' } });
      const previous = (await sql.query(`SELECT ${this.object.ownerColumn} AS o FROM ${this.object.table} WHERE id = $1`, [before.id])).rows[0]?.o ?? null;
      await sql.query(`UPDATE ${this.object.table} SET ${this.object.ownerColumn} = $1, updated_by = $2, updated_at = $3 WHERE id = $4`, [ownerId, ctx.access.actor.userId, now, id]);
      await publish(sql, { topic: `${this.object.name}.updated`, aggregateType: this.object.name, aggregateId: String(id), payload: { id, fields: ['ownerId'] } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, `${this.object.name}.transfer`, this.object.name, String(id), { ownerId: [previous, ownerId] })]);
      const after = await this.fetch(sql, ctx, fields, id, 'read', false, { owners: null, userId: ctx.access.actor.userId });
      return toRecordDto(after, fields, this.deps.keyring);
    });
  }

  private async count(sql: string, args: unknown[]): Promise<number> {
    const key = `${this.writes}\u0000${sql}\u0000${JSON.stringify(args, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v))}`;
    const now = performance.now();
    const hit = this.counts.get(key);
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.n;
    const n = (await this.deps.db.prepared<{ n: number }>(sql, args)).rows[0]?.n ?? 0;
    if (n >= COUNT_CACHE_FROM) {
      if (this.counts.size > 1_000) this.counts.clear();
      this.counts.set(key, { n, at: now });
    }
    return n;
  }

  /**
   * The records among `ids` the caller may write (owner scope, or team access 'write'), in one
   * statement, key-share locked until the caller's transaction ends (they cannot vanish meanwhile).
   * For modules that write rows hanging off a record (orders, consents) inside their own transaction.
   */
  async writableIds(sql: Sql, ctx: RequestContext, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const compiler = this.compiler([]);
    const where = compiler.scope(this.scope(ctx, 'write'));
    const list = compiler.param([...new Set(ids)].sort((a, b) => a - b));
    const result = await sql.query<{ id: number }>(
      `SELECT t.id FROM ${this.object.table} t WHERE t.id = ANY(${list}::bigint[]) AND ${where} ORDER BY t.id FOR KEY SHARE OF t`,
      compiler.parameters,
    );
    return new Set(result.rows.map((r) => r.id));
  }

  compiler(fields: readonly VisibleField[]): RecordQueryCompiler {
    return new RecordQueryCompiler(this.object, fields, (field, value) => this.deps.keyring.blindIndex(field, value));
  }

  scope(ctx: RequestContext, teamAccess: RowScope['teamAccess'] = 'read'): RowScope {
    return { owners: ctx.access.visibleOwners(this.object.name), userId: ctx.access.actor.userId, teamAccess };
  }

  require(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete' | 'export'): void {
    if (!ctx.access.can(this.object.name, action)) throw new AppError('permission.denied');
  }

  private async fetch(sql: Sql, ctx: RequestContext, fields: readonly VisibleField[], id: number, mode: 'read' | 'write', lock = false, scope?: RowScope, extra?: ExtraSelect) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('record.not_found');
    const compiler = this.compiler(fields);
    const key = `${compiler.param(id)}::bigint`;
    const where = compiler.scope(scope ?? this.scope(ctx, mode));
    let select = fields.length ? selectList(fields, this.object.ownerColumn) : 't.id AS "id"';
    if (extra) select += `, ${extra('t.id', (value) => compiler.param(value))}`;
    const text = `SELECT ${select}, t.id AS "__id" FROM ${this.object.table} t WHERE t.id = ${key} AND ${where}${lock ? ' FOR UPDATE OF t' : ''}`;
    // Reads outside a transaction go through a prepared statement: the text depends only on the
    // caller's visible fields and scope shape, so it repeats.
    const result = await queryPrepared(sql, text, compiler.parameters);
    const row = result.rows[0];
    if (!row) throw new AppError('record.not_found');
    await this.deps.keyring.ensureKeys(Keyring.keyIdsIn([row]));
    return { ...row, id: row.__id as number } as Record<string, unknown> & { id: number };
  }

  private auditChanges(fields: readonly VisibleField[], before: Map<string, StoredValue>, after: Map<string, StoredValue>) {
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, value] of after) {
      const field = fields.find((f) => f.key === key)!;
      const old = before.get(key) ?? null;
      if (sameValue(old, value)) continue;
      const sensitive = Boolean(field.sensitive);
      changes[key] = [auditValue(this.deps.keyring, key, sensitive, old), auditValue(this.deps.keyring, key, sensitive, value)];
    }
    return changes;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'string' && typeof b === 'number') return Number(a) === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
