// The columns the order and event imports understand (src/modules/imports/README.md); the customer
// import maps to the customer fields instead.
export type ImportObject = 'customers' | 'orders' | 'events';

export const ORDER_COLUMN_KEYS = [
  'externalId', 'source', 'customerId', 'userId', 'mobile', 'email', 'orderedAt', 'status', 'channel', 'store', 'currency',
  'amount', 'sku', 'productName', 'category', 'quantity', 'unitPrice',
] as const;

export const EVENT_COLUMN_KEYS = ['customerId', 'userId', 'anonymousId', 'mobile', 'email', 'event', 'type', 'occurredAt', 'properties', 'messageId'] as const;

export type ObjectColumnKey = (typeof ORDER_COLUMN_KEYS)[number] | (typeof EVENT_COLUMN_KEYS)[number];

export function objectColumnKeys(object: Exclude<ImportObject, 'customers'>): readonly ObjectColumnKey[] {
  return object === 'orders' ? ORDER_COLUMN_KEYS : EVENT_COLUMN_KEYS;
}
