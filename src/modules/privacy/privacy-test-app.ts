import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { customerObject, normalizeEmail, normalizeMobile } from '../customers/index.js';

export interface Person {
  id: number;
  name: string;
  mobile: string;
  email: string;
  userId: string;
}

/** The full test app (test/support/test-app.ts) plus the privacy tests' helpers. */
export interface PrivacyTestApp extends TestApp {
  /** A role over customers: object rights, scope, every field readable (`masked` ones masked). */
  role(key: string, rights: { delete?: boolean; export?: boolean; scope?: string; masked?: string[] }): Promise<void>;
  userWith(email: string, roleKeys: string[]): Promise<{ id: number; headers: Record<string, string> }>;
  /** A customer with profile, identifiers, events (PII in properties/context), an order with lines. */
  seedPerson(name: string, mobile: string, email: string, userId: string): Promise<Person>;
}

export async function createPrivacyTestApp(): Promise<PrivacyTestApp> {
  const t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  const { app, db, keyring, clock, adminHeaders } = t;
  return {
    ...t,
    async role(key, rights) {
      const roleId = (await db.query<{ id: number }>('INSERT INTO roles (key, name) VALUES ($1, $1) RETURNING id', [key])).rows[0]!.id;
      await db.query(
        `INSERT INTO role_object_permissions (role_id, object, can_read, can_delete, can_export, data_scope) VALUES ($1, 'customer', true, $2, $3, $4)`,
        [roleId, rights.delete ?? false, rights.export ?? false, rights.scope ?? 'all'],
      );
      for (const field of customerObject.systemFields) {
        await db.query(`INSERT INTO role_field_permissions (role_id, object, field, access, masked) VALUES ($1, 'customer', $2, 'read', $3)`, [roleId, field.key, (rights.masked ?? []).includes(field.key)]);
      }
    },
    async userWith(email, roleKeys) {
      const id = await t.createUser({ email, name: email, roleKeys });
      return { id, headers: await t.login(email, 'password-123') };
    },
    async seedPerson(name, mobile, email, userId) {
      const created = await app.inject({ method: 'POST', url: '/api/customers', headers: adminHeaders, payload: { name, mobile, email, company: `${name}的公司` } });
      if (created.statusCode !== 201) throw new Error(created.body);
      const id = created.json().id as number;
      const now = clock.now();
      const m = normalizeMobile(mobile)!;
      const e = normalizeEmail(email)!;
      const ident = (type: string, value: string, sealed: boolean) =>
        db.query('INSERT INTO customer_identifiers (customer_id, type, value_hash, value_enc, value, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          id, type, keyring.blindIndex(`identifier:${type}`, value), sealed ? keyring.encrypt(value) : null, sealed ? null : value, now,
        ]);
      await ident('mobile', m, true);
      await ident('email', e, true);
      await ident('userId', userId, false);
      await ident('anonymousId', `anon-${userId}`, false);
      await db.query(
        `INSERT INTO events (customer_id, type, name, properties, context, anonymous_id, user_id, message_id, occurred_at, received_at)
         VALUES ($1, 'track', 'Signed Up', $2, $3, $4, $5, $6, $7, $7), ($1, 'page', 'Home', '{}', NULL, $4, NULL, NULL, $7, $7)`,
        [id, { email, phone: mobile, fullName: name }, { ip: `10.1.${id}.3`, traits: { name } }, `anon-${userId}`, userId, `msg-${userId}`, now],
      );
      const orderId = (
        await db.query<{ id: number }>(`INSERT INTO orders (customer_id, order_no, amount, channel, ordered_at, created_at) VALUES ($1, $2, 199.50, 'tmall', $3, $3) RETURNING id`, [id, `SO-${id}`, now])
      ).rows[0]!.id;
      await db.query(
        `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, quantity, unit_price, amount) VALUES ($1, $2, 1, 'SKU-1', '茶叶', 1, 199.50, 199.50)`,
        [id, orderId],
      );
      await db.query(
        `INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type) VALUES ($1, 'marketing', 'sms', 'granted', $2, $2, 'ui', '{}', 'system')`,
        [id, now],
      );
      await db.query(`INSERT INTO customer_traits (customer_id, order_count, order_total, computed_at) VALUES ($1, 1, 199.50, $2)`, [id, now]);
      return { id, name, mobile, email, userId };
    },
  };
}
