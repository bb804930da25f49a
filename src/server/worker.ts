import os from 'node:os';
import { ANALYSIS_NIGHTLY_JOB, ANALYSIS_RUN_JOB, analysisNightlyJob, analysisNightlySchedule, analysisRunJob } from '../modules/analytics/index.js';
import { traitsSubscription } from '../modules/customer360/index.js';
import { insightsWarmJob, insightsWarmSchedule } from '../modules/insights/index.js';
import { retentionJob, retentionSchedule } from '../modules/privacy/index.js';
import { QUALITY_JOB, qualityRecomputeJob, qualitySchedule, qualitySubscription } from '../modules/quality/index.js';
import { segmentsSubscription, segmentSweepJob, segmentSweepSchedule } from '../modules/segments/index.js';
import { tagSweepJob, tagSweepSchedule, tagsSubscription } from '../modules/tags/index.js';
import { sealPendingAudit } from '../platform/audit/index.js';
import { resolvePreparedCommits } from '../platform/db/index.js';
import { OutboxDispatcher } from '../platform/events/index.js';
import { JobWorker, listenForWork, PollLoop, pruneFinishedJobs, Scheduler } from '../platform/jobs/index.js';
import type { Logger } from '../platform/logger.js';
import type { Runtime } from './runtime.js';

/** Background work of a process: outbox dispatch, job execution and scheduled sweeps. */
export interface Workers {
  stop(): Promise<void>;
}

export function startWorkers(runtime: Runtime, logger: Logger): Workers {
  const dispatcher = new OutboxDispatcher({ db: runtime.db, clock: runtime.clock, subscriptions: [traitsSubscription(runtime), segmentsSubscription(runtime), tagsSubscription({ ...runtime, logger }), qualitySubscription(runtime)], pollIntervalMs: 500, logger });
  const workerId = `${os.hostname()}:${process.pid}`;
  const worker = new JobWorker({
    db: runtime.db,
    clock: runtime.clock,
    workerId,
    logger,
    concurrency: 4,
    pollIntervalMs: 1000,
    lockTimeoutMs: 5 * 60_000,
    handlers: {
      ...dispatcher.jobHandlers(),
      [retentionSchedule.jobName]: retentionJob({ db: runtime.db, clock: runtime.clock, logger }),
      [QUALITY_JOB]: qualityRecomputeJob({ ...runtime, logger }),
      [ANALYSIS_RUN_JOB]: analysisRunJob({ db: runtime.db, clock: runtime.clock, logger }),
      [ANALYSIS_NIGHTLY_JOB]: analysisNightlyJob({ db: runtime.db, clock: runtime.clock, logger }),
      [segmentSweepSchedule.jobName]: segmentSweepJob({ ...runtime, logger }),
      [tagSweepSchedule.jobName]: tagSweepJob({ ...runtime, logger }),
      [insightsWarmSchedule.jobName]: insightsWarmJob({ ...runtime, logger }),
      'platform.cleanup': async () => {
        await runtime.db.query(`DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - interval '24 hours'`, [runtime.clock.now()]);
        await runtime.db.query(`DELETE FROM sessions WHERE expires_at < $1`, [runtime.clock.now()]);
        await pruneFinishedJobs(runtime.db, runtime.clock.now());
      },
      // A side transaction left prepared by a process that died between its two commits (a CLI
      // import, say) holds its locks until resolved: not only at the next start, but within a minute.
      'platform.prepared-commits': async () => {
        const resolved = await resolvePreparedCommits(runtime.db);
        if (resolved.committed + resolved.rolledBack > 0) logger.info(resolved, 'resolved prepared side transactions left behind');
      },
    },
  });
  const scheduler = new Scheduler({
    db: runtime.db,
    clock: runtime.clock,
    schedules: [
      { name: 'platform-cleanup', everyMs: 3_600_000, jobName: 'platform.cleanup', payload: {} },
      { name: 'platform-prepared-commits', everyMs: 60_000, jobName: 'platform.prepared-commits', payload: {} },
      retentionSchedule, segmentSweepSchedule, tagSweepSchedule, analysisNightlySchedule, qualitySchedule, insightsWarmSchedule],
    pollIntervalMs: 5000,
    logger,
  });
  // Audit entries queued by tracking ingest join the hash chain within ~250 ms.
  const auditSealer = new PollLoop(async () => (await sealPendingAudit(runtime.db)) > 0, 250, (error) => logger.warn({ err: (error as Error).message }, 'audit sealing failed; retrying'));
  // New events and jobs wake the loops at once; the poll intervals above are the fallback.
  const wakeup = listenForWork(runtime.db.url, { outbox: dispatcher, jobs: worker }, (error) => logger.warn({ err: error.message }, 'work listener lost; polling'));
  void wakeup.start();
  dispatcher.start();
  worker.start();
  scheduler.start();
  auditSealer.start();
  return {
    async stop() {
      await wakeup.stop();
      await scheduler.stop();
      await dispatcher.stop();
      await worker.stop();
      await auditSealer.stop();
    },
  };
}
