/**
 * Recomputes the quality flags: keyset batches of customers, sensitive values decrypted in memory
 * only, flags from the pure rules, one DELETE + one INSERT per batch (each batch its own
 * transaction, so a long run never holds locks for long). Also used per customer on write.
 */
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { JobHandler, JobLogger, Schedule } from '../../platform/jobs/index.js';
import { deleteFlagsAfter, insertRun, readCustomers, replaceFlags, type StoredCustomerRow } from './quality-repository.js';
import { customerQualityFlags, type QualityFlag } from './quality-rules.js';

export interface QualityDeps {
  db: Database;
  keyring: Keyring;
  clock: Clock;
}

export const QUALITY_JOB = 'quality.recompute';

/** For src/server/worker.ts: recompute every night at 01:30 Asia/Shanghai (RFM runs at 02:30). */
export const qualitySchedule: Schedule = { name: 'quality-recompute', dailyAt: '01:30', jobName: QUALITY_JOB };

function flagsOf(rows: readonly StoredCustomerRow[], keyring: Keyring, today: string): Array<QualityFlag & { customerId: number }> {
  const open = (sealed: Buffer | null) => (sealed ? keyring.decrypt(sealed) : null);
  return rows.flatMap((r) =>
    customerQualityFlags(
      { name: r.name, mobile: open(r.mobile_enc), email: open(r.email_enc), idNumber: open(r.id_number_enc), address: open(r.address_enc), regionCode: r.region_code, creditCode: r.credit_code },
      today,
    ).map((flag) => ({ ...flag, customerId: r.id })),
  );
}

const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Replaces the flags of customers with ids in (afterId, toId], batch by batch; returns the counts. */
async function flagRange(deps: QualityDeps, afterId: number, toId: number, batchSize: number, now: Date) {
  let lastId = afterId;
  let customers = 0;
  let flags = 0;
  for (;;) {
    const rows = await readCustomers(deps.db, { afterId: lastId, limit: batchSize, toId });
    if (rows.length === 0) break;
    const batch = flagsOf(rows, deps.keyring, todayOf(now));
    const batchEnd = rows.length < batchSize ? toId : rows.at(-1)!.id;
    await deps.db.tx((sql) => replaceFlags(sql, { fromId: lastId + 1, toId: batchEnd }, batch, now));
    [lastId, customers, flags] = [batchEnd, customers + rows.length, flags + batch.length];
    if (rows.length < batchSize) break;
  }
  return { lastId, customers, flags };
}

export async function recomputeQuality(deps: QualityDeps, options: { batchSize?: number; requestedBy?: number | null } = {}) {
  const startedAt = deps.clock.now();
  const started = performance.now();
  const result = await flagRange(deps, 0, Number.MAX_SAFE_INTEGER, options.batchSize ?? 5_000, startedAt);
  await deleteFlagsAfter(deps.db, result.lastId);
  const seconds = Math.round(performance.now() - started) / 1000;
  const { customers, flags } = result;
  await insertRun(deps.db, { startedAt, finishedAt: new Date(startedAt.getTime() + seconds * 1000), customers, flags, requestedBy: options.requestedBy ?? null });
  return { customers, flags, seconds };
}

/** Flags of the customers an import created (ids firstId…lastId; a concurrent writer's rows too, harmlessly). */
export async function refreshQualityRange(deps: QualityDeps, firstId: number, lastId: number): Promise<void> {
  if (firstId > 0 && lastId >= firstId) await flagRange(deps, firstId - 1, lastId, 5_000, deps.clock.now());
}

/** Flags of a few customers, right after they were written (deleted ones lose their flags). */
export async function refreshQualityFlags(deps: QualityDeps, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await deps.db.tx(async (sql) => {
    const rows = await readCustomers(sql, { ids });
    await replaceFlags(sql, { ids }, flagsOf(rows, deps.keyring, todayOf(deps.clock.now())), deps.clock.now());
  });
}

/** Handler of `quality.recompute` (idempotent: it replaces every flag from the current values). */
export function qualityRecomputeJob(deps: QualityDeps & { logger?: JobLogger }): JobHandler {
  return async (payload) => {
    const requestedBy = payload && typeof payload === 'object' && 'requestedBy' in payload ? Number(payload.requestedBy) || null : null;
    const result = await recomputeQuality(deps, { requestedBy });
    deps.logger?.info({ ...result }, 'quality flags recomputed');
  };
}
