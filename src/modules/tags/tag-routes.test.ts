import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { OutboxEvent } from '../../platform/events/index.js';
import { refreshAllTags, tagsSubscription } from './index.js';

const NOW = new Date('2026-06-01T08:00:00Z');
const rule = (node: unknown) => ({ version: 1, rule: node });

describe('tags API', () => {
  let t: TestApp;
  let rep: Record<string, string>;
  let tagger: Record<string, string>;
  const ids: Record<string, number> = {};

  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = t.adminHeaders) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const customer = async (name: string, level: string, headers = t.adminHeaders) => {
    const res = await send('POST', '/api/customers', { name, level }, headers);
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
  };
  const carriers = async (tag: string) =>
    (await t.db.query<{ customer_id: number }>(`SELECT customer_id::int AS customer_id FROM customer_tags WHERE tag = $1 ORDER BY 1`, [tag])).rows.map((r) => r.customer_id);
  const definitions = async (headers = t.adminHeaders) => (await send('GET', '/api/tags/definitions', undefined, headers)).json().items as { id: number; name: string; customers: number }[];

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    rep = await t.login('rep@test.local', 'password-123');
    const role = (await t.db.query<{ id: number }>(`INSERT INTO roles (key, name, description, is_admin) VALUES ('tagger', '运营', '', false) RETURNING id`)).rows[0]!.id;
    await t.db.query(
      `INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, can_delete, can_export, data_scope)
       VALUES ($1, 'customer', true, false, true, false, false, 'all'), ($1, 'tag', true, true, true, false, false, 'all')`,
      [role],
    );
    await t.db.query(`INSERT INTO role_field_permissions (role_id, object, field, access, masked) VALUES ($1, 'customer', 'name', 'read', false)`, [role]);
    await t.createUser({ email: 'tagger@test.local', roleIds: [role] });
    tagger = await t.login('tagger@test.local', 'password-123');
    await customer('甲', 'A');
    await customer('乙', 'B');
    await customer('丙（代表的）', 'A', rep);
  });
  afterAll(() => t.close());

  it('a rule tag is applied on save, follows data changes through the subscription, and is audited', async () => {
    const res = await send('POST', '/api/tags', { name: 'A级客户', layer: 'basic', kind: 'rule', rule: rule({ field: 'level', op: 'eq', value: 'A' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'A级客户', kind: 'rule', customers: 2 });
    expect(await carriers('A级客户')).toEqual([ids['甲'], ids['丙（代表的）']]);
    const from = (await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM outbox')).rows[0]!.id;
    expect((await send('PATCH' as 'PUT', `/api/customers/${ids['乙']}`, { level: 'A' })).statusCode).toBe(200);
    const events = await t.db.query(`SELECT id, topic, aggregate_type, aggregate_id, payload, created_at FROM outbox WHERE id > $1 AND topic LIKE 'customer.%' ORDER BY id`, [from]);
    const handler = tagsSubscription(t.deps);
    for (const r of events.rows) {
      const event: OutboxEvent = { id: r.id, topic: r.topic, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, payload: r.payload, createdAt: r.created_at };
      await handler.handle(event, { attempt: 1 } as never);
    }
    expect(await carriers('A级客户')).toEqual([ids['甲'], ids['乙'], ids['丙（代表的）']]);
    // The rep sees only their own customer in the counts.
    expect((await definitions(rep)).find((d) => d.name === 'A级客户')?.customers).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tag.create'`)).rows[0]!.n).toBe(1);
  });

  it('a model tag maps a score value, is refreshed after analysis runs and by the sweep', async () => {
    await t.db.query(`INSERT INTO customer_scores (customer_id, churn_level, churn_risk) VALUES ($1, 'high', 0.9), ($2, 'low', 0.1)`, [ids['甲'], ids['乙']]);
    const res = await send('POST', '/api/tags', { name: '高流失风险', layer: 'predictive', kind: 'model', model: { score: 'churn_level', value: 'high' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await carriers('高流失风险')).toEqual([ids['甲']]);
    await t.db.query(`UPDATE customer_scores SET churn_level = CASE churn_level WHEN 'high' THEN 'low' ELSE 'high' END`);
    await refreshAllTags(t.deps);
    expect(await carriers('高流失风险')).toEqual([ids['乙']]);
    // A finished analysis run refreshes model tags through the subscription.
    await t.db.query(`UPDATE customer_scores SET churn_level = 'high'`);
    const finished = { id: 0, topic: 'analysis.run_succeeded', aggregateType: 'analysis_run', aggregateId: '1', payload: { runId: 1, model: 'churn' }, createdAt: NOW };
    await tagsSubscription(t.deps).handle(finished as OutboxEvent, { attempt: 1 } as never);
    expect(await carriers('高流失风险')).toEqual([ids['甲'], ids['乙']]);
    await t.db.query(`UPDATE customer_scores SET churn_level = CASE customer_id WHEN $1 THEN 'low' ELSE 'high' END`, [ids['甲']]);
    await refreshAllTags(t.deps);
    const refreshed = await send('POST', `/api/tags/${res.json().id}/refresh`);
    expect(refreshed.json()).toEqual({ added: 0, removed: 0, customers: 1 });
  });

  it('bulk tags a list or a segment, only customers the caller may update; removes; deletes the definition', async () => {
    const made = await send('POST', '/api/tags', { name: '展会', layer: 'behaviour', kind: 'manual' });
    const id = made.json().id as number;
    expect((await send('POST', `/api/tags/${id}/bulk`, { customerIds: [ids['甲'], ids['丙（代表的）']] }, rep)).statusCode).toBe(403);
    expect((await send('POST', `/api/tags/${id}/bulk`, { customerIds: [ids['甲'], ids['丙（代表的）']] }, tagger)).json()).toEqual({ changed: 2 });
    const segment = await send('POST', '/api/segments', { name: 'A', kind: 'static', rule: rule({ field: 'level', op: 'eq', value: 'A' }) });
    expect(segment.statusCode, segment.body).toBe(201);
    expect((await send('POST', `/api/tags/${id}/bulk`, { segmentId: segment.json().id })).json()).toEqual({ changed: 1 });
    expect((await send('DELETE', `/api/tags/${id}/bulk`, { customerIds: [ids['甲']] })).json()).toEqual({ changed: 1 });
    expect(await carriers('展会')).toEqual([ids['乙'], ids['丙（代表的）']]);
    expect((await send('DELETE', `/api/tags/${id}`, undefined, tagger)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/tags/${id}`)).statusCode).toBe(204);
    expect(await carriers('展会')).toEqual([]);
  });

  it.each([
    [{ name: 'x', layer: 'basic', kind: 'rule' }, 400, 'rule'],
    [{ name: 'x', layer: 'basic', kind: 'model' }, 400, 'model'],
    [{ name: 'x', layer: 'basic', kind: 'rule', rule: rule({ field: 'nope', op: 'eq', value: 1 }) }, 400, 'rule.field'],
    [{ name: 'A级客户', layer: 'basic', kind: 'manual' }, 409, 'name'],
    [{ name: 'x', layer: 'nope', kind: 'manual' }, 400, 'layer'],
  ])('refuses %j with %i naming %s, storing nothing', async (body, status, field) => {
    const before = (await definitions()).length;
    const res = await send('POST', '/api/tags', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(JSON.stringify(res.json())).toContain(field);
    expect((await definitions()).length).toBe(before);
  });

  it('the 360 view lists the customer’s tags with layer and kind, and their segments', async () => {
    const res = await send('GET', `/api/customers/${ids['甲']}/360`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tags).toEqual([{ tag: 'A级客户', layer: 'basic', source: 'rule' }]);
    expect(res.json().segments).toEqual([expect.objectContaining({ name: 'A', kind: 'static' })]);
  });

  it('documents every tag definition route in OpenAPI, errors included', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.tags?.includes('tags')).map(([method, op]) => ({ route: `${method} ${path}`, op })));
    expect(operations.map((o) => o.route).sort()).toEqual(['delete /api/tags/{id}', 'delete /api/tags/{id}/bulk', 'get /api/tags/definitions', 'post /api/tags', 'post /api/tags/{id}/bulk', 'post /api/tags/{id}/refresh', 'put /api/tags/{id}']);
    for (const { op } of operations) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
  });

  it('unknown ids are 404', async () => {
    expect((await send('POST', '/api/tags/999999/refresh')).statusCode).toBe(404);
    expect((await send('PUT', '/api/tags/999999', { name: 'y', layer: 'basic', kind: 'manual' })).statusCode).toBe(404);
  });
});
