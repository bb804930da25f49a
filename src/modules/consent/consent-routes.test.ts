import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** The full test app (test/support/test-app.ts) plus a helper for users with roles. */
interface ConsentTestApp extends TestApp {
  /** A user with the given roles (by key or id), logged in: returns id and auth headers. */
  userWith(email: string, roles: { keys?: string[]; ids?: number[] }): Promise<{ id: number; headers: Record<string, string> }>;
}

async function createConsentTestApp(): Promise<ConsentTestApp> {
  const t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  return {
    ...t,
    async userWith(email, roles) {
      const id = await t.createUser({ email, name: email, roleKeys: roles.keys ?? [], roleIds: roles.ids ?? [] });
      return { id, headers: await t.login(email, 'password-123') };
    },
  };
}

describe('consent routes', () => {
  let t: ConsentTestApp;
  let customerId: number;
  const url = () => `/api/customers/${customerId}/consents`;
  const post = (payload: unknown, headers = t.adminHeaders, id = customerId) =>
    t.app.inject({ method: 'POST', url: `/api/customers/${id}/consents`, headers, payload: payload as Record<string, unknown> });
  const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_events')).rows[0]!.n;

  beforeAll(async () => {
    t = await createConsentTestApp();
    const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '同意测试' } });
    customerId = created.json().id;
  });
  afterAll(() => t.close());

  it('records entries and reads the current state and the history, audited and published', async () => {
    const grant = await post({ purpose: 'marketing', channel: 'sms', status: 'granted', occurredAt: '2026-05-01T10:00:00Z', source: 'ui', evidence: { form: 'signup', textVersion: 'v3', ip: '10.0.0.1' } });
    expect(grant.statusCode).toBe(201);
    expect(grant.json()).toMatchObject({ customerId, purpose: 'marketing', channel: 'sms', status: 'granted', occurredAt: '2026-05-01T10:00:00.000Z', recordedAt: '2026-06-01T08:00:00.000Z', source: 'ui', actorType: 'user', evidence: { form: 'signup' } });
    const withdraw = await post({ purpose: 'marketing', channel: 'any', status: 'withdrawn', occurredAt: '2026-05-02T10:00:00Z' });
    expect(withdraw.json().source).toBe('api');
    await post({ purpose: 'marketing', channel: 'email', status: 'granted' });

    const read = await t.app.inject({ url: url(), headers: t.adminHeaders });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body.history.map((e: { channel: string }) => e.channel)).toEqual(['email', 'any', 'sms']);
    const current = Object.fromEntries(body.current.map((s: { channel: string; status: string }) => [s.channel, s.status]));
    expect(current).toEqual({ email: 'granted', sms: 'withdrawn', wecom: 'withdrawn', push: 'withdrawn', any: 'withdrawn' });
    expect(body.current.find((s: { channel: string }) => s.channel === 'email')).toMatchObject({ purpose: 'marketing', occurredAt: '2026-06-01T08:00:00.000Z' });

    const audit = await t.db.query<{ action: string; object: string; record_id: string; changes: Record<string, unknown> }>(`SELECT action, object, record_id, changes FROM audit_log WHERE action = 'consent.record' ORDER BY id`);
    expect(audit.rows).toHaveLength(3);
    expect(audit.rows[0]).toMatchObject({ object: 'customer', record_id: String(customerId), changes: { purpose: 'marketing', channel: 'sms', status: 'granted', evidenceKeys: ['form', 'ip', 'textVersion'] } });
    expect(JSON.stringify(audit.rows)).not.toContain('10.0.0.1');
    const outbox = await t.db.query<{ payload: { entryId: number } }>(`SELECT payload FROM outbox WHERE topic = 'consent.changed' ORDER BY id`);
    expect(outbox.rows.map((r) => r.payload.entryId)).toEqual([grant.json().id, withdraw.json().id, expect.any(Number)]);
  });

  it('keeps the history append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    await post({ purpose: 'analytics', channel: 'any', status: 'granted' });
    await expect(t.db.query(`UPDATE consent_events SET status = 'withdrawn'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM consent_events')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE consent_events')).rejects.toThrow(/append-only/);
    expect(await count()).toBeGreaterThan(0);
  });

  it('rejects bad values with the field at fault and writes nothing', async () => {
    const before = await count();
    const good = { purpose: 'marketing', channel: 'sms', status: 'granted' };
    for (const [payload, code, field] of [
      [{ ...good, purpose: 'spam' }, 'request.invalid', 'purpose'],
      [{ ...good, channel: 'fax' }, 'request.invalid', 'channel'],
      [{ ...good, status: 'maybe' }, 'request.invalid', 'status'],
      [{ ...good, source: 'rumour' }, 'request.invalid', 'source'],
      // `erasure` is written by the system only (privacy's erasure, erased identifiers coming back).
      [{ ...good, source: 'erasure' }, 'request.invalid', 'source'],
      [{ purpose: 'marketing', channel: 'sms' }, 'request.invalid', 'status'],
      [{ ...good, occurredAt: 'yesterday' }, 'field.invalid_value', 'occurredAt'],
      [{ ...good, occurredAt: '2027-01-01T00:00:00Z' }, 'field.invalid_value', 'occurredAt'],
      [{ ...good, evidence: { text: 'x'.repeat(9_000) } }, 'field.invalid_value', 'evidence'],
      [{ ...good, extra: 1 }, 'request.unknown_property', 'extra'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect(await count()).toBe(before);
  });

  it('answers 404 for a customer outside the caller scope and for a missing one', async () => {
    const rep = await t.userWith('rep@test.local', { keys: ['sales_rep'] });
    expect((await t.app.inject({ url: url(), headers: rep.headers })).statusCode).toBe(404);
    const res = await post({ purpose: 'marketing', channel: 'sms', status: 'granted' }, rep.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('record.not_found');
    expect((await post({ purpose: 'marketing', channel: 'sms', status: 'granted' }, t.adminHeaders, 999_999)).statusCode).toBe(404);
  });

  it('lets a read-only role read but not record (403)', async () => {
    const role = (await t.db.query<{ id: number }>(`INSERT INTO roles (key, name) VALUES ('viewer', '只读') RETURNING id`)).rows[0]!.id;
    await t.db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, data_scope) VALUES ($1, 'customer', true, 'all')`, [role]);
    const viewer = await t.userWith('viewer@test.local', { ids: [role] });
    expect((await t.app.inject({ url: url(), headers: viewer.headers })).statusCode).toBe(200);
    const before = await count();
    const res = await post({ purpose: 'marketing', channel: 'sms', status: 'granted' }, viewer.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('permission.denied');
    expect(await count()).toBe(before);
  });

  it('refuses a team member with read access on the record (403), though the role may update', async () => {
    const rep = await t.userWith('teammate@test.local', { keys: ['sales_rep'] });
    await t.db.query(`INSERT INTO customer_team (customer_id, user_id, access) VALUES ($1, $2, 'read')`, [customerId, rep.id]);
    expect((await t.app.inject({ url: url(), headers: rep.headers })).statusCode).toBe(200);
    expect((await post({ purpose: 'marketing', channel: 'sms', status: 'granted' }, rep.headers)).statusCode).toBe(403);
  });
});
