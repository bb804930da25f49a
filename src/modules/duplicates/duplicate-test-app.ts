/** Test app with the duplicate routes on a fresh real database (as in consent-routes.test.ts). */
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { hashPassword } from '../../platform/auth/index.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { buildApp } from '../../platform/http/index.js';
import { createLogger } from '../../platform/logger.js';
import { MetadataCache } from '../../platform/permissions/index.js';
import { customerRoutes } from '../customers/index.js';
import { bootstrapOrganization, sessionRoutes } from '../organization/index.js';
import { duplicateRoutes } from './index.js';

export interface DuplicateTestApp {
  app: FastifyInstance;
  db: Database;
  keyring: Keyring;
  clock: ManualClock;
  adminHeaders: Record<string, string>;
  userWith(email: string, roleKeys: string[]): Promise<{ id: number; headers: Record<string, string> }>;
  close(): Promise<void>;
}

export async function createDuplicateTestApp(): Promise<DuplicateTestApp> {
  const db = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-06-01T08:00:00Z'));
  const keyring = await Keyring.load(db, Buffer.alloc(32, 7));
  await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
  const config = { ...loadConfig({}), rateLimitPerMinute: 100_000, rateLimitPerIpPerMinute: 1_000_000 };
  const deps = { db, keyring, clock, config, logger: createLogger('silent'), cache: new MetadataCache() };
  const app = await buildApp(deps, [sessionRoutes, customerRoutes, duplicateRoutes]);
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  return {
    app,
    db,
    keyring,
    clock,
    adminHeaders: await login('admin@test.local', 'admin-password-1'),
    async userWith(email, roleKeys) {
      const now = clock.now();
      const id = (
        await db.query<{ id: number }>(
          `INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ($1, $1, $2, $3, $3) RETURNING id`,
          [email, await hashPassword('password-123'), now],
        )
      ).rows[0]!.id;
      await db.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = ANY($2)', [id, roleKeys]);
      return { id, headers: await login(email, 'password-123') };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
