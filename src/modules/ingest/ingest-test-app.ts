import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { buildApp } from '../../platform/http/index.js';
import { createLogger } from '../../platform/logger.js';
import { MetadataCache } from '../../platform/permissions/index.js';
import { adminRoutes } from '../admin/index.js';
import { customerRoutes } from '../customers/index.js';
import { bootstrapOrganization, sessionRoutes } from '../organization/index.js';
import { ingestRoutes } from './index.js';

const ADMIN = { email: 'admin@ingest.test', password: 'admin-password-1' };

export interface IngestTestApp {
  app: FastifyInstance;
  db: Database;
  clock: ManualClock;
  adminHeaders: Record<string, string>;
  /** A new source's write key and id. */
  createSource(name?: string): Promise<{ id: number; writeKey: string }>;
  close(): Promise<void>;
}

/**
 * Tests only: the real app (sessions, customers, admin + ingest routes, like createTestApp in
 * test/support) over a fresh real database, until the server's module list includes ingestRoutes.
 */
export async function createIngestTestApp(): Promise<IngestTestApp> {
  const db = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-05-01T08:00:00Z'));
  const keyring = await Keyring.load(db, Buffer.alloc(32, 7));
  await bootstrapOrganization(db, clock, ADMIN);
  const config = { ...loadConfig({}), rateLimitPerMinute: 100_000, rateLimitPerIpPerMinute: 1_000_000 };
  const deps = { db, keyring, clock, config, logger: createLogger('silent'), cache: new MetadataCache() };
  const app = await buildApp(deps, [sessionRoutes, customerRoutes, adminRoutes, ingestRoutes]);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const adminHeaders = { authorization: `Bearer ${login.json().token}` };
  return {
    app,
    db,
    clock,
    adminHeaders,
    async createSource(name = 'web') {
      const res = await app.inject({ method: 'POST', url: '/api/sources', headers: adminHeaders, payload: { name } });
      if (res.statusCode !== 201) throw new Error(`source failed: ${res.body}`);
      return res.json();
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export function basicAuth(writeKey: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
}
