// Plain formatting of field values: money ¥1,234.50, dates YYYY-MM-DD, date-times YYYY-MM-DD HH:mm.
import dayjs from 'dayjs';

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** 1234.5 or "1234.50" → ¥1,234.50 (money may arrive as a decimal string). */
export function formatMoney(value: unknown): string {
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(amount) ? `¥${moneyFormat.format(amount)}` : String(value);
}

export function formatDate(value: unknown): string {
  const date = dayjs(value as string);
  return date.isValid() ? date.format('YYYY-MM-DD') : String(value);
}

export function formatDateTime(value: unknown): string {
  const date = dayjs(value as string);
  return date.isValid() ? date.format('YYYY-MM-DD HH:mm') : String(value);
}

export function asStringArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return isEmptyValue(value) ? [] : [String(value)];
}

/** ownerId → ownerName, createdBy → createdByName: the name the API sends along with a user id, if any. */
export function companionNameKey(key: string): string {
  return key.endsWith('Id') ? `${key.slice(0, -2)}Name` : `${key}Name`;
}
