// Audit "changes" arrive in one of a few shapes; all become rows of field / old / new.
export interface ChangeRow {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pair(value: unknown): [unknown, unknown] {
  if (Array.isArray(value) && value.length === 2) return [value[0], value[1]];
  if (isObject(value)) {
    const oldValue = value.old ?? value.from ?? value.before ?? value.oldValue;
    const newValue = value.new ?? value.to ?? value.after ?? value.newValue;
    if ('old' in value || 'new' in value || 'from' in value || 'to' in value || 'before' in value || 'after' in value) {
      return [oldValue, newValue];
    }
  }
  return [undefined, value];
}

/**
 * Accepts [{field, old, new}], {field: {old, new}}, {field: [old, new]} and {before: {…}, after: {…}}.
 */
export function toChangeRows(changes: unknown): ChangeRow[] {
  if (Array.isArray(changes)) {
    return changes.filter(isObject).map((entry) => {
      const [oldValue, newValue] = pair(entry);
      return { field: String(entry.field ?? entry.key ?? ''), oldValue, newValue };
    });
  }
  if (!isObject(changes)) return [];
  if (isObject(changes.before) || isObject(changes.after)) {
    const before = isObject(changes.before) ? changes.before : {};
    const after = isObject(changes.after) ? changes.after : {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.map((field) => ({ field, oldValue: before[field], newValue: after[field] }));
  }
  return Object.entries(changes).map(([field, value]) => {
    const [oldValue, newValue] = pair(value);
    return { field, oldValue, newValue };
  });
}

export function formatChangeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
