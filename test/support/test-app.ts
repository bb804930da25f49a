import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { Keyring } from '../../src/platform/crypto/index.js';
import type { Database } from '../../src/platform/db/index.js';
import type { AppDeps } from '../../src/platform/http/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { MetadataCache } from '../../src/platform/permissions/index.js';
import { hashPassword } from '../../src/platform/auth/index.js';
import { bootstrapOrganization } from '../../src/modules/organization/index.js';
import { createHttpApp } from '../../src/server/http-server.js';
import { createTestDatabase } from './test-database.js';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'admin-password-1';
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

/**
 * The real HTTP app on a fresh real database, driven with `app.inject()` (no sockets).
 * `login()` returns auth headers; `createUser()` adds a user with roles straight in SQL.
 * `now` sets the ManualClock's start (default: the real current time).
 */
export interface TestApp {
  app: FastifyInstance;
  db: Database;
  keyring: Keyring;
  clock: ManualClock;
  /** The deps the app was built with (same db, clock and metadata cache). */
  deps: AppDeps;
  adminHeaders: Record<string, string>;
  login(email: string, password: string): Promise<Record<string, string>>;
  createUser(input: { email: string; name?: string; password?: string; roleKeys?: string[]; roleIds?: number[]; departmentId?: number | null; managerId?: number | null }): Promise<number>;
  close(): Promise<void>;
}

export async function createTestApp(options: { rateLimitPerMinute?: number; now?: Date } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new ManualClock(options.now ?? new Date());
  const keyring = await Keyring.load(db, TEST_MASTER_KEY);
  await bootstrapOrganization(db, clock, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const config = { ...loadConfig({}), rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000, rateLimitPerIpPerMinute: 1_000_000 };
  const deps: AppDeps = { db, keyring, clock, config, logger: createLogger('silent'), cache: new MetadataCache() };
  const app = await createHttpApp(deps);
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  const adminHeaders = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  return {
    app,
    db,
    keyring,
    clock,
    deps,
    adminHeaders,
    login,
    async createUser(input) {
      const now = clock.now();
      const id = (await db.query<{ id: number }>(
        'INSERT INTO users (email, name, password_hash, department_id, manager_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id',
        [input.email, input.name ?? input.email.split('@')[0], await hashPassword(input.password ?? 'password-123'), input.departmentId ?? null, input.managerId ?? null, now],
      )).rows[0]!.id;
      await db.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = ANY($2) OR id = ANY($3)', [id, input.roleKeys ?? [], input.roleIds ?? []]);
      return id;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
