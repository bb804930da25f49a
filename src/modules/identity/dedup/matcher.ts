/**
 * Record matcher: blocking (union of several keys, each candidate pair compared once) and
 * Fellegi-Sunter-style scoring (sum of log2 likelihood-ratio weights per field). Pure: no I/O.
 * A score over the threshold only *suggests* a duplicate for review (DOMAIN.md §2); nothing merges.
 */
import { type ComparatorKind, comparePrepared, normalizeValue, type PreparedValue, prepareValue } from './comparators.js';
import { soundex } from './similarity.js';

export interface FieldSpec {
  field: string;
  kind: ComparatorKind;
  /** P(field agrees | same entity). */
  m: number;
  /** P(field agrees | different entities) — roughly 1 / number of distinct values. */
  u: number;
  /**
   * Similarity from which a partial agreement earns part of the agreement weight (linear from the
   * disagreement weight at `partialFrom` to the agreement weight at 1). Below it: disagreement weight.
   * Default: 1 for `exact`, 0.8 for `fuzzy`, 0.3 for `date` and `id`.
   */
  partialFrom?: number;
  /** Also compare with this field of the other record (e.g. given name ↔ surname swapped). */
  crossWith?: string;
}

export type KeyTransform = 'exact' | 'soundex' | 'digits' | 'first-token';

export interface KeyPart {
  field: string;
  transform: KeyTransform;
  /** Keep only this many leading characters of the transformed value. */
  length?: number;
}

export interface BlockingKey {
  name: string;
  parts: KeyPart[];
  /** Sort the part values before joining, so a swap of the two fields yields the same key. */
  unordered?: boolean;
}

export interface MatchSchema {
  fields: FieldSpec[];
  blockingKeys: BlockingKey[];
  /** Pairs with score ≥ threshold are reported. */
  threshold: number;
  /** Blocks with more records are skipped (they are too unselective to be useful). Default 500. */
  maxBlockSize?: number;
}

export interface DedupRecord {
  id: string;
  values: Readonly<Record<string, string | undefined>>;
}

export interface FieldWeights {
  agree: number;
  disagree: number;
}

export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  /** Fields that agreed (fully or partly): `field:how` or `field:fuzzy:0.93`. */
  reasons: string[];
}

export interface MatchResult {
  records: number;
  candidatePairs: number;
  pairs: ScoredPair[];
}

/** log2(m/u) when the field agrees, log2((1−m)/(1−u)) when it disagrees. */
export function fieldWeights(spec: FieldSpec): FieldWeights {
  return { agree: Math.log2(spec.m / spec.u), disagree: Math.log2((1 - spec.m) / (1 - spec.u)) };
}

function defaultPartialFrom(kind: ComparatorKind): number {
  if (kind === 'exact') return 1;
  if (kind === 'fuzzy') return 0.8;
  return 0.3;
}

function transformValue(value: string, part: KeyPart): string {
  let v: string;
  switch (part.transform) {
    case 'exact':
      v = value;
      break;
    case 'soundex':
      v = soundex(value);
      break;
    case 'digits':
      v = value.replace(/\D/g, '');
      break;
    case 'first-token':
      v = value.split(' ')[0] ?? '';
      break;
  }
  return part.length === undefined ? v : v.slice(0, part.length);
}

/** The value of one blocking key for one record (normalised values), or null when a part is empty. */
export function blockingKeyValue(key: BlockingKey, values: Readonly<Record<string, string>>): string | null {
  const parts: string[] = [];
  for (const part of key.parts) {
    const v = transformValue(values[part.field] ?? '', part);
    if (v === '') return null;
    parts.push(v);
  }
  if (key.unordered) parts.sort();
  return parts.join('\u0001');
}

interface Prepared {
  ids: string[];
  /** values[fieldIndex][recordIndex], normalised. */
  columns: string[][];
  fieldIndex: Map<string, number>;
}

function prepare(records: readonly DedupRecord[], fieldNames: readonly string[]): Prepared {
  const fieldIndex = new Map<string, number>();
  for (const [i, f] of fieldNames.entries()) fieldIndex.set(f, i);
  const columns = fieldNames.map((f) => records.map((r) => normalizeValue(r.values[f])));
  return { ids: records.map((r) => r.id), columns, fieldIndex };
}

function allFieldNames(schema: MatchSchema): string[] {
  const names = new Set<string>();
  for (const f of schema.fields) {
    names.add(f.field);
    if (f.crossWith !== undefined) names.add(f.crossWith);
  }
  for (const k of schema.blockingKeys) for (const p of k.parts) names.add(p.field);
  return [...names];
}

/**
 * Candidate pairs as `[i, j]` index pairs (i < j), each pair once: the union over all blocking keys,
 * plus a key on the whole record (all schema fields) that is never capped, so records agreeing exactly
 * on every field are always compared.
 */
export function candidatePairs(records: readonly DedupRecord[], schema: MatchSchema): Array<[number, number]> {
  const names = allFieldNames(schema);
  const prep = prepare(records, names);
  return candidatesFromPrepared(prep, names, schema);
}

function candidatesFromPrepared(prep: Prepared, names: readonly string[], schema: MatchSchema): Array<[number, number]> {
  const n = prep.ids.length;
  const maxBlock = schema.maxBlockSize ?? 500;
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const emit = (members: readonly number[]): void => {
    for (let x = 0; x < members.length; x++) {
      const i = members[x]!;
      for (let y = x + 1; y < members.length; y++) {
        const j = members[y]!;
        const code = i * n + j;
        if (seen.has(code)) continue;
        seen.add(code);
        out.push([i, j]);
      }
    }
  };
  const rowValues = (i: number): Record<string, string> => {
    const row: Record<string, string> = {};
    names.forEach((f, k) => {
      row[f] = prep.columns[k]![i]!;
    });
    return row;
  };
  const rows = Array.from({ length: n }, (_, i) => rowValues(i));
  for (const key of schema.blockingKeys) {
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const v = blockingKeyValue(key, rows[i]!);
      if (v === null) continue;
      const block = blocks.get(v);
      if (block) block.push(i);
      else blocks.set(v, [i]);
    }
    for (const members of blocks.values()) if (members.length > 1 && members.length <= maxBlock) emit(members);
  }
  // Whole-record key: never capped.
  const whole = new Map<string, number[]>();
  const fields = schema.fields.map((f) => f.field);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const v = fields.map((f) => row[f] ?? '').join('\u0001');
    const block = whole.get(v);
    if (block) block.push(i);
    else whole.set(v, [i]);
  }
  for (const members of whole.values()) if (members.length > 1) emit(members);
  // Ascending (i, j) order makes the output deterministic whatever the key order.
  out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return out;
}

interface CompiledField {
  spec: FieldSpec;
  column: PreparedValue[];
  cross: PreparedValue[] | undefined;
  weights: FieldWeights;
  partialFrom: number;
}

function compile(prep: Prepared, schema: MatchSchema): CompiledField[] {
  const prepared = new Map<number, PreparedValue[]>();
  const preparedColumn = (k: number): PreparedValue[] => {
    let col = prepared.get(k);
    if (!col) {
      col = prep.columns[k]!.map(prepareValue);
      prepared.set(k, col);
    }
    return col;
  };
  return schema.fields.map((spec) => {
    const column = preparedColumn(prep.fieldIndex.get(spec.field)!);
    const crossIdx = spec.crossWith === undefined ? undefined : prep.fieldIndex.get(spec.crossWith);
    const cross = crossIdx === undefined ? undefined : preparedColumn(crossIdx);
    return { spec, column, cross, weights: fieldWeights(spec), partialFrom: spec.partialFrom ?? defaultPartialFrom(spec.kind) };
  });
}

function scorePair(fields: readonly CompiledField[], i: number, j: number, reasons: string[] | null): number {
  let score = 0;
  for (const f of fields) {
    const a = f.column[i]!;
    const b = f.column[j]!;
    let cmp = comparePrepared(f.spec.kind, a, b);
    let how = cmp?.how ?? '';
    if (f.cross !== undefined && (cmp === null || cmp.similarity < 1)) {
      // Swapped fields: this field of one record against the cross field of the other, both ways.
      const c1 = comparePrepared(f.spec.kind, a, f.cross[j]!);
      const c2 = comparePrepared(f.spec.kind, f.cross[i]!, b);
      for (const c of [c1, c2]) {
        if (c !== null && c.similarity > (cmp?.similarity ?? -1) && c.similarity >= f.partialFrom) {
          cmp = c;
          how = `swapped-with-${f.spec.crossWith}`;
        }
      }
    }
    if (cmp === null) continue;
    const { agree, disagree } = f.weights;
    let w: number;
    if (cmp.similarity >= 1) w = agree;
    else if (cmp.similarity >= f.partialFrom && f.partialFrom < 1) w = disagree + ((agree - disagree) * (cmp.similarity - f.partialFrom)) / (1 - f.partialFrom);
    else w = disagree;
    score += w;
    if (reasons !== null && w > 0) reasons.push(how === 'fuzzy' ? `${f.spec.field}:fuzzy:${(Math.floor(cmp.similarity * 100) / 100).toFixed(2)}` : `${f.spec.field}:${how}`);
  }
  return score;
}

/** Score one pair of records with a schema (all fields, no blocking). */
export function scoreRecords(a: DedupRecord, b: DedupRecord, schema: MatchSchema): ScoredPair {
  const prep = prepare([a, b], allFieldNames(schema));
  const reasons: string[] = [];
  const score = scorePair(compile(prep, schema), 0, 1, reasons);
  return { a: a.id, b: b.id, score: round2(score), reasons };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export interface MatchOptions {
  /** Overrides schema.threshold. */
  threshold?: number;
}

/** Block, score every candidate pair once, keep those at or over the threshold (highest score first). */
export function findDuplicates(records: readonly DedupRecord[], schema: MatchSchema, options: MatchOptions = {}): MatchResult {
  const threshold = options.threshold ?? schema.threshold;
  const names = allFieldNames(schema);
  const prep = prepare(records, names);
  const candidates = candidatesFromPrepared(prep, names, schema);
  const fields = compile(prep, schema);
  const pairs: ScoredPair[] = [];
  for (const [i, j] of candidates) {
    const score = scorePair(fields, i, j, null);
    if (score < threshold) continue;
    const reasons: string[] = [];
    scorePair(fields, i, j, reasons);
    pairs.push({ a: prep.ids[i]!, b: prep.ids[j]!, score: round2(score), reasons });
  }
  pairs.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { records: records.length, candidatePairs: candidates.length, pairs };
}
