/** How a merge picks a field's value from the profiles it combines (Segment-style). */
export const MERGE_STRATEGIES = ['most_recent', 'oldest', 'non_empty', 'union'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** One profile's value of a field, with when the profile was last updated. */
export interface ProfileValue<V> {
  value: V;
  updatedAt: Date;
}

/** Empty: null, blank text, an empty list — and a placeholder such as 匿名访客 for the name. */
export function isEmptyValue(value: unknown, placeholder?: string): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '' || value === placeholder;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** union for multi-value fields (multi-select, tags), non_empty for everything else. */
export function defaultStrategy(multiValue: boolean): MergeStrategy {
  return multiValue ? 'union' : 'non_empty';
}

/** Strategies that make sense for a field: union only where values are lists. */
export function strategiesFor(multiValue: boolean): MergeStrategy[] {
  return multiValue ? [...MERGE_STRATEGIES] : MERGE_STRATEGIES.filter((s) => s !== 'union');
}

function mostRecentNonEmpty<V>(values: readonly ProfileValue<V>[], empty: (v: V) => boolean): V | undefined {
  const newestFirst = values.map((v, i) => ({ ...v, i })).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.i - a.i);
  return newestFirst.find((v) => !empty(v.value))?.value;
}

/**
 * The merged value of one field. `values` are the profiles' values, master (the oldest profile)
 * first. Pure.
 * - `oldest`: the master's value as it is;
 * - `most_recent`: the most recently updated profile's non-empty value;
 * - `non_empty`: the master's value unless empty, else the most recently updated non-empty one;
 * - `union`: every distinct list element, master's first (non-list values: like non_empty).
 * When every profile is empty the master's (empty) value stays.
 *
 * @example mergeFieldValue([{ value: null, updatedAt: jan }, { value: 'A', updatedAt: feb }], 'non_empty') // 'A'
 * @example mergeFieldValue([{ value: ['x'], updatedAt: jan }, { value: ['y', 'x'], updatedAt: feb }], 'union') // ['x', 'y']
 */
export function mergeFieldValue<V>(values: readonly ProfileValue<V>[], strategy: MergeStrategy, empty: (v: V) => boolean = (v) => isEmptyValue(v)): V {
  const master = values[0];
  if (!master) throw new RangeError('mergeFieldValue needs at least one profile');
  if (strategy === 'oldest') return master.value;
  if (strategy === 'union' && values.every((v) => v.value === null || v.value === undefined || Array.isArray(v.value))) {
    const seen = new Map<string, unknown>();
    for (const { value } of values) for (const item of (value as unknown[] | null) ?? []) seen.set(JSON.stringify(item), item);
    return (seen.size === 0 ? master.value : [...seen.values()]) as V;
  }
  if (strategy === 'most_recent') return mostRecentNonEmpty(values, empty) ?? master.value;
  return empty(master.value) ? (mostRecentNonEmpty(values, empty) ?? master.value) : master.value;
}
