import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Database } from '../../src/platform/db/index.js';
import { withDatabase } from './global-setup.js';

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `relata_t${template.slice('relata_tpl_'.length)}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return new Database(withDatabase(adminUrl, name), 5);
}
