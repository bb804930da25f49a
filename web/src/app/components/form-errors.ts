// Puts API validation errors next to the form item they are about.
import type { FormInstance } from 'antd';
import { ApiError } from '../api-client';

interface FieldDetail {
  field: string;
  message: string;
}

function isFieldDetail(detail: unknown): detail is FieldDetail {
  return (
    typeof detail === 'object' &&
    detail !== null &&
    typeof (detail as FieldDetail).field === 'string' &&
    typeof (detail as FieldDetail).message === 'string'
  );
}

/** Marks error.field (and any details with a field) on the form; returns whether a field was marked. */
export function applyApiErrorToForm(form: FormInstance, error: unknown, knownFields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const entries: FieldDetail[] = error.details.filter(isFieldDetail);
  if (error.field) entries.unshift({ field: error.field, message: error.message });
  const marked = entries.filter((entry) => knownFields.includes(entry.field));
  if (marked.length === 0) return false;
  form.setFields(marked.map((entry) => ({ name: entry.field, errors: [entry.message] })));
  const first = marked[0];
  if (first) form.scrollToField(first.field);
  return true;
}
