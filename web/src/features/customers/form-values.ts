// Converts between API records and antd form values (dayjs for dates, numbers for money).
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldMeta } from '../../app/api-types';
import type { CustomerInput, CustomerRecord } from './customers-api';
import { isEmptyValue } from './field-format';

export type FormValues = Record<string, unknown>;

function toFormValue(field: FieldMeta, value: unknown): unknown {
  if (isEmptyValue(value)) return undefined;
  switch (field.type) {
    case 'date':
    case 'datetime': {
      const parsed = dayjs(value as string);
      return parsed.isValid() ? parsed : undefined;
    }
    case 'number':
    case 'money': {
      const amount = Number(value);
      return Number.isFinite(amount) ? amount : undefined;
    }
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : [String(value)];
    case 'boolean':
      return value === true || value === 'true';
    default:
      return value;
  }
}

function toApiValue(field: FieldMeta, value: unknown): unknown {
  if (isEmptyValue(value)) return null;
  if (dayjs.isDayjs(value)) {
    const date = value as Dayjs;
    return field.type === 'date' ? date.format('YYYY-MM-DD') : date.toISOString();
  }
  if (typeof value === 'string') return value.trim();
  return value;
}

/**
 * Initial form values for editing. Sensitive values arrive masked (138****1234); they start empty and
 * are only sent when the user types a new value.
 */
export function recordToFormValues(fields: readonly FieldMeta[], record: CustomerRecord | undefined): FormValues {
  const values: FormValues = {};
  if (!record) return values;
  for (const field of fields) {
    if (field.sensitive) continue;
    values[field.key] = toFormValue(field, record[field.key]);
  }
  return values;
}

/** Everything filled in, for POST /api/customers. */
export function formValuesToCreateInput(fields: readonly FieldMeta[], values: FormValues): CustomerInput {
  const input: CustomerInput = {};
  for (const field of fields) {
    const value = toApiValue(field, values[field.key]);
    if (value !== null) input[field.key] = value;
  }
  return input;
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Only what changed, for PATCH /api/customers/{id}; an emptied sensitive field means "keep". */
export function formValuesToChanges(fields: readonly FieldMeta[], initial: FormValues, values: FormValues): CustomerInput {
  const changes: CustomerInput = {};
  for (const field of fields) {
    const next = toApiValue(field, values[field.key]);
    if (field.sensitive && next === null) continue;
    if (!sameValue(next, toApiValue(field, initial[field.key]))) changes[field.key] = next;
  }
  return changes;
}
