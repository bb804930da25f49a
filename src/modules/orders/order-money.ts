/**
 * Money and quantities as integers, never floats: amounts in fen (分, 1/100 元) and quantities in
 * thousandths (numeric(12,3)). Pure; bigint where a product could pass 2^53.
 *
 * @example toFen('19.9') → 1990n; fenToString(1990n) → '19.90'; lineAmountFen(1500n, 1990n) → 2985n (1.5 × 19.90)
 */

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,3}))?$/;

/** Largest value numeric(14,2) holds, in fen. */
export const MAX_FEN = 10n ** 14n - 1n;
/** Largest value numeric(12,3) holds, in thousandths. */
export const MAX_MILLI = 10n ** 12n - 1n;
/** A declared total may differ from the lines' sum by at most this (rounding at the source). */
export const AMOUNT_TOLERANCE_FEN = 1n;

function scaled(input: string | number, decimals: number): bigint | null {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return BigInt(match[1]!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** '12.3' | 12.3 → 1230n; null for negatives, more than 2 decimals, exponents or values beyond numeric(14,2). */
export function toFen(input: string | number): bigint | null {
  const fen = scaled(input, 2);
  return fen !== null && fen <= MAX_FEN ? fen : null;
}

/** '1.5' → 1500n thousandths; null when not a non-negative decimal with at most 3 places. */
export function toMilli(input: string | number): bigint | null {
  const milli = scaled(input, 3);
  return milli !== null && milli <= MAX_MILLI ? milli : null;
}

/** 1990n → '19.90'; negative values keep their sign. */
export function fenToString(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** a / b rounded half up (both non-negative, b > 0), as PostgreSQL's round() does. */
export function divideRounded(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** quantity × unit price rounded to the fen, half up. */
export function lineAmountFen(quantityMilli: bigint, unitPriceFen: bigint): bigint {
  return divideRounded(quantityMilli * unitPriceFen, 1000n);
}

export function sumFen(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

/** Whether a declared total matches the lines' sum within the tolerance. */
export function amountMatches(declaredFen: bigint, linesFen: bigint): boolean {
  const difference = declaredFen - linesFen;
  return difference <= AMOUNT_TOLERANCE_FEN && difference >= -AMOUNT_TOLERANCE_FEN;
}

export type RefundOutcome =
  | { ok: true; refundedFen: bigint; fullyRefunded: boolean }
  | { ok: false; reason: 'not_positive' | 'exceeds_amount' };

/** A refund of `refundFen` on an order of `amountFen` already refunded by `refundedFen`. */
export function applyRefund(amountFen: bigint, refundedFen: bigint, refundFen: bigint): RefundOutcome {
  if (refundFen <= 0n) return { ok: false, reason: 'not_positive' };
  const total = refundedFen + refundFen;
  if (total > amountFen) return { ok: false, reason: 'exceeds_amount' };
  return { ok: true, refundedFen: total, fullyRefunded: total === amountFen };
}
