import type { Identifier } from './identifier-extraction.js';

/** What the resolver knows about a customer that a message's identifiers point to. */
export interface Candidate {
  customerId: number;
  createdAt: Date;
  /** How many identifiers of each type the customer holds. */
  counts: Readonly<Record<string, number>>;
}

/** A message's identifier and the customer holding it, if any. */
export interface OwnedIdentifier {
  identifier: Identifier;
  owner: number | undefined;
}

export interface Resolution {
  /** The customers the message joins, oldest (the master) first; empty → a new customer. */
  customerIds: number[];
  /** Identifiers nobody holds that the message's customer takes. */
  attach: Identifier[];
  /** Identifiers left out because taking them (or merging their customer) would exceed a limit. */
  dropped: Identifier[];
}

const oldestFirst = (a: Candidate, b: Candidate) => a.createdAt.getTime() - b.createdAt.getTime() || a.customerId - b.customerId;

function exceeds(counts: Readonly<Record<string, number>>, limit: (type: string) => number | null): boolean {
  return Object.entries(counts).some(([type, n]) => {
    const max = limit(type);
    return max !== null && n > max;
  });
}

function plus(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const sum = { ...a };
  for (const [type, n] of Object.entries(b)) sum[type] = (sum[type] ?? 0) + n;
  return sum;
}

/**
 * Segment-style identity resolution of one message. Walks its identifiers in priority order
 * (strongest first) and grows one profile: an identifier held by a customer brings that customer
 * in (to be merged), an unheld one is taken — unless the combined profile would then hold more
 * identifiers of some type than that type's limit, in which case the identifier is dropped (neither
 * merged nor linked). So with `userId` limited to 1, two known users are never merged and a new
 * userId never lands on a customer holding another one. The master is the oldest customer. Pure.
 *
 * @example planResolution([{ identifier: u2, owner: undefined }, { identifier: anon, owner: 1 }], [c(1, { userId: 1, anonymousId: 1 })], limits)
 * // → { customerIds: [], attach: [u2], dropped: [anon] }: a new customer for u2
 */
export function planResolution(identifiers: readonly OwnedIdentifier[], candidates: readonly Candidate[], limit: (type: string) => number | null): Resolution {
  const byId = new Map(candidates.map((c) => [c.customerId, c]));
  const group = new Set<number>();
  let counts: Record<string, number> = {};
  const attach: Identifier[] = [];
  const dropped: Identifier[] = [];
  for (const { identifier, owner } of identifiers) {
    if (owner !== undefined && group.has(owner)) continue;
    const adds = owner === undefined ? { [identifier.type]: 1 } : (byId.get(owner)?.counts ?? { [identifier.type]: 1 });
    const trial = plus(counts, adds);
    if (exceeds(trial, limit)) {
      dropped.push(identifier);
      continue;
    }
    counts = trial;
    if (owner === undefined) attach.push(identifier);
    else group.add(owner);
  }
  const customerIds = [...group].map((id) => byId.get(id) ?? { customerId: id, createdAt: new Date(0), counts: {} }).sort(oldestFirst).map((c) => c.customerId);
  return { customerIds, attach, dropped };
}
