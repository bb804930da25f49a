/**
 * FEBRL defaults: the record schema for the febrl person data sets and the evaluation against their
 * known duplicates (ids `rec-N-org` and `rec-N-dup-k` are the same person). Pure.
 */
import type { MatchSchema, ScoredPair } from './matcher.js';

/**
 * Weights are log2(m/u) on agreement and log2((1−m)/(1−u)) on disagreement (see README.md for the
 * table). m reflects how often febrl's corruption leaves a field intact (it also blanks fields,
 * which count as neither agreement nor disagreement); u ≈ 1 / distinct values.
 */
export const FEBRL_SCHEMA: MatchSchema = {
  fields: [
    { field: 'given_name', kind: 'fuzzy', m: 0.9, u: 0.005, crossWith: 'surname' },
    { field: 'surname', kind: 'fuzzy', m: 0.9, u: 0.002, crossWith: 'given_name' },
    { field: 'street_number', kind: 'id', m: 0.85, u: 0.02 },
    { field: 'address_1', kind: 'fuzzy', m: 0.85, u: 0.0005, crossWith: 'address_2' },
    { field: 'address_2', kind: 'fuzzy', m: 0.8, u: 0.001, crossWith: 'address_1' },
    { field: 'suburb', kind: 'fuzzy', m: 0.85, u: 0.002 },
    { field: 'postcode', kind: 'id', m: 0.85, u: 0.002 },
    { field: 'state', kind: 'exact', m: 0.9, u: 0.2 },
    { field: 'date_of_birth', kind: 'date', m: 0.85, u: 0.0005 },
    { field: 'soc_sec_id', kind: 'id', m: 0.85, u: 0.0001 },
  ],
  blockingKeys: [
    { name: 'surname-soundex+postcode', parts: [{ field: 'surname', transform: 'soundex' }, { field: 'postcode', transform: 'digits' }] },
    { name: 'names-soundex', parts: [{ field: 'given_name', transform: 'soundex' }, { field: 'surname', transform: 'soundex' }], unordered: true },
    { name: 'date_of_birth', parts: [{ field: 'date_of_birth', transform: 'digits' }] },
    { name: 'soc_sec_id', parts: [{ field: 'soc_sec_id', transform: 'digits' }] },
    { name: 'soc_sec_id-prefix+given-initial', parts: [{ field: 'soc_sec_id', transform: 'digits', length: 4 }, { field: 'given_name', transform: 'exact', length: 1 }] },
    { name: 'given-initial+suburb', parts: [{ field: 'given_name', transform: 'exact', length: 1 }, { field: 'suburb', transform: 'soundex' }, { field: 'postcode', transform: 'digits', length: 2 }] },
    { name: 'street', parts: [{ field: 'address_1', transform: 'first-token' }, { field: 'street_number', transform: 'digits' }] },
    { name: 'street+postcode', parts: [{ field: 'address_1', transform: 'first-token' }, { field: 'postcode', transform: 'digits' }] },
    { name: 'surname-soundex+street_number', parts: [{ field: 'surname', transform: 'soundex' }, { field: 'street_number', transform: 'digits' }] },
  ],
  threshold: 16,
};

const FEBRL_ID = /^rec-(\d+)-(?:org|dup-\d+)$/;

/** The febrl entity number of an id, or null when the id does not follow the pattern. */
export function febrlEntity(id: string): string | null {
  return FEBRL_ID.exec(id)?.[1] ?? null;
}

export interface Evaluation {
  /** All unordered pairs of records sharing a febrl number (dup–dup pairs included): Σ k(k−1)/2. */
  truePairs: number;
  /** Reported pairs (unordered, counted once). */
  found: number;
  /** Reported pairs that are true pairs. */
  correct: number;
  precision: number;
  recall: number;
}

/** Evaluate reported pairs against febrl truth; null when some id does not follow the febrl pattern. */
export function evaluateFebrl(ids: readonly string[], pairs: readonly Pick<ScoredPair, 'a' | 'b'>[]): Evaluation | null {
  const groups = new Map<string, number>();
  for (const id of ids) {
    const e = febrlEntity(id);
    if (e === null) return null;
    groups.set(e, (groups.get(e) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const k of groups.values()) truePairs += (k * (k - 1)) / 2;
  const seen = new Set<string>();
  let correct = 0;
  for (const p of pairs) {
    const key = p.a < p.b ? `${p.a}\u0001${p.b}` : `${p.b}\u0001${p.a}`;
    if (p.a === p.b || seen.has(key)) continue;
    seen.add(key);
    if (febrlEntity(p.a) === febrlEntity(p.b)) correct++;
  }
  const found = seen.size;
  return { truePairs, found, correct, precision: found === 0 ? 1 : correct / found, recall: truePairs === 0 ? 1 : correct / truePairs };
}
