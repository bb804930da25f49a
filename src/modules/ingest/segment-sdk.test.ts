import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

/** Contract: the real Segment Node SDK, pointed at Relata over a socket, lands its events. */
describe('Segment analytics-node against /v1/batch', () => {
  let t: IngestTestApp;
  let host: string;
  beforeAll(async () => {
    t = await createIngestTestApp();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    host = address;
  });
  afterAll(() => t.close());

  it('identify, track, page, screen, group and alias all arrive', async () => {
    const { writeKey } = await t.createSource('node-sdk');
    const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: 1, maxRetries: 0 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    analytics.identify({ anonymousId: 'sdk-anon', traits: { name: '陈静' } });
    analytics.page({ anonymousId: 'sdk-anon', name: 'Pricing', properties: { url: 'https://relata.test/pricing' } });
    analytics.screen({ anonymousId: 'sdk-anon', name: 'Home' });
    analytics.track({ userId: 'sdk-user', event: 'Order Completed', properties: { total: 128, currency: 'CNY' } });
    analytics.group({ userId: 'sdk-user', groupId: 'acme', traits: { name: 'ACME' } });
    analytics.alias({ previousId: 'sdk-anon', userId: 'sdk-user' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(failures).toEqual([]);
    const rows = await t.db.query<{ type: string; name: string; customer_id: number; message_id: string }>(
      `SELECT e.type, e.name, e.customer_id, e.message_id FROM events e JOIN sources s ON s.id = e.source_id WHERE s.name = 'node-sdk' ORDER BY e.id`,
    );
    expect(rows.rows.map((r) => r.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
    expect(rows.rows.find((r) => r.type === 'track')?.name).toBe('Order Completed');
    expect(rows.rows.every((r) => r.message_id.length > 0)).toBe(true);
    // After alias, the anonymous visitor and the user are one customer.
    expect(new Set(rows.rows.map((r) => r.customer_id)).size).toBe(1);
  });
});
