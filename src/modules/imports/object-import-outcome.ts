import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, type RecordDeps, type RequestContext } from '../../platform/records/index.js';
import { computeTraits } from '../customer360/index.js';
import { buildErrorReport, type InvalidRow } from './error-report.js';
import { saveJob } from './import-repository.js';
import { setImportWorkMem } from './staging-repository.js';
import type { ObjectImportOptions } from './order-import-service.js';

/**
 * Customers per traits statement. Large on purpose: each statement joins its customers to orders
 * and events once, so small chunks rescan those tables chunk after chunk (at 5,000 per chunk a
 * 667k-customer import scanned the orders table 134 times).
 */
const TRAITS_CHUNK = 50_000;

/** What an order or event import tells the job table, the outbox and the audit log. */
export interface ImportOutcome {
  object: 'order' | 'event';
  topic: string;
  action: string;
  status: 'validated' | 'completed' | 'rejected';
  commit: boolean;
  headers: string[];
  invalid: InvalidRow[];
  counts: Record<string, number>;
}

/**
 * Saves the `import_jobs` row when there is an error report or a commit, and on commit publishes one
 * outbox event (through `eventSql` when given: a side transaction that commits last) and appends
 * one audit entry (record id = job id). Returns the job id (or null).
 */
export async function saveImportOutcome(
  sql: Sql, ctx: RequestContext, now: Date, options: ObjectImportOptions, o: ImportOutcome, eventSql: Sql = sql,
): Promise<{ jobId: number | null; errorReportId: number | null }> {
  const report = o.invalid.length ? buildErrorReport(o.headers, o.invalid, options.locale) : null;
  if (!report && !o.commit) return { jobId: null, errorReportId: null };
  const jobId = await saveJob(sql, { object: o.object, status: o.status, mode: options.mode, file_name: options.fileName ?? null, error_report: report, created_by: ctx.access.actor.userId, counts: o.counts }, now);
  if (o.commit) {
    const payload = { jobId, ...o.counts };
    await publish(eventSql, { topic: o.topic, aggregateType: 'import', aggregateId: String(jobId), payload }, { now: () => now });
    await appendAudit(sql, [auditEntry(ctx, now, o.action, o.object, String(jobId), { ...payload, strict: Boolean(options.strict), fileName: options.fileName ?? null })]);
  }
  return { jobId, errorReportId: report ? jobId : null };
}

/**
 * Recomputes the computed traits of the customers an import touched, TRAITS_CHUNK at a time (one
 * transaction each), two chunks at once on two connections: each statement runs on one core, the
 * chunks share no customer, and a 10M-line order import spends ~26 s here with one.
 */
export async function refreshImportedTraits(deps: RecordDeps, ids: readonly number[], onProgress?: ObjectImportOptions['onProgress'], chunkSize = TRAITS_CHUNK): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (let at = next; at < ids.length; at = next) {
      next += chunkSize;
      const chunk = ids.slice(at, at + chunkSize);
      try {
        await deps.db.tx(async (sql) => {
          await setImportWorkMem(sql);
          await computeTraits(sql, chunk, deps.clock.now());
        });
      } catch (error) {
        next = ids.length; // the other lane stops after its current chunk
        throw error;
      }
      done += chunk.length;
      onProgress?.({ phase: 'traits', done });
    }
  };
  await Promise.all([lane(), lane()]);
}
