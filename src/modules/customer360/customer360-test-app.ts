import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { DUMMY_HASH, randomToken, tokenHash } from '../../platform/auth/index.js';
import type { Database } from '../../platform/db/index.js';

/** The full test app (test/support/test-app.ts) plus the 360 tests' helpers. */
export interface Customer360TestApp extends TestApp {
  /** A user with the given role ids and a live session (no scrypt): returns id and auth headers. */
  userWith(email: string, roleIds: readonly number[]): Promise<{ id: number; headers: Record<string, string> }>;
}

export const T0 = new Date('2026-06-01T08:00:00Z');

export async function createCustomer360TestApp(): Promise<Customer360TestApp> {
  const t = await createTestApp({ now: T0 });
  const { db, clock } = t;
  const session = async (userId: number) => {
    const token = randomToken();
    await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), userId, clock.now(), new Date(clock.now().getTime() + 86_400_000)]);
    return { authorization: `Bearer ${token}` };
  };
  return {
    ...t,
    async userWith(email, roleIds) {
      const now = clock.now();
      const id = (
        await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ($1, $1, $2, $3, $3) RETURNING id`, [email, DUMMY_HASH, now])
      ).rows[0]!.id;
      await db.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::bigint[])', [id, [...roleIds]]);
      return { id, headers: await session(id) };
    },
  };
}

const DAY = 86_400_000;

/** `now` shifted by whole days (negative = past). */
export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY);
}

export async function insertEvent(db: Database, customerId: number, type: string, name: string, at: Date): Promise<number> {
  const r = await db.query<{ id: number }>('INSERT INTO events (customer_id, type, name, occurred_at) VALUES ($1, $2, $3, $4) RETURNING id', [customerId, type, name, at]);
  return r.rows[0]!.id;
}

let orderCounter = 0;

export async function insertOrder(db: Database, customerId: number, amount: string, at: Date, status = 'paid'): Promise<number> {
  orderCounter += 1;
  const r = await db.query<{ id: number }>(
    `INSERT INTO orders (customer_id, order_no, amount, channel, status, ordered_at, created_at) VALUES ($1, $5, $2, 'pos', $4, $3, $3) RETURNING id`,
    [customerId, amount, at, status, `NO-${customerId}-${orderCounter}`],
  );
  return r.rows[0]!.id;
}
