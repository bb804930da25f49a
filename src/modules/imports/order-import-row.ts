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

/**
 * One row's cells and errors while it is checked. Methods, not closures made per row: a million-line
 * file would create (and, under tsx, name) several million functions.
 */
class LineCheck {
  readonly errors: RowError[] = [];
  constructor(
    private readonly cells: readonly string[],
    private readonly row: number,
    private readonly columns: ColumnIndex,
    private readonly locale: Locale,
  ) {}

  cell(key: string): string {
    return cellOf(this.cells, this.columns, key);
  }

  fail(field: string, code: ErrorCode, reason = ''): void {
    this.errors.push(importRowError(this.row, field, code, reason, this.locale));
  }

  text(key: string, max: number, required: boolean): string | null {
    const v = this.cell(key);
    if (v === '') {
      if (required) this.fail(key, 'field.required');
      return null;
    }
    if (v.length > max) this.fail(key, 'field.invalid_value', `at most ${max} characters`);
    return v;
  }
}

/** The lines of an order repeat its time: the last one parsed is kept (parseImportTime is pure). */
let lastTime: { text: string; at: Date | null } = { text: '', at: null };

function orderTime(text: string): Date | null {
  if (text !== lastTime.text) lastTime = { text, at: parseImportTime(text) };
  return lastTime.at;
}

/** Validates one order-line row with the orders module's money rules. Pure. */
export function validateOrderLine(cells: readonly string[], row: number, columns: ColumnIndex, locale: Locale): OrderLineRow | RowError[] {
  const c = new LineCheck(cells, row, columns, locale);
  const externalId = c.text('externalId', 100, true);
  const source = c.text('source', 50, false) ?? DEFAULT_IMPORT_SOURCE;
  const ref = customerRef(cells, columns, ORDER_CUSTOMER_KEYS);
  if (!ref) c.fail('customer', 'field.required');
  else if (ref.value === null) c.fail(ref.type, 'field.invalid_value', 'not a valid identifier');
  const timeText = c.cell('orderedAt');
  const orderedAt = orderTime(timeText);
  if (timeText === '') c.fail('orderedAt', 'field.required');
  else if (!orderedAt) c.fail('orderedAt', 'field.invalid_value', 'a date or ISO 8601 time expected');
  const statusText = c.cell('status');
  const status = statusText === '' ? 'paid' : STATUS_WORDS[statusText.toLowerCase()];
  if (!status) c.fail('status', 'field.invalid_value', 'paid / refunded / cancelled / pending');
  const channel = c.text('channel', 50, false) ?? DEFAULT_IMPORT_CHANNEL;
  const store = c.text('store', 100, false);
  const currencyText = c.cell('currency');
  const currency = currencyText === '' ? 'CNY' : currencyText.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) c.fail('currency', 'field.invalid_value', 'ISO 4217 code expected');
  const amountText = c.cell('amount');
  const amountFen = amountText === '' ? null : toFen(decimalText(amountText));
  if (amountText !== '' && amountFen === null) c.fail('amount', 'field.invalid_value', 'at most 2 decimals, not negative');
  const sku = c.text('sku', 100, true);
  const productName = c.text('productName', 200, true);
  const category = c.text('category', 100, false);
  const quantityText = c.cell('quantity');
  const quantityMilli = toMilli(decimalText(quantityText));
  if (quantityMilli === null || quantityMilli === 0n) c.fail('quantity', quantityText === '' ? 'field.required' : 'field.invalid_value', 'more than 0, at most 3 decimals');
  const priceText = c.cell('unitPrice');
  const unitPriceFen = toFen(decimalText(priceText));
  if (unitPriceFen === null) c.fail('unitPrice', priceText === '' ? 'field.required' : 'field.invalid_value', 'at most 2 decimals, not negative');
  const line = c.errors.length > 0 ? 0n : lineAmountFen(quantityMilli!, unitPriceFen!);
  if (line > MAX_FEN) c.fail('unitPrice', 'field.invalid_value', 'line amount too large');
  if (c.errors.length > 0) return c.errors;
  return {
    row, source, externalId: externalId!, customer: ref as OrderLineRow['customer'], orderedAt: orderedAt!, status: status!, channel, store, currency,
    amountFen, sku: sku!, productName: productName!, category, quantityMilli: quantityMilli!, unitPriceFen: unitPriceFen!, lineAmountFen: line,
  };
}
