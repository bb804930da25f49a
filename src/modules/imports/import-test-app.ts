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
import { importRoutes } from './index.js';

/** The app with the import routes on a fresh real database (for tests, until the server lists them). */
export interface ImportTestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  adminHeaders: Record<string, string>;
  /** A user with one new role granting these customer actions (read always), logged in. */
  userWith(email: string, grants: { create?: boolean; update?: boolean; readOnly?: string[] }): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function createImportTestApp(): Promise<ImportTestApp> {
  const db = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-06-01T08:00:00Z'));
  const keyring = await Keyring.load(db, Buffer.alloc(32, 7));
  await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
  const config = { ...loadConfig({}), rateLimitPerMinute: 100_000, rateLimitPerIpPerMinute: 1_000_000 };
  const deps = { db, keyring, clock, config, logger: createLogger('silent'), cache: new MetadataCache() };
  const app = await buildApp(deps, [sessionRoutes, customerRoutes, importRoutes]);
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
    return { authorization: `Bearer ${res.json().token}` };
  };
  return {
    app,
    db,
    clock,
    adminHeaders: await login('admin@test.local', 'admin-password-1'),
    async userWith(email, grants) {
      const now = clock.now();
      const role = (await db.query<{ id: number }>(`INSERT INTO roles (name) VALUES ($1) RETURNING id`, [email])).rows[0]!.id;
      await db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, data_scope) VALUES ($1, 'customer', true, $2, $3, 'self')`, [role, grants.create ?? false, grants.update ?? false]);
      for (const key of ['name', 'kind', 'level', 'source', 'mobile', 'email', 'company']) {
        await db.query(`INSERT INTO role_field_permissions (role_id, object, field, access) VALUES ($1, 'customer', $2, $3)`, [role, key, grants.readOnly?.includes(key) ? 'read' : 'edit']);
      }
      const user = (await db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ($1, $1, $2, $3, $3) RETURNING id`, [email, await hashPassword('password-123'), now])).rows[0]!.id;
      await db.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [user, role]);
      return login(email, 'password-123');
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
