import { type Keyring, mask } from '../crypto/index.js';
import type { VisibleField } from './field-catalogue.js';

export type RecordDto = Record<string, unknown> & { id: number };

/**
 * Masked display values by ciphertext: a list page shows the same masked mobiles again and again,
 * and a lookup is far cheaper than an AES-GCM open. Only masks are kept (they are shown to users
 * anyway), never clear values; a ciphertext changes whenever its value does.
 */
const MASKED_LIMIT = 100_000;
const maskedByCiphertext = new Map<string, string>();

function maskedValue(keyring: Keyring, kind: NonNullable<VisibleField['sensitive']>, sealed: Buffer): string {
  const key = `${kind}:${sealed.toString('latin1')}`;
  const hit = maskedByCiphertext.get(key);
  if (hit !== undefined) return hit;
  const masked = mask(kind, keyring.decrypt(sealed));
  if (maskedByCiphertext.size >= MASKED_LIMIT) maskedByCiphertext.delete(maskedByCiphertext.keys().next().value as string);
  maskedByCiphertext.set(key, masked);
  return masked;
}

/**
 * Row → API shape, field by field, for the fields the caller may see. Sensitive values are
 * decrypted and masked (`138****1234`) unless `reveal` is set for a caller with unmasked access.
 */
export function toRecordDto(
  row: Record<string, unknown>,
  fields: readonly VisibleField[],
  keyring: Keyring,
  reveal = false,
): RecordDto {
  const dto: Record<string, unknown> = {};
  for (const field of fields) {
    const value = row[field.key];
    if (value === null || value === undefined) {
      dto[field.key] = null;
    } else if (field.sensitive) {
      dto[field.key] = reveal && !field.masked ? keyring.decrypt(value as Buffer) : maskedValue(keyring, field.sensitive, value as Buffer);
    } else if (field.masked) {
      // Masked access on an ordinary field: the shape of the value, never the value.
      dto[field.key] = mask('generic', Array.isArray(value) ? value.join(',') : value instanceof Date ? value.toISOString() : String(value));
    } else if (field.type === 'number' || field.type === 'money') {
      dto[field.key] = Number(value);
    } else if (value instanceof Date) {
      dto[field.key] = value.toISOString();
    } else {
      dto[field.key] = value;
    }
  }
  if ('ownerName' in row) dto.ownerName = row.ownerName ?? null;
  return dto as RecordDto;
}

const selectMemo = new WeakMap<readonly VisibleField[], Map<string, string>>();

/**
 * SELECT list for the visible fields of table alias `t`; sensitive fields select their ciphertext.
 * Kept per (frozen, shared) visible-field list: the text is the same on every request of a caller.
 */
export function selectList(fields: readonly VisibleField[], ownerColumn: string): string {
  let byOwner = selectMemo.get(fields);
  if (!byOwner) {
    byOwner = new Map();
    selectMemo.set(fields, byOwner);
  }
  let text = byOwner.get(ownerColumn);
  if (text === undefined) {
    const columns = fields.map((f) => (f.sensitive ? `t.${f.column}_enc AS "${f.key}"` : `t.${f.column} AS "${f.key}"`));
    if (fields.some((f) => f.column === ownerColumn)) {
      columns.push(`(SELECT u.name FROM users u WHERE u.id = t.${ownerColumn}) AS "ownerName"`);
    }
    text = columns.join(', ');
    byOwner.set(ownerColumn, text);
  }
  return text;
}
