import type { FieldDefinition } from '../../platform/records/index.js';
import { ANONYMOUS_NAME } from './identity-repository.js';
import { defaultStrategy, isEmptyValue, type MergeStrategy, mergeFieldValue, strategiesFor } from './merge-strategies.js';

/** A customers row as `to_jsonb(c)` gives it (column → JSON value). */
export type CustomerRowJson = Record<string, unknown>;

/** Fields a merge combines: everything a person edits (system fields stay the master's), plus the owner. */
export function mergeableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => !f.system);
}

export const isMultiValue = (field: Pick<FieldDefinition, 'type'>): boolean => field.type === 'multiselect';

/** The strategy each field gets: the requested one, else union for lists and non_empty otherwise. */
export function effectiveStrategies(fields: readonly FieldDefinition[], requested: Readonly<Record<string, MergeStrategy>> = {}): Record<string, MergeStrategy> {
  return Object.fromEntries(fields.map((f) => [f.key, requested[f.key] ?? defaultStrategy(isMultiValue(f))]));
}

/** The first requested strategy that names no mergeable field or does not suit it (union on a non-list), else null. */
export function invalidStrategy(fields: readonly FieldDefinition[], requested: Readonly<Record<string, string>>): { field: string; reason: string } | null {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, strategy] of Object.entries(requested)) {
    const field = byKey.get(key);
    if (!field) return { field: `strategies.${key}`, reason: 'not a field a merge combines' };
    if (!(strategiesFor(isMultiValue(field)) as string[]).includes(strategy)) return { field: `strategies.${key}`, reason: `${strategy} does not apply to this field` };
  }
  return null;
}

/** A field's stored value in a row: the sealed pair for sensitive fields, else the column. */
function storedValue(field: FieldDefinition, row: CustomerRowJson): unknown {
  if (field.sensitive) return row[`${field.column}_enc`] === null || row[`${field.column}_enc`] === undefined ? null : { enc: row[`${field.column}_enc`], bidx: row[`${field.column}_bidx`] };
  return row[field.column] ?? null;
}

/** Emptiness of a field's value (the name's 匿名访客 placeholder counts as empty). */
export function emptyFor(field: Pick<FieldDefinition, 'key'>): (value: unknown) => boolean {
  return (value) => isEmptyValue(value, field.key === 'name' ? ANONYMOUS_NAME : undefined);
}

/**
 * The master's new column values after merging `rows` (master first) field by field, plus the
 * owner (master's, else the most recently updated profile's). Only columns that change. Pure.
 */
export function mergedProfilePatch(fields: readonly FieldDefinition[], rows: readonly CustomerRowJson[], strategies: Readonly<Record<string, MergeStrategy>>): Record<string, unknown> {
  const master = rows[0];
  if (!master) throw new RangeError('mergedProfilePatch needs the master row');
  const updatedAt = (row: CustomerRowJson) => new Date(String(row.updated_at));
  const patch: Record<string, unknown> = {};
  const pick = (field: FieldDefinition, strategy: MergeStrategy) =>
    mergeFieldValue(rows.map((row) => ({ value: storedValue(field, row), updatedAt: updatedAt(row) })), strategy, emptyFor(field));
  for (const field of fields) {
    const value = pick(field, strategies[field.key] ?? defaultStrategy(isMultiValue(field)));
    if (JSON.stringify(value) === JSON.stringify(storedValue(field, master))) continue;
    if (!field.sensitive) patch[field.column] = value;
    else {
      const sealed = value as { enc: unknown; bidx: unknown } | null;
      patch[`${field.column}_enc`] = sealed?.enc ?? null;
      patch[`${field.column}_bidx`] = sealed?.bidx ?? null;
    }
  }
  const owner = mergeFieldValue(rows.map((row) => ({ value: row.owner_id ?? null, updatedAt: updatedAt(row) })), 'non_empty');
  if (owner !== (master.owner_id ?? null)) patch.owner_id = owner;
  return patch;
}

const NEVER_RESTORED = new Set(['id', 'created_at', 'created_by', 'updated_at', 'updated_by']);

/**
 * What unmerge puts back on the master: each column the merge changed (before ≠ after) that still
 * holds the merge's value (nobody edited it since) gets its value from before the merge. Pure.
 */
export function unmergePatch(before: CustomerRowJson, after: CustomerRowJson, current: CustomerRowJson): Record<string, unknown> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const patch: Record<string, unknown> = {};
  for (const column of Object.keys(after)) {
    if (NEVER_RESTORED.has(column) || !(column in current)) continue;
    if (!same(before[column], after[column]) && same(current[column], after[column])) patch[column] = before[column] ?? null;
  }
  return patch;
}
