import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentStates } from '../consent/index.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

interface Entry {
  purpose: string;
  channel: string;
  status: string;
  source: string;
  evidence: Record<string, unknown>;
}

describe('consent from tracking (real database)', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  let sourceId: number;
  const post = (type: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: auth, payload: payload as object });
  const customerOf = async (userId: string) => (await t.app.inject({ url: `/api/customers/lookup?type=userId&value=${userId}`, headers: t.adminHeaders })).json().id as number;
  const ledger = async (customerId: number) =>
    (await t.db.query<Entry>('SELECT purpose, channel, status, source, evidence FROM consent_events WHERE customer_id = $1 ORDER BY id', [customerId])).rows;
  const allowed = async (customerId: number, purpose: 'marketing' | 'analytics', channel: 'email' | 'sms' | 'push') =>
    (await consentStates(t.db, [customerId], purpose, channel)).get(customerId)?.allowed;

  beforeAll(async () => {
    t = await createIngestTestApp();
    const source = await t.createSource('app');
    auth = basicAuth(source.writeKey);
    sourceId = source.id;
  });
  afterAll(() => t.close());

  it('appends identify traits.consent as tracking entries with evidence, in the event transaction, audited and published', async () => {
    const res = await post('identify', { userId: 'c-u1', messageId: 'c-m1', traits: { name: '同意客户', consent: { marketing: { email: true, sms: false } } } });
    expect(res.statusCode, res.body).toBe(200);
    const id = await customerOf('c-u1');
    expect(await ledger(id)).toEqual([
      { purpose: 'marketing', channel: 'email', status: 'granted', source: 'tracking', evidence: { messageId: 'c-m1', sourceId, via: 'traits.consent' } },
      { purpose: 'marketing', channel: 'sms', status: 'withdrawn', source: 'tracking', evidence: { messageId: 'c-m1', sourceId, via: 'traits.consent' } },
    ]);
    expect(await allowed(id, 'marketing', 'email')).toBe(true);
    expect(await allowed(id, 'marketing', 'sms')).toBe(false);
    const audit = await t.db.query(`SELECT actor_type, actor_name, changes FROM audit_log WHERE action = 'consent.record' AND record_id = $1 ORDER BY id`, [String(id)]);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]).toMatchObject({ actor_type: 'system', actor_name: 'source:app', changes: { purpose: 'marketing', channel: 'email', status: 'granted', source: 'tracking', evidenceKeys: ['messageId', 'sourceId', 'via'] } });
    const published = await t.db.query(`SELECT payload FROM outbox WHERE topic = 'consent.changed' AND aggregate_id = $1`, [String(id)]);
    expect(published.rows).toHaveLength(2);
    // The traits stay on the identify event too.
    const event = await t.db.query(`SELECT properties FROM events WHERE message_id = 'c-m1'`);
    expect(event.rows[0]?.properties).toMatchObject({ consent: { marketing: { email: true, sms: false } } });
  });

  it('appends only changes: a repeated state (Segment sends it on every event) does not grow the ledger', async () => {
    const id = await customerOf('c-u1');
    const prefs = { consent: { categoryPreferences: { Advertising: true, Analytics: true, Functional: true } } };
    const batch = [
      { type: 'track', userId: 'c-u1', messageId: 'c-m2', event: 'Viewed', context: prefs },
      { type: 'page', userId: 'c-u1', messageId: 'c-m3', name: 'Home', context: prefs },
      { type: 'identify', userId: 'c-u1', messageId: 'c-m4', traits: { consent: { marketing: { email: true } } } },
    ];
    expect((await post('batch', { batch })).statusCode).toBe(200);
    const added = (await ledger(id)).slice(2);
    expect(added).toEqual([
      { purpose: 'marketing', channel: 'any', status: 'granted', source: 'tracking', evidence: { messageId: 'c-m2', sourceId, via: 'context.consent.categoryPreferences', category: 'Advertising' } },
      { purpose: 'analytics', channel: 'any', status: 'granted', source: 'tracking', evidence: { messageId: 'c-m2', sourceId, via: 'context.consent.categoryPreferences', category: 'Analytics' } },
    ]);
    expect(await allowed(id, 'marketing', 'sms')).toBe(true);
    expect(await allowed(id, 'analytics', 'push')).toBe(true);
    // Retrying the same messages stores nothing more.
    expect((await post('batch', { batch })).statusCode).toBe(200);
    expect(await ledger(id)).toHaveLength(4);
  });

  it('refuses a malformed consent trait with the field, storing nothing of that message', async () => {
    const res = await post('identify', { userId: 'c-u2', messageId: 'c-bad', traits: { consent: { marketing: { fax: true } } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ingest.invalid_field', field: 'traits.consent.marketing.fax' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM events WHERE message_id = 'c-bad'`)).rows[0]).toEqual({ n: 0 });
    const batch = await post('batch', { batch: [{ type: 'identify', userId: 'c-u2', messageId: 'c-ok' }, { type: 'track', userId: 'c-u2', event: 'x', context: { consent: { categoryPreferences: { Advertising: 'yes' } } } }] });
    expect(batch.json()).toEqual({ success: true, errors: [{ index: 1, code: 'ingest.invalid_field', field: 'context.consent.categoryPreferences.Advertising' }] });
  });

  it('a new customer reusing an erased identifier starts withdrawn (source erasure); an explicit opt-in after it counts', async () => {
    await post('identify', { userId: 'c-erased', messageId: 'c-e1', traits: { name: '将被删除', email: 'gone@example.com', consent: { marketing: true } } });
    const old = await customerOf('c-erased');
    expect(await allowed(old, 'marketing', 'email')).toBe(true);
    const erase = await t.app.inject({ method: 'POST', url: `/api/customers/${old}/erase`, headers: t.adminHeaders, payload: { reason: 'PIPL request' } });
    expect(erase.statusCode, erase.body).toBe(200);

    // Comes back by e-mail on a new device: a new customer, marketing stays withdrawn everywhere.
    expect((await post('identify', { anonymousId: 'c-dev-2', messageId: 'c-e2', traits: { email: 'GONE@example.com' } })).statusCode).toBe(200);
    const back = (await t.app.inject({ url: '/api/customers/lookup?type=anonymousId&value=c-dev-2', headers: t.adminHeaders })).json().id as number;
    expect(back).not.toBe(old);
    expect((await ledger(back)).map((e) => [e.purpose, e.channel, e.status, e.source, e.evidence.reason])).toEqual([
      ['marketing', 'any', 'withdrawn', 'erasure', 'previously_erased_identifier'],
      ['analytics', 'any', 'withdrawn', 'erasure', 'previously_erased_identifier'],
      ['sensitive_data', 'any', 'withdrawn', 'erasure', 'previously_erased_identifier'],
    ]);
    expect(await allowed(back, 'marketing', 'email')).toBe(false);

    // A later explicit opt-in by the person is new consent.
    t.clock.advance(60_000);
    await post('identify', { anonymousId: 'c-dev-2', messageId: 'c-e3', traits: { consent: { marketing: { email: true } } } });
    expect(await allowed(back, 'marketing', 'email')).toBe(true);
    expect(await allowed(back, 'marketing', 'sms')).toBe(false);
  });
});
