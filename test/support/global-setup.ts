import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Database, type EmbeddedServer, migrate, startEmbeddedServer } from '../../src/platform/db/index.js';

/**
 * One PostgreSQL per test run: the embedded server by default, or the server of DATABASE_URL.
 * Migrates a template database once; each test file clones it (`CREATE DATABASE … TEMPLATE`).
 */
let embedded: EmbeddedServer | undefined;
let dataDir: string | undefined;
let adminUrl = '';
let template = '';

export async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relata-test-pg-'));
    fs.chmodSync(dataDir, 0o755); // the embedded server runs as its own unprivileged user
    embedded = await startEmbeddedServer(dataDir);
    adminUrl = embedded.url('postgres');
  }
  template = `relata_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const db = new Database(withDatabase(adminUrl, template), 2);
  await migrate(db);
  await db.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
}

export async function teardown(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbs = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
    [`relata_t${process.pid}_%`, template],
  );
  for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
  if (embedded) await embedded.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
