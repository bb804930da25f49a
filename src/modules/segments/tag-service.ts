import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publishMany } from '../../platform/events/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { findSegment } from './segment-repository.js';
import { countTags, deleteTags, insertTags, type TagLayer } from './tag-repository.js';

export interface TagTargetInput {
  customerIds?: number[];
  segmentId?: number;
  layer?: TagLayer;
}

const IDS_PER_EVENT = 1_000;

/**
 * Manual tagging, one customer or in bulk (a list of ids or a segment's members), set-based and
 * limited to the customers the caller may write. Announces `customer.tagged` / `customer.untagged`
 * (payload `customerIds`, `tag`) so traits and dynamic segments follow; audited.
 */
export class TagService {
  private readonly records: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.records = new RecordService(deps, customerObject);
  }

  async list(ctx: RequestContext): Promise<{ tag: string; layer: string; customers: number }[]> {
    this.records.require(ctx, 'read');
    const compiler = this.records.compiler([]);
    return countTags(this.deps.db, compiler.scope(this.records.scope(ctx)), compiler.parameters);
  }

  add(ctx: RequestContext, tag: string, target: TagTargetInput): Promise<number> {
    return this.change(ctx, tag, target, 'add');
  }

  remove(ctx: RequestContext, tag: string, target: TagTargetInput): Promise<number> {
    return this.change(ctx, tag, target, 'remove');
  }

  private async change(ctx: RequestContext, tag: string, target: TagTargetInput, mode: 'add' | 'remove'): Promise<number> {
    this.records.require(ctx, 'update');
    if ((target.customerIds === undefined) === (target.segmentId === undefined)) {
      throw new AppError('request.invalid', { field: 'customerIds', params: { reason: 'exactly one of customerIds or segmentId' } });
    }
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      if (target.segmentId !== undefined && !(await findSegment(sql, target.segmentId))) throw new AppError('segment.not_found');
      const compiler = this.records.compiler([]);
      const scope = compiler.scope(this.records.scope(ctx, 'write'));
      const chosen = target.customerIds
        ? `t.id = ANY(${compiler.param(target.customerIds)}::bigint[])`
        : `EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${compiler.param(target.segmentId)}::bigint AND sm.customer_id = t.id)`;
      const where = `${scope} AND ${chosen}`;
      const ids =
        mode === 'add'
          ? await insertTags(sql, where, compiler.parameters, {
              name: tag,
              layer: target.layer ?? 'basic',
              source: 'manual',
              nameParam: compiler.param(tag),
              layerParam: compiler.param(target.layer ?? 'basic'),
              sourceParam: compiler.param('manual'),
              at: compiler.param(now),
              by: compiler.param(ctx.access.actor.userId),
            })
          : await deleteTags(sql, where, compiler.parameters, compiler.param(tag));
      await this.announce(sql, mode === 'add' ? 'customer.tagged' : 'customer.untagged', tag, ids);
      const changes = { tag, layer: target.layer ?? null, customers: ids.length, segmentId: target.segmentId ?? null, customerIds: ids.slice(0, 1000) };
      await appendAudit(sql, [auditEntry(ctx, now, mode === 'add' ? 'customer.tag' : 'customer.untag', 'customer', '', changes)]);
      return ids.length;
    });
  }

  private async announce(sql: Sql, topic: string, tag: string, ids: number[]): Promise<void> {
    const events = [];
    for (let i = 0; i < ids.length; i += IDS_PER_EVENT) {
      events.push({ topic, aggregateType: 'customer', aggregateId: String(ids[i]), payload: { customerIds: ids.slice(i, i + IDS_PER_EVENT), tag } });
    }
    await publishMany(sql, events, this.deps.clock);
  }
}
