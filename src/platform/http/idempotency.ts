import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.js';
import type { AppDeps } from './http-context.js';
import { addRouteHook, isWriteRoute, WRITE_METHODS } from './route-hooks.js';

const claimed = Symbol('idempotencyClaim');

type ClaimedRequest = FastifyRequest & { [claimed]?: { actor: string; key: string } };

/**
 * `Idempotency-Key` on write APIs: the first request with a key runs and its response is kept for
 * 24 h; a retry with the same key and the same body gets that response again (`Idempotent-Replayed:
 * true`); the same key with another body is 422; while the first is still running, 409.
 */
export function registerIdempotency(app: FastifyInstance, deps: AppDeps): void {
  // Only write routes carry the hooks (reads pay nothing), and not those that opt out.
  app.addHook('onRoute', (route) => {
    if (!isWriteRoute(route) || (route.config as { idempotency?: string } | undefined)?.idempotency === 'ignore') return;
    addRouteHook(route, 'preHandler', claim);
    addRouteHook(route, 'onSend', settle);
  });

  async function claim(request: ClaimedRequest, reply: FastifyReply) {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !WRITE_METHODS.has(request.method) || !request.actor) return;
    if (key.length === 0 || key.length > 255) throw new AppError('request.invalid', { field: 'Idempotency-Key', params: { reason: 'Idempotency-Key must be 1–255 characters' } });
    const actor = `${request.actor.type}:${request.actor.apiKeyId ?? request.actor.userId}`;
    const hash = crypto.createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const now = deps.clock.now();
    await deps.db.query(`DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND created_at < $3::timestamptz - interval '24 hours'`, [actor, key, now]);
    const inserted = await deps.db.query(
      `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [actor, key, request.method, request.url, hash, now],
    );
    if (inserted.rowCount === 1) {
      request[claimed] = { actor, key };
      return;
    }
    const existing = (await deps.db.query<{ request_hash: string; status_code: number | null; response: string | null }>(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE actor = $1 AND key = $2',
      [actor, key],
    )).rows[0];
    if (!existing || existing.request_hash !== hash) throw new AppError('request.idempotency_mismatch', { field: 'Idempotency-Key' });
    if (existing.status_code === null) throw new AppError('request.idempotency_conflict', { field: 'Idempotency-Key' });
    return replay(reply, existing.status_code, existing.response);
  }

  async function settle(request: ClaimedRequest, reply: FastifyReply, payload: unknown) {
    const claim = request[claimed];
    if (!claim) return payload;
    if (reply.statusCode >= 500 || reply.statusCode === 409 || reply.statusCode === 429) {
      await deps.db.query('DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2', [claim.actor, claim.key]);
    } else {
      await deps.db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE actor = $1 AND key = $2', [
        claim.actor,
        claim.key,
        reply.statusCode,
        typeof payload === 'string' ? payload : null,
      ]);
    }
    return payload;
  }
}

function replay(reply: FastifyReply, status: number, body: string | null) {
  reply.header('Idempotent-Replayed', 'true');
  reply.status(status);
  if (body === null) return reply.send();
  return reply.type('application/json; charset=utf-8').send(body);
}
