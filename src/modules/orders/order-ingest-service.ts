import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { publishMany } from '../../platform/events/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { findIdentifierOwners, identifierHash } from '../ingest/index.js';
import { checkItem } from './order-item-check.js';
import { replaceLines } from './order-lines-repository.js';
import { toFen } from './order-money.js';
import type { ItemError, NormalizedOrder } from './order-validation.js';
import { claimKeys, lockOrders, type OrderWrite, upsertOrders } from './order-write-repository.js';

export type Outcome = 'created' | 'updated' | 'unchanged';
export interface StoredItem {
  index: number;
  customerId: number;
  id: number;
  externalId: string;
  source: string;
  amount: string;
  refundedAmount: string;
  status: string;
  outcome: Outcome;
}
export interface IngestResult {
  stored: StoredItem[];
  errors: ({ index: number } & ItemError)[];
}

interface Pending {
  index: number;
  order: NormalizedOrder;
  customerId?: number;
}

const keyOf = (order: NormalizedOrder) => `${order.source}\u0000${order.externalId}`;

/**
 * Orders from POS, e-commerce or the API, one or a batch, idempotent on (source, externalId):
 * check every item → resolve customers (id or identifier) → keep those the caller may update →
 * claim keys → upsert orders and lines → audit + outbox, all in one transaction, set-based.
 */
export class OrderIngestService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async ingest(ctx: RequestContext, items: readonly unknown[]): Promise<IngestResult> {
    this.customers.require(ctx, 'update');
    const errors: IngestResult['errors'] = [];
    const pending = this.checkAll(items, errors);
    const stored = await this.deps.db.tx(async (sql) => {
      await this.resolveCustomers(sql, ctx, pending, errors);
      return this.write(sql, ctx, pending.filter((p) => p.customerId !== undefined), errors);
    });
    errors.sort((a, b) => a.index - b.index);
    return { stored: stored.sort((a, b) => a.index - b.index), errors };
  }

  /** Schema and money checks; a key repeated in one batch counts once (the last item wins). */
  private checkAll(items: readonly unknown[], errors: IngestResult['errors']): Pending[] {
    const last = new Map<string, number>();
    const checked = items.map((item, index) => {
      const result = checkItem(item);
      if (!result.ok) errors.push({ index, ...result.error });
      else last.set(keyOf(result.value), index);
      return result;
    });
    const pending: Pending[] = [];
    checked.forEach((result, index) => {
      if (!result.ok) return;
      if (last.get(keyOf(result.value)) !== index) errors.push({ index, code: 'request.invalid', field: 'externalId' });
      else pending.push({ index, order: result.value });
    });
    return pending;
  }

  /** Sets `customerId` on the items whose customer exists and is writable by the caller. */
  private async resolveCustomers(sql: Sql, ctx: RequestContext, pending: Pending[], errors: IngestResult['errors']): Promise<void> {
    const hash = (ref: { type: 'userId' | 'mobile' | 'email'; value: string }) => identifierHash(this.deps.keyring, ref);
    const keys = pending.flatMap((p) => ('id' in p.order.customer ? [] : [{ type: p.order.customer.type, hash: hash(p.order.customer) }]));
    const owners = await findIdentifierOwners(sql, keys);
    const byIdentifier = new Map(owners.map((o) => [`${o.type}:${o.hash.toString('hex')}`, o.customerId]));
    const candidates = pending.map((p) => ('id' in p.order.customer ? p.order.customer.id : byIdentifier.get(`${p.order.customer.type}:${hash(p.order.customer).toString('hex')}`)));
    const writable = await this.customers.writableIds(sql, ctx, candidates.filter((id): id is number => id !== undefined));
    pending.forEach((p, i) => {
      const id = candidates[i];
      if (id !== undefined && writable.has(id)) p.customerId = id;
      else errors.push({ index: p.index, code: 'record.not_found', field: 'id' in p.order.customer ? 'customerId' : 'customer' });
    });
  }

  private async write(sql: Sql, ctx: RequestContext, pending: Pending[], errors: IngestResult['errors']): Promise<StoredItem[]> {
    if (pending.length === 0) return [];
    const now = this.deps.clock.now();
    const owners = await claimKeys(sql, pending.map((p) => ({ source: p.order.source, externalId: p.order.externalId, customerId: p.customerId! })), now);
    const ready: (Pending & { orderId: number; claimed: boolean })[] = [];
    for (const p of pending) {
      const owner = owners.get(keyOf(p.order))!;
      // The key already names an order of another customer: moving orders is not a resend.
      if (owner.customerId !== p.customerId) errors.push({ index: p.index, code: 'field.invalid_value', field: 'externalId' });
      else ready.push({ ...p, orderId: owner.orderId, claimed: owner.claimed });
    }
    const existing = await lockOrders(sql, ready.filter((r) => !r.claimed).map((r) => ({ customerId: r.customerId!, orderId: r.orderId })));
    const writes: (OrderWrite & { index: number })[] = [];
    const unchanged: StoredItem[] = [];
    for (const r of ready) {
      const before = existing.get(`${r.customerId}:${r.orderId}`);
      // Refunds made here cannot exceed a corrected amount (unless the source now says 'refunded').
      if (before && r.order.status !== 'refunded' && toFen(before.refundedAmount)! > r.order.amountFen) {
        errors.push({ index: r.index, code: 'field.invalid_value', field: 'amount' });
      } else if (before && before.contentHash === r.order.contentHash) {
        unchanged.push(this.item(r.index, r.order, { customerId: r.customerId!, id: r.orderId, ...before }, 'unchanged'));
      } else writes.push({ index: r.index, customerId: r.customerId!, orderId: r.orderId, order: r.order });
    }
    const saved = await upsertOrders(sql, writes, now);
    const byRef = new Map(writes.map((w) => [`${w.customerId}:${w.orderId}`, w]));
    await replaceLines(sql, saved.map((s) => byRef.get(`${s.customerId}:${s.id}`)!));
    const stored = saved.map((s) => {
      const w = byRef.get(`${s.customerId}:${s.id}`)!;
      return this.item(w.index, w.order, s, s.inserted ? 'created' : 'updated');
    });
    await this.record(sql, ctx, now, stored);
    return [...stored, ...unchanged];
  }

  private item(index: number, order: NormalizedOrder, row: { customerId: number; id: number; amount: string; refundedAmount: string; status: string }, outcome: Outcome): StoredItem {
    return { index, customerId: row.customerId, id: row.id, externalId: order.externalId, source: order.source, amount: row.amount, refundedAmount: row.refundedAmount, status: row.status, outcome };
  }

  /** Audit entries and outbox events of the created and updated orders, one statement each. */
  private async record(sql: Sql, ctx: RequestContext, now: Date, stored: readonly StoredItem[]): Promise<void> {
    const events = stored.map((s) => ({
      aggregateType: 'order',
      topic: s.outcome === 'created' ? 'order.created' : 'order.updated',
      aggregateId: `${s.customerId}:${s.id}`,
      payload: { customerId: s.customerId, orderId: s.id, amount: s.amount, status: s.status },
    }));
    await publishMany(sql, events, { now: () => now });
    await appendAudit(
      sql,
      stored.map((s) =>
        auditEntry(ctx, now, s.outcome === 'created' ? 'order.create' : 'order.update', 'order', `${s.customerId}:${s.id}`, {
          externalId: s.externalId,
          source: s.source,
          amount: s.amount,
          status: s.status,
        }),
      ),
    );
  }
}
