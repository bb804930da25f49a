export { insightsRoutes } from './insights-routes.js';
export { InsightsService } from './insights-service.js';
export { insightsWarmJob, insightsWarmSchedule } from './insights-warm.js';
