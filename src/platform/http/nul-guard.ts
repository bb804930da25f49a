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
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
