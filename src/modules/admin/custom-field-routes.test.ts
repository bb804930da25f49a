import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('custom field routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.adminHeaders, ...(payload ? { payload } : {}) });
  const customers = async (query = '', headers = t.adminHeaders) => t.app.inject({ url: `/api/customers${query}`, headers });
  const filter = (conditions: object[]) => `filter=${encodeURIComponent(JSON.stringify(conditions))}`;
  const tierOptions = [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }, { value: 'silver', labelZh: '银牌', labelEn: 'Silver' }];

  it('creates a field that appears in customer records at once, filterable and sortable, and is gone once deleted', async () => {
    const created = await send('POST', '/api/admin/custom-fields', { object: 'customer', key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money' });
    expect(created.statusCode).toBe(201);
    const field = created.json();
    expect(field).toMatchObject({ object: 'customer', key: 'budget', apiKey: 'cf_budget', type: 'money', options: [], required: false });
    // One (field, sort column, id) index per common order of the customer list.
    const index = await t.db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'customers' AND indexname LIKE 'customers_cf_budget_%' ORDER BY 1`);
    expect(index.rows.map((r) => r.indexname)).toEqual(['customers_cf_budget_created_at_idx', 'customers_cf_budget_name_idx']);

    for (const [name, budget] of [['小', 100], ['大', 9000], ['中', 500]] as const) {
      expect((await send('POST', '/api/customers', { name, cf_budget: budget })).statusCode).toBe(201);
    }
    const all = (await customers('?sort=-cf_budget')).json();
    expect(all.items.map((c: Record<string, unknown>) => [c.name, c.cf_budget])).toEqual([['大', 9000], ['中', 500], ['小', 100]]);
    const big = (await customers(`?${filter([{ field: 'cf_budget', op: 'gte', value: 500 }])}&sort=cf_budget`)).json();
    expect(big.items.map((c: Record<string, unknown>) => c.name)).toEqual(['中', '大']);

    expect((await send('DELETE', `/api/admin/custom-fields/${field.id}`)).statusCode).toBe(204);
    const after = (await customers()).json();
    expect(after.items.length).toBe(3);
    for (const item of after.items) expect(item).not.toHaveProperty('cf_budget');
    expect((await customers(`?${filter([{ field: 'cf_budget', op: 'gte', value: 1 }])}`)).statusCode).toBe(400);
    expect((await customers('?sort=cf_budget')).statusCode).toBe(400);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'custom_field.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['custom_field.create', 'custom_field.delete']);
  });

  it('lists and updates select fields; other roles see a new field only once granted', async () => {
    const field = (await send('POST', '/api/admin/custom-fields', { object: 'customer', key: 'tier', labelZh: '等级', labelEn: 'Tier', type: 'select', options: tierOptions })).json();
    const list = await t.app.inject({ url: '/api/admin/custom-fields?object=customer', headers: t.adminHeaders });
    expect(list.json().map((f: { key: string }) => f.key)).toContain('tier');
    const options = [...tierOptions, { value: 'bronze', labelZh: '铜牌', labelEn: 'Bronze' }];
    const updated = await send('PATCH', `/api/admin/custom-fields/${field.id}`, { labelEn: 'Customer tier', options, required: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ labelZh: '等级', labelEn: 'Customer tier', options, type: 'select' });

    await t.createUser({ email: 'rep@test.local', password: 'password-123', roleKeys: ['sales_rep'] });
    const rep = await t.login('rep@test.local', 'password-123');
    const repFields = async () => ((await t.app.inject({ url: '/api/objects/customer/fields', headers: rep })).json() as Array<{ key: string }>).map((f) => f.key);
    expect(await repFields()).not.toContain('cf_tier');
    const repRole = (await t.db.query<{ id: number }>(`SELECT id FROM roles WHERE key = 'sales_rep'`)).rows[0]!.id;
    const grants = (await t.app.inject({ url: `/api/admin/roles/${repRole}/permissions`, headers: t.adminHeaders })).json();
    grants.fields.push({ object: 'customer', field: 'cf_tier', access: 'read', masked: false });
    expect((await send('PUT', `/api/admin/roles/${repRole}/permissions`, grants)).statusCode).toBe(200);
    expect(await repFields()).toContain('cf_tier');
  });

  it('refuses bad keys, types and options, taken keys, unknown objects and unknown ids', async () => {
    const base = { object: 'customer', labelZh: '字段', labelEn: 'Field' };
    await send('POST', '/api/admin/custom-fields', { ...base, key: 'taken', type: 'text' });
    const cases: Array<[object, number, string, string]> = [
      [{ ...base, key: 'Budget', type: 'text' }, 400, 'request.invalid', 'key'],
      [{ ...base, key: 'b', type: 'text' }, 400, 'request.invalid', 'key'],
      [{ ...base, key: '1abc', type: 'text' }, 400, 'request.invalid', 'key'],
      [{ ...base, key: 'ok_key', type: 'json' }, 400, 'request.invalid', 'type'],
      [{ ...base, key: 'ok_key', type: 'text', object: 'lead' }, 400, 'request.invalid', 'object'],
      [{ ...base, key: 'ok_key', type: 'select' }, 400, 'field.required', 'options'],
      [{ ...base, key: 'ok_key', type: 'number', options: tierOptions }, 400, 'field.invalid_value', 'options'],
      [{ ...base, key: 'ok_key', type: 'select', options: [{ value: 'a', labelZh: 'a' }] }, 400, 'request.invalid', 'options.0.labelEn'],
      [{ ...base, key: 'taken', type: 'text' }, 409, 'custom_field.key_taken', 'key'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await send('POST', '/api/admin/custom-fields', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, field });
    }
    const id = (await t.db.query<{ id: number }>(`SELECT id FROM field_definitions WHERE key = 'taken'`)).rows[0]!.id;
    expect((await send('PATCH', `/api/admin/custom-fields/${id}`, { type: 'number' })).json().error).toMatchObject({ code: 'request.unknown_property', field: 'type' });
    expect((await t.app.inject({ url: '/api/admin/custom-fields?object=lead', headers: t.adminHeaders })).statusCode).toBe(400);
    for (const res of [await send('PATCH', '/api/admin/custom-fields/99999', { labelZh: 'x' }), await send('DELETE', '/api/admin/custom-fields/99999')]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('custom_field.not_found');
    }
  });
});
