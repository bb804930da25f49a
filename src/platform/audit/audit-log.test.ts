import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import type { AuditEntry } from './audit-chain.js';
import { appendAudit, verifyAudit } from './audit-log.js';

const entry = (action: string, changes: Record<string, unknown> = {}): AuditEntry => ({
  at: new Date('2026-03-01T08:00:00.789Z'),
  actorType: 'user',
  actorId: 1,
  actorName: '管理员',
  action,
  object: 'customer',
  recordId: '42',
  changes,
  ip: '127.0.0.1',
  requestId: 'req-1',
});

describe('audit log', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('chains entries and verifies them', async () => {
    await db.tx((sql) => appendAudit(sql, [entry('customer.create', { name: [null, '张三'] })]));
    await db.tx((sql) => appendAudit(sql, [entry('customer.update', { level: ['B', 'A'] }), entry('login')]));
    expect(await verifyAudit(db, 2)).toEqual({ ok: true, checked: 3, brokenAt: null });
    const at = (await db.query<{ at: Date }>('SELECT at FROM audit_log LIMIT 1')).rows[0]!.at;
    expect(at.toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('refuses updates and deletes', async () => {
    await expect(db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects a row changed behind the trigger', async () => {
    await db.tx(async (sql) => {
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await sql.query(`UPDATE audit_log SET changes = '{"level":["B","C"]}' WHERE action = 'customer.update'`);
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    const result = await verifyAudit(db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(2);
  });
});
