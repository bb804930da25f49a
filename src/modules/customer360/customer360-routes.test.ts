import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_FIELD_KEYS, FULL_OBJECT, grantAll, insertRole } from '../../../test/support/permission-fixtures.js';
import { type Customer360TestApp, createCustomer360TestApp, daysFrom, insertEvent, insertOrder, T0 } from './customer360-test-app.js';
import { loadAccessContext } from '../../platform/permissions/index.js';
import { RecordService } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { Customer360View, TimelinePage } from './customer360-schemas.js';
import { computeTraits } from './index.js';

interface Item {
  kind: string;
  at: string;
  id: number;
  title: string;
  details: Record<string, unknown>;
}

describe('customer 360 routes', () => {
  let t: Customer360TestApp;
  let customerId: number;
  const get = (url: string, headers = t.adminHeaders) => t.app.inject({ url, headers });
  const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: t.adminHeaders, payload });

  /** Every page from the first on, following nextCursor. */
  async function allPages(limit: number, kinds?: string, headers = t.adminHeaders): Promise<Item[][]> {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const qs = new URLSearchParams({ limit: String(limit), ...(kinds ? { kinds } : {}), ...(cursor ? { cursor } : {}) });
      const res = await get(`/api/customers/${customerId}/timeline?${qs}`, headers);
      expect(res.statusCode).toBe(200);
      pages.push(res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  }

  beforeAll(async () => {
    t = await createCustomer360TestApp();
    const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '全景客户', company: '公开公司' } });
    customerId = created.json().id;
    // Ties on purpose: several items share a time, within a kind and across kinds.
    for (const days of [-3, -2, -2, -1, 0, 0]) await insertEvent(t.db, customerId, 'track', `Viewed ${days}`, daysFrom(T0, days));
    await insertOrder(t.db, customerId, '120.00', daysFrom(T0, -2));
    await insertOrder(t.db, customerId, '80.00', T0);
    await insertOrder(t.db, customerId, '60.00', T0, 'refunded');
    await patch({ level: 'A' });
    await patch({ company: '秘密公司', name: '全景客户二' });
    await patch({ company: '另一秘密公司' });
    await patch({ mobile: '13812345678' });
    await t.db.query(`INSERT INTO customer_identifiers (customer_id, type, value_hash, value, created_at) VALUES ($1, 'userId', '\\x01', 'u-42', $2)`, [customerId, T0]);
    const sealed = t.keyring.encrypt('13912345678');
    await t.db.query(`INSERT INTO customer_identifiers (customer_id, type, value_hash, value_enc, created_at) VALUES ($1, 'mobile', '\\x02', $2, $3)`, [customerId, sealed, new Date(T0.getTime() + 1)]);
    // Every kind of score column, to check the combined read's JSON conversions (numeric and bigint as text, times as ISO).
    await t.db.query(
      `INSERT INTO customer_scores (customer_id, rfm_recency_days, rfm_frequency, rfm_monetary, rfm_r, rfm_f, rfm_m, rfm_segment, rfm_at, cluster_id, cluster_run_id, cluster_at,
         clv_p_alive, clv_expected_purchases, clv_expected_spend, clv_value_12m, clv_at, churn_risk, churn_level, churn_reasons, churn_at, lead_points, lead_probability, lead_grade, lead_at)
       VALUES ($1, 12, 3, 1234.5, 4, 3, 5, 'champions', $2, 2, 9007199254740, $2, 0.8125, 1.0000000000000002, 77.1, 900.25, $2, 0.3, 'low', '{近期未购买,客单价下降}', $2, 42, 0.625, 'B', $2)`,
      [customerId, new Date('2026-06-01T08:00:00.123456Z')],
    );
    await t.db.query(`INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type)
      VALUES ($1, 'marketing', 'sms', 'granted', $2, $2, 'api', '{}', 'user')`, [customerId, daysFrom(T0, -1)]);
    await computeTraits(t.db, [customerId], T0);
  });
  afterAll(() => t.close());

  it('answers the 360 view: profile, identifiers, consents, traits, owner, placeholders and the first timeline page', async () => {
    const res = await get(`/api/customers/${customerId}/360`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.profile).toMatchObject({ id: customerId, name: '全景客户二', mobile: '138****5678' });
    expect(body.identifiers).toEqual([
      { type: 'userId', value: 'u-42', createdAt: T0.toISOString() },
      { type: 'mobile', value: '139****5678', createdAt: '2026-06-01T08:00:00.001Z' },
    ]);
    const at = '2026-06-01T08:00:00.123Z';
    expect(body.scores).toEqual({
      rfm: { recencyDays: 12, frequency: 3, monetary: '1234.50', r: 4, f: 3, m: 5, segment: 'champions', nameZh: '重要价值', nameEn: 'Champions', computedAt: at },
      cluster: { clusterId: 2, runId: 9007199254740, computedAt: at },
      clv: { pAlive: 0.8125, expectedPurchases: 1.0000000000000002, expectedSpend: '77.10', value12m: '900.25', computedAt: at },
      churn: { risk: 0.3, level: 'low', reasons: ['近期未购买', '客单价下降'], computedAt: at },
      lead: { points: 42, probability: 0.625, grade: 'B', computedAt: at },
    });
    expect(body.consents).toEqual([{ purpose: 'marketing', channel: 'sms', status: 'granted', occurredAt: daysFrom(T0, -1).toISOString(), entryId: expect.any(Number), decidedByChannel: 'sms' }]);
    expect(body.consents).toContainEqual(expect.objectContaining({ purpose: 'marketing', channel: 'sms', status: 'granted' }));
    expect(body.traits).toMatchObject({ customerId, orderCount: 2, orderTotal: '200.00', averageOrderValue: '100.00', averagePurchaseIntervalDays: '2.00' });
    expect(body.owner).toEqual({ id: expect.any(Number), name: expect.any(String) });
    expect(body.tags).toEqual([]);
    expect(body.segments).toEqual([]);
    expect(body.timeline.items).toHaveLength(14);
    expect(body.timeline.nextCursor).toBeNull();
    expect(JSON.stringify(body)).not.toContain('13812345678');
    // The routes answer with plain JSON.stringify (openRecordSerializer), so nothing strips keys the
    // schema does not declare: the answer must already be exactly the schema's.
    expect(Value.Check(Customer360View, body)).toBe(true);
    expect(undeclaredKeys(Customer360View, body)).toEqual([]);
    const page = (await get(`/api/customers/${customerId}/timeline?limit=5`)).json();
    expect(Value.Check(TimelinePage, page)).toBe(true);
    expect(undeclaredKeys(TimelinePage, page)).toEqual([]);
    expect(undeclaredKeys(TimelinePage, { ...page, items: [{ ...page.items[0], secret: 1 }] })).toEqual(['items.0.secret']);
  });

  it('pages through events, orders and changes newest first, without duplicates or gaps, at every page size', async () => {
    const [full = []] = await allPages(100);
    expect(full).toHaveLength(14);
    const key = (i: Item) => [i.at, i.kind, String(i.id).padStart(12, '0')].join('|');
    const sorted = [...full].sort((a, b) => (key(a) < key(b) ? 1 : -1));
    expect(full.map(key)).toEqual(sorted.map(key));
    expect(new Set(full.map((i) => `${i.kind}:${i.id}`)).size).toBe(full.length);
    expect(new Set(full.map((i) => i.kind))).toEqual(new Set(['event', 'order', 'change']));
    for (const limit of [1, 2, 3, 5, 7, 14]) {
      const pages = await allPages(limit);
      expect(pages.every((p) => p.length <= limit)).toBe(true);
      expect(pages.flat()).toEqual(full);
    }
    for (const kinds of ['event', 'order,change', 'change']) {
      const wanted = kinds.split(',');
      expect((await allPages(2, kinds)).flat()).toEqual(full.filter((i) => wanted.includes(i.kind)));
    }
  });

  it('shows which fields changed, never sensitive values', async () => {
    const changes = (await allPages(50, 'change')).flat();
    const mobile = changes.find((c) => (c.details.fields as string[]).includes('mobile'));
    expect(mobile?.details).toMatchObject({ action: 'customer.update', fields: ['mobile'], values: {} });
    const level = changes.find((c) => (c.details.fields as string[]).includes('level'));
    expect(level?.details.values).toEqual({ level: [null, 'A'] });
    expect(JSON.stringify(changes)).not.toMatch(/hmac:|13812345678/);
  });

  it('leaves hidden fields out of change entries, and entries that changed only hidden fields', async () => {
    const visible = CUSTOMER_FIELD_KEYS.filter((k) => k !== 'company');
    const role = await insertRole(t.db, { read: true, dataScope: 'all' }, grantAll(visible, 'read'), 'no-company');
    const viewer = await t.userWith('viewer@test.local', [role]);
    const changes = (await allPages(50, 'change', viewer.headers)).flat();
    const adminChanges = (await allPages(50, 'change')).flat();
    expect(changes).toHaveLength(adminChanges.length - 1); // the company-only update is gone
    expect(changes.map((c) => c.details.fields)).toContainEqual(['name']);
    const text = JSON.stringify(changes);
    expect(text).not.toContain('company');
    expect(text).not.toContain('秘密公司');
    expect(JSON.stringify((await get(`/api/customers/${customerId}/360`, viewer.headers)).json())).not.toContain('秘密公司');
  });

  it('gives the same first page in the 360 view as the timeline route, with its cursor, for the admin and for a caller who cannot see a field', async () => {
    const busy = (await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '忙碌客户' } })).json().id as number;
    for (let i = 0; i < 23; i++) await insertEvent(t.db, busy, 'track', `Step ${i}`, new Date(T0.getTime() - i * 60_000));
    await insertOrder(t.db, busy, '10.00', new Date(T0.getTime() - 90_000));
    await t.app.inject({ method: 'PATCH', url: `/api/customers/${busy}`, headers: t.adminHeaders, payload: { company: '隐藏公司' } });
    const visible = CUSTOMER_FIELD_KEYS.filter((k) => k !== 'company');
    const role = await insertRole(t.db, { read: true, dataScope: 'all' }, grantAll(visible, 'read'), 'page-viewer');
    const viewer = await t.userWith('page-viewer@test.local', [role]);
    for (const [id, headers] of [[customerId, t.adminHeaders], [busy, t.adminHeaders], [busy, viewer.headers]] as const) {
      const view = (await get(`/api/customers/${id}/360`, headers)).json();
      const page = (await get(`/api/customers/${id}/timeline?limit=20`, headers)).json();
      expect(view.timeline).toEqual(page);
    }
    const view = (await get(`/api/customers/${busy}/360`)).json();
    expect(view.timeline.items).toHaveLength(20);
    expect(view.timeline.nextCursor).not.toBeNull();
    const rest = (await get(`/api/customers/${busy}/timeline?limit=20&cursor=${view.timeline.nextCursor}`)).json();
    const both: Item[] = [...view.timeline.items, ...rest.items];
    expect(rest.nextCursor).toBeNull();
    expect(new Set(both.map((i) => `${i.kind}:${i.id}`)).size).toBe(26); // 23 events, the order, create and update
    expect(both.filter((i) => i.kind === 'change')).toHaveLength(2);
    const viewed = (await get(`/api/customers/${busy}/360`, viewer.headers)).json();
    expect(JSON.stringify(viewed)).not.toContain('隐藏公司');
  });

  it('reads the extra items of a record only when the caller may see it (getWith)', async () => {
    await t.db.query('CREATE SEQUENCE IF NOT EXISTS extra_probe_seq');
    const role = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, grantAll(CUSTOMER_FIELD_KEYS, 'edit'), 'self-probe');
    const rep = await t.userWith('probe@test.local', [role]);
    const admin = (await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM users WHERE email = 'admin@test.local'`)).rows[0]!;
    const adminRoles = (await t.db.query<{ role_id: number }>('SELECT role_id FROM user_roles WHERE user_id = $1', [admin.id])).rows.map((r) => r.role_id);
    const context = async (userId: number, name: string, roleIds: number[]) => ({ access: await loadAccessContext(t.db, { type: 'user', userId, name, roleIds }), ip: 'test', requestId: 'probe' });
    const customers = new RecordService(t.deps, customerObject);
    const probe = (key: string, param: (value: unknown) => string) => `nextval('extra_probe_seq') + 0 * ${key} + ${param(1000)}::bigint AS "__probe"`;
    await expect(customers.getWith(await context(rep.id, 'probe', [role]), customerId, probe)).rejects.toMatchObject({ code: 'record.not_found' });
    const calls = async () => (await t.db.query<{ n: string }>('SELECT last_value::text AS n, is_called FROM extra_probe_seq')).rows[0]!;
    expect(await calls()).toMatchObject({ n: '1', is_called: false });
    const { record, extra } = await customers.getWith(await context(admin.id, admin.name, adminRoles), customerId, probe);
    expect(record).toMatchObject({ id: customerId, name: '全景客户二', mobile: '138****5678' });
    expect(extra.__probe).toBe(1001);
  });

  it('answers 404 outside the caller’s scope and rejects bad cursors and kinds', async () => {
    const role = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, grantAll(CUSTOMER_FIELD_KEYS, 'edit'), 'self-only');
    const rep = await t.userWith('rep@test.local', [role]);
    for (const url of [`/api/customers/${customerId}/360`, `/api/customers/${customerId}/timeline`, '/api/customers/999999/360']) {
      const res = await get(url, url.includes('999999') ? t.adminHeaders : rep.headers);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('record.not_found');
    }
    const bad = await get(`/api/customers/${customerId}/timeline?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'request.invalid', field: 'cursor' });
    const kinds = await get(`/api/customers/${customerId}/timeline?kinds=event,tickets`);
    expect(kinds.json().error).toMatchObject({ code: 'request.invalid', field: 'kinds' });
  });
});

/** Paths of keys in `value` that `schema` does not declare, where its objects are closed (no `additionalProperties: true`). */
function undeclaredKeys(schema: TSchema, value: unknown, at = ''): string[] {
  const path = (key: string | number) => (at ? `${at}.${key}` : String(key));
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => undeclaredKeys(schema.items as TSchema, v, path(i))) : [];
  if (value === null || typeof value !== 'object') return [];
  if (schema.anyOf) return undeclaredKeys((schema.anyOf as TSchema[]).find((s) => s.type === 'object') ?? schema, value, at);
  const declared = (schema.properties ?? {}) as Record<string, TSchema>;
  const record = schema.patternProperties ? (Object.values(schema.patternProperties)[0] as TSchema) : null;
  return Object.entries(value).flatMap(([key, v]) => {
    const inner = declared[key] ?? record;
    if (inner) return undeclaredKeys(inner, v, path(key));
    return schema.additionalProperties === true ? [] : [path(key)];
  });
}
