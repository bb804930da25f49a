import { useCallback, useMemo, useState } from 'react';
import type { FieldMeta } from '../../app/api-types';

const STORAGE_KEY = 'relata.customers.columns';
/** The name column opens the detail page, so it is always shown. */
export const PINNED_COLUMN = 'name';
const DEFAULT_SYSTEM_COLUMNS = ['ownerId', 'createdAt'];
const DEFAULT_BUSINESS_COLUMNS = 7;

export function defaultColumns(fields: readonly FieldMeta[]): string[] {
  const business = fields.filter((field) => !field.system && !field.custom).slice(0, DEFAULT_BUSINESS_COLUMNS);
  const system = fields.filter((field) => DEFAULT_SYSTEM_COLUMNS.includes(field.key));
  return [...business, ...system].map((field) => field.key);
}

function readStored(): string[] | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : null;
  } catch {
    return null;
  }
}

/** The customer fields shown as table columns, in field order, remembered in localStorage. */
export function useVisibleColumns(fields: readonly FieldMeta[]) {
  const [stored, setStored] = useState<string[] | null>(readStored);

  const visibleKeys = useMemo(() => {
    const chosen = new Set(stored ?? defaultColumns(fields));
    chosen.add(PINNED_COLUMN);
    return fields.filter((field) => chosen.has(field.key)).map((field) => field.key);
  }, [stored, fields]);

  const setVisibleKeys = useCallback((keys: string[]) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
    setStored(keys);
  }, []);

  const resetToDefault = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setStored(null);
  }, []);

  return { visibleKeys, setVisibleKeys, resetToDefault };
}
