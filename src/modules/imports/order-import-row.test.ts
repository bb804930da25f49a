import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImportTime, resolveImportColumns, suggestColumns } from './import-columns.js';
import { ORDER_COLUMNS, ORDER_CUSTOMER_KEYS, validateOrderLine } from './order-import-row.js';

const HEADERS = ['Order No', 'Mobile', 'Order Date', 'Status', 'SKU', 'Product Name', 'Qty', 'Unit Price', 'Amount'];
const columns = resolveImportColumns(HEADERS, suggestColumns(HEADERS, ORDER_COLUMNS), ORDER_COLUMNS, ORDER_CUSTOMER_KEYS);
const row = (patch: Partial<Record<(typeof HEADERS)[number], string>>) => {
  const base: Record<string, string> = { 'Order No': 'X1', Mobile: '13800000001', 'Order Date': '2026-01-02', Status: '', SKU: 'S', 'Product Name': 'P', Qty: '1', 'Unit Price': '9.9', Amount: '' };
  return HEADERS.map((h) => patch[h] ?? base[h]!);
};
const fields = (r: ReturnType<typeof validateOrderLine>) => (Array.isArray(r) ? r.map((e) => `${e.field}:${e.code}`) : []);

describe('validateOrderLine', () => {
  it.each<[string, Partial<Record<string, string>>, string[]]>([
    ['valid', {}, []],
    ['zh status', { Status: '已退款' }, []],
    ['thousands separator and ¥', { 'Unit Price': '¥1,234.50' }, []],
    ['three decimals in money', { 'Unit Price': '1.005' }, ['unitPrice:field.invalid_value']],
    ['negative price', { 'Unit Price': '-1' }, ['unitPrice:field.invalid_value']],
    ['zero quantity', { Qty: '0' }, ['quantity:field.invalid_value']],
    ['quantity with 4 decimals', { Qty: '1.0001' }, ['quantity:field.invalid_value']],
    ['unknown status', { Status: 'shipped' }, ['status:field.invalid_value']],
    ['no customer', { Mobile: '' }, ['customer:field.required']],
    ['bad mobile', { Mobile: '123' }, ['mobile:field.invalid_value']],
    ['bad date', { 'Order Date': '2026-02-30' }, ['orderedAt:field.invalid_value']],
    ['missing order no', { 'Order No': '' }, ['externalId:field.required']],
    ['bad amount', { Amount: '1e3' }, ['amount:field.invalid_value']],
  ])('%s', (_name, patch, expected) => {
    expect(fields(validateOrderLine(row(patch), 2, columns, 'en'))).toEqual(expected);
  });

  it('computes the line amount half up in fen and defaults source, channel, currency, status', () => {
    const line = validateOrderLine(row({ Qty: '1.5', 'Unit Price': '100.01' }), 2, columns, 'en');
    expect(line).toMatchObject({ lineAmountFen: 15002n, source: 'import', channel: 'import', currency: 'CNY', status: 'paid', customer: { type: 'mobile' } });
  });

  it('each line gets its own time though the last one parsed is kept (lines of an order repeat it)', () => {
    const times = ['2026-01-02', '2026-01-02', '2026-02-30', '2026-02-30', '2026-01-03 10:00', '2026-01-02', '', '2026-01-02'];
    const lines = times.map((t) => validateOrderLine(row({ 'Order Date': t }), 2, columns, 'en'));
    expect(lines.map((l) => (Array.isArray(l) ? fields(l).join() : l.orderedAt.toISOString()))).toEqual([
      '2026-01-01T16:00:00.000Z', '2026-01-01T16:00:00.000Z', 'orderedAt:field.invalid_value', 'orderedAt:field.invalid_value',
      '2026-01-03T02:00:00.000Z', '2026-01-01T16:00:00.000Z', 'orderedAt:field.required', '2026-01-01T16:00:00.000Z',
    ]);
  });
});

describe('parseImportTime', () => {
  it.each<[string, string | null]>([
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05+08:00', '2026-01-01T19:04:05.000Z'],
    ['2026-01-02 10:30', '2026-01-02T02:30:00.000Z'],
    ['2026/1/2', '2026-01-01T16:00:00.000Z'],
    ['2026年1月2日', '2026-01-01T16:00:00.000Z'],
    ['2026-02-29', null],
    ['2028-02-29', '2028-02-28T16:00:00.000Z'],
    ['2100-02-29', null],
    ['2000-02-29 23:59:59', '2000-02-29T15:59:59.000Z'],
    ['2026-04-31', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['0026-01-02', null],
    ['2026-01-02 24:00', null],
    ['2026-01-02 10:60', null],
    ['yesterday', null],
  ])('%s', (text, iso) => {
    expect(parseImportTime(text)?.toISOString() ?? null).toBe(iso);
  });

  it('property: a local time is read as the calendar (a Date round trip) reads it', () => {
    const roundTrip = (y: number, mo: number, d: number, h: number, mi: number, s: number): string | null => {
      const utc = Date.UTC(y, mo - 1, d, h - 8, mi, s);
      const check = new Date(utc + 8 * 3600_000);
      const ok = check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59;
      return ok ? new Date(utc).toISOString() : null;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }),
        (y, mo, d, h, mi, s) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
          expect(parseImportTime(text)?.toISOString() ?? null).toBe(roundTrip(y, mo, d, h, mi, s));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
