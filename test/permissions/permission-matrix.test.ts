import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mask } from '../../src/platform/crypto/index.js';
import { DATA_SCOPES, type DataScope, type FieldAccessLevel } from '../../src/platform/permissions/index.js';
import {
  CUSTOMER_FIELD_KEYS,
  countRows,
  createCustomFields,
  customerRow,
  type FieldGrants,
  FULL_OBJECT,
  grantAll,
  insertCustomer,
  insertDepartment,
  insertRole,
  type ObjectGrant,
  parseCsv,
  replaceFieldGrants,
  replaceObjectGrant,
  SENSITIVE_KEYS,
  sessionHeaders,
  setUserRoles,
  withIdCheckDigit,
  writeCounts,
} from '../support/permission-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The permission matrix over the real app and a real database. The organisation:
 *
 *   R (r) ─┬─ A (mgr, a2) ── A1 (a1, a11)        mgr manages a2, a1 and b1; a1 manages a11
 *          └─ B (b1, b2)                          nd has no department and no manager
 *
 * Every user owns a customer; the admin owns one; one has no owner. Some customers have team
 * members. Expected visibility is computed from this picture in plain TypeScript, never from SQL.
 */
const USERS = ['mgr', 'a2', 'a1', 'a11', 'b1', 'b2', 'r', 'nd'] as const;
type UserName = (typeof USERS)[number];
type Owner = UserName | 'admin' | null;

const ORG: Record<UserName, { dept: 'R' | 'A' | 'A1' | 'B' | null; manager: UserName | null }> = {
  mgr: { dept: 'A', manager: null },
  a2: { dept: 'A', manager: 'mgr' },
  a1: { dept: 'A1', manager: 'mgr' },
  a11: { dept: 'A1', manager: 'a1' },
  b1: { dept: 'B', manager: 'mgr' },
  b2: { dept: 'B', manager: null },
  r: { dept: 'R', manager: null },
  nd: { dept: null, manager: null },
};
const PARENT: Record<'R' | 'A' | 'A1' | 'B', 'R' | 'A' | null> = { R: null, A: 'R', A1: 'A', B: 'R' };

interface SeedSpec {
  key: string;
  owner: Owner;
  team: { user: UserName; access: 'read' | 'write' }[];
  level: 'A' | 'B';
}
const SEEDS: SeedSpec[] = [
  ...USERS.map((u, i): SeedSpec => ({ key: `C-${u}`, owner: u, team: [], level: i % 2 ? 'A' : 'B' })),
  { key: 'C-admin', owner: 'admin', team: [{ user: 'nd', access: 'read' }], level: 'A' },
  { key: 'C-nobody', owner: null, team: [], level: 'B' },
];
const TEAM: Record<string, SeedSpec['team']> = {
  'C-b2': [{ user: 'a2', access: 'read' }],
  'C-r': [{ user: 'a1', access: 'write' }],
  'C-b1': [{ user: 'mgr', access: 'write' }],
};
for (const seed of SEEDS) seed.team.push(...(TEAM[seed.key] ?? []));

/** Users a data scope covers, from the picture above (null = everyone). */
function modelOwners(user: UserName, scope: DataScope): Set<Owner> | null {
  if (scope === 'all') return null;
  const owners = new Set<Owner>([user]);
  if (scope === 'self_sub') {
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of USERS) {
        const manager = ORG[u].manager;
        if (manager !== null && owners.has(manager) && !owners.has(u)) {
          owners.add(u);
          grew = true;
        }
      }
    }
  }
  const own = ORG[user].dept;
  const under = (dept: keyof typeof PARENT | null): boolean => dept !== null && (dept === own || (scope === 'dept_sub' && under(PARENT[dept])));
  if ((scope === 'dept' || scope === 'dept_sub') && own) for (const u of USERS) if (under(ORG[u].dept)) owners.add(u);
  return owners;
}

function modelSees(user: UserName, scope: DataScope, seed: SeedSpec, mode: 'read' | 'write'): boolean {
  const owners = modelOwners(user, scope);
  if (owners === null || owners.has(seed.owner)) return true;
  return seed.team.some((m) => m.user === user && (mode === 'read' || m.access === 'write'));
}

const BUDGET = { key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money' as const };
const ALL_KEYS = [...CUSTOMER_FIELD_KEYS, 'cf_budget'];
const SENSITIVE_LABELS = { mobile: '手机号', email: '邮箱', idNumber: '身份证号' } as const;

interface Seeded extends SeedSpec {
  id: number;
  mobile: string;
  email: string;
  idNumber: string;
}

describe('permission matrix (real app, real database)', () => {
  let t: TestApp;
  const ids = {} as Record<UserName | 'admin', number>;
  const headers = {} as Record<UserName, Record<string, string>>;
  const seeded: Seeded[] = [];
  const scopeRoles = {} as Record<DataScope, number>;
  const byKey = (key: string) => seeded.find((s) => s.key === key)!;

  beforeAll(async () => {
    t = await createTestApp();
    await createCustomFields(t, [BUDGET]);
    const R = await insertDepartment(t.db, 'R', null);
    const A = await insertDepartment(t.db, 'A', R);
    const depts = { R, A, A1: await insertDepartment(t.db, 'A1', A), B: await insertDepartment(t.db, 'B', R) };
    ids.admin = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows[0]!.id;
    for (const u of USERS) {
      const { dept, manager } = ORG[u];
      ids[u] = await t.createUser({ email: `${u}@relata.test`, name: u, departmentId: dept ? depts[dept] : null, managerId: manager ? ids[manager] : null });
      headers[u] = await sessionHeaders(t, ids[u]);
    }
    for (const [i, seed] of SEEDS.entries()) {
      const mobile = `+86138000${String(i).padStart(5, '0')}`;
      const email = `c${i}.${seed.key.toLowerCase()}@example.com`;
      const idNumber = withIdCheckDigit(`1101051990010${String(i).padStart(4, '0')}`);
      const ownerId = seed.owner === null ? null : ids[seed.owner];
      const id = await insertCustomer(t, {
        name: seed.key, ownerId, company: `Co ${seed.key}`, level: seed.level, mobile, email, idNumber,
        extra: { cf_budget: 1000 + i },
        team: seed.team.map((m) => ({ userId: ids[m.user], access: m.access })),
      });
      seeded.push({ ...seed, id, mobile, email, idNumber });
    }
    for (const scope of DATA_SCOPES) scopeRoles[scope] = await insertRole(t.db, { ...FULL_OBJECT, dataScope: scope }, grantAll(ALL_KEYS, 'edit'), `scope-${scope}`);
  });
  afterAll(() => t.close());

  const get = (u: UserName, url: string) => t.app.inject({ url, headers: headers[u] });
  const send = (u: UserName, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: headers[u], ...(payload ? { payload } : {}) });
  const filterQs = (filters: object[]) => `filter=${encodeURIComponent(JSON.stringify(filters))}`;

  function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string) {
    expect(res.statusCode, res.body).toBe(status);
    const error = res.json().error;
    expect(error.code).toBe(code);
    expect(typeof error.message).toBe('string');
    expect(typeof error.requestId).toBe('string');
    if (field === undefined) expect(error).not.toHaveProperty('field');
    else expect(error.field).toBe(field);
    expect(Object.keys(res.json())).toEqual(['error']);
  }

  async function exportRows(u: UserName, qs = '') {
    const res = await get(u, `/api/customers/export?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = parseCsv(res.body);
    return { header: header!, rows, body: res.body };
  }

  /** Deletes through the API, checks it is gone, then puts the row and its team back byte for byte. */
  async function deleteAndRestore(u: UserName, seed: Seeded) {
    const row = await customerRow(t.db, seed.id);
    const team = (await t.db.query('SELECT customer_id, user_id, access FROM customer_team WHERE customer_id = $1', [seed.id])).rows;
    const res = await send(u, 'DELETE', `/api/customers/${seed.id}`);
    expect(res.statusCode, `${u} DELETE ${seed.key}: ${res.body}`).toBe(204);
    expect(await customerRow(t.db, seed.id)).toBeNull();
    expect((await t.db.query('SELECT 1 FROM customer_team WHERE customer_id = $1', [seed.id])).rowCount).toBe(0);
    await t.db.query('INSERT INTO customers SELECT * FROM jsonb_populate_record(NULL::customers, $1)', [row]);
    await t.db.query('INSERT INTO customer_team SELECT * FROM jsonb_populate_recordset(NULL::customer_team, $1)', [JSON.stringify(team)]);
    expect(await customerRow(t.db, seed.id)).toEqual(row);
  }

  /** Every per-record route for one (user, record): in scope it works, out of scope it is 404. */
  async function checkRecord(u: UserName, seed: Seeded, canRead: boolean, canWrite: boolean) {
    const url = `/api/customers/${seed.id}`;
    const [detail, reveal] = await Promise.all([get(u, url), send(u, 'POST', `${url}/reveal`, { field: 'mobile' })]);
    if (canRead) {
      expect(detail.statusCode, `${u} GET ${seed.key}`).toBe(200);
      expect(detail.json()).toMatchObject({ id: seed.id, name: seed.key });
      expect(reveal.json()).toEqual({ field: 'mobile', value: seed.mobile });
    } else {
      expectError(detail, 404, 'record.not_found');
      expectError(reveal, 404, 'record.not_found');
    }
    const before = await customerRow(t.db, seed.id);
    const patch = await send(u, 'PATCH', url, { company: `patched by ${u}` });
    const transfer = await send(u, 'POST', `${url}/transfer`, { ownerId: ids[u] });
    if (canWrite) {
      expect(patch.statusCode, `${u} PATCH ${seed.key}: ${patch.body}`).toBe(200);
      expect(transfer.statusCode, `${u} transfer ${seed.key}: ${transfer.body}`).toBe(200);
      expect(await customerRow(t.db, seed.id)).toMatchObject({ company: `patched by ${u}`, owner_id: ids[u] });
      await t.db.query('UPDATE customers SET company = $2, owner_id = $3 WHERE id = $1', [seed.id, before!.company, before!.owner_id]);
      await deleteAndRestore(u, seed);
    } else {
      // Read-only team members included: a write outside the write scope is "not found".
      expectError(patch, 404, 'record.not_found');
      expectError(transfer, 404, 'record.not_found');
      expectError(await send(u, 'DELETE', url), 404, 'record.not_found');
      expect(await customerRow(t.db, seed.id)).toEqual(before);
    }
  }

  describe('rows: every (data scope, user) sees exactly its records on every surface', () => {
    // Regression for 全部: it resolved to "self" for non-admins until 66c0e49 (`?? [userId]` ate the null).
    for (const scope of DATA_SCOPES) {
      it.each(USERS)(`${scope} × %s`, async (u) => {
        await setUserRoles(t.db, ids[u], [scopeRoles[scope]]);
        const readable = seeded.filter((s) => modelSees(u, scope, s, 'read'));
        const writable = new Set(seeded.filter((s) => modelSees(u, scope, s, 'write')).map((s) => s.id));
        const readableIds = readable.map((s) => s.id).sort((a, b) => a - b);

        const [list, levelA, keyword, exported] = await Promise.all([
          get(u, '/api/customers?pageSize=200&sort=id'),
          get(u, `/api/customers?pageSize=1&${filterQs([{ field: 'level', op: 'eq', value: 'A' }])}`),
          get(u, '/api/customers?pageSize=1&q=C-'),
          exportRows(u, 'sort=id'),
        ]);
        expect(list.statusCode, list.body).toBe(200);
        expect(list.json().items.map((c: { id: number }) => c.id)).toEqual(readableIds);
        expect(list.json().total).toBe(readableIds.length);
        expect(levelA.json().total).toBe(readable.filter((s) => s.level === 'A').length);
        expect(keyword.json().total).toBe(readableIds.length);
        expect(exported.rows.map((row) => Number(row[exported.header.indexOf('编号')]))).toEqual(readableIds);

        await Promise.all(seeded.map((seed) => checkRecord(u, seed, readableIds.includes(seed.id), writable.has(seed.id))));
      });
    }

    it('the admin role sees every record, the ownerless one included, on every surface', async () => {
      const all = seeded.map((s) => s.id).sort((a, b) => a - b);
      const list = await t.app.inject({ url: '/api/customers?pageSize=200&sort=id', headers: t.adminHeaders });
      expect(list.json().items.map((c: { id: number }) => c.id)).toEqual(all);
      const csv = parseCsv((await t.app.inject({ url: '/api/customers/export?sort=id', headers: t.adminHeaders })).body);
      expect(csv.slice(1).map((row) => Number(row[0]))).toEqual(all);
      for (const seed of seeded) {
        const reveal = await t.app.inject({ method: 'POST', url: `/api/customers/${seed.id}/reveal`, headers: t.adminHeaders, payload: { field: 'idNumber' } });
        expect(reveal.json()).toEqual({ field: 'idNumber', value: seed.idNumber });
      }
    });

    it('a record out of scope answers exactly like one that does not exist', async () => {
      await setUserRoles(t.db, ids.b2, [scopeRoles.self]);
      const outside = byKey('C-mgr').id;
      for (const [method, suffix, payload] of [['GET', '', undefined], ['PATCH', '', { company: 'x' }], ['DELETE', '', undefined], ['POST', '/reveal', { field: 'mobile' }], ['POST', '/transfer', { ownerId: ids.b2 }]] as const) {
        const answers = await Promise.all([outside, 987_654].map((id) => t.app.inject({ method, url: `/api/customers/${id}${suffix}`, headers: { ...headers.b2, 'accept-language': 'en' }, ...(payload ? { payload } : {}) })));
        const [a, b] = answers.map((r) => ({ status: r.statusCode, code: r.json().error?.code, message: r.json().error?.message, keys: Object.keys(r.json().error ?? {}).sort() }));
        expect(a).toEqual(b);
        expect(a!.status).toBe(404);
      }
    });

    // Regression (found by these tests, fixed): roles are merged into ONE scope by rank (self < self_sub < dept < dept_sub < all),
    // but self_sub and dept are not nested: the union of both must keep subordinates in other departments.
    it('self_sub + dept: the union keeps subordinates in a sub-department (a1, a11)', async () => {
      const dept = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'dept' }, grantAll(ALL_KEYS, 'read'));
      await setUserRoles(t.db, ids.mgr, [scopeRoles.self_sub, dept]);
      const expected = seeded.filter((s) => modelSees('mgr', 'self_sub', s, 'read') || modelSees('mgr', 'dept', s, 'read')).map((s) => s.id);
      const list = await get('mgr', '/api/customers?pageSize=200&sort=id');
      expect(list.json().items.map((c: { id: number }) => c.id)).toEqual(expected.sort((a, b) => a - b));
    });

    // Regression (found by these tests, fixed): a role row that grants no action still widens the merged scope.
    it('a role with no rights on customers does not widen what another role may read', async () => {
      const nothing = await insertRole(t.db, { dataScope: 'dept_sub' }, {});
      await setUserRoles(t.db, ids.r, [scopeRoles.self, nothing]);
      const list = await get('r', '/api/customers?pageSize=200&sort=id');
      expect(list.json().items.map((c: { name: string }) => c.name).sort()).toEqual(['C-r']);
    });

    // Regression (found by these tests, fixed): transfer commits, then re-reads the record in the caller's scope: handing a
    // customer to someone outside it answers 404 although the owner did change.
    it('a transfer out of the caller’s own scope is not reported as 404 once committed', async () => {
      await setUserRoles(t.db, ids.a11, [scopeRoles.self]);
      const seed = byKey('C-a11');
      const res = await send('a11', 'POST', `/api/customers/${seed.id}/transfer`, { ownerId: ids.a2 });
      const changed = (await customerRow(t.db, seed.id))!.owner_id !== ids.a11;
      await t.db.query('UPDATE customers SET owner_id = $2 WHERE id = $1', [seed.id, ids.a11]);
      // Either refused with nothing changed, or committed and reported as a success: never both.
      if (changed) expect(res.statusCode, res.body).toBeLessThan(300);
      else expect(res.statusCode).toBeGreaterThanOrEqual(400);
    });
  });

  describe('fields: hidden, masked, clear and editable', () => {
    type Variant = { name: string; sensitive: FieldAccessLevel | null; masked: boolean; budget: FieldAccessLevel | null };
    const VARIANTS: Variant[] = [
      { name: 'hidden (no grant)', sensitive: null, masked: false, budget: null },
      { name: 'hidden (explicit row, masked flag set)', sensitive: 'hidden', masked: true, budget: 'hidden' },
      { name: 'read, masked', sensitive: 'read', masked: true, budget: 'read' },
      { name: 'read, clear', sensitive: 'read', masked: false, budget: 'read' },
      { name: 'edit, clear', sensitive: 'edit', masked: false, budget: 'edit' },
      { name: 'edit, masked', sensitive: 'edit', masked: true, budget: 'edit' },
    ];
    const grantsFor = (v: Variant): FieldGrants => {
      const grants = grantAll(CUSTOMER_FIELD_KEYS.filter((k) => !(SENSITIVE_KEYS as readonly string[]).includes(k)), 'edit');
      if (v.sensitive) Object.assign(grants, grantAll(SENSITIVE_KEYS, v.sensitive, v.masked));
      if (v.budget) grants.cf_budget = { access: v.budget };
      return grants;
    };
    const role = {} as Record<string, number>;
    beforeAll(async () => {
      for (const v of VARIANTS) role[v.name] = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'dept_sub' }, grantsFor(v), v.name);
    });

    // r (dept_sub from the root) and mgr (dept_sub from A) both see C-a2.
    it.each(VARIANTS.flatMap((v) => (['r', 'mgr'] as const).map((user) => ({ ...v, user }))))('$name × $user', async (v) => {
      const u: UserName = v.user;
      await setUserRoles(t.db, ids[u], [role[v.name]!]);
      const visible = v.sensitive !== null && v.sensitive !== 'hidden';
      const budgetVisible = v.budget !== null && v.budget !== 'hidden';
      const clear = visible && !v.masked;
      const seed = byKey('C-a2');
      const national = seed.mobile.slice(3);
      const allClear = seeded.flatMap((s) => [s.mobile.slice(3), s.email, s.idNumber]);
      const noClearValue = (body: string) => {
        for (const value of allClear) expect(body).not.toContain(value);
      };

      // metadata
      const fields = (await get(u, '/api/objects/customer/fields')).json() as { key: string; access: string; masked: boolean }[];
      for (const key of SENSITIVE_KEYS) {
        const meta = fields.find((f) => f.key === key);
        if (visible) expect(meta).toMatchObject({ access: v.sensitive, masked: v.masked });
        else expect(meta).toBeUndefined();
      }
      expect(fields.some((f) => f.key === 'cf_budget')).toBe(budgetVisible);

      // list and detail: hidden keys absent, sensitive values always masked
      const list = await get(u, '/api/customers?pageSize=200&sort=id');
      expect(list.statusCode).toBe(200);
      noClearValue(list.body);
      const detail = await get(u, `/api/customers/${seed.id}`);
      noClearValue(detail.body);
      for (const item of [...list.json().items, detail.json()]) {
        for (const key of SENSITIVE_KEYS) expect(key in item).toBe(visible);
        expect('cf_budget' in item).toBe(budgetVisible);
      }
      if (visible) {
        expect(detail.json()).toMatchObject({ mobile: mask('mobile', seed.mobile), email: mask('email', seed.email), idNumber: mask('idNumber', seed.idNumber) });
        expect(detail.json().mobile).toBe(`${national.slice(0, 3)}****${national.slice(7)}`);
      }

      // export: header and cells follow the same rules; a clear grant exports clear values (audited)
      const exported = await exportRows(u, 'sort=id');
      for (const [key, label] of Object.entries(SENSITIVE_LABELS)) expect(exported.header.includes(label), key).toBe(visible);
      expect(exported.header.includes('预算')).toBe(budgetVisible);
      if (!clear) noClearValue(exported.body);
      if (!visible) expect(exported.body).not.toContain(mask('mobile', seed.mobile));
      for (const cells of exported.rows) expect(cells).toHaveLength(exported.header.length);
      const row = exported.rows.find((r) => r[exported.header.indexOf('客户名称')] === seed.key)!;
      // (a clear E.164 value is a plain number to the CSV formula guard: written as it is)
      if (visible) expect(row[exported.header.indexOf('手机号')]).toBe(clear ? seed.mobile : mask('mobile', seed.mobile));

      // filter, sort, keyword: a hidden field is an unknown field, and no oracle through q
      const byMobile = await get(u, `/api/customers?${filterQs([{ field: 'mobile', op: 'eq', value: national }])}`);
      const sortMobile = await get(u, '/api/customers?sort=-mobile');
      const byBudget = await get(u, `/api/customers?sort=cf_budget&${filterQs([{ field: 'cf_budget', op: 'gt', value: 0 }])}`);
      if (visible) {
        expect(byMobile.json().total).toBe(1);
        expectError(sortMobile, 400, 'field.not_sortable', 'mobile');
      } else {
        expectError(byMobile, 400, 'field.unknown', 'mobile');
        expectError(sortMobile, 400, 'field.unknown', 'mobile');
        const unknown = await get(u, `/api/customers?${filterQs([{ field: 'mobilf', op: 'eq', value: national }])}`);
        expect(byMobile.json().error.message).toBe(unknown.json().error.message.replace('mobilf', 'mobile'));
      }
      if (budgetVisible) expect(byBudget.statusCode).toBe(200);
      else expectError(byBudget, 400, 'field.unknown', 'cf_budget');
      for (const q of [national, seed.email, seed.mobile]) {
        expect((await get(u, `/api/customers?q=${encodeURIComponent(q)}`)).json().total, q).toBe(visible ? 1 : 0);
      }

      // reveal
      const audits = await countRows(t.db, 'audit_log');
      const reveal = await send(u, 'POST', `/api/customers/${seed.id}/reveal`, { field: 'mobile' });
      if (!visible) expectError(reveal, 400, 'field.unknown', 'mobile');
      else if (v.masked) expectError(reveal, 403, 'permission.field_masked', 'mobile');
      else {
        expect(reveal.json()).toEqual({ field: 'mobile', value: seed.mobile });
        const entry = (await t.db.query('SELECT action, actor_id, record_id, changes FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0];
        expect(entry).toEqual({ action: 'customer.reveal', actor_id: ids[u], record_id: String(seed.id), changes: { field: 'mobile' } });
      }
      expect(await countRows(t.db, 'audit_log')).toBe(audits + (clear ? 1 : 0));

      // writes
      const before = await customerRow(t.db, seed.id);
      const patch = await send(u, 'PATCH', `/api/customers/${seed.id}`, { mobile: '139 0000 0000' });
      const patchBudget = await send(u, 'PATCH', `/api/customers/${seed.id}`, { cf_budget: 1.5 });
      const counts = await writeCounts(t.db);
      const create = await send(u, 'POST', '/api/customers', { name: `new ${v.name} by ${u}`, mobile: '13900000001' });
      if (!visible) {
        expectError(patch, 400, 'field.unknown', 'mobile');
        expectError(create, 400, 'field.unknown', 'mobile');
      } else if (v.sensitive === 'read') {
        expectError(patch, 403, 'permission.field_read_only', 'mobile');
        expectError(create, 403, 'permission.field_read_only', 'mobile');
      } else {
        expect(patch.statusCode, patch.body).toBe(200);
        expect(create.statusCode, create.body).toBe(201);
        expect(create.json().mobile).toBe('139****0001');
        expect((await t.db.query<{ mobile_bidx: Buffer }>('SELECT mobile_bidx FROM customers WHERE id = $1', [seed.id])).rows[0]!.mobile_bidx).toEqual(t.keyring.blindIndex('mobile', '+8613900000000'));
        await t.db.query('DELETE FROM customers WHERE id = $1', [create.json().id]);
      }
      if (budgetVisible && v.budget === 'edit') expect(patchBudget.statusCode).toBe(200);
      else if (budgetVisible) expectError(patchBudget, 403, 'permission.field_read_only', 'cf_budget');
      else expectError(patchBudget, 400, 'field.unknown', 'cf_budget');
      if (create.statusCode !== 201) expect(await writeCounts(t.db)).toEqual(counts);
      if (v.sensitive !== 'edit' && v.budget !== 'edit') expect(await customerRow(t.db, seed.id)).toEqual(before);
      await t.db.query('UPDATE customers SET mobile_enc = $2, mobile_bidx = $3, cf_budget = $4 WHERE id = $1', [
        seed.id, Buffer.from(String(before!.mobile_enc).slice(2), 'hex'), Buffer.from(String(before!.mobile_bidx).slice(2), 'hex'), before!.cf_budget,
      ]);
      expect(await customerRow(t.db, seed.id)).toMatchObject({ mobile_enc: before!.mobile_enc, cf_budget: before!.cf_budget });
    });

    it('masked-only reveal answers the same for in-scope, out-of-scope and missing records (no oracle)', async () => {
      const masked = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, { ...grantAll(ALL_KEYS, 'read'), mobile: { access: 'read', masked: true } });
      await setUserRoles(t.db, ids.b2, [masked]);
      const answers = await Promise.all([byKey('C-b2').id, byKey('C-mgr').id, 987_654].map((id) => send('b2', 'POST', `/api/customers/${id}/reveal`, { field: 'mobile' })));
      for (const res of answers) expectError(res, 403, 'permission.field_masked', 'mobile');
    });

    // Regression (found by these tests, fixed): `masked` is honoured only for sensitive fields. A masked grant on any other
    // field is advertised (fields endpoint says masked, reveal refuses) but the value comes in clear.
    it('a masked grant on a non-sensitive field is not sent in clear', async () => {
      const maskedBudget = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, { ...grantAll(CUSTOMER_FIELD_KEYS, 'read'), cf_budget: { access: 'read', masked: true } });
      await setUserRoles(t.db, ids.b2, [maskedBudget]);
      const seed = byKey('C-b2');
      const stored = Number((await customerRow(t.db, seed.id))!.cf_budget);
      expect((await get('b2', '/api/objects/customer/fields')).json().find((f: { key: string }) => f.key === 'cf_budget')).toMatchObject({ masked: true });
      expectError(await send('b2', 'POST', `/api/customers/${seed.id}/reveal`, { field: 'cf_budget' }), 403, 'permission.field_masked', 'cf_budget');
      expect((await get('b2', `/api/customers/${seed.id}`)).json().cf_budget).not.toBe(stored);
    });

    // Regression (fixed in 66c0e49): with no `sort` the list sorted by createdAt even when it was hidden.
    it('a role that does not grant createdAt can still list and export without a sort, newest first', async () => {
      const narrow = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'dept' }, grantAll(['name', 'level'], 'read'));
      await setUserRoles(t.db, ids.b2, [narrow]);
      const list = await get('b2', '/api/customers');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([byKey('C-b2').id, byKey('C-b1').id]);
      expect(Object.keys(list.json().items[0]).sort()).toEqual(['id', 'level', 'name']);
      expect((await get('b2', '/api/customers/export')).statusCode).toBe(200);
      expectError(await get('b2', '/api/customers?sort=createdAt'), 400, 'field.unknown', 'createdAt');
    });

    it('read-only fields: PATCH is 403 permission.field_read_only and nothing changes, even with editable fields beside', async () => {
      const readOnly = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, { ...grantAll(ALL_KEYS, 'edit'), level: { access: 'read' }, name: { access: 'read' } });
      await setUserRoles(t.db, ids.b2, [readOnly]);
      const seed = byKey('C-b2');
      const before = await customerRow(t.db, seed.id);
      const counts = await writeCounts(t.db);
      for (const [payload, field] of [[{ level: 'A' }, 'level'], [{ company: 'changed', level: 'B' }, 'level'], [{ name: 'renamed', cf_budget: 3 }, 'name'], [{ level: null }, 'level']] as const) {
        expectError(await send('b2', 'PATCH', `/api/customers/${seed.id}`, payload), 403, 'permission.field_read_only', field);
      }
      expectError(await send('b2', 'POST', '/api/customers', { name: 'x' }), 403, 'permission.field_read_only', 'name');
      expectError(await send('b2', 'POST', '/api/customers', { company: 'x' }), 400, 'field.required', 'name');
      expect(await customerRow(t.db, seed.id)).toEqual(before);
      expect(await writeCounts(t.db)).toEqual(counts);
      expect((await send('b2', 'PATCH', `/api/customers/${seed.id}`, { company: 'allowed' })).statusCode).toBe(200);
      await t.db.query('UPDATE customers SET company = $2 WHERE id = $1', [seed.id, before!.company]);
    });

    // Regression (found by these tests, fixed): a creator who cannot see the required `name` skips the required check, and the
    // INSERT then violates NOT NULL → 500 instead of a 4xx.
    it('a creator without access to the required name gets a 4xx, not a 500', async () => {
      const noName = await insertRole(t.db, { ...FULL_OBJECT, dataScope: 'self' }, grantAll(ALL_KEYS.filter((k) => k !== 'name'), 'edit'));
      await setUserRoles(t.db, ids.b2, [noName]);
      const counts = await writeCounts(t.db);
      const res = await send('b2', 'POST', '/api/customers', { company: 'no name' });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(await writeCounts(t.db)).toEqual(counts);
    });
  });

  describe('object permissions', () => {
    const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
    const VARIANTS: [string, ObjectGrant | null][] = [
      ...ACTIONS.map((a): [string, ObjectGrant] => [`without ${a}`, { ...FULL_OBJECT, dataScope: 'self', [a]: false }]),
      ['no customer row at all', null],
    ];

    it.each(VARIANTS)('%s', async (_name, grant) => {
      await setUserRoles(t.db, ids.a11, [await insertRole(t.db, grant, grantAll(ALL_KEYS, 'edit'))]);
      const has = (a: (typeof ACTIONS)[number]) => Boolean(grant?.read && grant[a]);
      const seed = byKey('C-a11');
      const url = `/api/customers/${seed.id}`;
      const before = await customerRow(t.db, seed.id);
      /** Runs one request; a refused one must be 403 permission.denied and must write nothing. */
      const attempt = async (allowed: boolean, request: () => Promise<LightMyRequestResponse>) => {
        const counts = await writeCounts(t.db);
        const row = await customerRow(t.db, seed.id);
        const res = await request();
        if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expectError(res, 403, 'permission.denied');
          expect(await writeCounts(t.db)).toEqual(counts);
          expect(await customerRow(t.db, seed.id)).toEqual(row);
        }
        return res;
      };
      await attempt(has('read'), () => get('a11', '/api/customers?sort=id'));
      await attempt(has('read'), () => get('a11', '/api/objects/customer/fields'));
      await attempt(has('read'), () => get('a11', url));
      await attempt(has('read'), () => send('a11', 'POST', `${url}/reveal`, { field: 'mobile' }));
      await attempt(has('export'), () => get('a11', '/api/customers/export?sort=id'));
      const created = await attempt(has('create'), () => send('a11', 'POST', '/api/customers', { name: 'created' }));
      if (has('create')) await t.db.query('DELETE FROM customers WHERE id = $1', [created.json().id]);
      await attempt(has('update'), () => send('a11', 'PATCH', url, { company: 'updated' }));
      await attempt(has('update'), () => send('a11', 'POST', `${url}/transfer`, { ownerId: ids.a11 }));
      await attempt(has('delete'), () => send('a11', 'DELETE', url));
      expect(await customerRow(t.db, seed.id) === null).toBe(has('delete'));
      if (has('delete')) await t.db.query('INSERT INTO customers SELECT * FROM jsonb_populate_record(NULL::customers, $1)', [before]);
      else await t.db.query('UPDATE customers SET company = $2 WHERE id = $1', [seed.id, before!.company]);
      expect(await customerRow(t.db, seed.id)).toMatchObject({ id: seed.id, company: before!.company, owner_id: ids.a11 });
    });
  });

  describe('property: over arbitrary grants, no response carries a hidden field or a clear sensitive value', () => {
    const FIELDS = ['name', 'company', 'level', 'mobile', 'email', 'idNumber', 'createdAt', 'ownerId', 'cf_budget'] as const;
    const LABELS: Record<string, string> = { mobile: '手机号', email: '邮箱', idNumber: '身份证号', cf_budget: '预算', company: '公司', level: '客户等级' };
    const RANK = { hidden: 0, read: 1, edit: 2 } as const;
    const grantArb = fc.record({ access: fc.constantFrom<FieldAccessLevel>('hidden', 'read', 'edit'), masked: fc.boolean() });
    /** One role's field grants: any subset of the fields, each hidden / read / edit, masked or not. */
    const roleArb = fc.dictionary(fc.constantFrom(...FIELDS), grantArb, { maxKeys: FIELDS.length });

    it('list, detail, fields, export, filter, sort and q', async () => {
      const roles = [await insertRole(t.db, null, {}), await insertRole(t.db, null, {}), await insertRole(t.db, null, {})];
      await setUserRoles(t.db, ids.mgr, roles);
      const seed = byKey('C-a2');
      const allClear = seeded.flatMap((s) => [s.mobile.slice(3), s.email, s.idNumber]);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<DataScope>('self', 'self_sub', 'dept', 'dept_sub'),
          fc.boolean(),
          fc.tuple(roleArb, roleArb, roleArb),
          fc.constantFrom(...FIELDS),
          fc.constantFrom(...FIELDS),
          fc.boolean(),
          fc.constantFrom(seed.mobile.slice(3), seed.email, seed.idNumber, 'C-'),
          async (scope, exportable, grants, filterField, sortField, desc, q) => {
            await replaceObjectGrant(t.db, roles[0]!, { read: true, export: exportable, dataScope: scope });
            for (const [i, g] of grants.entries()) await replaceFieldGrants(t.db, roles[i]!, g);
            const merged = (key: string) => {
              const rows = grants.map((g) => g[key]).filter((g) => g !== undefined);
              const top = rows.reduce<FieldAccessLevel>((best, r) => (RANK[r.access] > RANK[best] ? r.access : best), 'hidden');
              return { top, masked: top !== 'hidden' && rows.filter((r) => r.access === top).every((r) => r.masked) };
            };
            const hidden = FIELDS.filter((k) => merged(k).top === 'hidden');
            const readable = seeded.filter((s) => modelSees('mgr', scope, s, 'read')).map((s) => s.id);

            const sort = `${desc ? '-' : ''}${sortField === 'mobile' || sortField === 'email' || sortField === 'idNumber' ? 'id' : sortField}`;
            const [list, filtered, detail, fields, exported] = await Promise.all([
              get('mgr', `/api/customers?pageSize=200&sort=${sort}`),
              get('mgr', `/api/customers?sort=id&q=${encodeURIComponent(q)}&${filterQs([{ field: filterField, op: 'isNotEmpty' }])}`),
              get('mgr', `/api/customers/${seed.id}`),
              get('mgr', '/api/objects/customer/fields'),
              get('mgr', '/api/customers/export?sort=id'),
            ]);
            for (const res of [list, filtered, detail, fields]) for (const value of allClear) expect(res.body).not.toContain(value);
            for (const key of hidden) {
              for (const item of [...(list.json().items ?? []), detail.json()]) expect(item).not.toHaveProperty(key);
              expect(fields.json().map((f: { key: string }) => f.key)).not.toContain(key);
              if (LABELS[key] && exported.statusCode === 200) expect(parseCsv(exported.body)[0]).not.toContain(LABELS[key]);
            }
            for (const key of SENSITIVE_KEYS) {
              if (exported.statusCode !== 200 || (merged(key).top !== 'hidden' && !merged(key).masked)) continue;
              for (const s of seeded) expect(exported.body).not.toContain(key === 'mobile' ? s.mobile.slice(3) : s[key]);
            }
            expect(exported.statusCode).toBe(exportable ? 200 : 403);

            if (hidden.includes(sortField) && sort !== '-id' && sort !== 'id') expectError(list, 400, 'field.unknown', sortField);
            else expect(list.json().items.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b)).toEqual(readable);
            if (hidden.includes(filterField)) expectError(filtered, 400, 'field.unknown', filterField);
            else {
              expect(filtered.statusCode, filtered.body).toBe(200);
              // q finds the seed by its exact mobile or e-mail only when that field is visible (no oracle);
              // an ID number is not a keyword field at all. 'C-' matches names: not counted here.
              const qField = q === seed.email ? 'email' : q === seed.idNumber ? null : q === 'C-' ? undefined : 'mobile';
              if (qField !== undefined) expect(filtered.json().total).toBe(qField !== null && merged(qField).top !== 'hidden' && readable.includes(seed.id) ? 1 : 0);
            }
            expect(detail.statusCode).toBe(readable.includes(seed.id) ? 200 : 404);
          },
        ),
        { seed: 2026, numRuns: 50 },
      );
    });
  });
});
