import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchedule } from '../../platform/jobs/schedule-slots.js';
import { applyRetention, retentionJob, retentionSchedule } from './index.js';
import { createPrivacyTestApp, type PrivacyTestApp } from './privacy-test-app.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe('retention', () => {
  let t: PrivacyTestApp;
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const rules = (payload: unknown, headers = t.adminHeaders) =>
    t.app.inject({ method: 'PUT', url: '/api/admin/retention-rules', headers, payload: payload as Record<string, unknown> });
  /** `n` events `age` days old for customer 1, and as many ingested messages. */
  const seed = async (n: number, age: number, tag: string) => {
    await t.db.query(`INSERT INTO events (customer_id, type, name, occurred_at) SELECT 1, 'track', $2, $3 FROM generate_series(1, $1)`, [n, tag, daysAgo(age)]);
    await t.db.query(`INSERT INTO ingested_messages (source_id, message_id, received_at) SELECT 1, $2 || g, $3 FROM generate_series(1, $1) g`, [n, tag, daysAgo(age)]);
  };

  beforeAll(async () => {
    t = await createPrivacyTestApp();
  });
  afterAll(() => t.close());

  it('starts with the defaults: events 730 days, ingested messages 30 days', async () => {
    const res = await t.app.inject({ url: '/api/admin/retention-rules', headers: t.adminHeaders });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { dataType: 'events', keepDays: 730, updatedAt: null },
      { dataType: 'ingested_messages', keepDays: 30, updatedAt: null },
    ]);
  });

  it('deletes only rows older than the rule at a fixed now, in batches', async () => {
    await seed(25, 731, 'old-');
    await seed(4, 729, 'young-');
    await seed(3, 29, 'month-');
    expect(await applyRetention(t.db, NOW, 10)).toEqual({ events: 25, ingested_messages: 25 + 4 });
    expect(await count('events')).toBe(7);
    expect(await count('ingested_messages')).toBe(3);
    expect((await t.db.query<{ name: string }>('SELECT DISTINCT name FROM events ORDER BY name')).rows.map((r) => r.name)).toEqual(['month-', 'young-']);
    // A second run finds nothing: idempotent.
    expect(await applyRetention(t.db, NOW, 10)).toEqual({ events: 0, ingested_messages: 0 });
  });

  it('loops over exact multiples of the batch size', async () => {
    await seed(20, 1000, 'batch-');
    expect(await applyRetention(t.db, NOW, 5)).toEqual({ events: 20, ingested_messages: 20 });
  });

  it('changes keep_days (admin only, 1–3650, audited) and the job applies the new rule', async () => {
    const user = await t.userWith('plain@test.local', []);
    expect((await rules({ items: [{ dataType: 'events', keepDays: 60 }] }, user.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/admin/retention-rules', headers: user.headers })).statusCode).toBe(403);
    for (const keepDays of [0, 3651, 1.5]) expect((await rules({ items: [{ dataType: 'events', keepDays }] })).statusCode).toBe(400);
    expect((await rules({ items: [{ dataType: 'orders', keepDays: 10 }] })).statusCode).toBe(400);
    const res = await rules({ items: [{ dataType: 'events', keepDays: 60 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toEqual({ dataType: 'events', keepDays: 60, updatedAt: t.clock.now().toISOString() });
    const audit = await t.db.query(`SELECT record_id, changes FROM audit_log WHERE action = 'retention_rule.update'`);
    expect(audit.rows).toEqual([{ record_id: 'events', changes: { keepDays: [730, 60] } }]);

    t.clock.set(NOW);
    await retentionJob({ db: t.db, clock: t.clock })(null, { jobId: 1, name: 'privacy.retention', attempt: 1, maxAttempts: 5, workerId: 'w' });
    expect((await t.db.query<{ name: string }>('SELECT DISTINCT name FROM events ORDER BY name')).rows.map((r) => r.name)).toEqual(['month-']);
  });

  it('defines a valid nightly schedule', () => {
    expect(retentionSchedule).toEqual({ name: 'privacy-retention', dailyAt: '03:30', jobName: 'privacy.retention' });
    expect(() => checkSchedule(retentionSchedule)).not.toThrow();
  });
});
