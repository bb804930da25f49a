import { appendAudit } from '../../platform/audit/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { mergeCustomerRows } from './merge-repository.js';

export interface MergeCustomersOptions {
  /** `given` (default): `masterId` stays master; `oldest`: the oldest of all named customers (created_at, then id). */
  pickMaster?: 'given' | 'oldest';
  /** Extra facts for the audit entry (e.g. `{ via: 'duplicate_review', duplicateId }`). */
  auditChanges?: Record<string, unknown>;
}

export interface MergeCustomersResult {
  masterId: number;
  mergedIds: number[];
  movedEvents: number;
}

/**
 * Merges customers inside the caller's transaction (a person's decision, e.g. an accepted duplicate):
 * locks every named customer, picks the master, moves everything onto it (mergeCustomerRows), audits
 * `customer.merge` as the caller and publishes `customer.merged` (`{masterId, mergedIds, sourceId: null}`,
 * the shape ingest uses). A customer that no longer exists (merged away, deleted) → `record.not_found`.
 * No permission check: the caller checks write access to every customer.
 */
export async function mergeCustomers(
  sql: Sql,
  deps: { keyring?: Keyring; clock: Clock },
  masterId: number,
  mergedIds: readonly number[],
  actor: Pick<RequestContext, 'access' | 'ip' | 'requestId'>,
  options: MergeCustomersOptions = {},
): Promise<MergeCustomersResult> {
  const all = [...new Set([masterId, ...mergedIds])];
  if (all.length < 2) throw new AppError('field.invalid_value', { field: 'mergedIds', params: { field: 'mergedIds', reason: 'at least one customer other than the master' } });
  const found = await sql.query<{ id: number }>('SELECT id FROM customers WHERE id = ANY($1) ORDER BY created_at, id FOR UPDATE', [all]);
  if (found.rows.length !== all.length) throw new AppError('record.not_found');
  const master = options.pickMaster === 'oldest' ? found.rows[0]!.id : masterId;
  const merged = all.filter((id) => id !== master).sort((a, b) => a - b);
  const now = deps.clock.now();
  const movedEvents = await mergeCustomerRows(sql, master, merged, now);
  await appendAudit(sql, [auditEntry(actor, now, 'customer.merge', 'customer', String(master), { mergedIds: merged, movedEvents, ...options.auditChanges })]);
  await publish(sql, { topic: 'customer.merged', aggregateType: 'customer', aggregateId: String(master), payload: { masterId: master, mergedIds: merged, sourceId: null } }, deps.clock);
  return { masterId: master, mergedIds: merged, movedEvents };
}
