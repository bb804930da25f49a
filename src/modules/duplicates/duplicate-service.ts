/**
 * The review queue: list the suggestions whose two customers the caller may read, dismiss or accept
 * one (both customers writable), run a scan (admin). Every decision and scan is audited. Accepting
 * merges the two customers (the oldest stays master, ingest's mergeCustomers) in the same transaction
 * and re-points (or dismisses) the other pending pairs of the merged customer.
 */
import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, RecordService, type RequestContext, type RowScope } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { mergeCustomers } from '../ingest/index.js';
import { repointPairs } from './duplicate-repository.js';
import { type ScanResult, scanDuplicates } from './scan.js';

export type DuplicateStatus = 'pending' | 'accepted' | 'dismissed';

export interface DuplicateDto {
  id: number;
  customerA: number;
  customerB: number;
  score: number;
  reasons: string[];
  status: DuplicateStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
}

interface Row {
  id: number;
  customer_a: number;
  customer_b: number;
  score: string;
  reasons: string[];
  status: DuplicateStatus;
  created_at: Date;
  decided_at: Date | null;
  decided_by: number | null;
}

function toDto(r: Row): DuplicateDto {
  return {
    id: r.id,
    customerA: r.customer_a,
    customerB: r.customer_b,
    score: Number(r.score),
    reasons: r.reasons,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decidedBy: r.decided_by,
  };
}

export class DuplicateService {
  private readonly customers: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  /**
   * SQL condition (with its parameters) that customer `column` lies in the caller's row scope. With
   * `allowGone`, a customer that no longer exists (merged away by the decision) passes too: a decided
   * pair stays listed while its remaining customer is visible.
   */
  private async visible(ctx: RequestContext, columns: string[], scope: RowScope, params: unknown[], allowGone = false): Promise<string> {
    const compiler = this.customers.compiler(await this.customers.fields(ctx));
    for (const p of params) compiler.param(p);
    const inScope = (c: string) => `EXISTS (SELECT 1 FROM customers t WHERE t.id = ${c} AND ${compiler.scope(scope)})`;
    const parts = columns.map((c) => (allowGone ? `(${inScope(c)} OR NOT EXISTS (SELECT 1 FROM customers g WHERE g.id = ${c}))` : inScope(c)));
    params.splice(0, params.length, ...compiler.parameters);
    return parts.join(' AND ');
  }

  async list(ctx: RequestContext, status: DuplicateStatus, page: number, pageSize: number) {
    const params: unknown[] = [status];
    // Decided pairs: a merged-away side no longer exists, but the pair stays listed (its other side must be visible).
    const where = await this.visible(ctx, ['d.customer_a', 'd.customer_b'], this.customers.scope(ctx), params, status !== 'pending');
    const remaining = status === 'pending' ? '' : ' AND EXISTS (SELECT 1 FROM customers x WHERE x.id IN (d.customer_a, d.customer_b))';
    const base = `FROM duplicate_candidates d WHERE d.status = $1 AND ${where}${remaining}`;
    const [rows, total] = await Promise.all([
      this.deps.db.query<Row>(`SELECT d.* ${base} ORDER BY d.score DESC, d.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
      this.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, params),
    ]);
    return { items: rows.rows.map(toDto), page, pageSize, total: total.rows[0]?.n ?? 0 };
  }

  dismiss(ctx: RequestContext, id: number): Promise<DuplicateDto> {
    return this.decide(ctx, id, 'dismissed', 'duplicate.dismiss');
  }

  accept(ctx: RequestContext, id: number): Promise<DuplicateDto> {
    return this.decide(ctx, id, 'accepted', 'duplicate.accept');
  }

  private async decide(ctx: RequestContext, id: number, status: DuplicateStatus, action: string): Promise<DuplicateDto> {
    this.customers.require(ctx, 'update');
    const params: unknown[] = [id];
    const where = await this.visible(ctx, ['d.customer_a', 'd.customer_b'], this.customers.scope(ctx, 'write'), params);
    return this.deps.db.tx(async (sql: Sql) => {
      const found = await sql.query<Row>(`SELECT d.* FROM duplicate_candidates d WHERE d.id = $1 AND ${where} FOR UPDATE OF d`, params);
      const row = found.rows[0];
      if (!row) throw new AppError('record.not_found');
      if (row.status !== 'pending') {
        throw new AppError('field.invalid_value', { field: 'status', params: { field: 'status', reason: `already ${row.status}` } });
      }
      const now = this.deps.clock.now();
      const userId = ctx.access.actor.userId;
      let merge: Record<string, unknown> = {};
      if (status === 'accepted') {
        const result = await mergeCustomers(sql, this.deps, row.customer_a, [row.customer_b], ctx, { pickMaster: 'oldest', auditChanges: { via: 'duplicate_review', duplicateId: id } });
        merge = { masterId: result.masterId, mergedIds: result.mergedIds, ...(await repointPairs(sql, id, result.masterId, result.mergedIds, now, userId)) };
      }
      const updated = await sql.query<Row>('UPDATE duplicate_candidates SET status = $2, decided_at = $3, decided_by = $4 WHERE id = $1 RETURNING *', [
        id,
        status,
        now,
        userId,
      ]);
      await appendAudit(sql, [
        auditEntry(ctx, now, action, 'duplicate', String(id), { duplicateId: id, customerA: row.customer_a, customerB: row.customer_b, score: Number(row.score), ...merge }),
      ]);
      return toDto(updated.rows[0]!);
    });
  }

  /** Admin only: scan every customer (all rows, whatever the caller's scope) and queue new pairs. */
  async scan(ctx: RequestContext): Promise<ScanResult> {
    if (!ctx.access.isAdmin) throw new AppError('permission.denied');
    const now = this.deps.clock.now();
    const result = await scanDuplicates(this.deps.db, this.deps.keyring, { now });
    await this.deps.db.tx((sql) => appendAudit(sql, [auditEntry(ctx, now, 'duplicate.scan', 'customer', '*', { ...result })]));
    return result;
  }
}
