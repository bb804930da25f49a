import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from './bgnbd.js';
import { discountedLifetimeValue, monthsToTimeUnits } from './customer-lifetime-value.js';

const fit = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const customer = { frequency: 2, recency: 30.43, T: 38.86 };

describe('discountedLifetimeValue', () => {
  it('12 months at a 0 rate is spend × expected purchases in 52.18 weeks', () => {
    const undiscounted = discountedLifetimeValue(fit, customer, 30, { horizonMonths: 12, monthlyDiscountRate: 0, timeUnit: 'week' });
    expect(monthsToTimeUnits(12, 'week')).toBeCloseTo(52.18, 2);
    expect(undiscounted).toBeCloseTo(30 * conditionalExpectedPurchases(fit, 52.1786, customer), 3);
  });
  it('one month at 1 % is spend × E[X(1 month)] / 1.01', () => {
    const value = discountedLifetimeValue(fit, customer, 30, { horizonMonths: 1, monthlyDiscountRate: 0.01, timeUnit: 'week' });
    expect(value).toBeCloseTo((30 * conditionalExpectedPurchases(fit, 365.25 / 12 / 7, customer)) / 1.01, 10);
  });
  it('the same model in days gives the same value when alpha is rescaled', () => {
    const inDays = { ...fit, alpha: fit.alpha * 7 };
    const dayCustomer = { frequency: 2, recency: 30.43 * 7, T: 38.86 * 7 };
    const weeks = discountedLifetimeValue(fit, customer, 30, { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'week' });
    expect(discountedLifetimeValue(inDays, dayCustomer, 30, { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'day' })).toBeCloseTo(weeks, 8);
  });
  it('a higher discount rate never raises the value; a longer horizon never lowers it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 36 }), (d1, d2, months) => {
        const options = (rate: number, horizonMonths: number) => ({ horizonMonths, monthlyDiscountRate: rate, timeUnit: 'week' as const });
        const low = Math.min(d1, d2);
        const high = Math.max(d1, d2);
        expect(discountedLifetimeValue(fit, customer, 30, options(high, months))).toBeLessThanOrEqual(discountedLifetimeValue(fit, customer, 30, options(low, months)) + 1e-12);
        expect(discountedLifetimeValue(fit, customer, 30, options(low, months + 1))).toBeGreaterThanOrEqual(discountedLifetimeValue(fit, customer, 30, options(low, months)));
      }),
    );
  });
});
