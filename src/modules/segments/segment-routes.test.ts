import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { OutboxEvent } from '../../platform/events/index.js';
import { segmentsSubscription, segmentSweepJob } from './index.js';

const NOW = new Date('2026-06-01T08:00:00Z');
const rule = (node: unknown) => ({ version: 1, rule: node });

describe('segments API', () => {
  let t: TestApp;
  let rep: { id: number; headers: Record<string, string> };
  let planner: Record<string, string>;
  const ids: Record<string, number> = {};

  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: unknown, headers = t.adminHeaders) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const customer = async (name: string, level: string, headers = t.adminHeaders) => {
    const res = await send('POST', '/api/customers', { name, level }, headers);
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
    return res.json().id as number;
  };
  const preview = (node: unknown, headers = t.adminHeaders) => send('POST', '/api/segments/preview', { rule: rule(node) }, headers);
  const outboxOf = async (topic: string) =>
    (await t.db.query<{ payload: { segmentId: number; customerId: number } }>(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [topic])).rows.map((r) => r.payload);
  /** Delivers every unread outbox event to the segments subscription, as the worker would. */
  const deliver = async (after: number) => {
    const rows = await t.db.query(`SELECT id, topic, aggregate_type, aggregate_id, payload, created_at FROM outbox WHERE id > $1 AND topic NOT LIKE 'segment.%' ORDER BY id`, [after]);
    const handler = segmentsSubscription(t.deps);
    for (const r of rows.rows) {
      const event: OutboxEvent = { id: r.id, topic: r.topic, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, payload: r.payload, createdAt: r.created_at };
      await handler.handle(event, { attempt: 1 } as never);
    }
  };
  const lastOutboxId = async () => (await t.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM outbox')).rows[0]!.id;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const repId = await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    rep = { id: repId, headers: await t.login('rep@test.local', 'password-123') };
    // A role that may manage segments (object 'segment') on top of reading customers.
    const role = (await t.db.query<{ id: number }>(`INSERT INTO roles (key, name, description, is_admin) VALUES ('planner', '运营', '', false) RETURNING id`)).rows[0]!.id;
    await t.db.query(
      `INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, can_delete, can_export, data_scope)
       VALUES ($1, 'customer', true, false, false, false, true, 'all'), ($1, 'segment', true, true, true, true, false, 'all')`,
      [role],
    );
    await t.db.query(`INSERT INTO role_field_permissions (role_id, object, field, access, masked) VALUES ($1, 'customer', 'name', 'read', false), ($1, 'customer', 'level', 'read', false)`, [role]);
    await t.createUser({ email: 'planner@test.local', roleIds: [role] });
    planner = await t.login('planner@test.local', 'password-123');
    await customer('甲公司', 'A');
    await customer('乙公司', 'A');
    await customer('丙公司', 'B');
    await customer('丁（代表的）', 'A', rep.headers);
  });
  afterAll(() => t.close());

  it('tags customers by hand, in bulk, and untags them; audited and announced', async () => {
    const res = await send('POST', '/api/tags/vip/customers', { customerIds: [ids['甲公司'], ids['丙公司']], layer: 'behaviour' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ tag: 'vip', changed: 2 });
    expect((await send('POST', '/api/tags/vip/customers', { customerIds: [ids['甲公司']] })).json().changed).toBe(0);
    // The rep may write only their own customer: the others are not touched.
    expect((await send('POST', '/api/tags/vip/customers', { customerIds: [ids['乙公司'], ids['丁（代表的）']] }, rep.headers)).json().changed).toBe(1);
    expect((await send('DELETE', '/api/tags/vip/customers', { customerIds: [ids['丁（代表的）']] })).json().changed).toBe(1);
    expect((await send('GET', '/api/tags')).json()).toEqual([{ tag: 'vip', layer: 'behaviour', customers: 2 }]);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'customer.%tag' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['customer.tag', 'customer.tag', 'customer.tag', 'customer.untag']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic IN ('customer.tagged', 'customer.untagged')`)).rows[0]!.n).toBe(3);
    expect((await send('POST', '/api/tags/vip/customers', { customerIds: [1], segmentId: 1 })).statusCode).toBe(400);
  });

  it('previews a rule: live count and sample, within the caller’s data scope', async () => {
    const all = await preview({ field: 'level', op: 'eq', value: 'A' });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().count).toBe(3);
    expect(all.json().sample.map((c: { name: string }) => c.name).sort()).toEqual(['丁（代表的）', '乙公司', '甲公司'].sort());
    const mine = await preview({ field: 'level', op: 'eq', value: 'A' }, rep.headers);
    expect(mine.json().count).toBe(1);
    const vipA = await preview({ and: [{ field: 'level', op: 'eq', value: 'A' }, { tag: 'vip' }] });
    expect(vipA.json().count).toBe(1);
    const notVip = await preview({ and: [{ field: 'level', op: 'in', value: ['A', 'B'] }, { not: { tag: 'vip' } }] });
    expect(notVip.json().count).toBe(2);
  });

  it('names the part of an invalid rule: unknown field, wrong operator, hidden field, bad shape', async () => {
    const cases: [unknown, string, Record<string, string>?][] = [
      [{ and: [{ tag: 'vip' }, { field: 'nope', op: 'eq', value: 1 }] }, 'rule.and[1].field'],
      [{ or: [{ field: 'level', op: 'gt', value: 'A' }] }, 'rule.or[0].op'],
      [{ field: 'level', op: 'eq', value: 'Z' }, 'rule.value'],
      [{ field: 'idNumber', op: 'isEmpty' }, 'rule.field', rep.headers],
      [{ not: { score: 'iq', op: 'eq', value: 1 } }, 'rule.not.score'],
      [{ orders: { measure: 'median', op: 'gte', value: 1 } }, 'rule.orders.measure'],
      [{ event: 'Viewed', atLeast: 0 }, 'rule.atLeast'],
      [{ segment: 999 }, 'rule.segment'],
      [{ frobnicate: 1 }, 'rule'],
    ];
    for (const [node, path, headers] of cases) {
      const res = await preview(node, headers);
      expect(res.statusCode, JSON.stringify(node)).toBe(400);
      expect(res.json().error, JSON.stringify(node)).toMatchObject({ code: 'segment.invalid_rule', field: path });
    }
  });

  it('saves segments only with a grant; dynamic ones follow the data through events, static ones stay frozen', async () => {
    const body = (kind: string) => ({ name: `A 级 ${kind}`, kind, rule: rule({ field: 'level', op: 'eq', value: 'A' }) });
    expect((await send('POST', '/api/segments', body('dynamic'), rep.headers)).statusCode).toBe(403);
    const dynamic = await send('POST', '/api/segments', body('dynamic'), planner);
    expect(dynamic.statusCode, dynamic.body).toBe(201);
    expect(dynamic.json()).toMatchObject({ kind: 'dynamic', memberCount: 3, ownerName: 'planner' });
    const frozen = await send('POST', '/api/segments', body('static'), planner);
    expect(frozen.json().memberCount).toBe(3);
    const dynamicId = dynamic.json().id as number;
    expect((await outboxOf('segment.entered')).filter((p) => p.segmentId === dynamicId)).toHaveLength(3);

    const before = await lastOutboxId();
    expect((await send('PATCH', `/api/customers/${ids['丙公司']}`, { level: 'A' })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/customers/${ids['甲公司']}`, { level: 'C' })).statusCode).toBe(200);
    await deliver(before);
    const entered = (await outboxOf('segment.entered')).filter((p) => p.segmentId === dynamicId);
    expect(entered.at(-1)).toEqual({ segmentId: dynamicId, customerId: ids['丙公司'] });
    expect(await outboxOf('segment.exited')).toEqual([{ segmentId: dynamicId, customerId: ids['甲公司'] }]);
    expect((await send('GET', `/api/segments/${dynamicId}`)).json().memberCount).toBe(3);
    expect((await send('GET', `/api/segments/${frozen.json().id}`)).json().memberCount).toBe(3);
    const frozenMembers = await send('GET', `/api/segments/${frozen.json().id}/members`);
    expect(frozenMembers.json().items.map((c: { name: string }) => c.name)).toContain('甲公司');
  });

  it('lists members within the caller’s scope and exports them as audited CSV', async () => {
    const list = (await send('GET', '/api/segments')).json();
    const dynamic = list.items.find((s: { kind: string }) => s.kind === 'dynamic');
    const members = await send('GET', `/api/segments/${dynamic.id}/members?pageSize=2`);
    expect(members.json()).toMatchObject({ total: 3, pageSize: 2 });
    expect(members.json().items).toHaveLength(2);
    const repMembers = await send('GET', `/api/segments/${dynamic.id}/members`, undefined, rep.headers);
    expect(repMembers.json().items.map((c: { name: string }) => c.name)).toEqual(['丁（代表的）']);
    const csv = await send('GET', `/api/segments/${dynamic.id}/export`, undefined, planner);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('编号,客户名称,客户等级');
    expect(lines).toHaveLength(4);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.export'`)).rows[0]!.n).toBe(1);
    expect((await send('GET', `/api/segments/${dynamic.id}/export`, undefined, rep.headers)).statusCode).toBe(403);
  });

  it('refuses cycles and deleting a segment others use; refresh and the sweep re-evaluate', async () => {
    const a = (await send('POST', '/api/segments', { name: 'vip', kind: 'dynamic', rule: rule({ tag: 'vip' }) })).json();
    const b = (await send('POST', '/api/segments', { name: 'vip A', kind: 'dynamic', rule: rule({ and: [{ segment: a.id }, { field: 'level', op: 'eq', value: 'A' }] }) })).json();
    expect(b.memberCount).toBe(1);
    const cycle = await send('PUT', `/api/segments/${a.id}`, { name: 'vip', kind: 'dynamic', rule: rule({ or: [{ tag: 'vip' }, { segment: b.id }] }) });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe(`rule.or[1].segment(${b.id}).rule.and[0].segment`);
    expect((await send('DELETE', `/api/segments/${a.id}`)).json().error.code).toBe('segment.in_use');
    await t.db.query(`INSERT INTO customer_tags (customer_id, tag, created_at) VALUES ($1, 'vip', $2)`, [ids['乙公司'], NOW]);
    const refreshed = await send('POST', `/api/segments/${b.id}/refresh`);
    expect(refreshed.json()).toEqual({ entered: 1, exited: 0, memberCount: 2 });
    await t.db.query(`DELETE FROM customer_tags WHERE customer_id = $1`, [ids['乙公司']]);
    await segmentSweepJob(t.deps)({}, {} as never);
    expect((await send('GET', `/api/segments/${b.id}`)).json().memberCount).toBe(1);
    expect((await send('DELETE', `/api/segments/${b.id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/segments/${a.id}`)).statusCode).toBe(204);
    expect((await send('GET', `/api/segments/${a.id}`)).statusCode).toBe(404);
  });

  it('documents every segment and tag route in OpenAPI, errors included', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>> };
    // Only this module's operations: the tags module serves other /api/tags routes.
    const ours = (p: string) => Object.values(doc.paths[p]!).filter((op) => op.tags?.includes('segments'));
    const paths = Object.keys(doc.paths).filter((p) => (p.startsWith('/api/segments') || p.startsWith('/api/tags')) && ours(p).length > 0);
    expect(paths.sort()).toEqual(['/api/segments', '/api/segments/preview', '/api/segments/{id}', '/api/segments/{id}/export', '/api/segments/{id}/members', '/api/segments/{id}/refresh', '/api/tags', '/api/tags/{tag}/customers']);
    const operations = paths.flatMap(ours);
    expect(operations).toHaveLength(12);
    for (const op of operations) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
  });
});
