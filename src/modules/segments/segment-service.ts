import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError, type Locale } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type CsvExport, type ListResult, prepareCsvExport, RecordService, type RecordQueryCompiler, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { compileRule, type ReferencedSegment } from './rule-compiler.js';
import { refreshMembership } from './segment-refresh.js';
import * as repo from './segment-repository.js';
import { parseRule, referencedSegments, RuleError, type SegmentRule } from './segment-rule.js';
import { type SegmentDto, type SegmentWrite, toSegmentDto } from './segment-dto.js';

export const PREVIEW_SAMPLE = 10;

export function invalidRule(error: RuleError): AppError {
  const path = error.path || 'rule';
  return new AppError('segment.invalid_rule', { field: path, params: { path, reason: error.reason } });
}

/**
 * Segments for people: preview counts and members through the caller's AccessContext (their data
 * scope, their visible fields), saved segments, refreshes, member lists and exports.
 */
export class SegmentService {
  private readonly records: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.records = new RecordService(deps, customerObject);
  }

  /** Checks a rule for this caller and returns a compile function for any compiler of theirs. */
  private async prepare(ctx: RequestContext, raw: unknown, self?: number): Promise<{ rule: SegmentRule; compile: (c: RecordQueryCompiler) => string; refs: number[] }> {
    try {
      const rule = parseRule(raw);
      const refs = referencedSegments(rule.rule);
      const segments: ReadonlyMap<number, ReferencedSegment> = await repo.loadReferenced(this.deps.db, refs);
      const now = this.deps.clock.now();
      const compile = (records: RecordQueryCompiler) => compileRule(rule, { records, now, segments, stack: self ? [self] : [] });
      compile(this.records.compiler(await this.records.fields(ctx)));
      return { rule, compile, refs };
    } catch (error) {
      throw error instanceof RuleError ? invalidRule(error) : error;
    }
  }

  /** How many customers in the caller's scope the rule selects (one statement). */
  async count(ctx: RequestContext, raw: unknown): Promise<number> {
    return (await this.preview(ctx, raw, 0)).count;
  }

  /** Live count and a first page of the customers the rule selects, within the caller's scope. */
  async preview(ctx: RequestContext, raw: unknown, sampleSize = PREVIEW_SAMPLE): Promise<{ count: number; sample: ListResult['items'] }> {
    const { compile } = await this.prepare(ctx, raw);
    const compiler = this.records.compiler(await this.records.fields(ctx));
    const where = `${compiler.scope(this.records.scope(ctx))} AND ${compile(compiler)}`;
    const [count, sample] = await Promise.all([
      repo.countWhere(this.deps.db, where, compiler.parameters),
      sampleSize > 0 ? this.records.list(ctx, { page: 1, pageSize: sampleSize, filters: [], within: compile }) : undefined,
    ]);
    return { count, sample: sample?.items ?? [] };
  }

  async list(ctx: RequestContext, page: number, pageSize: number): Promise<{ items: SegmentDto[]; total: number; page: number; pageSize: number }> {
    this.records.require(ctx, 'read');
    const { rows, total } = await repo.listSegments(this.deps.db, page, pageSize);
    return { items: rows.map(toSegmentDto), total, page, pageSize };
  }

  async get(ctx: RequestContext, id: number): Promise<SegmentDto> {
    this.records.require(ctx, 'read');
    return toSegmentDto(await this.find(id));
  }

  async create(ctx: RequestContext, input: SegmentWrite): Promise<SegmentDto> {
    this.grant(ctx, 'create');
    const { rule, refs } = await this.prepare(ctx, input.rule);
    const now = this.deps.clock.now();
    const id = await this.deps.db.tx(async (sql) => {
      const segmentId = await repo.insertSegment(sql, { ...input, description: input.description ?? '', rule, refs }, ctx.access.actor.userId, now);
      // Static segments are frozen now; dynamic ones start current and are kept so by events and the sweep.
      const change = await refreshMembership(this.deps, sql, { id: segmentId, rule });
      await appendAudit(sql, [auditEntry(ctx, now, 'segment.create', 'segment', String(segmentId), { name: input.name, kind: input.kind, rule, members: change.entered.length })]);
      return segmentId;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: number, input: SegmentWrite): Promise<SegmentDto> {
    this.grant(ctx, 'update');
    const { rule, refs } = await this.prepare(ctx, input.rule, id);
    const now = this.deps.clock.now();
    await this.deps.db.tx(async (sql) => {
      const before = await this.find(id, sql);
      await repo.updateSegment(sql, id, { ...input, description: input.description ?? before.description, rule, refs }, ctx.access.actor.userId, now);
      const change = await refreshMembership(this.deps, sql, { id, rule });
      const changes = { name: [before.name, input.name], kind: [before.kind, input.kind], rule: [before.rule, rule], entered: change.entered.length, exited: change.exited.length };
      await appendAudit(sql, [auditEntry(ctx, now, 'segment.update', 'segment', String(id), changes)]);
    });
    return this.get(ctx, id);
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    this.grant(ctx, 'delete');
    await this.deps.db.tx(async (sql) => {
      const before = await this.find(id, sql);
      const users = (await repo.referrers(sql, id)).filter((r) => r !== id);
      if (users.length > 0) throw new AppError('segment.in_use', { params: { segments: users.join(', ') } });
      await repo.deleteSegment(sql, id);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'segment.delete', 'segment', String(id), { name: before.name })]);
    });
  }

  /** Re-evaluates now (a static segment is frozen again from its rule). */
  async refresh(ctx: RequestContext, id: number): Promise<{ entered: number; exited: number; memberCount: number }> {
    this.grant(ctx, 'update');
    const change = await this.deps.db.tx(async (sql) => {
      const segment = await this.find(id, sql, true);
      const result = await refreshMembership(this.deps, sql, segment);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'segment.refresh', 'segment', String(id), { entered: result.entered.length, exited: result.exited.length })]);
      return result;
    });
    const after = await this.find(id);
    return { entered: change.entered.length, exited: change.exited.length, memberCount: after.member_count };
  }

  /** Members the caller may see, as customer records (their fields, masking), newest first. */
  async members(ctx: RequestContext, id: number, page: number, pageSize: number): Promise<ListResult> {
    await this.find(id);
    return this.records.list(ctx, { page, pageSize, filters: [], within: membership(id) });
  }

  /** CSV of the members the caller may see: the record layer's export (permission, masking, audit). */
  async exportMembers(ctx: RequestContext, id: number, locale: Locale): Promise<CsvExport> {
    await this.find(id);
    return prepareCsvExport(this.records, this.deps, ctx, { filters: [], within: membership(id) }, locale);
  }

  private grant(ctx: RequestContext, action: 'create' | 'update' | 'delete'): void {
    this.records.require(ctx, 'read');
    if (!ctx.access.can('segment', action)) throw new AppError('permission.denied');
  }

  private async find(id: number, sql: Sql = this.deps.db, lock = false): Promise<repo.SegmentRow> {
    const row = await repo.findSegment(sql, id, lock);
    if (!row) throw new AppError('segment.not_found');
    return row;
  }
}

function membership(id: number): (c: RecordQueryCompiler) => string {
  return (c) => `EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${c.param(id)}::bigint AND sm.customer_id = t.id)`;
}
