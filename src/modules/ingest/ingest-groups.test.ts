import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingAudit } from '../../platform/audit/index.js';
import type { IngestActor } from './identity-resolver.js';
import { createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';
import { IngestService } from './ingest-service.js';
import { validateMessage } from './message-validation.js';
import type { TrackingMessage } from './tracking-message.js';

/**
 * Group commit (IngestService): requests of one source that wait for a lane are stored in one
 * transaction. Two lanes: the first two calls start alone, the calls made meanwhile go together.
 */
describe('ingest group commit', () => {
  let t: IngestTestApp;
  let source: { id: number };
  const actor = (requestId: string): IngestActor => ({ sourceId: source.id, sourceName: 'web', ip: `10.0.0.${requestId.length}`, requestId });
  const message = (raw: object): TrackingMessage => {
    const result = validateMessage(raw, null);
    if (!result.ok) throw new Error(result.error.code);
    return result.message;
  };
  const track = (messageId: string, userId: string) => message({ type: 'track', event: 'Viewed', userId, messageId });
  const stored = async (ids: string[]) =>
    (await t.db.query<{ message_id: string; n: number }>('SELECT message_id, count(*)::int AS n FROM events WHERE source_id = $1 AND message_id = ANY($2) GROUP BY 1 ORDER BY 1', [source.id, ids])).rows;

  beforeAll(async () => {
    t = await createIngestTestApp();
    source = await t.createSource('groups');
  });
  afterAll(() => t.close());

  it('stores waiting requests together, each messageId once, and answers each with its own count', async () => {
    const service = new IngestService(t.deps);
    const counts = await Promise.all([
      service.ingest(actor('r1'), [track('g-1', 'gu-1'), track('g-2', 'gu-2')]),
      service.ingest(actor('r2'), [track('g-3', 'gu-3')]),
      service.ingest(actor('r3'), [track('g-4', 'gu-4'), track('g-5', 'gu-1')]),
      // g-5 repeats r3's (in the same group), g-1 is r1's (stored already): only g-6 is new.
      service.ingest(actor('r44'), [track('g-5', 'gu-1'), track('g-6', 'gu-5'), track('g-1', 'gu-1')]),
    ]);
    expect(counts).toEqual([2, 1, 2, 1]);
    expect(await stored(['g-1', 'g-2', 'g-3', 'g-4', 'g-5', 'g-6'])).toEqual(['g-1', 'g-2', 'g-3', 'g-4', 'g-5', 'g-6'].map((message_id) => ({ message_id, n: 1 })));
    // r3 and r44 went in one transaction: one event.ingested for their three events.
    const published = await t.db.query<{ n: number }>(
      `SELECT jsonb_array_length(payload->'eventIds')::int AS n FROM outbox WHERE topic = 'event.ingested' AND aggregate_id = $1 ORDER BY n`,
      [String(source.id)],
    );
    expect(published.rows.map((r) => r.n)).toEqual([1, 2, 3]); // r1 and r2 ran side by side, in either order
  });

  it('audits each identify with the request it came in, also when requests share a transaction', async () => {
    const service = new IngestService(t.deps);
    const identify = (messageId: string, userId: string, name: string) => message({ type: 'identify', userId, messageId, traits: { name } });
    await Promise.all([
      service.ingest(actor('busy-1'), [track('a-1', 'au-0')]),
      service.ingest(actor('busy-2'), [track('a-2', 'au-0')]),
      service.ingest(actor('req-x'), [identify('a-3', 'au-1', '甲')]),
      service.ingest(actor('req-yy'), [identify('a-4', 'au-2', '乙')]),
    ]);
    await sealAllPendingAudit(t.db);
    const audits = await t.db.query<{ request_id: string; ip: string; name: string }>(
      `SELECT a.request_id, a.ip, c.name FROM audit_log a JOIN customers c ON c.id::text = a.record_id
       WHERE a.action = 'customer.update' AND a.request_id IN ('req-x', 'req-yy') ORDER BY a.request_id`,
    );
    expect(audits.rows).toEqual([
      { request_id: 'req-x', ip: '10.0.0.5', name: '甲' },
      { request_id: 'req-yy', ip: '10.0.0.6', name: '乙' },
    ]);
  });

  it("stores a failing request's group again member by member: only that request fails", async () => {
    const service = new IngestService(t.deps);
    // A NUL character cannot be stored in jsonb: the event insert fails for the whole transaction.
    const poisoned = message({ type: 'track', event: 'Broken', userId: 'fu-1', messageId: 'f-3', properties: { note: 'a\u0000b' } });
    const results = await Promise.allSettled([
      service.ingest(actor('f1'), [track('f-1', 'fu-1')]),
      service.ingest(actor('f2'), [track('f-2', 'fu-2')]),
      service.ingest(actor('f3'), [poisoned]),
      service.ingest(actor('f4'), [track('f-4', 'fu-3')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await stored(['f-1', 'f-2', 'f-3', 'f-4'])).map((r) => r.message_id)).toEqual(['f-1', 'f-2', 'f-4']);
  });
});
