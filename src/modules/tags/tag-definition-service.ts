import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { parseRule, SegmentService, TagService } from '../segments/index.js';
import { type ModelTagSource, modelTagRule } from './model-tag-mapping.js';
import * as repo from './tag-definition-repository.js';
import { announceTagChange, refreshTag } from './tag-refresh.js';

export interface TagDefinitionBody {
  name: string;
  description?: string;
  layer: repo.TagLayer;
  kind: repo.TagKind;
  rule?: unknown;
  model?: ModelTagSource;
}

export interface TagDefinitionDto {
  id: number;
  name: string;
  description: string;
  layer: repo.TagLayer;
  kind: repo.TagKind;
  rule: unknown;
  model: ModelTagSource | null;
  /** Carriers in the caller's data scope. */
  customers: number;
  refreshedAt: string | null;
}

type Action = 'create' | 'update' | 'delete';

/**
 * Tag definitions of the three layers: manual ones are put by hand (in bulk), rule ones by a
 * segment rule, model ones by a score value. Needs customer read plus the `tag` object grant for
 * changes; rules are checked against the caller's visible fields by the segments' compiler.
 */
export class TagDefinitionService {
  private readonly records: RecordService;
  private readonly segments: SegmentService;
  private readonly manual: TagService;

  constructor(private readonly deps: AppDeps) {
    this.records = new RecordService(deps, customerObject);
    this.segments = new SegmentService(deps);
    this.manual = new TagService(deps);
  }

  async list(ctx: RequestContext): Promise<TagDefinitionDto[]> {
    this.records.require(ctx, 'read');
    const compiler = this.records.compiler([]);
    const [rows, carriers] = await Promise.all([
      repo.listTagDefinitions(this.deps.db),
      repo.carriersInScope(this.deps.db, compiler.scope(this.records.scope(ctx)), compiler.parameters),
    ]);
    return rows.map((row) => toDto(row, carriers.get(row.name) ?? 0));
  }

  async create(ctx: RequestContext, body: TagDefinitionBody): Promise<TagDefinitionDto> {
    this.grant(ctx, 'create');
    const input = await this.check(ctx, body);
    const now = this.deps.clock.now();
    const id = await this.deps.db.tx(async (sql) => {
      if (await repo.tagNameTaken(sql, input.name)) throw nameTaken(input.name);
      const id = await repo.insertTagDefinition(sql, input, ctx.access.actor.userId, now);
      const row = (await repo.findTagDefinition(sql, id))!;
      const change = await refreshTag(this.deps, sql, row);
      await appendAudit(sql, [auditEntry(ctx, now, 'tag.create', 'tag', String(id), { ...input, added: change.added.length })]);
      return id;
    });
    return this.one(ctx, id);
  }

  async update(ctx: RequestContext, id: number, body: TagDefinitionBody): Promise<TagDefinitionDto> {
    this.grant(ctx, 'update');
    const input = await this.check(ctx, body);
    const now = this.deps.clock.now();
    await this.deps.db.tx(async (sql) => {
      const before = await this.find(sql, id, true);
      if (await repo.tagNameTaken(sql, input.name, id)) throw nameTaken(input.name);
      await repo.updateTagDefinition(sql, id, input, ctx.access.actor.userId, now);
      if (before.name !== input.name || before.layer !== input.layer) await repo.renameCustomerTags(sql, before.name, input.name, input.layer);
      if (before.kind !== input.kind && before.kind !== 'manual') await sql.query(`DELETE FROM customer_tags WHERE tag = $1 AND source = $2`, [input.name, before.kind]);
      await refreshTag(this.deps, sql, (await repo.findTagDefinition(sql, id))!);
      const changes = { before: { name: before.name, layer: before.layer, kind: before.kind, rule: before.rule }, after: input };
      await appendAudit(sql, [auditEntry(ctx, now, 'tag.update', 'tag', String(id), changes)]);
    });
    return this.one(ctx, id);
  }

  /** Deletes the definition and takes the tag off every customer (audited, announced). */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    this.grant(ctx, 'delete');
    const now = this.deps.clock.now();
    await this.deps.db.tx(async (sql) => {
      const before = await this.find(sql, id, true);
      await repo.deleteTagDefinition(sql, id);
      const removed = await repo.removeTagEverywhere(sql, before.name);
      await announceTagChange(this.deps, sql, before.name, { added: [], removed });
      await appendAudit(sql, [auditEntry(ctx, now, 'tag.delete', 'tag', String(id), { name: before.name, customers: removed.length })]);
    });
  }

  async refresh(ctx: RequestContext, id: number): Promise<{ added: number; removed: number; customers: number }> {
    this.grant(ctx, 'update');
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      const change = await refreshTag(this.deps, sql, await this.find(sql, id));
      await appendAudit(sql, [auditEntry(ctx, now, 'tag.refresh', 'tag', String(id), { added: change.added.length, removed: change.removed.length })]);
      return { added: change.added.length, removed: change.removed.length, customers: change.carriers };
    });
  }

  /** Puts the tag on (or takes it off) a list of customers or a segment's members the caller may write. */
  async bulk(ctx: RequestContext, id: number, target: { customerIds?: number[]; segmentId?: number }, mode: 'add' | 'remove'): Promise<number> {
    this.grant(ctx, 'update');
    const tag = await this.find(this.deps.db, id);
    const changed = mode === 'add' ? await this.manual.add(ctx, tag.name, { ...target, layer: tag.layer }) : await this.manual.remove(ctx, tag.name, target);
    await repo.recordTagRefresh(this.deps.db, id, tag.name, this.deps.clock.now());
    return changed;
  }

  private async one(ctx: RequestContext, id: number): Promise<TagDefinitionDto> {
    const found = (await this.list(ctx)).find((t) => t.id === id);
    if (!found) throw new AppError('tag.not_found');
    return found;
  }

  /** The stored form of a body: a model tag becomes its score rule; a rule is checked for this caller. */
  private async check(ctx: RequestContext, body: TagDefinitionBody): Promise<repo.TagDefinitionInput> {
    const base = { name: body.name.trim(), description: body.description ?? '', layer: body.layer, kind: body.kind };
    if (base.name === '') throw new AppError('request.invalid', { field: 'name', params: { reason: 'name is empty' } });
    if (body.kind === 'manual') return { ...base, rule: null, model: null };
    if (body.kind === 'model') {
      if (!body.model) throw new AppError('request.invalid', { field: 'model', params: { reason: 'a model tag needs model {score, value}' } });
      return { ...base, rule: parseRule(modelTagRule(body.model)), model: body.model };
    }
    if (body.rule === undefined) throw new AppError('request.invalid', { field: 'rule', params: { reason: 'a rule tag needs a rule' } });
    await this.segments.count(ctx, body.rule);
    return { ...base, rule: parseRule(body.rule), model: null };
  }

  private grant(ctx: RequestContext, action: Action): void {
    this.records.require(ctx, 'read');
    if (!ctx.access.can('tag', action)) throw new AppError('permission.denied');
  }

  private async find(sql: Sql, id: number, lock = false): Promise<repo.TagDefinitionRow> {
    const row = await repo.findTagDefinition(sql, id, lock);
    if (!row) throw new AppError('tag.not_found');
    return row;
  }
}

function nameTaken(name: string): AppError {
  return new AppError('tag.name_taken', { field: 'name', params: { name } });
}

function toDto(row: repo.TagDefinitionRow, customers: number): TagDefinitionDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    layer: row.layer,
    kind: row.kind,
    rule: row.kind === 'rule' ? row.rule : null,
    model: row.model,
    customers,
    refreshedAt: row.refreshed_at ? row.refreshed_at.toISOString() : null,
  };
}
