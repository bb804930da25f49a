import { AppError } from '../../../platform/errors/index.js';

/** Validation of a run's params shared by the runners: every refusal names `params.<name>`. */
export function invalidParam(name: string, reason: string): AppError {
  const field = name === '' ? 'params' : `params.${name}`;
  return new AppError('field.invalid_value', { field, params: { field, reason } });
}

/** The params object (null → {}); unknown names are refused so a typo never silently runs the defaults. */
export function paramsRecord(raw: unknown, known: readonly string[]): Record<string, unknown> {
  const input = raw ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw invalidParam('', 'an object expected');
  for (const key of Object.keys(input)) if (!known.includes(key)) throw invalidParam(key, 'unknown parameter');
  return input as Record<string, unknown>;
}

export function numberParam(input: Record<string, unknown>, name: string, fallback: number, min: number, max: number, whole = false): number {
  const value = input[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    throw invalidParam(name, `${whole ? 'a whole number' : 'a number'} ${min}–${max}`);
  }
  return value;
}

/** YYYY-MM-DD or null (= the run's start). */
export function dateParam(input: Record<string, unknown>, name: string): string | null {
  const value = input[name] ?? null;
  if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) throw invalidParam(name, 'YYYY-MM-DD or null');
  return value as string | null;
}

/** A day (YYYY-MM-DD, Asia/Shanghai) → days since 1970-01-01; null → the day of `now` in Asia/Shanghai. */
export function shanghaiDay(date: string | null, now: Date): number {
  if (date !== null) return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000);
}

/** The end of a Shanghai day as an instant (orders up to it count). */
export function endOfShanghaiDay(day: number): Date {
  return new Date((day + 1) * 86_400_000 - 8 * 3_600_000 - 1);
}
