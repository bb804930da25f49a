import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_RULES } from './identity-rules.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

describe('identity rules (limits, priority, blocked values) on a real database', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  const post = (type: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: auth, payload });
  const lookup = async (type: string, value: string) => {
    const res = await t.app.inject({ url: `/api/customers/lookup?type=${type}&value=${encodeURIComponent(value)}`, headers: t.adminHeaders });
    return res.statusCode === 200 ? (res.json().id as number) : undefined;
  };
  const rules = () => t.app.inject({ url: '/api/identity/rules', headers: t.adminHeaders });
  const put = (body: object, headers = t.adminHeaders) => t.app.inject({ method: 'PUT', url: '/api/identity/rules', headers, payload: body });
  const asInput = (r: (typeof DEFAULT_IDENTITY_RULES)['rules'][number]) => ({ type: r.type, label: r.label, maxPerCustomer: r.maxPerCustomer, priority: r.priority, blockedValues: r.blockedValues });

  beforeAll(async () => {
    t = await createIngestTestApp();
    auth = basicAuth((await t.createSource()).writeKey);
  });
  afterAll(() => t.close());

  it('serves the default rules to admins only and validates a replacement', async () => {
    const res = await rules();
    expect(res.statusCode).toBe(200);
    expect(res.json().rules).toEqual(DEFAULT_IDENTITY_RULES.rules);
    expect(res.json().blockedValues).toEqual([...DEFAULT_IDENTITY_RULES.blockedValues].sort());
    const rep = await t.createUser({ email: 'rep@rules.test', roleKeys: ['sales_rep'] });
    expect(rep).toBeGreaterThan(0);
    const repHeaders = await t.login('rep@rules.test', 'password-123');
    expect((await t.app.inject({ url: '/api/identity/rules', headers: repHeaders })).statusCode).toBe(403);
    const withoutUserId = DEFAULT_IDENTITY_RULES.rules.filter((r) => r.type !== 'userId').map(asInput);
    const missing = await put({ rules: withoutUserId, blockedValues: [] });
    expect(missing.json().error).toMatchObject({ code: 'field.invalid_value', field: 'rules' });
    const samePriority = DEFAULT_IDENTITY_RULES.rules.map((r) => ({ ...asInput(r), priority: 1 }));
    expect((await put({ rules: samePriority, blockedValues: [] })).json().error.field).toBe('rules.1.priority');
    expect((await put({ rules: [{ type: '1bad', maxPerCustomer: null, priority: 9 }], blockedValues: [] })).statusCode).toBe(400);
  });

  it('drops a lower-priority identifier that would exceed a limit instead of merging (userId limit 1)', async () => {
    await post('identify', { userId: 'ann', messageId: 'r1', traits: { email: 'ann@example.cn' } });
    await post('identify', { userId: 'bob', messageId: 'r2', traits: { email: 'ann@example.cn', wechatUnionId: 'union-bob' } });
    const ann = await lookup('userId', 'ann');
    const bob = await lookup('userId', 'bob');
    expect(ann).toBeDefined();
    expect(bob).not.toBe(ann);
    expect(await lookup('email', 'ann@example.cn')).toBe(ann);
    expect(await lookup('wechatUnionId', 'union-bob')).toBe(bob);
    const events = await t.db.query<{ customer_id: number }>(`SELECT customer_id FROM events WHERE message_id = 'r2'`);
    expect(events.rows).toEqual([{ customer_id: bob }]);
  });

  it('honours a configured limit, a custom type, per-type and global blocked values, and externalIds', async () => {
    const next = DEFAULT_IDENTITY_RULES.rules.map((r) => (r.type === 'email' ? { ...asInput(r), maxPerCustomer: 1 } : r.type === 'wechatOpenId' ? { ...asInput(r), blockedValues: ['OPENID-TEST'] } : asInput(r)));
    const saved = await put({ rules: [...next, { type: 'memberNo', label: '会员号', maxPerCustomer: 1, priority: 8 }], blockedValues: [...DEFAULT_IDENTITY_RULES.blockedValues, 'guest'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rules.at(-1)).toEqual({ type: 'memberNo', label: '会员号', builtin: false, maxPerCustomer: 1, priority: 8, blockedValues: [] });
    expect((await t.db.query(`SELECT changes FROM audit_log WHERE action = 'identity_rules.update'`)).rows[0]?.changes).toMatchObject({ after: { blockedValues: expect.arrayContaining(['guest']) } });

    await post('identify', { userId: 'cat', messageId: 'r3', traits: { email: 'cat1@example.cn', memberNo: 'M-1', wechatOpenId: 'openid-test' } });
    const cat = (await lookup('userId', 'cat'))!;
    expect(await lookup('memberNo', 'M-1')).toBe(cat);
    expect(await lookup('wechatOpenId', 'openid-test')).toBeUndefined(); // blocked for this type
    // A second e-mail exceeds the new limit of 1: dropped, the event still lands on cat.
    await post('identify', { userId: 'cat', messageId: 'r4', traits: { email: 'cat2@example.cn' } });
    expect(await lookup('email', 'cat2@example.cn')).toBeUndefined();
    // Global blocked value: two visitors sending anonymousId "guest" stay apart.
    await post('page', { anonymousId: 'guest', userId: 'dan', messageId: 'r5' });
    await post('page', { anonymousId: 'guest', userId: 'eve', messageId: 'r6' });
    expect(await lookup('anonymousId', 'guest')).toBeUndefined();
    // Segment externalIds (context) and context.traits feed the WeCom / custom types.
    await post('track', {
      anonymousId: 'dev-9', event: 'Opened', messageId: 'r7',
      context: { externalIds: [{ id: 'wm-ext-9', type: 'wecom_external_userid', collection: 'users', encoding: 'none' }], traits: { memberNo: 'M-9' } },
    });
    const visitor = await lookup('anonymousId', 'dev-9');
    expect(await lookup('wecomExternalUserId', 'wm-ext-9')).toBe(visitor);
    expect(await lookup('memberNo', 'M-9')).toBe(visitor);
    // Priority: an identify naming M-9 (memberNo) and cat's userId: memberNo (limit 1) would give cat two member numbers → dropped.
    await post('identify', { userId: 'cat', messageId: 'r8', traits: { memberNo: 'M-9' } });
    expect(await lookup('memberNo', 'M-9')).toBe(visitor);
    expect((await t.db.query(`SELECT customer_id FROM events WHERE message_id = 'r8'`)).rows).toEqual([{ customer_id: cat }]);
  });
});
