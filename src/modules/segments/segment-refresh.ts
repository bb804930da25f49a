import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database, Sql } from '../../platform/db/index.js';
import { publishMany } from '../../platform/events/index.js';
import { loadFieldDefinitions, RecordQueryCompiler } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { compileRule } from './rule-compiler.js';
import { applyMembership, findSegment, loadReferenced, lockSegmentRefresh, type MembershipChange, recordRefresh } from './segment-repository.js';
import type { SegmentRule } from './segment-rule.js';

export interface RefreshDeps {
  db: Database;
  keyring: Keyring;
  clock: Clock;
}

export const SEGMENT_ENTERED = 'segment.entered';
export const SEGMENT_EXITED = 'segment.exited';
const EVENTS_PER_STATEMENT = 5_000;

/** A compiler over every customer field: membership is a fact about the data, not about a viewer. */
export async function systemCompiler(deps: RefreshDeps, sql: Sql = deps.db): Promise<RecordQueryCompiler> {
  const fields = await loadFieldDefinitions(sql, customerObject);
  return new RecordQueryCompiler(customerObject, fields, (field, value) => deps.keyring.blindIndex(field, value));
}

/**
 * Re-evaluates one segment's rule (all customers, or only `candidates`) in the caller's
 * transaction: one INSERT … SELECT / DELETE statement, then `segment.entered` / `segment.exited`
 * outbox events for exactly the customers that changed. Serialised per segment.
 */
export async function refreshMembership(
  deps: RefreshDeps,
  sql: Sql,
  segment: { id: number; rule: SegmentRule },
  candidates?: readonly number[],
): Promise<MembershipChange> {
  await lockSegmentRefresh(sql, segment.id);
  const now = deps.clock.now();
  const compiler = await systemCompiler(deps, sql);
  const where = compileRule(segment.rule, {
    records: compiler,
    now,
    segments: await loadReferenced(sql, [segment.id]),
    stack: [segment.id],
    ...(candidates ? { candidates } : {}),
  });
  const change = await applyMembership(sql, {
    where,
    segment: compiler.param(segment.id),
    now: compiler.param(now),
    ...(candidates ? { candidates: compiler.param(candidates) } : {}),
    params: compiler.parameters,
  });
  await publishChanges(deps, sql, segment.id, change);
  await recordRefresh(sql, segment.id, now, candidates ? change.entered.length - change.exited.length : null);
  return change;
}

async function publishChanges(deps: RefreshDeps, sql: Sql, segmentId: number, change: MembershipChange): Promise<void> {
  const events = [
    ...change.entered.map((customerId) => ({ topic: SEGMENT_ENTERED, customerId })),
    ...change.exited.map((customerId) => ({ topic: SEGMENT_EXITED, customerId })),
  ].map(({ topic, customerId }) => ({ topic, aggregateType: 'segment', aggregateId: String(segmentId), payload: { segmentId, customerId } }));
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    await publishMany(sql, events.slice(i, i + EVENTS_PER_STATEMENT), deps.clock);
  }
}

/** Refreshes one saved segment in its own transaction (sweep, on demand); unknown ids are skipped. */
export async function refreshSegmentById(deps: RefreshDeps, id: number, candidates?: readonly number[]): Promise<MembershipChange | null> {
  return deps.db.tx(async (sql) => {
    const segment = await findSegment(sql, id);
    if (!segment) return null;
    return refreshMembership(deps, sql, segment, candidates);
  });
}
