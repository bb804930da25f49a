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
  // Almost every body has none: one pass that builds no paths, then the walk that names the place.
  if (depth === 0 && !hasNul(value, 0)) return null;
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

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const child of value) if (hasNul(child, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.includes('\u0000') || hasNul((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
