import {
  type Analysis,
  AnalysisInputError,
  choiceFlag,
  dateFlag,
  numberFlag,
  parseDateCell,
  parseNumberCell,
  requireColumn,
} from '../analysis-input.js';
import { DAY_MS, type RfmPurchase, rfmFigures } from './rfm-figures.js';
import { QUANTILE_METHODS, type RfmScored, scoreRfm } from './rfm-scoring.js';
import { RFM_SEGMENTS } from './rfm-segments.js';

/** Fewer customers than this cannot be cut into quintiles meaningfully. */
export const RFM_MIN_CUSTOMERS = 5;

/**
 * `relata analyze rfm --as-of YYYY-MM-DD [--quantile-method type7|ntile] [--window-days N]` on a CSV
 * of orders (one row per order; `--order` names an order id column whose repeated values count once).
 */
export const rfmAnalysis: Analysis = {
  usage: [
    '  --as-of YYYY-MM-DD           analysis date (required); recency = days from the last order to it',
    '  --quantile-method type7|ntile  quintile breaks like R quantile() type 7 (default) or ntile(5)',
    '  --window-days N              only orders in the N days up to --as-of (default: all)',
    '  --customer customer_id --date date --amount amount [--order order_id]   column names',
  ].join('\n'),
  run(table, flags) {
    const asOfDay = dateFlag(flags, 'as-of');
    if (asOfDay === undefined) throw new AnalysisInputError('--as-of YYYY-MM-DD is required');
    const method = choiceFlag(flags, 'quantile-method', QUANTILE_METHODS, 'type7');
    const windowDays = flags['window-days'] === undefined ? undefined : numberFlag(flags, 'window-days', 0, 1, 36_500);
    const customer = requireColumn(table, flags, 'customer', 'customer_id');
    const date = requireColumn(table, flags, 'date', 'date');
    const amount = requireColumn(table, flags, 'amount', 'amount');
    const order = flags.order === undefined && !table.header.includes('order_id') ? undefined : requireColumn(table, flags, 'order', 'order_id');
    const purchases = purchasesOf(table.rows, { customer, date, amount, order });
    const figures = rfmFigures(purchases, asOfDay * DAY_MS + DAY_MS - 1, windowDays);
    if (figures.length < RFM_MIN_CUSTOMERS) throw new AnalysisInputError(`too little data: ${figures.length} customers with orders up to --as-of, at least ${RFM_MIN_CUSTOMERS} are needed`, 'analysis.too_little_data');
    const scored = scoreRfm(figures, method);
    return { asOf: flags['as-of'], quantileMethod: method, customers: scored.map(customerJson), segments: segmentCounts(scored) };
  },
};

interface Columns {
  customer: string;
  date: string;
  amount: string;
  order: string | undefined;
}

function purchasesOf(rows: readonly Record<string, string>[], columns: Columns): RfmPurchase[] {
  const byOrder = new Map<string, RfmPurchase>();
  const purchases: RfmPurchase[] = [];
  rows.forEach((row, index) => {
    const customerId = (row[columns.customer] ?? '').trim();
    if (customerId === '') throw new AnalysisInputError(`row ${index + 2}, column "${columns.customer}": empty customer id`);
    const purchase = { customerId, at: parseDateCell(row[columns.date], columns.date, index) * DAY_MS, amount: parseNumberCell(row[columns.amount], columns.amount, index) };
    const orderId = columns.order === undefined ? undefined : (row[columns.order] ?? '').trim();
    if (orderId === undefined || orderId === '') purchases.push(purchase);
    else {
      // Several lines of one order: one purchase, amounts added.
      const seen = byOrder.get(`${customerId}\u0000${orderId}`);
      if (seen) seen.amount += purchase.amount;
      else byOrder.set(`${customerId}\u0000${orderId}`, purchase);
    }
  });
  return [...purchases, ...byOrder.values()];
}

function customerJson(c: RfmScored) {
  return { customerId: c.customerId, recencyDays: c.recencyDays, frequency: c.frequency, monetary: c.monetary, r: c.r, f: c.f, m: c.m, fm: c.fm, segment: c.segment };
}

/** Customers, orders and revenue per segment, in the order of DOMAIN.md §3. */
export function segmentCounts(scored: readonly RfmScored[]) {
  return RFM_SEGMENTS.map((s) => {
    const members = scored.filter((c) => c.segment === s.key);
    const revenue = members.reduce((sum, c) => sum + Math.round(c.monetary * 100), 0) / 100;
    return { segment: s.key, nameZh: s.nameZh, nameEn: s.nameEn, customers: members.length, orders: members.reduce((n, c) => n + c.frequency, 0), revenue };
  });
}
