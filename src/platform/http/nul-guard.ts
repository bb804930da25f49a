import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';

/**
 * PostgreSQL text cannot hold U+0000: a NUL anywhere in a query string or JSON body is refused at
 * the edge (400, naming where it was) instead of failing deep inside a statement.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const where = findNul(request.query, 'query') ?? findNul(request.body, '');
    done(where === null ? undefined : new AppError('request.invalid', { field: where || undefined, params: { reason: 'NUL character not allowed' } }));
  });
}

/** Path of the first string (or key) containing U+0000, or null. Pure. */
export function findNul(value: unknown, path: string): string | null {
  const keys = nulKeys(value, 0);
  if (keys === null) return null;
  return keys.reduce((at, key) => (at ? `${at}.${key}` : key), path);
}

/** Keys leading to the first NUL (the path is built only on the way back from a find: almost no body has one). */
function nulKeys(value: unknown, depth: number): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.includes('\u0000')) return [key];
    const found = nulKeys((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) {
      found.unshift(key);
      return found;
    }
  }
  return null;
}
