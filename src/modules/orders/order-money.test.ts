import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountMatches, applyRefund, fenToString, lineAmountFen, MAX_FEN, sumFen, toFen, toMilli } from './order-money.js';

describe('money as fen', () => {
  it.each([
    ['19.9', 1990n],
    ['0.01', 1n],
    [19.9, 1990n],
    [0.1 + 0.2, null], // 0.30000000000000004: float drift is refused, not rounded away
    ['100', 10000n],
    [' 7.05 ', 705n],
    ['1.001', null],
    ['-1', null],
    ['1e3', null],
    [1e21, null],
    ['', null],
    ['999999999999.99', 99999999999999n],
    ['1000000000000.00', null],
  ] as const)('toFen(%j) = %s', (input, fen) => {
    expect(toFen(input)).toBe(fen);
  });

  it.each([
    ['1.5', 1500n],
    ['0.001', 1n],
    [2, 2000n],
    ['0.0001', null],
  ] as const)('toMilli(%j) = %s', (input, milli) => {
    expect(toMilli(input)).toBe(milli);
  });

  it.each([
    [1500n, 1990n, 2985n],
    [1n, 1n, 0n],
    [500n, 1n, 1n],
    [333n, 100n, 33n],
    [3000n, 33n, 99n],
  ] as const)('lineAmountFen(%s, %s) = %s (half up)', (quantity, price, amount) => {
    expect(lineAmountFen(quantity, price)).toBe(amount);
  });

  it('prints fen with two decimals', () => {
    expect([fenToString(1990n), fenToString(5n), fenToString(0n), fenToString(-105n)]).toEqual(['19.90', '0.05', '0.00', '-1.05']);
  });

  it('round-trips any amount through its decimal text', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_FEN }), (fen) => toFen(fenToString(fen)) === fen));
  });

  it('line sums stay within half a fen per line of the exact rational sum', () => {
    const line = fc.record({ quantity: fc.bigInt({ min: 1n, max: 1_000_000n }), price: fc.bigInt({ min: 0n, max: 10_000_000n }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const rounded = sumFen(lines.map((l) => lineAmountFen(l.quantity, l.price)));
        const exactTimes1000 = lines.reduce((total, l) => total + l.quantity * l.price, 0n);
        const error = rounded * 1000n - exactTimes1000;
        return error * 2n <= BigInt(lines.length) * 1000n && -error * 2n <= BigInt(lines.length) * 1000n;
      }),
    );
  });

  it('accepts a declared amount exactly within one fen of the lines', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_FEN }), fc.bigInt({ min: -5n, max: 5n }), (lines, delta) => amountMatches(lines + delta, lines) === (delta >= -1n && delta <= 1n)));
  });
});

describe('refund caps', () => {
  it('never lets the refunded total pass the amount, whatever the sequence', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 8n }), fc.array(fc.bigInt({ min: -10n, max: 10n ** 8n }), { maxLength: 15 }), (amount, attempts) => {
        let refunded = 0n;
        let accepted = 0n;
        for (const attempt of attempts) {
          const outcome = applyRefund(amount, refunded, attempt);
          if (!outcome.ok) continue;
          expect(outcome.refundedFen).toBe(refunded + attempt);
          expect(outcome.fullyRefunded).toBe(outcome.refundedFen === amount);
          refunded = outcome.refundedFen;
          accepted += attempt;
        }
        return refunded <= amount && refunded === accepted && refunded >= 0n;
      }),
    );
  });

  it('refuses zero, negative and excess refunds', () => {
    expect(applyRefund(100n, 0n, 0n)).toEqual({ ok: false, reason: 'not_positive' });
    expect(applyRefund(100n, 40n, 61n)).toEqual({ ok: false, reason: 'exceeds_amount' });
    expect(applyRefund(100n, 40n, 60n)).toEqual({ ok: true, refundedFen: 100n, fullyRefunded: true });
  });
});
