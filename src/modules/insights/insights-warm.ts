import type { JobHandler, JobLogger, Schedule } from '../../platform/jobs/index.js';
import type { RecordDeps } from '../../platform/records/index.js';
import { InsightsService } from './insights-service.js';

/** Daily, after the nightly analyses (02:30): the whole-company dashboard is ready when people arrive. */
export const insightsWarmSchedule: Schedule = { name: 'insights-warm', dailyAt: '04:30', jobName: 'insights.warm' };

export function insightsWarmJob(deps: RecordDeps & { logger?: JobLogger }): JobHandler {
  return async () => {
    await new InsightsService(deps).warm();
    deps.logger?.info({}, 'insight snapshots warmed');
  };
}
