import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdjacentOrders, FingerprintSet, type OrderSummary, summarizeOrder } from './order-grouping.js';
import type { OrderLineRow } from './order-import-row.js';

function line(row: number, externalId: string, patch: Partial<OrderLineRow> = {}): OrderLineRow {
  return {
    row, source: 'import', externalId, customer: { type: 'mobile', value: '+8613800000001' }, orderedAt: new Date('2026-01-02T00:00:00Z'), status: 'paid',
    channel: 'import', store: null, currency: 'CNY', amountFen: null, sku: 'S', productName: 'P', category: null, quantityMilli: 1000n, unitPriceFen: 100n,
    lineAmountFen: 100n, ...patch,
  };
}

/** Runs lines through AdjacentOrders; returns the places in emission order and the final flag. */
interface Place {
  orderSeq: number;
  lineNo: number;
  summary: OrderSummary | null;
}

function group(lines: readonly OrderLineRow[]): { emitted: { line: OrderLineRow; place: Place }[]; adjacent: boolean } {
  const orders = new AdjacentOrders();
  const emitted: { line: OrderLineRow; place: Place }[] = [];
  const emit = (l: OrderLineRow, orderSeq: number, lineNo: number, summary: OrderSummary | null) => {
    emitted.push({ line: l, place: { orderSeq, lineNo, summary } });
    return 'x';
  };
  let text = '';
  for (const l of lines) text += orders.add(l, emit);
  text += orders.finish(emit);
  expect(text.length).toBe(lines.length);
  return { emitted, adjacent: orders.adjacent };
}

describe('summarizeOrder (mirrors the SQL grouping: min/max disagreement, NULL stores and amounts ignored)', () => {
  it.each<[string, Partial<OrderLineRow>[], boolean]>([
    ['same header', [{}, {}], false],
    ['one line gives the store', [{ store: 'A' }, {}], false],
    ['two stores', [{ store: 'A' }, { store: 'B' }], true],
    ['one line declares the amount', [{}, { amountFen: 200n }], false],
    ['two amounts', [{ amountFen: 200n }, { amountFen: 300n }], true],
    ['another customer', [{}, { customer: { type: 'email', value: 'a@b.cn' } }], true],
    ['another time', [{}, { orderedAt: new Date('2026-01-03T00:00:00Z') }], true],
    ['another status', [{}, { status: 'refunded' }], true],
    ['another channel', [{}, { channel: 'tmall' }], true],
    ['another currency', [{}, { currency: 'USD' }], true],
  ])('%s', (_name, patches, disagree) => {
    const s = summarizeOrder(patches.map((p, i) => line(i + 2, 'O1', p)));
    expect(s.disagree).toBe(disagree);
    expect(s.lineCount).toBe(patches.length);
    expect(s.linesSumFen).toBe(BigInt(100 * patches.length));
  });

  it('takes the first store and amount given', () => {
    expect(summarizeOrder([line(2, 'O1'), line(3, 'O1', { store: 'A', amountFen: 200n })])).toMatchObject({ store: 'A', amountFen: 200n });
  });
});

describe('AdjacentOrders', () => {
  it('numbers blocks of adjacent lines and puts the summary on line 1', () => {
    const { emitted, adjacent } = group([line(2, 'A'), line(3, 'A'), line(4, 'B'), line(5, 'C'), line(6, 'C'), line(7, 'C')]);
    expect(adjacent).toBe(true);
    expect(emitted.map((e) => [e.line.row, e.place.orderSeq, e.place.lineNo, e.place.summary?.lineCount ?? null])).toEqual([
      [2, 1, 1, 2], [3, 1, 2, null], [4, 2, 1, 1], [5, 3, 1, 3], [6, 3, 2, null], [7, 3, 3, null],
    ]);
  });

  it('a key that comes back after another order is not adjacent; the same external id of another source is another order', () => {
    expect(group([line(2, 'A'), line(3, 'B'), line(4, 'A')]).adjacent).toBe(false);
    expect(group([line(2, 'A'), line(3, 'A', { source: 'erp' }), line(4, 'B')]).adjacent).toBe(true);
    expect(group([line(2, 'A', { source: 'erp' }), line(3, 'B'), line(4, 'A', { source: 'erp' })]).adjacent).toBe(false);
    expect(group([]).adjacent).toBe(true);
  });

  it('property: when adjacent, the blocks are exactly the orders a GROUP BY finds, with the same counts and sums', () => {
    const keys = fc.array(fc.record({ source: fc.constantFrom('import', 'erp'), id: fc.constantFrom('A', 'B', 'C', 'D', '\u0000A', 'A\u0000') }), { maxLength: 30 });
    fc.assert(
      fc.property(keys, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 30, maxLength: 30 }), (ks, amounts) => {
        const lines = ks.map((k, i) => line(i + 2, k.id, { source: k.source, lineAmountFen: BigInt(amounts[i]!) }));
        const { emitted, adjacent } = group(lines);
        const byKey = new Map<string, { count: number; sum: bigint }>();
        for (const l of lines) {
          const k = `${l.source}|${l.externalId}`;
          const g = byKey.get(k) ?? { count: 0, sum: 0n };
          byKey.set(k, { count: g.count + 1, sum: g.sum + l.lineAmountFen });
        }
        const blocks = emitted.filter((e) => e.place.summary !== null);
        // Adjacent ⇔ as many blocks as distinct keys (a key split over two blocks is a repeat).
        expect(adjacent).toBe(blocks.length === byKey.size);
        if (adjacent) {
          for (const b of blocks) {
            const g = byKey.get(`${b.line.source}|${b.line.externalId}`)!;
            expect([b.place.summary!.lineCount, b.place.summary!.linesSumFen]).toEqual([g.count, g.sum]);
          }
        }
        // Rows are emitted in file order, numbered within their block.
        expect(emitted.map((e) => e.line.row)).toEqual(lines.map((l) => l.row));
      }),
    );
  });
});

describe('FingerprintSet', () => {
  it('answers like a Set of pairs while it grows', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 })), { maxLength: 3000 }), (pairs) => {
        const set = new FingerprintSet();
        const reference = new Set<string>();
        for (const [hi, lo] of pairs) {
          expect(set.add(hi, lo)).toBe(!reference.has(`${hi}:${lo}`));
          reference.add(`${hi}:${lo}`);
        }
        expect(set.size).toBe(reference.size);
      }),
    );
    const big = new FingerprintSet();
    for (let i = 0; i < 100_000; i++) big.add(i, i * 7);
    expect(big.size).toBe(100_000);
    expect(big.add(99_999, 99_999 * 7)).toBe(false);
    expect(big.add(0xffffffff, 0xffffffff)).toBe(true);
  });
});
