import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomFields, customerRow, writeCounts } from '../support/permission-fixtures.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The API under bad input: every refusal is a 4xx with {error:{code,message,requestId}} (plus
 * `field` when one field is at fault), never a 5xx, and a refused request writes nothing.
 */
const SQLISH = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  "Robert'); DROP TABLE audit_log;--",
  '%',
  '_',
  '\\',
  '%_%',
  "\\'",
  '"',
  '$1',
  '1; SELECT pg_sleep(5)',
  "=HYPERLINK(\"http://x\",\"y\")",
];
const ERROR_KEYS = ['code', 'message', 'field', 'requestId', 'details'];
const FIELD_CODES = ['field.unknown', 'field.not_writable', 'field.required', 'field.invalid_value', 'field.invalid_operator', 'field.not_sortable', 'permission.field_read_only', 'permission.field_masked', 'request.unknown_property'];

function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).every((k) => ERROR_KEYS.includes(k))).toBe(true);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toEqual(expect.any(String));
  if (field !== undefined) expect(body.error.field).toBe(field);
}

describe('API under bad input', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let existing: number;
  const jsonHeaders = () => ({ ...admin, 'content-type': 'application/json' });
  const filterQs = (filters: unknown) => `filter=${encodeURIComponent(typeof filters === 'string' ? filters : JSON.stringify(filters))}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = t.adminHeaders;
    await createCustomFields(t, [
      { key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money' },
      { key: 'count', labelZh: '次数', labelEn: 'Count', type: 'number' },
      { key: 'site', labelZh: '网站', labelEn: 'Site', type: 'url' },
      { key: 'visit', labelZh: '拜访', labelEn: 'Visit', type: 'datetime' },
      { key: 'vip', labelZh: '贵宾', labelEn: 'VIP', type: 'boolean' },
      { key: 'rep', labelZh: '对接人', labelEn: 'Rep', type: 'user' },
      { key: 'tags', labelZh: '标签', labelEn: 'Tags', type: 'multiselect', options: ['a', 'b', 'c'].map((v) => ({ value: v, labelZh: v, labelEn: v })) },
    ]);
    const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: '基准客户', mobile: '13812345678', level: 'A' } });
    existing = created.json().id;
  });
  afterAll(() => t.close());

  /** Sends a request that must be refused, and checks that nothing at all was written. */
  async function refused(options: InjectOptions, status: number, code: string, field?: string) {
    const counts = await writeCounts(t.db);
    const row = await customerRow(t.db, existing);
    const res = await t.app.inject(options);
    expectError(res, status, code, field);
    expect(await writeCounts(t.db)).toEqual(counts);
    expect(await customerRow(t.db, existing)).toEqual(row);
    return res;
  }

  describe('bodies', () => {
    const writeRoutes = (): [string, string][] => [
      ['POST', '/api/customers'],
      ['PATCH', `/api/customers/${existing}`],
      ['POST', `/api/customers/${existing}/reveal`],
      ['POST', `/api/customers/${existing}/transfer`],
      ['POST', '/api/auth/login'],
    ];

    it.each(['{"name":', '{name: "x"}', '{"name": "x",}', "{'name': 'x'}", 'undefined', '{"a":1}{"b":2}', '\u0000', '{"name":"\\u00"}'])('malformed JSON %j → 400 request.malformed_json', async (payload) => {
      for (const [method, url] of writeRoutes()) {
        await refused({ method: method as 'POST', url, headers: jsonHeaders(), payload }, 400, 'request.malformed_json');
      }
    });

    it('an empty body with content-type json → 400 request.malformed_json', async () => {
      for (const [method, url] of writeRoutes()) await refused({ method: method as 'POST', url, headers: jsonHeaders(), payload: '' }, 400, 'request.malformed_json');
    });

    it('a prototype-polluting body is refused', async () => {
      await refused({ method: 'POST', url: '/api/customers', headers: jsonHeaders(), payload: '{"name":"p","__proto__":{"isAdmin":true}}' }, 400, 'request.malformed_json');
      await refused({ method: 'POST', url: '/api/customers', headers: jsonHeaders(), payload: '{"name":"p","constructor":{"prototype":{"x":1}}}' }, 400, 'request.malformed_json');
    });

    it('a content type other than JSON is refused (415, or 400 for text/plain which parses as a string)', async () => {
      for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png']) {
        await refused({ method: 'POST', url: '/api/customers', headers: { ...admin, 'content-type': type }, payload: 'name=x' }, 415, 'request.unsupported_media_type');
      }
      await refused({ method: 'POST', url: '/api/customers', headers: { ...admin, 'content-type': 'text/plain' }, payload: '{"name":"x"}' }, 400, 'request.invalid', 'body');
      await refused({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'x' }, 400, 'request.invalid', 'body');
    });

    it('a body over 1 MB → 413 request.too_large', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
      for (const [method, url] of writeRoutes()) await refused({ method: method as 'POST', url, headers: jsonHeaders(), payload: big }, 413, 'request.too_large');
      // just under the limit, the field rule answers instead
      await refused({ method: 'POST', url: '/api/customers', headers: jsonHeaders(), payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 - 20) }) }, 400, 'field.invalid_value', 'name');
    });

    it.each<[string, string, () => string, object, string]>([
      ['login', 'POST', () => '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, remember: true }, 'remember'],
      ['reveal', 'POST', () => `/api/customers/${existing}/reveal`, { field: 'mobile', reason: 'curious' }, 'reason'],
      ['transfer', 'POST', () => `/api/customers/${existing}/transfer`, { ownerId: 1, notify: true }, 'notify'],
      ['me', 'PATCH', () => '/api/me', { locale: 'en', theme: 'dark' }, 'theme'],
    ])('unknown property on a strict body (%s) → 400 request.unknown_property naming it', async (_name, method, url, payload, field) => {
      const res = await refused({ method: method as 'POST', url: url(), headers: admin, payload }, 400, 'request.unknown_property', field);
      expect(res.json().error.message).toContain(field);
    });

    it.each<[string, () => string, unknown, string]>([
      ['login email a number', () => '/api/auth/login', { email: 42, password: 'x' }, 'email'],
      ['login without password', () => '/api/auth/login', { email: ADMIN_EMAIL }, 'password'],
      ['login password an array', () => '/api/auth/login', { email: ADMIN_EMAIL, password: [ADMIN_PASSWORD] }, 'password'],
      ['reveal field a number', () => `/api/customers/${existing}/reveal`, { field: 5 }, 'field'],
      ['reveal without field', () => `/api/customers/${existing}/reveal`, {}, 'field'],
      ['transfer ownerId a string', () => `/api/customers/${existing}/transfer`, { ownerId: '1' }, 'ownerId'],
      ['transfer ownerId 0', () => `/api/customers/${existing}/transfer`, { ownerId: 0 }, 'ownerId'],
      ['transfer ownerId 1.5', () => `/api/customers/${existing}/transfer`, { ownerId: 1.5 }, 'ownerId'],
      ['customer body an array', () => '/api/customers', [{ name: 'x' }], 'body'],
      ['customer body a string', () => '/api/customers', 'name', 'body'],
      ['customer body null', () => '/api/customers', null, 'body'],
      ['customer body a number', () => '/api/customers', 42, 'body'],
    ])('wrong type: %s → 400 request.invalid', async (_name, url, payload, field) => {
      await refused({ method: 'POST', url: url(), headers: jsonHeaders(), payload: JSON.stringify(payload) }, 400, 'request.invalid', field);
    });

    it.each<[string, unknown]>([
      ['name', 42],
      ['name', { zh: '张三' }],
      ['level', ['A']],
      ['birthday', 20200101],
      ['mobile', 13812345678],
      ['regionCode', 110000],
      ['cf_vip', 'yes'],
      ['cf_budget', '12.50'],
      ['cf_count', false],
      ['cf_tags', 'a'],
      ['cf_rep', '1'],
      ['cf_visit', 1767225600000],
    ])('wrong value type for %s → 400 field.invalid_value naming the field (create and update)', async (key, value) => {
      await refused({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: 'typed', [key]: value } }, 400, 'field.invalid_value', key);
      await refused({ method: 'PATCH', url: `/api/customers/${existing}`, headers: admin, payload: { [key]: value } }, 400, 'field.invalid_value', key);
    });

    it('a reference to a missing user is refused with the field', async () => {
      await refused({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: 'r', cf_rep: 999_999 } }, 400, 'field.invalid_value', 'cf_rep');
      await refused({ method: 'POST', url: `/api/customers/${existing}/transfer`, headers: admin, payload: { ownerId: 999_999 } }, 400, 'field.invalid_value', 'ownerId');
    });

    it('a bad path id → 400 request.invalid naming id', async () => {
      for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999', '1%27%20OR%201=1']) {
        await refused({ method: 'GET', url: `/api/customers/${id}`, headers: admin }, 400, 'request.invalid', 'id');
        await refused({ method: 'DELETE', url: `/api/customers/${id}`, headers: admin }, 400, 'request.invalid', 'id');
      }
    });
  });

  describe('query strings', () => {
    it.each([
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=', 'page'],
      ['page=100001', 'page'],
      ['page=1&page=2', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['sort=name%3BDROP', 'sort'],
      ['sort=name%20DESC', 'sort'],
      ['sort=-', 'sort'],
      ['sort=1abc', 'sort'],
      [`filter=${'x'.repeat(20_001)}`, 'filter'],
    ])('%s → 400 request.invalid naming the parameter', async (qs, field) => {
      await refused({ method: 'GET', url: `/api/customers?${qs}`, headers: admin }, 400, 'request.invalid', field);
      await refused({ method: 'GET', url: `/api/customers/export?${qs}`, headers: admin }, 400, 'request.invalid', field);
    });

    it('an unknown query parameter → 400 request.unknown_property', async () => {
      await refused({ method: 'GET', url: '/api/customers?limit=5', headers: admin }, 400, 'request.unknown_property', 'limit');
    });

    it('page=1 and pageSize=200 are fine, and a page past the end is empty', async () => {
      const res = await t.app.inject({ url: '/api/customers?page=100000&pageSize=200', headers: admin });
      expect(res.json()).toMatchObject({ items: [], page: 100000, pageSize: 200, totalCapped: false });
      expect(res.json().total).toBeGreaterThan(0);
    });

    it.each<[string, string, string]>([
      ['nope', 'request.invalid', 'filter'],
      ['{', 'request.invalid', 'filter'],
      ['{"field":"name","op":"eq","value":"x"}', 'request.invalid', 'filter'],
      ['"x"', 'request.invalid', 'filter'],
      ['null', 'request.invalid', 'filter'],
      [JSON.stringify(Array(51).fill({ field: 'name', op: 'isEmpty' })), 'request.invalid', 'filter'],
      ['[1]', 'request.invalid', 'filter.0'],
      ['[null]', 'request.invalid', 'filter.0'],
      ['[{"field":"name"}]', 'request.invalid', 'filter.0'],
      ['[{"field":1,"op":"eq"}]', 'request.invalid', 'filter.0'],
      ['[{"field":"name","op":"isEmpty"},{"op":"eq"}]', 'request.invalid', 'filter.1'],
      ['[{"field":"name","op":"eq","value":"x","extra":1}]', 'request.unknown_property', 'filter.0.extra'],
      ['[{"field":"nope","op":"eq","value":"x"}]', 'field.unknown', 'nope'],
      ['[{"field":"name","op":"like","value":"x"}]', 'field.invalid_operator', 'name'],
      ['[{"field":"level","op":"eq","value":"Z"}]', 'field.invalid_value', 'level'],
      ['[{"field":"cf_budget","op":"between","value":[1]}]', 'field.invalid_value', 'cf_budget'],
    ])('filter=%s → %s', async (filter, code, field) => {
      await refused({ method: 'GET', url: `/api/customers?${filterQs(filter)}`, headers: admin }, 400, code, field);
      await refused({ method: 'GET', url: `/api/customers/export?${filterQs(filter)}`, headers: admin }, 400, code, field);
    });
  });

  describe('SQL-looking strings', () => {
    const created = new Map<string, number>();
    beforeAll(async () => {
      for (const s of SQLISH) {
        const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: s, company: `co ${s}` } });
        expect(res.statusCode, res.body).toBe(201);
        created.set(s, res.json().id);
      }
    });

    it.each(SQLISH)('%j is stored and echoed literally', async (s) => {
      const id = created.get(s)!;
      const detail = (await t.app.inject({ url: `/api/customers/${id}`, headers: admin })).json();
      expect(detail).toMatchObject({ name: s, company: `co ${s}` });
      expect((await t.db.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [id])).rows[0]!.name).toBe(s);
    });

    it.each(SQLISH)('%j as a filter value, q or sort matches literally, or is refused — never a 500', async (s) => {
      const names = (await t.db.query<{ name: string; company: string | null }>('SELECT name, company FROM customers')).rows;
      const lower = s.toLowerCase();
      const list = async (qs: string) => {
        const res = await t.app.inject({ url: `/api/customers?pageSize=200&sort=id&${qs}`, headers: admin });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items.map((c: { name: string }) => c.name).sort();
      };
      expect(await list(filterQs([{ field: 'name', op: 'eq', value: s }]))).toEqual([s]);
      expect(await list(filterQs([{ field: 'name', op: 'contains', value: s }]))).toEqual(names.filter((n) => n.name.toLowerCase().includes(lower)).map((n) => n.name).sort());
      expect(await list(filterQs([{ field: 'name', op: 'startsWith', value: s }]))).toEqual(names.filter((n) => n.name.startsWith(s)).map((n) => n.name).sort());
      expect(await list(filterQs([{ field: 'name', op: 'in', value: [s, 'nobody'] }]))).toEqual([s]);
      expect(await list(`q=${encodeURIComponent(s)}`)).toEqual(names.filter((n) => `${n.name}\n${n.company ?? ''}`.toLowerCase().includes(lower)).map((n) => n.name).sort());
      expect(await list(filterQs([{ field: 'cf_site', op: 'contains', value: s }]))).toEqual([]);
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'level', op: 'eq', value: s }])}`, headers: admin }, 400, 'field.invalid_value', 'level');
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'mobile', op: 'eq', value: s }])}`, headers: admin }, 400, 'field.invalid_value', 'mobile');
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'regionCode', op: 'startsWith', value: s }])}`, headers: admin }, 400, 'field.invalid_value', 'regionCode');
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: s, op: 'eq', value: 'x' }])}`, headers: admin }, 400, 'field.unknown', s);
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'name', op: s, value: 'x' }])}`, headers: admin }, 400, 'field.invalid_operator', 'name');
      await refused({ method: 'GET', url: `/api/customers?sort=${encodeURIComponent(s)}`, headers: admin }, 400, 'request.invalid', 'sort');
      await refused({ method: 'POST', url: `/api/customers/${existing}/reveal`, headers: admin, payload: { field: s } }, 400, 'field.unknown', s);
    });

    it('in login credentials → 401 auth.invalid_credentials, and only the failed login is audited', async () => {
      for (const s of SQLISH) {
        const counts = await writeCounts(t.db);
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${s}@x.cn`, password: s } });
        expectError(res, 401, 'auth.invalid_credentials');
        const after = await writeCounts(t.db);
        expect(after).toEqual({ ...counts, audit_log: counts.audit_log + 1 });
        expect((await t.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0]!.action).toBe('auth.login_failed');
      }
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${ADMIN_EMAIL}' --`, password: "' OR '1'='1" } });
      expectError(res, 401, 'auth.invalid_credentials');
    });

    it('as an Idempotency-Key it is just a key', async () => {
      const headers = { ...admin, 'idempotency-key': "k'; DROP TABLE idempotency_keys; --" };
      const first = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: 'idem' } });
      const second = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: 'idem' } });
      expect(first.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json().id).toBe(first.json().id);
    });

    it('the export neutralises formulas and the audit chain still verifies', async () => {
      const csv = await t.app.inject({ url: `/api/customers/export?${filterQs([{ field: 'name', op: 'startsWith', value: '=HYPERLINK' }])}`, headers: admin });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
      expect((await t.app.inject({ url: '/api/admin/audit/verify', headers: admin })).json()).toMatchObject({ ok: true, brokenAt: null });
      for (const table of ['customers', 'audit_log', 'idempotency_keys']) expect((await t.db.query<{ t: string }>('SELECT to_regclass($1)::text AS t', [table])).rows[0]!.t).toBe(table);
    });
  });

  // Regression (found by these tests, fixed): U+0000 is valid in JSON and in URLs but PostgreSQL text cannot hold it. Where a
  // string reaches a text parameter unchecked, the answer is 500 (the export: a 200 cut short).
  describe('NUL characters', () => {
    it.each<[string, () => InjectOptions]>([
      ['keyword q', () => ({ url: '/api/customers?q=a%00b', headers: admin })],
      ['contains filter', () => ({ url: `/api/customers?${filterQs([{ field: 'name', op: 'contains', value: 'a\u0000' }])}`, headers: admin })],
      ['startsWith filter on a url field', () => ({ url: `/api/customers?${filterQs([{ field: 'cf_site', op: 'startsWith', value: '\u0000' }])}`, headers: admin })],
      ['login e-mail', () => ({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@b.cn', password: 'x' } })],
      ['url field value', () => ({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: 'n', cf_site: 'http://example.com/a\u0000b' } })],
      ['export with keyword q', () => ({ url: '/api/customers/export?q=a%00b', headers: admin })],
    ])('%s → a 4xx, not a 5xx', async (_name, options) => {
      const res = await t.app.inject(options()).catch((error: Error) => ({ statusCode: 599, body: error.message }));
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
    });

    it('NUL is refused at the edge, naming where it was', async () => {
      await refused({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: 'a\u0000b' } }, 400, 'request.invalid', 'name');
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'name', op: 'eq', value: 'a\u0000' }])}`, headers: admin }, 400, 'field.invalid_value', 'name');
      await refused({ method: 'GET', url: `/api/customers?${filterQs([{ field: 'name', op: 'contains', value: 'a\u0000' }])}`, headers: admin }, 400, 'field.invalid_value', 'name');
    });
  });

  describe('fuzz: arbitrary JSON bodies on create and update', () => {
    const REAL_KEYS = ['id', 'name', 'kind', 'level', 'source', 'industry', 'regionCode', 'company', 'gender', 'birthday', 'mobile', 'email', 'idNumber', 'ownerId', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'cf_budget', 'cf_count', 'cf_site', 'cf_visit', 'cf_vip', 'cf_rep', 'cf_tags'];
    const GOOD: Record<string, unknown[]> = {
      name: ['张三', 'Acme Ltd.', "O'Brien"],
      kind: ['person', 'company'],
      level: ['A', 'B', 'C'],
      regionCode: ['110000', '440300'],
      birthday: ['1990-02-28', '2000-02-29'],
      mobile: ['13812345678', '+86 139-0000-0000'],
      email: ['Li.Lei@Example.com'],
      idNumber: ['11010519491231002X'],
      cf_budget: [0.01, 12_345.67],
      cf_count: [0, -3.25],
      cf_site: ['https://example.com'],
      cf_visit: ['2026-05-01T09:30:00+08:00'],
      cf_vip: [true, false],
      cf_rep: [1],
      cf_tags: [['a', 'c'], []],
    };
    const noNul = (s: string) => s.replaceAll('\u0000', '');
    const keyArb = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...REAL_KEYS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(noNul) },
      { weight: 1, arbitrary: fc.constantFrom('CF_BUDGET', 'name ', 'cf_', 'cf_nope', 'toString', 'mobile_enc', "name'--", '') },
    );
    const valueArb = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v).replaceAll('\\u0000', ''))),
      fc.string({ unit: 'binary', maxLength: 40 }).map(noNul),
      fc.constantFrom(...SQLISH, '', ' ', null, true, 0, -1, 1e13, 0.001, 2 ** 53, '2026-02-30', 'http://', 'javascript:alert(1)'),
      fc.constantFrom(...Object.values(GOOD).flat()),
    );
    const bodyArb = fc
      .tuple(fc.option(fc.constantFrom(...GOOD.name!), { nil: undefined }), fc.dictionary(keyArb, valueArb, { maxKeys: 5 }), fc.dictionary(fc.constantFrom(...Object.keys(GOOD)), fc.constant(null), { maxKeys: 3 }))
      .chain(([name, junk, goodKeys]) =>
        fc.tuple(...Object.keys(goodKeys).map((k) => fc.constantFrom(...GOOD[k]!).map((v) => [k, v] as const))).map((good) => ({
          ...(name ? { name } : {}),
          ...Object.fromEntries(good),
          ...junk,
        })),
      );

    const seenCodes = new Set<string>();
    function expectWellFormed(res: LightMyRequestResponse, body: Record<string, unknown>) {
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode < 300) return;
      const error = res.json().error;
      seenCodes.add(error.code);
      expect(Object.keys(res.json())).toEqual(['error']);
      expect(error.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.requestId.length).toBeGreaterThan(0);
      if (FIELD_CODES.includes(error.code)) {
        // the field at fault is named (an empty key cannot be named, and is then left out)
        if ('field' in error) expect([...Object.keys(body), 'name']).toContain(error.field);
        else expect(Object.keys(body)).toContain('');
      }
    }

    it('POST /api/customers: 201 or a well-formed 4xx, and a refusal writes nothing', async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(bodyArb, async (body) => {
          const counts = await writeCounts(t.db);
          const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: body });
          expectWellFormed(res, body);
          if (res.statusCode === 201) {
            accepted += 1;
            expect((await t.app.inject({ url: `/api/customers/${res.json().id}`, headers: admin })).statusCode).toBe(200);
          } else expect(await writeCounts(t.db)).toEqual(counts);
        }),
        { seed: 1729, numRuns: 150 },
      );
      expect(accepted).toBeGreaterThan(5);
    });

    it('PATCH /api/customers/:id: 200 or a well-formed 4xx, and a refusal changes nothing', async () => {
      const target = (await t.app.inject({ method: 'POST', url: '/api/customers', headers: admin, payload: { name: 'fuzz target' } })).json().id;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(bodyArb, async (body) => {
          const before = await customerRow(t.db, target);
          const counts = await writeCounts(t.db);
          const res = await t.app.inject({ method: 'PATCH', url: `/api/customers/${target}`, headers: admin, payload: body });
          expectWellFormed(res, body);
          if (res.statusCode === 200) accepted += 1;
          else {
            expect(await customerRow(t.db, target)).toEqual(before);
            expect(await writeCounts(t.db)).toEqual(counts);
          }
        }),
        { seed: 31337, numRuns: 150 },
      );
      expect(accepted).toBeGreaterThan(5);
      // the fuzz reached the interesting refusals, not only one kind
      for (const code of ['field.unknown', 'field.not_writable', 'field.invalid_value', 'field.required']) expect(seenCodes).toContain(code);
    });

    it('afterwards every stored customer reads back, lists and exports without error', async () => {
      const ids = (await t.db.query<{ id: number }>('SELECT id FROM customers ORDER BY id')).rows.map((r) => r.id);
      expect(ids.length).toBeGreaterThan(20);
      for (const id of ids) {
        const res = await t.app.inject({ url: `/api/customers/${id}`, headers: admin });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().id).toBe(id);
      }
      const listed: number[] = [];
      for (let page = 1; ; page++) {
        const res = await t.app.inject({ url: `/api/customers?pageSize=50&sort=id&page=${page}`, headers: admin });
        expect(res.statusCode).toBe(200);
        if (res.json().items.length === 0) break;
        listed.push(...res.json().items.map((c: { id: number }) => c.id));
      }
      expect(listed).toEqual(ids);
      const csv = await t.app.inject({ url: '/api/customers/export?sort=id', headers: admin });
      expect(csv.statusCode).toBe(200);
      expect((await t.db.query<{ n: number }>(`SELECT (changes->>'rows')::int AS n FROM audit_log WHERE action = 'customer.export' ORDER BY id DESC LIMIT 1`)).rows[0]!.n).toBe(ids.length);
    });
  });

  describe('credentials', () => {
    it.each<[string, Record<string, string>, string]>([
      ['none', {}, 'auth.required'],
      ['an empty Authorization header', { authorization: '' }, 'auth.required'],
      ['Bearer without a token', { authorization: 'Bearer' }, 'auth.token_invalid'],
      ['an unknown token', { authorization: 'Bearer not-a-token' }, 'auth.token_invalid'],
      ['an unknown API key', { authorization: 'Bearer rk_nope' }, 'auth.token_invalid'],
      ['Basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'auth.token_invalid'],
      ['two tokens', { authorization: 'Bearer a b' }, 'auth.token_invalid'],
      ['a garbage cookie', { cookie: 'relata_session=garbage' }, 'auth.token_invalid'],
      ['SQL in the token', { authorization: "Bearer '||(SELECT'x')||'" }, 'auth.token_invalid'],
    ])('%s → 401', async (_name, headers, code) => {
      for (const options of [
        { method: 'GET', url: '/api/customers' },
        { method: 'POST', url: '/api/customers', payload: { name: 'x' } },
        { method: 'DELETE', url: `/api/customers/${existing}` },
      ] as const) {
        await refused({ ...options, headers }, 401, code);
      }
    });

    it('the session cookie works like the bearer token', async () => {
      const token = admin.authorization!.slice('Bearer '.length);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: `theme=dark; relata_session=${token}` } })).statusCode).toBe(200);
    });

    it('a revoked session and a revoked or expired API key → 401 auth.token_invalid', async () => {
      const user = await t.createUser({ email: 'revoke@relata.test', roleKeys: ['sales_rep'] });
      const headers = await t.login('revoke@relata.test', 'password-123');
      expect((await t.app.inject({ url: '/api/me', headers })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
      await refused({ method: 'GET', url: '/api/customers', headers }, 401, 'auth.token_invalid');
      await refused({ method: 'POST', url: '/api/customers', headers, payload: { name: 'after logout' } }, 401, 'auth.token_invalid');

      const role = (await t.db.query<{ id: number }>(`SELECT id FROM roles WHERE key = 'sales_rep'`)).rows[0]!.id;
      const key = (await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: admin, payload: { name: 'k', roleId: role } })).json();
      const keyHeaders = { authorization: `Bearer ${key.key}` };
      expect((await t.app.inject({ url: '/api/customers', headers: keyHeaders })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/api-keys/${key.id}`, headers: admin })).statusCode).toBe(204);
      await refused({ method: 'GET', url: '/api/customers', headers: keyHeaders }, 401, 'auth.token_invalid');

      const other = (await t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: admin, payload: { name: 'k2', roleId: role } })).json();
      await t.db.query('UPDATE api_keys SET expires_at = $2 WHERE id = $1', [other.id, new Date(t.clock.now().getTime() - 1000)]);
      await refused({ method: 'GET', url: '/api/customers', headers: { authorization: `Bearer ${other.key}` } }, 401, 'auth.token_invalid');

      await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [user]);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'revoke@relata.test', password: 'password-123' } });
      expectError(again, 401, 'auth.user_disabled');
    });

    it('a disabled user’s live session → 401 auth.user_disabled', async () => {
      const user = await t.createUser({ email: 'disabled@relata.test', roleKeys: ['sales_rep'] });
      const headers = await t.login('disabled@relata.test', 'password-123');
      await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [user]);
      await refused({ method: 'POST', url: '/api/customers', headers, payload: { name: 'x' } }, 401, 'auth.user_disabled');
    });

    // Last in this file: moves the shared clock past every session's lifetime.
    it('an expired session → 401 auth.token_invalid (the TTL is 7 days by default)', async () => {
      const headers = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      t.clock.advance(7 * 24 * 3_600_000 - 60_000);
      expect((await t.app.inject({ url: '/api/customers', headers })).statusCode).toBe(200);
      t.clock.advance(2 * 60_000);
      await refused({ method: 'GET', url: '/api/customers', headers }, 401, 'auth.token_invalid');
      await refused({ method: 'POST', url: '/api/customers', headers, payload: { name: 'expired' } }, 401, 'auth.token_invalid');
      admin = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect((await t.app.inject({ url: '/api/customers', headers: admin })).statusCode).toBe(200);
    });
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('answers 429 request.rate_limited with Retry-After past the limit, writes nothing, and lets go after the window', async () => {
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: '/api/customers', headers: t.adminHeaders })).statusCode).toBe(200);
    const counts = await writeCounts(t.db);
    const limited = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: 'too many' } });
    expectError(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBe(60);
    expect(await writeCounts(t.db)).toEqual(counts);

    t.clock.advance(25_000);
    const later = await t.app.inject({ url: '/api/customers', headers: t.adminHeaders });
    expectError(later, 429, 'request.rate_limited');
    expect(Number(later.headers['retry-after'])).toBe(35);

    // another caller has their own budget
    await t.createUser({ email: 'other@relata.test', roleKeys: ['sales_rep'] });
    const other = await t.login('other@relata.test', 'password-123');
    expect((await t.app.inject({ url: '/api/customers', headers: other })).statusCode).toBe(200);

    t.clock.advance(35_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: 'next window' } })).statusCode).toBe(201);
  });
});
