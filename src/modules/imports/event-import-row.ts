import type { ErrorCode, Locale } from '../../platform/errors/index.js';
import { type ColumnIndex, cellOf, type ImportColumn, parseImportTime } from './import-columns.js';
import { type CustomerRefType, customerRef, importRowError } from './order-import-row.js';
import type { RowError } from './row-validation.js';

/** Columns of an events import: one row per behaviour event. */
export const EVENT_COLUMNS: readonly ImportColumn[] = [
  { key: 'customerId', words: ['客户ID', '客户编号', 'customer id'] },
  { key: 'userId', words: ['用户ID', '会员ID', '会员号', 'user id', 'member id'] },
  { key: 'anonymousId', words: ['匿名ID', '设备ID', '访客ID', 'anonymous id', 'device id'] },
  { key: 'mobile', words: ['手机', '手机号', '手机号码', '电话', '联系电话', 'phone'] },
  { key: 'email', words: ['邮箱', '电子邮箱', 'e-mail', 'mail'] },
  { key: 'event', words: ['事件', '事件名', '事件名称', '行为', 'event name', 'name'], required: true },
  { key: 'type', words: ['事件类型', '类型', 'event type'] },
  { key: 'occurredAt', words: ['发生时间', '时间', '事件时间', '日期', 'occurred at', 'timestamp', 'time', 'date'], required: true },
  { key: 'properties', words: ['属性', '事件属性', 'props'] },
  { key: 'messageId', words: ['消息ID', '事件ID', 'message id', 'event id'] },
];

/** Customer reference columns in priority order: the first non-empty one names the customer. */
export const EVENT_CUSTOMER_KEYS: readonly CustomerRefType[] = ['customerId', 'userId', 'anonymousId', 'mobile', 'email'];
export const EVENT_TYPES = ['track', 'page', 'screen'] as const;

/** A valid event row as the staging table takes it; the customer is named, not yet resolved. */
export interface EventImportRow {
  row: number;
  customer: { type: CustomerRefType; value: string };
  type: (typeof EVENT_TYPES)[number];
  name: string;
  occurredAt: Date;
  /** JSON object text. */
  properties: string;
  messageId: string | null;
}

/** The properties cell: empty → {}, a JSON object → itself (re-serialized), anything else → null. */
export function parseProperties(text: string): string | null {
  if (text === '') return '{}';
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : null;
  } catch {
    return null;
  }
}

/** Validates one event row. Pure. */
export function validateEventRow(cells: readonly string[], row: number, columns: ColumnIndex, locale: Locale): EventImportRow | RowError[] {
  const errors: RowError[] = [];
  const cell = (key: string) => cellOf(cells, columns, key);
  const fail = (field: string, code: ErrorCode, reason = '') => errors.push(importRowError(row, field, code, reason, locale));
  const ref = customerRef(cells, columns, EVENT_CUSTOMER_KEYS);
  if (!ref) fail('customer', 'field.required');
  else if (ref.value === null) fail(ref.type, 'field.invalid_value', 'not a valid identifier');
  const name = cell('event');
  if (name === '') fail('event', 'field.required');
  else if (name.length > 200) fail('event', 'field.invalid_value', 'at most 200 characters');
  const type = (cell('type') === '' ? 'track' : cell('type').toLowerCase()) as EventImportRow['type'];
  if (!EVENT_TYPES.includes(type)) fail('type', 'field.invalid_value', 'track / page / screen');
  const occurredAt = parseImportTime(cell('occurredAt'));
  if (cell('occurredAt') === '') fail('occurredAt', 'field.required');
  else if (!occurredAt) fail('occurredAt', 'field.invalid_value', 'a date or ISO 8601 time expected');
  const properties = parseProperties(cell('properties'));
  if (properties === null) fail('properties', 'field.invalid_value', 'a JSON object expected');
  const messageId = cell('messageId') || null;
  if (messageId && messageId.length > 200) fail('messageId', 'field.invalid_value', 'at most 200 characters');
  if (errors.length > 0) return errors;
  return { row, customer: ref as EventImportRow['customer'], type, name, occurredAt: occurredAt!, properties: properties!, messageId };
}
