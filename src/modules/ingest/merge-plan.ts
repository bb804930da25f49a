/** What the resolver knows about a customer that a message's identifiers point to. */
export interface Candidate {
  customerId: number;
  createdAt: Date;
  /** The userIds already linked to the customer. */
  userIds: readonly string[];
}

export type MergePlan =
  | { kind: 'merge'; masterId: number; mergedIds: number[] }
  | { kind: 'keep'; customerId: number }
  | { kind: 'new' };

const oldestFirst = (a: Candidate, b: Candidate) => a.createdAt.getTime() - b.createdAt.getTime() || a.customerId - b.customerId;

/**
 * Several customers for one message: merge them into the oldest (the master) when that links
 * anonymous visitors to at most one known user; an explicit alias merges whatever it names. Two
 * different known users are never merged by inference: the message goes to the customer of its
 * own userId (else the oldest) and the conflicting identifiers stay where they are. A message with
 * a userId never lands on a customer holding another userId: if every candidate does, it needs a
 * new customer (`new`). Pure.
 *
 * @example planMerge([anon(1, Jan), user(2, Feb, 'u1')], false) // → merge 2 into 1 (1 is older)
 * @example planMerge([user(1, Jan, 'u1'), user(2, Feb, 'u2')], false, 'u2') // → keep 2
 */
export function planMerge(candidates: readonly Candidate[], explicitAlias: boolean, messageUserId: string | null = null): MergePlan {
  const compatible = explicitAlias || messageUserId === null ? candidates : candidates.filter((c) => c.userIds.length === 0 || c.userIds.includes(messageUserId));
  if (compatible.length === 0) return { kind: 'new' };
  const sorted = [...compatible].sort(oldestFirst);
  const master = sorted[0];
  if (!master) throw new RangeError('planMerge needs at least one candidate');
  if (sorted.length === 1) return { kind: 'keep', customerId: master.customerId };
  const knownUsers = new Set(sorted.flatMap((c) => c.userIds));
  if (explicitAlias || knownUsers.size <= 1) {
    return { kind: 'merge', masterId: master.customerId, mergedIds: sorted.slice(1).map((c) => c.customerId) };
  }
  const own = messageUserId === null ? undefined : sorted.find((c) => c.userIds.includes(messageUserId));
  return { kind: 'keep', customerId: (own ?? master).customerId };
}
