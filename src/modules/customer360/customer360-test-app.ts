import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { DUMMY_HASH, randomToken, tokenHash } from '../../platform/auth/index.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { type AppDeps, buildApp } from '../../platform/http/index.js';
import { createLogger } from '../../platform/logger.js';
import { MetadataCache } from '../../platform/permissions/index.js';
import { adminRoutes } from '../admin/index.js';
import { customerRoutes } from '../customers/index.js';
import { bootstrapOrganization, sessionRoutes } from '../organization/index.js';
import { customer360Routes } from './index.js';

/** The app with the 360 routes on a fresh real database (as test/support/test-app.ts, plus customer360). */
export interface Customer360TestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  deps: AppDeps;
  adminHeaders: Record<string, string>;
  /** A user with the given role ids and a live session (no scrypt): returns id and auth headers. */
  userWith(email: string, roleIds: readonly number[]): Promise<{ id: number; headers: Record<string, string> }>;
  close(): Promise<void>;
}

export const T0 = new Date('2026-06-01T08:00:00Z');

export async function createCustomer360TestApp(): Promise<Customer360TestApp> {
  const db = await createTestDatabase();
  const clock = new ManualClock(T0);
  const keyring = await Keyring.load(db, Buffer.alloc(32, 7));
  await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
  const config = { ...loadConfig({}), rateLimitPerMinute: 100_000, rateLimitPerIpPerMinute: 1_000_000 };
  const deps: AppDeps = { db, keyring, clock, config, logger: createLogger('silent'), cache: new MetadataCache() };
  const app = await buildApp(deps, [sessionRoutes, customerRoutes, adminRoutes, customer360Routes]);
  const session = async (userId: number) => {
    const token = randomToken();
    await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(token), userId, clock.now(), new Date(clock.now().getTime() + 86_400_000)]);
    return { authorization: `Bearer ${token}` };
  };
  const adminId = (await db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows[0]!.id;
  return {
    app,
    db,
    clock,
    deps,
    adminHeaders: await session(adminId),
    async userWith(email, roleIds) {
      const now = clock.now();
      const id = (
        await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ($1, $1, $2, $3, $3) RETURNING id`, [email, DUMMY_HASH, now])
      ).rows[0]!.id;
      await db.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::bigint[])', [id, [...roleIds]]);
      return { id, headers: await session(id) };
    },
    async close() {
      await app.close();
      await db.close();
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
