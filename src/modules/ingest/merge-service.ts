import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { type RecordDto, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { mergeCustomers, type MergeCustomersResult, type UnmergeResult, unmergeCustomer } from './customer-merge.js';
import { effectiveStrategies, emptyFor, invalidStrategy, isMultiValue, mergeableFields } from './merge-profile.js';
import { type MergeStrategy, mergeFieldValue, strategiesFor } from './merge-strategies.js';
import { type MergeRecord, mergesOf } from './unmerge-repository.js';

const HISTORY_LIMIT = 100;

export interface MergeRecordDto {
  id: number;
  masterId: number;
  mergedId: number;
  mergedName: string;
  via: string;
  mergedAt: string;
  mergedBy: number | null;
  actorName: string | null;
  unmergedAt: string | null;
  moved: Record<string, number>;
  undoable: boolean;
}

function movedCounts(moved: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of ['events', 'identifiers', 'ingestedMessages', 'orders', 'consentEvents', 'team', 'duplicates']) {
    const value = moved[key];
    if (Array.isArray(value)) counts[key] = value.length;
  }
  return counts;
}

function toRecordDto(r: MergeRecord): MergeRecordDto {
  return {
    id: r.id,
    masterId: r.master_id,
    mergedId: r.merged_id,
    mergedName: String(r.merged_snapshot.name ?? ''),
    via: r.via,
    mergedAt: r.merged_at.toISOString(),
    mergedBy: r.merged_by,
    actorName: r.actor_name,
    unmergedAt: r.unmerged_at ? r.unmerged_at.toISOString() : null,
    moved: movedCounts(r.moved),
    undoable: r.unmerged_at === null,
  };
}

/**
 * Manual merge (the customer page's 合并 dialog and `POST /api/customers/:id/merge`), its preview,
 * the merge history of a customer and unmerge. Permission: customer `update`, and write access
 * to every customer involved (RecordService.writableIds); others are `record.not_found`.
 */
export class CustomerMergeService {
  private readonly customers: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  /** What the merged profile would look like, field by field, under each strategy (read access suffices). */
  async preview(ctx: RequestContext, id: number, otherIds: readonly number[], requested: Readonly<Record<string, MergeStrategy>> = {}) {
    const ids = [...new Set([id, ...otherIds])];
    if (ids.length < 2) throw new AppError('field.invalid_value', { field: 'otherIds', params: { field: 'otherIds', reason: 'name at least one other customer' } });
    const fields = mergeableFields(await this.customers.fields(ctx));
    this.validate(fields, requested);
    const dtos = await Promise.all(ids.map((one) => this.customers.get(ctx, one)));
    const times = await this.deps.db.query<{ id: number; created_at: Date; updated_at: Date }>('SELECT id, created_at, updated_at FROM customers WHERE id = ANY($1) ORDER BY created_at, id', [ids]);
    const byId = new Map<number, RecordDto>(dtos.map((d) => [d.id, d]));
    const profiles = times.rows.map((t) => ({ ...t, dto: byId.get(t.id)! }));
    const strategies = effectiveStrategies(fields, requested);
    return {
      masterId: profiles[0]!.id,
      customers: profiles.map((p, i) => ({ id: p.id, name: String(p.dto.name ?? ''), createdAt: p.created_at.toISOString(), updatedAt: p.updated_at.toISOString(), master: i === 0 })),
      fields: fields.map((field) => {
        const values = profiles.map((p) => ({ value: p.dto[field.key] ?? null, updatedAt: p.updated_at }));
        const allowed = strategiesFor(isMultiValue(field));
        const results = Object.fromEntries(allowed.map((s) => [s, mergeFieldValue(values, s, emptyFor(field))]));
        const strategy = strategies[field.key]!;
        return {
          key: field.key,
          labelZh: field.labelZh,
          labelEn: field.labelEn,
          type: field.type,
          strategy,
          strategies: allowed,
          values: profiles.map((p, i) => ({ customerId: p.id, value: values[i]!.value })),
          results,
          result: results[strategy],
        };
      }),
    };
  }

  async merge(ctx: RequestContext, id: number, otherIds: readonly number[], strategies: Readonly<Record<string, MergeStrategy>> = {}): Promise<MergeCustomersResult> {
    this.customers.require(ctx, 'update');
    this.validate(mergeableFields(await this.customers.fields(ctx)), strategies);
    const ids = [...new Set([id, ...otherIds])];
    return this.deps.db.tx(async (sql) => {
      const writable = await this.customers.writableIds(sql, ctx, ids);
      if (ids.some((one) => !writable.has(one))) throw new AppError('record.not_found');
      return mergeCustomers(sql, this.deps, id, otherIds, ctx, { pickMaster: 'oldest', strategies, via: 'manual' });
    });
  }

  /** Merges into or out of a customer the caller may read, newest first. */
  async history(ctx: RequestContext, customerId: number): Promise<{ items: MergeRecordDto[] }> {
    await this.customers.get(ctx, customerId);
    return { items: (await mergesOf(this.deps.db, customerId, HISTORY_LIMIT)).map(toRecordDto) };
  }

  async unmerge(ctx: RequestContext, mergeId: number): Promise<UnmergeResult> {
    this.customers.require(ctx, 'update');
    return this.deps.db.tx(async (sql) => {
      const master = await sql.query<{ master_id: number }>('SELECT master_id FROM customer_merges WHERE id = $1', [mergeId]);
      const masterId = master.rows[0]?.master_id;
      if (masterId === undefined) throw new AppError('record.not_found');
      const writable = await this.customers.writableIds(sql, ctx, [masterId]);
      // A master that no longer exists is unmerge's own refusal (409), not the caller's scope.
      const exists = (await sql.query('SELECT 1 FROM customers WHERE id = $1', [masterId])).rows.length > 0;
      if (exists && !writable.has(masterId)) throw new AppError('record.not_found');
      return unmergeCustomer(sql, this.deps, mergeId, ctx);
    });
  }

  private validate(fields: Parameters<typeof invalidStrategy>[0], requested: Readonly<Record<string, string>>): void {
    const bad = invalidStrategy(fields, requested);
    if (bad) throw new AppError('field.invalid_value', { field: bad.field, params: { field: bad.field, reason: bad.reason } });
  }
}
