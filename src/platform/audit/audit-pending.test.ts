import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import type { AuditEntry } from './audit-chain.js';
import { appendAudit, verifyAudit } from './audit-log.js';
import { queueAudit, sealAllPendingAudit, sealPendingAudit } from './audit-pending.js';

const entry = (action: string, recordId: string, at = '2026-03-01T08:00:00.789Z'): AuditEntry => ({
  at: new Date(at),
  actorType: 'system',
  actorId: 7,
  actorName: 'source:web',
  action,
  object: 'customer',
  recordId,
  changes: { name: '王芳', via: 'identify' },
  ip: '10.0.0.1',
  requestId: 'req-9',
});

describe('queued audit entries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const chained = async () => (await db.query<{ action: string; record_id: string; at: Date; changes: unknown }>('SELECT action, record_id, at, changes FROM audit_log ORDER BY id')).rows;

  it('commit with the write, join the chain when sealed, in the order they were queued', async () => {
    await db.tx((sql) => queueAudit(sql, [entry('customer.update', '1'), entry('customer.merge', '2')]));
    await db.tx((sql) => appendAudit(sql, [entry('login', '0')]));
    await db.tx((sql) => queueAudit(sql, [entry('customer.update', '3', '2026-03-01T09:30:15.5Z')]));
    expect((await chained()).map((r) => r.action)).toEqual(['login']);

    expect(await sealPendingAudit(db, 2)).toBe(2);
    expect(await sealAllPendingAudit(db)).toBe(1);
    expect(await sealPendingAudit(db)).toBe(0);
    const rows = await chained();
    expect(rows.map((r) => `${r.action}:${r.record_id}`)).toEqual(['login:0', 'customer.update:1', 'customer.merge:2', 'customer.update:3']);
    expect(rows[3]!.at.toISOString()).toBe('2026-03-01T09:30:15.000Z');
    expect(rows[1]!.changes).toEqual({ name: '王芳', via: 'identify' });
    expect(await verifyAudit(db)).toEqual({ ok: true, checked: 4, brokenAt: null });
    expect((await db.query('SELECT 1 FROM audit_pending')).rowCount).toBe(0);
  });

  it('a rolled-back write leaves no queued entry', async () => {
    await expect(
      db.tx(async (sql) => {
        await queueAudit(sql, [entry('customer.update', '99')]);
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect(await sealAllPendingAudit(db)).toBe(0);
  });

  it('concurrent sealers chain every entry once', async () => {
    for (let i = 0; i < 20; i++) await db.tx((sql) => queueAudit(sql, [entry('customer.update', `c${i}`)]));
    const before = (await chained()).length;
    const sealed = await Promise.all([sealPendingAudit(db, 7), sealPendingAudit(db, 7), sealAllPendingAudit(db)]);
    expect(sealed.reduce((a, b) => a + b, 0) + (await sealAllPendingAudit(db))).toBe(20);
    const rows = await chained();
    expect(rows.length - before).toBe(20);
    expect(new Set(rows.slice(before).map((r) => r.record_id)).size).toBe(20);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
