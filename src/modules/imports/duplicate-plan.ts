import type { StoredValue } from '../../platform/records/index.js';
import type { ValidRow } from './row-validation.js';

export type DuplicateMode = 'skip' | 'update' | 'create';

/** An existing record as duplicate detection sees it: blind indexes as strings (the service uses latin1). */
export interface Existing {
  id: number;
  mobile: string | null;
  email: string | null;
  writable: boolean;
}

export interface ImportPlan {
  creates: Map<string, StoredValue>[];
  /** id → merged values to write. */
  updates: Map<number, Map<string, StoredValue>>;
  created: number;
  updated: number;
  skipped: number;
}

/** Keys of a row for duplicate detection, in priority order: mobile, then e-mail (blind indexes as strings). */
export interface RowKeys {
  mobile: string | null;
  email: string | null;
}

function merge(into: Map<string, StoredValue>, from: Map<string, StoredValue>): void {
  for (const [k, v] of from) into.set(k, v);
}

/**
 * Decides per valid row: create, update (duplicates=update, the existing record is writable) or
 * skip. A row matches an existing customer by mobile first, then e-mail (oldest match wins); rows
 * repeating an earlier row of the same file are treated like duplicates of it (skip: skipped; update:
 * folded into it, later non-empty cells win). Duplicates outside the caller's write scope are
 * skipped in update mode. duplicates=create creates every row. Pure: a created row's `values` is
 * the row's own map until another row folds into it, which writes into a copy (so a million-row
 * file is not copied map by map).
 */
export function planImport(rows: readonly ValidRow[], keys: readonly RowKeys[], existing: readonly Existing[], mode: DuplicateMode): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: new Map(), created: 0, updated: 0, skipped: 0 };
  const byMobile = new Map<string, Existing>();
  const byEmail = new Map<string, Existing>();
  for (const e of existing) {
    if (e.mobile && !byMobile.has(e.mobile)) byMobile.set(e.mobile, e);
    if (e.email && !byEmail.has(e.email)) byEmail.set(e.email, e);
  }
  /** Key → index in plan.creates of the row that first used it. */
  const pendingMobile = new Map<string, number>();
  const pendingEmail = new Map<string, number>();
  const copied = new Set<number>();
  rows.forEach((row, i) => {
    const key = keys[i] ?? { mobile: null, email: null };
    if (mode === 'create') {
      plan.creates.push(row.values);
      plan.created++;
      return;
    }
    const hit = (key.mobile ? byMobile.get(key.mobile) : undefined) ?? (key.email ? byEmail.get(key.email) : undefined);
    if (hit) {
      if (mode === 'skip' || !hit.writable) {
        plan.skipped++;
        return;
      }
      const values = plan.updates.get(hit.id) ?? new Map<string, StoredValue>();
      merge(values, row.values);
      plan.updates.set(hit.id, values);
      plan.updated++;
      return;
    }
    const pending = (key.mobile ? pendingMobile.get(key.mobile) : undefined) ?? (key.email ? pendingEmail.get(key.email) : undefined);
    if (pending !== undefined) {
      if (mode === 'skip') plan.skipped++;
      else {
        if (!copied.has(pending)) {
          plan.creates[pending] = new Map(plan.creates[pending]);
          copied.add(pending);
        }
        merge(plan.creates[pending]!, row.values);
        plan.updated++;
      }
      return;
    }
    const at = plan.creates.push(row.values) - 1;
    plan.created++;
    if (key.mobile) pendingMobile.set(key.mobile, at);
    if (key.email) pendingEmail.set(key.email, at);
  });
  return plan;
}
