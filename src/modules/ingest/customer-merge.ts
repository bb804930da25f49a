import { appendAudit } from '../../platform/audit/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, lockRecordsForRemoval, type RequestContext } from '../../platform/records/index.js';
import { computeTraits } from '../customer360/index.js';
import { customerObject } from '../customers/index.js';
import { type CustomerRowJson, unmergePatch } from './merge-profile.js';
import { allowCustomerRowMoves, customerRowsJson, mergeCustomerRows, type MergeVia, patchCustomer } from './merge-repository.js';
import type { MergeStrategy } from './merge-strategies.js';
import { lockMergeRecord, markUnmerged, type MovedBack, restoreMergedCustomer } from './unmerge-repository.js';

export interface MergeCustomersOptions {
  /** `given` (default): `masterId` stays master; `oldest`: the oldest of all named customers (created_at, then id). */
  pickMaster?: 'given' | 'oldest';
  /** Extra facts for the audit entry (e.g. `{ via: 'duplicate_review', duplicateId }`). */
  auditChanges?: Record<string, unknown>;
  /** Per-field strategies (field key → strategy); the others get the defaults (see merge-profile.ts). */
  strategies?: Readonly<Record<string, MergeStrategy>>;
  /** Recorded in the merge history; default `duplicate_review` when auditChanges says so, else `manual`. */
  via?: Exclude<MergeVia, 'tracking'>;
}

export interface MergeCustomersResult {
  masterId: number;
  mergedIds: number[];
  movedEvents: number;
  /** The `customer_merges` ids (one per merged customer), for unmerge. */
  mergeIds: number[];
}

type Actor = Pick<RequestContext, 'access' | 'ip' | 'requestId'>;

/**
 * Merges customers inside the caller's transaction (a person's decision, e.g. an accepted duplicate
 * or the merge dialog): locks every named customer, picks the master, moves everything onto it and
 * records it for unmerge (mergeCustomerRows), recomputes the master's traits, audits
 * `customer.merge` as the caller and publishes `customer.merged`
 * (`{masterId, mergedIds, sourceId: null}`, the shape ingest uses). A customer that no longer exists
 * (merged away, deleted) → `record.not_found`. No permission check: the caller checks write access.
 */
export async function mergeCustomers(
  sql: Sql,
  deps: { keyring?: Keyring; clock: Clock },
  masterId: number,
  mergedIds: readonly number[],
  actor: Actor,
  options: MergeCustomersOptions = {},
): Promise<MergeCustomersResult> {
  const all = [...new Set([masterId, ...mergedIds])];
  if (all.length < 2) throw new AppError('field.invalid_value', { field: 'mergedIds', params: { field: 'mergedIds', reason: 'at least one customer other than the master' } });
  // Removal locks before row locks (record-locks.ts): the master is locked too, as which one stays is decided below.
  await lockRecordsForRemoval(sql, customerObject, all);
  const found = await sql.query<{ id: number }>('SELECT id FROM customers WHERE id = ANY($1) ORDER BY created_at, id FOR UPDATE', [all]);
  if (found.rows.length !== all.length) throw new AppError('record.not_found');
  const master = options.pickMaster === 'oldest' ? found.rows[0]!.id : masterId;
  const merged = all.filter((id) => id !== master).sort((a, b) => a - b);
  const now = deps.clock.now();
  const via = options.via ?? (options.auditChanges?.via === 'duplicate_review' ? 'duplicate_review' : 'manual');
  const { actor: who } = actor.access;
  const recorded = await mergeCustomerRows(sql, master, merged, now, { via, strategies: options.strategies ?? {}, actorId: who.userId, actorName: who.name ?? null });
  await computeTraits(sql, [master, ...merged], now);
  const changes = { mergedIds: merged, movedEvents: recorded.movedEvents, mergeIds: recorded.mergeIds, ...(options.strategies ? { strategies: options.strategies } : {}), ...options.auditChanges };
  await appendAudit(sql, [auditEntry(actor, now, 'customer.merge', 'customer', String(master), changes)]);
  await publish(sql, { topic: 'customer.merged', aggregateType: 'customer', aggregateId: String(master), payload: { masterId: master, mergedIds: merged, sourceId: null } }, deps.clock);
  return { masterId: master, mergedIds: merged, movedEvents: recorded.movedEvents, mergeIds: recorded.mergeIds };
}

export interface UnmergeResult {
  mergeId: number;
  masterId: number;
  restoredId: number;
  moved: MovedBack;
  /** Master columns put back to their value before the merge. */
  restoredFields: string[];
}

/**
 * Undoes one recorded merge inside the caller's transaction: the merged customer comes back with its
 * id and field values, its rows move back (see unmerge-repository.ts for the rule about rows that
 * arrived after the merge), the master's fields the merge changed and nobody edited since get their
 * earlier values, traits are recomputed. Audited `customer.unmerge`, publishes `customer.unmerged`
 * `{masterId, customerIds}`. Refused (409 `merge.not_undoable`) when already undone, when the
 * master was merged away since (undo that merge first) or the merged id exists again.
 * The caller checks write access to the master (`lockMergeRecord` then this).
 */
export async function unmergeCustomer(sql: Sql, deps: { clock: Clock }, mergeId: number, actor: Actor): Promise<UnmergeResult> {
  const record = await lockMergeRecord(sql, mergeId);
  if (!record) throw new AppError('record.not_found');
  const reason = record.unmerged_at ? 'already undone' : null;
  if (reason) throw new AppError('merge.not_undoable', { params: { reason } });
  const present = await sql.query<{ id: number }>('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[record.master_id, record.merged_id]]);
  if (!present.rows.some((r) => r.id === record.master_id)) throw new AppError('merge.not_undoable', { params: { reason: 'the master was merged or deleted since; undo that first' } });
  if (present.rows.some((r) => r.id === record.merged_id)) throw new AppError('merge.not_undoable', { params: { reason: 'the merged customer exists again' } });
  const now = deps.clock.now();
  await allowCustomerRowMoves(sql, true);
  const moved = await restoreMergedCustomer(sql, record);
  await allowCustomerRowMoves(sql, false);
  const [current] = await customerRowsJson(sql, record.master_id, [record.master_id]);
  const patch = record.master_after && current ? unmergePatch(record.master_before, record.master_after, current as CustomerRowJson) : {};
  await patchCustomer(sql, record.master_id, patch, now);
  await markUnmerged(sql, mergeId, now, actor.access.actor.userId);
  await computeTraits(sql, [record.master_id, record.merged_id], now);
  const restoredFields = Object.keys(patch);
  const changes = { mergeId, restoredId: record.merged_id, moved, restoredFields };
  await appendAudit(sql, [auditEntry(actor, now, 'customer.unmerge', 'customer', String(record.master_id), changes)]);
  await publish(sql, { topic: 'customer.unmerged', aggregateType: 'customer', aggregateId: String(record.master_id), payload: { masterId: record.master_id, customerIds: [record.master_id, record.merged_id], mergeId } }, deps.clock);
  return { mergeId, masterId: record.master_id, restoredId: record.merged_id, moved, restoredFields };
}
