export { enqueue, enqueueMany, pruneFinishedJobs } from './job-repository.js';
export { PollLoop } from './poll-loop.js';
export { JobWorker, type JobWorkerOptions } from './job-worker.js';
export { Scheduler, SCHEDULER_LOCK_KEY, type SchedulerOptions } from './scheduler.js';
export { currentSlotStart, slotKey, type Schedule } from './schedule-slots.js';
export { retryDelayMs, MAX_RETRY_DELAY_MS } from './retry-backoff.js';
export type { EnqueueRequest, JobContext, JobHandler, JobLogger } from './job-types.js';
export { listenForWork, WORK_CHANNEL } from './work-wakeup.js';
