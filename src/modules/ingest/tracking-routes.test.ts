import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

interface EventRecord {
  customer_id: number;
  type: string;
  name: string;
  properties: Record<string, unknown>;
  occurred_at: Date;
  message_id: string;
  received_at: Date;
  sent_at: Date | null;
  context: Record<string, unknown>;
}

describe('tracking API', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  let sourceId: number;
  const post = (type: string, payload: unknown, headers = auth) => t.app.inject({ method: 'POST', url: `/v1/${type}`, headers, payload: payload as object });
  const event = async (messageId: string) =>
    (await t.db.query<EventRecord>('SELECT * FROM events WHERE source_id = $1 AND message_id = $2', [sourceId, messageId])).rows;

  beforeAll(async () => {
    t = await createIngestTestApp();
    const source = await t.createSource('website');
    auth = basicAuth(source.writeKey);
    sourceId = source.id;
  });
  afterAll(() => t.close());

  it('stores every call type with the skew-corrected timestamp', async () => {
    const received = t.clock.now();
    // The client clock is 3 hours behind; the message was sent 2 s after it happened.
    const timestamp = new Date(received.getTime() - 3 * 3_600_000 - 2_000).toISOString();
    const sentAt = new Date(received.getTime() - 3 * 3_600_000).toISOString();
    const calls: [string, Record<string, unknown>, string][] = [
      ['identify', { userId: 'call-u1', traits: { plan: 'pro' } }, 'identify'],
      ['track', { userId: 'call-u1', event: 'Order Completed', properties: { total: 99.5, extra: { any: 'thing' } } }, 'Order Completed'],
      ['page', { anonymousId: 'call-a1', name: 'Home', properties: { url: 'https://x.cn/' }, context: { campaign: { source: 'wechat' }, ip: '1.2.3.4' } }, 'Home'],
      ['screen', { userId: 'call-u1', name: 'Cart' }, 'Cart'],
      ['group', { userId: 'call-u1', groupId: 'g-1', traits: { name: 'ACME' } }, 'group'],
      ['alias', { userId: 'call-u1', previousId: 'call-a1' }, 'alias'],
    ];
    for (const [type, body, name] of calls) {
      const res = await post(type, { ...body, messageId: `call-${type}`, timestamp, sentAt });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ success: true });
      const rows = await event(`call-${type}`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ type, name });
      expect(rows[0]!.occurred_at.toISOString()).toBe(new Date(received.getTime() - 2_000).toISOString());
      expect(rows[0]!.received_at.toISOString()).toBe(received.toISOString());
      expect(rows[0]!.sent_at?.toISOString()).toBe(sentAt);
    }
    expect((await event('call-track'))[0]!.properties).toEqual({ total: 99.5, extra: { any: 'thing' } });
    expect((await event('call-page'))[0]!.context).toMatchObject({ campaign: { source: 'wechat' }, ip: '1.2.3.4' });
  });

  it('stores a messageId once, however often and concurrently it arrives', async () => {
    const body = { userId: 'dup-u', event: 'Clicked', messageId: 'dup-1' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('track', body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    expect(await post('track', body).then((r) => r.statusCode)).toBe(200);
    expect(await event('dup-1')).toHaveLength(1);
    const customers = await t.db.query(`SELECT customer_id FROM customer_identifiers WHERE type = 'userId' AND value = 'dup-u'`);
    expect(customers.rowCount).toBe(1);
  });

  it('creates one customer for concurrent first events of one new visitor', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => post('page', { anonymousId: 'race-a', messageId: `race-${i}` })));
    const owners = await t.db.query(`SELECT DISTINCT customer_id FROM events WHERE anonymous_id = 'race-a'`);
    expect(owners.rowCount).toBe(1);
  });

  it('stores the valid items of a batch and reports the invalid ones', async () => {
    const res = await post('batch', {
      batch: [
        { type: 'track', userId: 'b-u', event: 'A', messageId: 'b-1' },
        { type: 'track', userId: 'b-u', messageId: 'b-2' },
        { type: 'nonsense', userId: 'b-u', messageId: 'b-3' },
        { type: 'page', messageId: 'b-4' },
        { type: 'identify', userId: 'b-u', messageId: 'b-5', timestamp: 'not a time' },
        { type: 'page', anonymousId: 'b-a', messageId: 'b-6' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      success: true,
      errors: [
        { index: 1, code: 'ingest.missing_field', field: 'event' },
        { index: 2, code: 'ingest.invalid_type', field: 'type' },
        { index: 3, code: 'ingest.missing_identity', field: 'userId' },
        { index: 4, code: 'ingest.invalid_field', field: 'timestamp' },
      ],
    });
    const stored = await t.db.query<{ message_id: string }>(`SELECT message_id FROM events WHERE message_id LIKE 'b-%' ORDER BY message_id`);
    expect(stored.rows.map((r) => r.message_id)).toEqual(['b-1', 'b-6']);
  });

  it('refuses a single call that is invalid with the code and field', async () => {
    const res = await post('track', { userId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ingest.missing_field', field: 'event' });
  });

  it('limits messages to 32 KB and batches to 500 KB, storing nothing of a too-large batch', async () => {
    const big = { userId: 'big', event: 'Big', messageId: 'big-1', properties: { blob: 'x'.repeat(33 * 1024) } };
    const one = await post('track', big);
    expect(one.statusCode).toBe(400);
    expect(one.json().error.code).toBe('ingest.message_too_large');
    const inBatch = await post('batch', { batch: [{ type: 'track', ...big }, { type: 'track', userId: 'big', event: 'Small', messageId: 'big-2' }] });
    expect(inBatch.json().errors).toEqual([{ index: 0, code: 'ingest.message_too_large', field: '' }]);
    const item = (i: number) => ({ type: 'track', userId: 'big', event: 'Bulk', messageId: `bulk-${i}`, properties: { blob: 'y'.repeat(20 * 1024) } });
    const batch = await post('batch', { batch: Array.from({ length: 30 }, (_, i) => item(i)) });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error).toMatchObject({ code: 'ingest.batch_too_large', field: 'batch' });
    expect((await t.db.query(`SELECT 1 FROM events WHERE message_id LIKE 'bulk-%'`)).rowCount).toBe(0);
  });

  it('answers 401 to a missing, wrong or disabled write key, and accepts writeKey in the body', async () => {
    const body = { userId: 'k', event: 'E' };
    expect((await post('track', body, {})).statusCode).toBe(401);
    expect((await post('track', body, basicAuth('wk_wrong'))).statusCode).toBe(401);
    expect((await post('track', body, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    const other = await t.createSource('app');
    expect((await post('track', { ...body, writeKey: other.writeKey, messageId: 'k-1' }, {})).statusCode).toBe(200);
    const disabled = await t.app.inject({ method: 'DELETE', url: `/api/sources/${other.id}`, headers: t.adminHeaders });
    expect(disabled.statusCode).toBe(204);
    expect((await post('track', body, basicAuth(other.writeKey))).statusCode).toBe(401);
  });

  it('parses text/plain JSON bodies as analytics.js sends them', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { ...auth, 'content-type': 'text/plain' }, payload: JSON.stringify({ userId: 'tp', event: 'E', messageId: 'tp-1' }) });
    expect(res.statusCode).toBe(200);
    expect(await event('tp-1')).toHaveLength(1);
  });
});
