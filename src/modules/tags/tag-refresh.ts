import type { Sql } from '../../platform/db/index.js';
import { publishMany, type Subscription } from '../../platform/events/index.js';
import type { JobHandler, JobLogger, Schedule } from '../../platform/jobs/index.js';
import { customerIdsOf } from '../customer360/index.js';
import { compileRule, loadReferenced, type RefreshDeps, referencedSegments, systemCompiler } from '../segments/index.js';
import { automaticTagIds, findTagDefinition, recordTagRefresh, syncRuleTag, type TagDefinitionRow, type TagSyncChange } from './tag-definition-repository.js';

const IDS_PER_EVENT = 1_000;

/**
 * Re-evaluates one rule or model tag (all customers, or only `candidates`) in the caller's
 * transaction with the segments' compiler over every field (a tag is a fact about the data), then
 * announces `customer.tagged` / `customer.untagged` for exactly the customers that changed.
 */
export async function refreshTag(deps: RefreshDeps, sql: Sql, tag: TagDefinitionRow, candidates?: readonly number[]): Promise<TagSyncChange & { carriers: number }> {
  if (!tag.rule) return { added: [], removed: [], carriers: tag.member_count };
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('tag-refresh'), $1::int)`, [tag.id]);
  const now = deps.clock.now();
  const compiler = await systemCompiler(deps, sql);
  const where = compileRule(tag.rule, {
    records: compiler,
    now,
    segments: await loadReferenced(sql, referencedSegments(tag.rule.rule)),
    ...(candidates ? { candidates } : {}),
  });
  const candidateWhere = candidates ? ` AND t.id = ANY(${compiler.param(candidates)}::bigint[])` : '';
  const change = await syncRuleTag(sql, {
    where: `${where}${candidateWhere}`,
    name: compiler.param(tag.name),
    layer: compiler.param(tag.layer),
    source: compiler.param(tag.kind),
    now: compiler.param(now),
    ...(candidates ? { candidates: compiler.param(candidates) } : {}),
    params: compiler.parameters,
  });
  await announceTagChange(deps, sql, tag.name, change);
  return { ...change, carriers: await recordTagRefresh(sql, tag.id, tag.name, now) };
}

export async function announceTagChange(deps: RefreshDeps, sql: Sql, tag: string, change: TagSyncChange): Promise<void> {
  const events = [];
  for (const [topic, ids] of [['customer.tagged', change.added], ['customer.untagged', change.removed]] as const) {
    for (let i = 0; i < ids.length; i += IDS_PER_EVENT) {
      events.push({ topic, aggregateType: 'customer', aggregateId: String(ids[i]), payload: { customerIds: ids.slice(i, i + IDS_PER_EVENT), tag } });
    }
  }
  if (events.length > 0) await publishMany(sql, events, deps.clock);
}

/** Refreshes one automatic tag in its own transaction; unknown ids are skipped. */
export async function refreshTagById(deps: RefreshDeps, id: number, candidates?: readonly number[]): Promise<(TagSyncChange & { carriers: number }) | null> {
  return deps.db.tx(async (sql) => {
    const tag = await findTagDefinition(sql, id);
    return tag ? refreshTag(deps, sql, tag, candidates) : null;
  });
}

export const TAGS_HANDLER = 'tag-membership';
/**
 * What can change an automatic tag: profile, tags, behaviour, orders, and finished analysis runs
 * (model scores). Its own `customer.tagged` events come back once and change nothing, so it settles.
 */
export const TAGS_TOPICS = ['customer.*', 'event.ingested', 'order.*', 'analysis.*'] as const;

/** Outbox subscription: touched customers re-evaluated against every rule and model tag; a finished analysis run refreshes them all. */
export function tagsSubscription(deps: RefreshDeps & { logger?: JobLogger }): Subscription {
  return {
    handlerName: TAGS_HANDLER,
    topics: TAGS_TOPICS,
    async handle(event) {
      if (event.topic.startsWith('analysis.')) return refreshAllTags(deps);
      const ids = customerIdsOf(event);
      if (ids.length === 0) return;
      for (const id of await automaticTagIds(deps.db)) await refreshTagById(deps, id, ids);
    },
  };
}

/** Every rule and model tag, each in its own transaction; one broken rule does not stop the others. */
export async function refreshAllTags(deps: RefreshDeps & { logger?: JobLogger }): Promise<void> {
  for (const id of await automaticTagIds(deps.db)) {
    try {
      const change = await refreshTagById(deps, id);
      deps.logger?.info({ tagId: id, added: change?.added.length ?? 0, removed: change?.removed.length ?? 0 }, 'tag refreshed');
    } catch (error) {
      deps.logger?.warn({ tagId: id, err: error }, 'tag refresh failed');
    }
  }
}

/** Daily, after the nightly analyses and the segment sweep: date-relative rules and new scores. */
export const tagSweepSchedule: Schedule = { name: 'tags-sweep', dailyAt: '05:00', jobName: 'tags.sweep' };

export function tagSweepJob(deps: RefreshDeps & { logger?: JobLogger }): JobHandler {
  return () => refreshAllTags(deps);
}
