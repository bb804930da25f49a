import type { AuditEntry } from '../../platform/audit/index.js';
import { auditValue } from '../../platform/records/index.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import type { PublishRequest } from '../../platform/events/index.js';
import { contactTraits, extractIdentifiers, type Identifier, previousIdentifiers, SENSITIVE_IDENTIFIERS } from './identifier-extraction.js';
import { allocateCustomerIds, combineProfileChanges, findIdentifierOwners, insertCustomers, insertIdentifiers, loadCandidates, lockResolution, type NewIdentifier, type ProfileChange, updateProfiles } from './identity-repository.js';
import { findErased } from '../privacy/index.js';
import { mergeCustomerRows } from './merge-repository.js';
import { planResolution } from './merge-plan.js';
import { CompiledRules } from './identity-rules.js';
import { loadIdentityRules } from './identity-rules-repository.js';
import type { TrackingMessage } from './tracking-message.js';

export interface IngestActor {
  sourceId: number;
  sourceName: string;
  ip: string;
  requestId: string;
}

/** How the resolver keys an identifier in its maps: type and blind index. */
const ownerKey = (type: string, hash: Buffer) => `${type}:${hash.toString('latin1')}`;

/** The blind index of an identifier, keyed per type. */
export function identifierHash(keyring: Keyring, identifier: Identifier): Buffer {
  return keyring.blindIndex(`identifier:${identifier.type}`, identifier.value);
}

/**
 * Resolves the messages of one batch (or of a group of requests, see IngestService) to customers
 * inside its transaction: identifiers are
 * locked and loaded once (set-based), then messages are walked in order so that a page view and a
 * later identify in the same batch meet. Creates customers for unknown visitors, links new
 * identifiers, merges anonymous profiles into known ones, applies identify traits. Audit entries
 * and outbox events are collected and written once per batch (`audit`, `outbox`).
 */
export class IdentityResolver {
  private readonly owners = new Map<string, number>();
  private erased = new Set<string>();
  private readonly newIdentifiers: NewIdentifier[] = [];
  private readonly mergedInto = new Map<number, number>();
  /** Customers created by this batch, not inserted yet (with the profile identify gave them). */
  private readonly newCustomers = new Map<number, ProfileChange>();
  /** identify traits for customers that existed before this batch, applied at flush. */
  private readonly profileChanges = new Map<number, ProfileChange>();
  /** What identify gave each customer (audit values, field names): audited and published at flush, when the write shows a change. */
  private readonly identified = new Map<number, { audit: Record<string, unknown>; fields: Set<string>; actor: IngestActor }>();
  /** Ids drawn from the customers' sequence for new customers (one round trip per batch, as many as it can need). */
  private customerIds: number[] = [];
  private newCustomersAtMost = 1;
  /** The identity rules, read once per batch in its transaction (limits, priorities, blocked values). */
  private rules!: CompiledRules;
  readonly audit: AuditEntry[] = [];
  readonly outbox: PublishRequest[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly keyring: Keyring,
    private readonly now: Date,
    /** Who sent the message being resolved (a group of requests of one source shares a resolver). */
    private actor: IngestActor,
  ) {}

  /** Blind index and map key of each identifier seen in this batch (a message's identifiers are looked at several times). */
  private readonly blind = new Map<string, { hash: Buffer; key: string }>();

  private blindOf(identifier: Identifier): { hash: Buffer; key: string } {
    const memo = `${identifier.type}\u0000${identifier.value}`;
    let entry = this.blind.get(memo);
    if (entry === undefined) {
      const hash = identifierHash(this.keyring, identifier);
      entry = { hash, key: ownerKey(identifier.type, hash) };
      this.blind.set(memo, entry);
    }
    return entry;
  }

  private hash(identifier: Identifier): Buffer {
    return this.blindOf(identifier).hash;
  }

  private key(identifier: Identifier): string {
    return this.blindOf(identifier).key;
  }

  /** The customer a (possibly merged-away) customer id now lives in. */
  current(customerId: number): number {
    let id = customerId;
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next;
    return id;
  }

  private owner(identifier: Identifier): number | undefined {
    const id = this.owners.get(this.key(identifier));
    return id === undefined ? undefined : this.current(id);
  }

  async preload(messages: readonly TrackingMessage[]): Promise<void> {
    this.rules = new CompiledRules(await loadIdentityRules(this.sql));
    const perMessage = messages.map((m) => [...extractIdentifiers(m, this.rules), ...previousIdentifiers(m, this.rules)]);
    const all = perMessage.flat();
    const keys = [...new Map(all.map((i) => [this.key(i), { type: i.type, hash: this.hash(i) }])).values()];
    // Read the owners, then lock: the customers they name (held, so no merge or delete removes them
    // before this batch commits) and — advisory, in key order — the identifiers this batch may
    // create or merge over (nobody holds them, or the message names several customers). Identifiers
    // of messages that all point at one customer take no advisory lock: nothing about them is
    // decided here, so busy known users do not serialise batches. Then read again: a change in
    // between (a merge moved identifiers, someone took a free one) locks every key next round.
    let owners = await findIdentifierOwners(this.sql, keys);
    let lockKeys = this.keysToLock(perMessage, owners);
    for (let round = 0; round < 3; round += 1) {
      await lockResolution(this.sql, lockKeys, [...new Set(owners.map((o) => o.customerId))]);
      const again = await findIdentifierOwners(this.sql, keys);
      const before = new Map(owners.map((o) => [ownerKey(o.type, o.hash), o.customerId]));
      const same = again.length === owners.length && again.every((o) => before.get(ownerKey(o.type, o.hash)) === o.customerId);
      owners = again;
      if (same) break;
      lockKeys = keys.map((k) => k.hash);
    }
    for (const row of owners) this.owners.set(ownerKey(row.type, row.hash), row.customerId);
    // Only a message none of whose identifiers anybody holds can create a customer: that many ids at most.
    this.newCustomersAtMost = Math.max(1, perMessage.filter((identifiers) => identifiers.every((i) => !this.owners.has(this.key(i)))).length);
    // Erased identifiers of the whole batch in one statement (anonymousIds are never remembered).
    const erasable = all.filter((i): i is Identifier & { type: 'userId' | 'email' | 'mobile' } => ['userId', 'email', 'mobile'].includes(i.type));
    this.erased = await findErased(this.sql, this.keyring, erasable);
  }

  /** Blind indexes of the identifiers whose resolution this batch decides (see preload). */
  private keysToLock(perMessage: readonly Identifier[][], owners: readonly { type: string; hash: Buffer; customerId: number }[]): Buffer[] {
    const held = new Map(owners.map((o) => [ownerKey(o.type, o.hash), o.customerId]));
    const lock = new Map<string, Buffer>();
    for (const identifiers of perMessage) {
      const holders = new Set(identifiers.flatMap((i) => held.get(this.key(i)) ?? []));
      // Several customers: a merge is decided, so every identifier of the message; else the free ones.
      for (const identifier of identifiers) if (holders.size > 1 || !held.has(this.key(identifier))) lock.set(this.key(identifier), this.hash(identifier));
    }
    return [...lock.values()];
  }

  /**
   * The customer of one message under the identity rules (planResolution): the message's identifiers
   * in priority order — for alias, then the previousId's (or, if nobody holds it, the previousId as
   * an anonymousId). One held customer and only unlimited new types: no database read.
   */
  async resolve(message: TrackingMessage, actor: IngestActor = this.actor): Promise<number> {
    this.actor = actor;
    const identifiers = extractIdentifiers(message, this.rules);
    const previous = previousIdentifiers(message, this.rules);
    const previousHeld = previous.filter((i) => this.owner(i) !== undefined);
    const all = [...identifiers, ...(previousHeld.length > 0 ? previousHeld : previous.filter((i) => i.type === 'anonymousId'))];
    const owned = all.map((identifier) => ({ identifier, owner: this.owner(identifier) }));
    const found = [...new Set(owned.flatMap((o) => (o.owner === undefined ? [] : [o.owner])))];
    const simple = found.length === 1 && owned.every((o) => o.owner !== undefined || this.rules.limit(o.identifier.type) === null);
    const plan = simple ? { customerIds: found, attach: owned.filter((o) => o.owner === undefined).map((o) => o.identifier), dropped: [] } : planResolution(owned, await this.candidates(found), (type) => this.rules.limit(type));
    const [master, ...merged] = plan.customerIds;
    const customerId = master === undefined ? await this.createCustomer(plan.attach) : merged.length > 0 ? await this.merge(master, merged, message) : master;
    await this.attach(customerId, plan.attach);
    if (message.type === 'identify') await this.applyTraits(customerId, message);
    return customerId;
  }

  /**
   * A new customer. Tracking keeps working for a person who was erased (PIPL) and comes back: the
   * customer is created, but `customer.created` carries `previouslyErased: true` and nothing here
   * records consent (the consent module exports no recording function usable inside this transaction).
   */
  private async createCustomer(identifiers: readonly Identifier[]): Promise<number> {
    if (this.customerIds.length === 0) this.customerIds = await allocateCustomerIds(this.sql, this.newCustomersAtMost);
    const id = this.customerIds.pop()!;
    this.newCustomers.set(id, { name: null, mobile: null, email: null });
    const previouslyErased = this.anyErased(identifiers);
    this.outbox.push({ topic: 'customer.created', aggregateType: 'customer', aggregateId: String(id), payload: { id, sourceId: this.actor.sourceId, ...(previouslyErased ? { previouslyErased } : {}) } });
    return id;
  }

  private anyErased(identifiers: readonly Identifier[]): boolean {
    return identifiers.some(({ type, value }) => this.erased.has(`${type}:${value}`));
  }

  /** Creation time and identifier counts of the customers a message names; this batch's pending rows written first. */
  private async candidates(customerIds: number[]) {
    if (customerIds.length === 0) return [];
    await this.flush();
    return loadCandidates(this.sql, customerIds);
  }

  /** Merges the customers one message names into the oldest (the rules allowed it, see planResolution). */
  private async merge(masterId: number, mergedIds: number[], message: TrackingMessage): Promise<number> {
    await this.flush();
    const how = { via: 'tracking' as const, actorName: `source:${this.actor.sourceName}` };
    const { movedEvents, mergeIds } = await mergeCustomerRows(this.sql, masterId, mergedIds, this.now, how);
    for (const id of mergedIds) this.mergedInto.set(id, masterId);
    const changes = { mergedIds, movedEvents, mergeIds, messageType: message.type };
    this.audit.push(this.auditEntry('customer.merge', masterId, changes));
    this.outbox.push({ topic: 'customer.merged', aggregateType: 'customer', aggregateId: String(masterId), payload: { masterId, mergedIds, sourceId: this.actor.sourceId } });
    return masterId;
  }

  /**
   * Links the identifiers nobody holds yet (one held by another customer stays there). They are
   * written once per batch by `flush()`; `owners` already answers for them meanwhile.
   */
  private async attach(customerId: number, identifiers: readonly Identifier[]): Promise<void> {
    const fresh = this.newIdentifiers;
    for (const identifier of identifiers) {
      const key = this.key(identifier);
      if (this.owners.has(key)) continue;
      this.owners.set(key, customerId);
      const sensitive = SENSITIVE_IDENTIFIERS.has(identifier.type);
      fresh.push({
        customerId,
        type: identifier.type,
        hash: this.hash(identifier),
        sealed: sensitive ? this.keyring.encrypt(identifier.value) : null,
        clear: sensitive ? null : identifier.value,
      });
    }
  }

  /**
   * Writes what the batch resolved so far, one statement each: new customers (with their identify
   * profile), profile changes of existing customers, and new identifiers on the customers they ended
   * up on (after merges). Runs before a merge reads candidates and at the end of the batch.
   */
  async flush(): Promise<void> {
    await insertCustomers(this.sql, this.newCustomers, this.now);
    const created = new Set(this.newCustomers.keys());
    this.newCustomers.clear();
    const changes = new Map<number, ProfileChange>();
    for (const [id, change] of this.profileChanges) changes.set(this.current(id), combineProfileChanges(changes.get(this.current(id)), change));
    this.profileChanges.clear();
    const changed = await updateProfiles(this.sql, changes, this.now);
    for (const [id, { audit, fields, actor }] of this.identified) {
      const customerId = this.current(id);
      if (!created.has(id) && !changed.has(customerId)) continue; // identify repeated what the profile holds
      this.audit.push(this.auditEntry('customer.update', customerId, { ...audit, via: 'identify' }, actor));
      this.outbox.push({ topic: 'customer.updated', aggregateType: 'customer', aggregateId: String(customerId), payload: { id: customerId, fields: [...fields] } });
    }
    this.identified.clear();
    const rows = this.newIdentifiers.map((identifier) => ({ ...identifier, customerId: this.current(identifier.customerId) }));
    this.newIdentifiers.length = 0;
    await insertIdentifiers(this.sql, rows, this.now);
  }

  private async applyTraits(customerId: number, message: TrackingMessage): Promise<void> {
    const { email, mobile } = contactTraits(message, this.rules);
    const traits = message.traits;
    const fullName = [traits.lastName, traits.firstName].filter((part) => typeof part === 'string' && part.trim() !== '').join('');
    const name = typeof traits.name === 'string' && traits.name.trim() !== '' ? traits.name.trim().slice(0, 200) : fullName === '' ? null : fullName.slice(0, 200);
    if (name === null && email === null && mobile === null) return;
    const sealed = (field: string, value: string | null) => (value === null ? null : { sealed: this.keyring.encrypt(value), index: this.keyring.blindIndex(field, value) });
    const change = { name, mobile: sealed('mobile', mobile), email: sealed('email', email) };
    const pending = this.newCustomers.has(customerId) ? this.newCustomers : this.profileChanges;
    pending.set(customerId, combineProfileChanges(pending.get(customerId), change));
    const hashed = (field: string, value: string | null) => (value === null ? undefined : auditValue(this.keyring, field, true, value));
    const given = { name: name ?? undefined, mobile: hashed('mobile', mobile), email: hashed('email', email) };
    const earlier = this.identified.get(customerId);
    const fields = new Set([...(earlier?.fields ?? []), ...['name', 'mobile', 'email'].filter((_, i) => [name, mobile, email][i] !== null)]);
    const audit = { ...earlier?.audit, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
    this.identified.set(customerId, { audit, fields, actor: this.actor });
  }

  private auditEntry(action: string, customerId: number, changes: Record<string, unknown>, actor: IngestActor = this.actor): AuditEntry {
    const { sourceId, sourceName, ip, requestId } = actor;
    return { at: this.now, actorType: 'system', actorId: sourceId, actorName: `source:${sourceName}`, action, object: 'customer', recordId: String(customerId), changes, ip, requestId };
  }
}
