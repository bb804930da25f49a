import { type ErrorCode, errorMessage, type Locale } from '../../platform/errors/index.js';
import { normalizeIdentifierValue } from '../ingest/index.js';
import { lineAmountFen, MAX_FEN, toFen, toMilli } from '../orders/index.js';
import { type ColumnIndex, cellOf, type ImportColumn, parseImportTime } from './import-columns.js';
import type { RowError } from './row-validation.js';

/** Columns of an order import: one row per order line; rows sharing source + externalId are one order. */
export const ORDER_COLUMNS: readonly ImportColumn[] = [
  { key: 'externalId', words: ['订单号', '订单编号', '外部订单号', '单号', 'order no', 'order number', 'order id', 'external id'], required: true },
  { key: 'source', words: ['数据来源', '订单来源', '来源系统', 'source system'] },
  { key: 'customerId', words: ['客户ID', '客户编号', 'customer id'] },
  { key: 'userId', words: ['用户ID', '会员ID', '会员号', 'user id', 'member id'] },
  { key: 'mobile', words: ['手机', '手机号', '手机号码', '电话', '联系电话', 'phone'] },
  { key: 'email', words: ['邮箱', '电子邮箱', 'e-mail', 'mail'] },
  { key: 'orderedAt', words: ['下单时间', '订单时间', '下单日期', '订单日期', '日期', 'order date', 'ordered at', 'date'], required: true },
  { key: 'status', words: ['状态', '订单状态', 'order status'] },
  { key: 'channel', words: ['渠道', '销售渠道', '平台', 'sales channel'] },
  { key: 'store', words: ['门店', '店铺', '店铺名称', 'shop'] },
  { key: 'currency', words: ['币种', '货币'] },
  { key: 'amount', words: ['订单金额', '实付金额', '订单总额', '总金额', 'order amount', 'total'] },
  { key: 'sku', words: ['商品编码', '货号', '商品编号', 'SKU编码', 'product code', 'item code'], required: true },
  { key: 'productName', words: ['商品名称', '商品', '品名', '产品名称', 'product', 'product name', 'item'], required: true },
  { key: 'category', words: ['品类', '类目', '商品分类', '分类', 'product category'] },
  { key: 'quantity', words: ['数量', '购买数量', 'qty'], required: true },
  { key: 'unitPrice', words: ['单价', '价格', '销售单价', 'unit price', 'price'], required: true },
];

/** Customer reference columns in priority order: the first non-empty one names the customer. */
export const ORDER_CUSTOMER_KEYS = ['customerId', 'userId', 'mobile', 'email'] as const;
export type CustomerRefType = (typeof ORDER_CUSTOMER_KEYS)[number] | 'anonymousId';
export const DEFAULT_IMPORT_SOURCE = 'import';
export const DEFAULT_IMPORT_CHANNEL = 'import';

const STATUS_WORDS: Record<string, string> = {
  paid: 'paid', 已支付: 'paid', 已付款: 'paid', 已完成: 'paid', 完成: 'paid', 支付成功: 'paid',
  refunded: 'refunded', 已退款: 'refunded', 退款: 'refunded', 全额退款: 'refunded',
  cancelled: 'cancelled', canceled: 'cancelled', 已取消: 'cancelled', 取消: 'cancelled', 已关闭: 'cancelled',
  pending: 'pending', 待支付: 'pending', 待付款: 'pending', 未支付: 'pending',
};

/** A valid line as the staging table takes it; the customer is named, not yet resolved. */
export interface OrderLineRow {
  row: number;
  source: string;
  externalId: string;
  customer: { type: CustomerRefType; value: string };
  orderedAt: Date;
  status: string;
  channel: string;
  store: string | null;
  currency: string;
  amountFen: bigint | null;
  sku: string;
  productName: string;
  category: string | null;
  quantityMilli: bigint;
  unitPriceFen: bigint;
  lineAmountFen: bigint;
}

export function importRowError(row: number, field: string, code: ErrorCode, reason: string, locale: Locale): RowError {
  return { row, field, code, message: errorMessage(code, locale, { field, reason }) };
}

/** The customer a row names: the first non-empty reference column, normalized; undefined when none. */
export function customerRef(cells: readonly string[], columns: ColumnIndex, keys: readonly CustomerRefType[]): { type: CustomerRefType; value: string | null } | undefined {
  for (const type of keys) {
    const text = cellOf(cells, columns, type);
    if (text === '') continue;
    if (type === 'customerId') return { type, value: /^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? text : null };
    return { type, value: normalizeIdentifierValue(type, text) };
  }
  return undefined;
}

/** Text → money / quantity text the money core accepts: thousands separators and ¥ dropped. */
function decimalText(text: string): string {
  return text.replace(/[,，¥￥\s]/g, '');
}

/** Validates one order-line row with the orders module's money rules. Pure. */
export function validateOrderLine(cells: readonly string[], row: number, columns: ColumnIndex, locale: Locale): OrderLineRow | RowError[] {
  const errors: RowError[] = [];
  const cell = (key: string) => cellOf(cells, columns, key);
  const fail = (field: string, code: ErrorCode, reason = '') => errors.push(importRowError(row, field, code, reason, locale));
  const text = (key: string, max: number, required: boolean): string | null => {
    const v = cell(key);
    if (v === '') {
      if (required) fail(key, 'field.required');
      return null;
    }
    if (v.length > max) fail(key, 'field.invalid_value', `at most ${max} characters`);
    return v;
  };
  const externalId = text('externalId', 100, true);
  const source = text('source', 50, false) ?? DEFAULT_IMPORT_SOURCE;
  const ref = customerRef(cells, columns, ORDER_CUSTOMER_KEYS);
  if (!ref) fail('customer', 'field.required');
  else if (ref.value === null) fail(ref.type, 'field.invalid_value', 'not a valid identifier');
  const orderedAt = parseImportTime(cell('orderedAt'));
  if (cell('orderedAt') === '') fail('orderedAt', 'field.required');
  else if (!orderedAt) fail('orderedAt', 'field.invalid_value', 'a date or ISO 8601 time expected');
  const status = cell('status') === '' ? 'paid' : STATUS_WORDS[cell('status').toLowerCase()];
  if (!status) fail('status', 'field.invalid_value', 'paid / refunded / cancelled / pending');
  const channel = text('channel', 50, false) ?? DEFAULT_IMPORT_CHANNEL;
  const store = text('store', 100, false);
  const currency = cell('currency') === '' ? 'CNY' : cell('currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) fail('currency', 'field.invalid_value', 'ISO 4217 code expected');
  const amountFen = cell('amount') === '' ? null : toFen(decimalText(cell('amount')));
  if (cell('amount') !== '' && amountFen === null) fail('amount', 'field.invalid_value', 'at most 2 decimals, not negative');
  const sku = text('sku', 100, true);
  const productName = text('productName', 200, true);
  const category = text('category', 100, false);
  const quantityMilli = toMilli(decimalText(cell('quantity')));
  if (quantityMilli === null || quantityMilli === 0n) fail('quantity', cell('quantity') === '' ? 'field.required' : 'field.invalid_value', 'more than 0, at most 3 decimals');
  const unitPriceFen = toFen(decimalText(cell('unitPrice')));
  if (unitPriceFen === null) fail('unitPrice', cell('unitPrice') === '' ? 'field.required' : 'field.invalid_value', 'at most 2 decimals, not negative');
  const line = errors.length > 0 ? 0n : lineAmountFen(quantityMilli!, unitPriceFen!);
  if (line > MAX_FEN) fail('unitPrice', 'field.invalid_value', 'line amount too large');
  if (errors.length > 0) return errors;
  return {
    row, source, externalId: externalId!, customer: ref as OrderLineRow['customer'], orderedAt: orderedAt!, status: status!, channel, store, currency,
    amountFen, sku: sku!, productName: productName!, category, quantityMilli: quantityMilli!, unitPriceFen: unitPriceFen!, lineAmountFen: line,
  };
}
