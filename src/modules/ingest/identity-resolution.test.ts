import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAllPendingAudit } from '../../platform/audit/index.js';
import { erasedHash } from '../privacy/index.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

describe('identity resolution', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  const post = (type: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: auth, payload });
  const lookup = (type: string, value: string, headers = t.adminHeaders) =>
    t.app.inject({ url: `/api/customers/lookup?type=${type}&value=${encodeURIComponent(value)}`, headers });
  const eventsOf = async (customerId: number) => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE customer_id = $1', [customerId])).rows[0]!.n;

  beforeAll(async () => {
    t = await createIngestTestApp();
    auth = basicAuth((await t.createSource()).writeKey);
  });
  afterAll(() => t.close());

  it('joins anonymous page views and a later identify into one findable customer', async () => {
    for (const i of [1, 2, 3]) expect((await post('page', { anonymousId: 'visitor-1', name: `P${i}`, messageId: `v1-p${i}` })).statusCode).toBe(200);
    const anonymous = await lookup('anonymousId', 'visitor-1');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().name).toBe('匿名访客');
    // A known user who already has an event, then the visitor logs in as that user.
    t.clock.advance(60_000);
    expect((await post('track', { userId: 'user-1', event: 'Logged In', messageId: 'u1-t1' })).statusCode).toBe(200);
    const identify = await post('identify', { userId: 'user-1', anonymousId: 'visitor-1', messageId: 'u1-id', traits: { name: '王芳', email: 'Wang.Fang@Example.CN', phone: '+86 139 0000 1111' } });
    expect(identify.statusCode).toBe(200);

    const byAnonymous = (await lookup('anonymousId', 'visitor-1')).json();
    const byUser = (await lookup('userId', 'user-1')).json();
    const byEmail = await lookup('email', 'wang.fang@example.cn');
    expect(byEmail.statusCode).toBe(200);
    expect(byUser.id).toBe(byAnonymous.id);
    expect(byEmail.json().id).toBe(byAnonymous.id);
    // The oldest profile (the anonymous visitor's) is the master; it now holds all five events.
    expect(byAnonymous.id).toBe(anonymous.json().id);
    expect(byAnonymous).toMatchObject({ name: '王芳', mobile: '139****1111' });
    expect(await eventsOf(byAnonymous.id)).toBe(5);
    const byMobile = await t.app.inject({ url: '/api/customers?q=13900001111', headers: t.adminHeaders });
    expect(byMobile.json().items.map((c: { id: number }) => c.id)).toEqual([byAnonymous.id]);
    expect((await t.db.query(`SELECT 1 FROM customers WHERE name = '匿名访客' AND id <> $1 AND id IN (SELECT customer_id FROM customer_identifiers)`, [byAnonymous.id])).rowCount).toBe(0);
    await sealAllPendingAudit(t.db); // ingest queues its audit entries; the worker's sealer chains them
    const merge = await t.db.query(`SELECT record_id, changes FROM audit_log WHERE action = 'customer.merge' AND record_id = $1`, [String(byAnonymous.id)]);
    expect(merge.rowCount).toBe(1);
    const outbox = await t.db.query(`SELECT payload FROM outbox WHERE topic = 'customer.merged' AND aggregate_id = $1`, [String(byAnonymous.id)]);
    expect(outbox.rowCount).toBe(1);
  });

  it('alias merges two customers into the oldest, audited', async () => {
    await post('identify', { userId: 'alias-user', messageId: 'al-1', traits: { name: '赵磊' } });
    t.clock.advance(1_000);
    await post('track', { anonymousId: 'alias-anon', event: 'Viewed', messageId: 'al-2' });
    const user = (await lookup('userId', 'alias-user')).json().id as number;
    const anon = (await lookup('anonymousId', 'alias-anon')).json().id as number;
    expect(user).not.toBe(anon);
    expect((await post('alias', { previousId: 'alias-anon', userId: 'alias-user', messageId: 'al-3' })).statusCode).toBe(200);
    expect((await lookup('anonymousId', 'alias-anon')).json().id).toBe(user);
    expect(await eventsOf(user)).toBe(3);
    expect((await t.app.inject({ url: `/api/customers/${anon}`, headers: t.adminHeaders })).statusCode).toBe(404);
    await sealAllPendingAudit(t.db);
    const audit = await t.db.query<{ changes: { mergedIds: number[] }; actor_type: string }>(`SELECT changes, actor_type FROM audit_log WHERE action = 'customer.merge' AND record_id = $1`, [String(user)]);
    expect(audit.rows).toEqual([{ changes: expect.objectContaining({ mergedIds: [anon] }), actor_type: 'system' }]);
  });

  it('never merges two known users by inference, and ignores blocked identifiers', async () => {
    await post('identify', { userId: 'known-a', messageId: 'ka', traits: { email: 'shared@example.cn' } });
    await post('identify', { userId: 'known-b', messageId: 'kb', traits: { email: 'shared@example.cn' } });
    const a = (await lookup('userId', 'known-a')).json().id;
    const b = (await lookup('userId', 'known-b')).json().id;
    expect(a).not.toBe(b);
    expect((await lookup('email', 'shared@example.cn')).json().id).toBe(a);
    await post('track', { userId: 'known-a', anonymousId: 'anonymous', event: 'E', messageId: 'blk-1' });
    await post('track', { userId: 'known-b', anonymousId: 'anonymous', event: 'E', messageId: 'blk-2' });
    expect((await lookup('userId', 'known-b')).json().id).toBe(b);
    expect((await lookup('anonymousId', 'anonymous')).statusCode).toBe(404);
  });

  it('leaves no event on a deleted customer when a merge races with other batches', async () => {
    await post('page', { anonymousId: 'race-anon', messageId: 'rc-0' });
    t.clock.advance(1_000);
    // The user's customer also holds a second device id that the identify below does not mention,
    // so batches through it do not share the identify's identifier locks.
    await post('track', { userId: 'race-user', anonymousId: 'race-device-2', event: 'E', messageId: 'rc-1' });
    const calls = [
      ...Array.from({ length: 6 }, (_, i) => post('track', { anonymousId: 'race-device-2', event: 'E', messageId: `rc-u${i}` })),
      post('identify', { userId: 'race-user', anonymousId: 'race-anon', messageId: 'rc-id' }),
      ...Array.from({ length: 6 }, (_, i) => post('page', { anonymousId: 'race-anon', messageId: `rc-a${i}` })),
    ];
    expect((await Promise.all(calls)).map((r) => r.statusCode)).toEqual(Array(13).fill(200));
    const orphans = await t.db.query(`SELECT 1 FROM events e WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = e.customer_id)`);
    expect(orphans.rowCount).toBe(0);
    const owners = await t.db.query(`SELECT DISTINCT customer_id FROM events WHERE message_id LIKE 'rc-%'`);
    expect(owners.rowCount).toBe(1);
  });

  it('writes, audits and publishes an identify only when it changes the profile', async () => {
    const identify = (messageId: string, traits: object) => post('identify', { userId: 'repeat-1', messageId, traits });
    expect((await identify('r1', { name: '李雷', email: 'li.lei@example.cn' })).statusCode).toBe(200);
    const id = (await lookup('userId', 'repeat-1')).json().id as number;
    const state = async () => {
      await sealAllPendingAudit(t.db);
      const row = (
        await t.db.query<{ updated_at: Date; audits: number; events: number }>(
          `SELECT c.updated_at,
                  (SELECT count(*)::int FROM audit_log WHERE action = 'customer.update' AND record_id = $2) AS audits,
                  (SELECT count(*)::int FROM outbox WHERE topic = 'customer.updated' AND aggregate_id = $2) AS events
           FROM customers c WHERE c.id = $1`,
          [id, String(id)],
        )
      ).rows[0]!;
      return { updatedAt: row.updated_at.toISOString(), audits: row.audits, events: row.events };
    };
    const first = await state();
    expect(first).toMatchObject({ audits: 1, events: 1 });

    t.clock.advance(60_000);
    // The same traits again (an SDK identifies on every sign-in; e-mail in another case): nothing to write.
    expect((await identify('r2', { name: '李雷', email: 'LI.LEI@example.cn' })).statusCode).toBe(200);
    expect(await state()).toEqual(first);

    t.clock.advance(60_000);
    expect((await identify('r3', { name: '李雷', email: 'lilei@example.cn' })).statusCode).toBe(200);
    const changed = await state();
    expect(changed).toMatchObject({ audits: 2, events: 2 });
    expect(changed.updatedAt).not.toBe(first.updatedAt);
    expect((await lookup('email', 'lilei@example.cn')).json().id).toBe(id);
  });

  it('draws from the customers sequence only the ids a batch can use', async () => {
    const lastId = async () => Number((await t.db.query<{ n: string }>(`SELECT last_value AS n FROM customers_id_seq`)).rows[0]!.n);
    expect((await post('track', { userId: 'seq-known', event: 'Seen', messageId: 'seq-0' })).statusCode).toBe(200);
    const before = await lastId();
    const batch = [
      ...[1, 2, 3].map((i) => ({ type: 'page', anonymousId: `seq-anon-${i}`, messageId: `seq-a${i}` })),
      { type: 'page', anonymousId: 'seq-anon-1', messageId: 'seq-a1-again' },
      ...[1, 2, 3, 4, 5].map((i) => ({ type: 'track', userId: 'seq-known', event: 'Seen', messageId: `seq-k${i}` })),
    ];
    expect((await t.app.inject({ method: 'POST', url: '/v1/batch', headers: auth, payload: { batch } })).statusCode).toBe(200);
    // Four messages nobody knew (two by one visitor): four ids at most, three used.
    expect((await lastId()) - before).toBe(4);
    expect((await t.db.query(`SELECT 1 FROM customer_identifiers WHERE type = 'anonymousId' AND value LIKE 'seq-anon-%'`)).rowCount).toBe(3);
  });

  it('lookup is 404 for unknown values and outside the caller’s data scope', async () => {
    expect((await lookup('userId', 'nobody')).json().error.code).toBe('record.not_found');
    expect((await lookup('mobile', 'not a phone')).statusCode).toBe(404);
    expect((await lookup('userId', 'user-1', {})).statusCode).toBe(401);
    const role = await t.db.query<{ id: number }>(`INSERT INTO roles (name) VALUES ('self only') RETURNING id`);
    const roleId = role.rows[0]!.id;
    await t.db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, data_scope) VALUES ($1, 'customer', true, 'self')`, [roleId]);
    const now = t.clock.now();
    const { hashPassword } = await import('../../platform/auth/index.js');
    const user = await t.db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ('rep@ingest.test', 'rep', $1, $2, $2) RETURNING id`, [await hashPassword('password-123'), now]);
    await t.db.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [user.rows[0]!.id, roleId]);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'rep@ingest.test', password: 'password-123' } });
    const rep = { authorization: `Bearer ${login.json().token}` };
    expect((await lookup('userId', 'user-1', rep)).json().error.code).toBe('record.not_found');
  });

  it('still tracks a person whose e-mail was erased, flags the new customer and records consent withdrawn (source erasure)', async () => {
    const hash = erasedHash(t.keyring, 'email', 'Gone@Example.com')!;
    await t.db.query('INSERT INTO erased_identifiers (type, salted_hash, erased_at) VALUES ($1, $2, $3)', ['email', hash, t.clock.now()]);
    const res = await post('identify', { userId: 'back-again', messageId: 'er-1', traits: { name: '回来了', email: ' gone@example.COM ' } });
    expect(res.statusCode).toBe(200);
    const customer = (await lookup('userId', 'back-again')).json().id as number;
    expect(await eventsOf(customer)).toBe(1);
    const created = await t.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox WHERE topic = 'customer.created' AND aggregate_id = $1`, [String(customer)]);
    expect(created.rows[0]?.payload).toMatchObject({ id: customer, previouslyErased: true });
    const consent = await t.db.query(`SELECT purpose, channel, status, source FROM consent_events WHERE customer_id = $1 ORDER BY purpose`, [customer]);
    expect(consent.rows).toEqual(['analytics', 'marketing', 'sensitive_data'].map((purpose) => ({ purpose, channel: 'any', status: 'withdrawn', source: 'erasure' })));
    // A visitor with no erased identifier is not flagged.
    await post('page', { anonymousId: 'fresh-visitor', messageId: 'er-2' });
    const fresh = (await lookup('anonymousId', 'fresh-visitor')).json().id as number;
    const plain = await t.db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM outbox WHERE topic = 'customer.created' AND aggregate_id = $1`, [String(fresh)]);
    expect(plain.rows[0]?.payload).not.toHaveProperty('previouslyErased');
    expect((await t.db.query('SELECT 1 FROM consent_events WHERE customer_id = $1', [fresh])).rowCount).toBe(0);
  });
});
