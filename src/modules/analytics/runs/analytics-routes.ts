import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/http/index.js';
import { crossSellRoutes } from '../basket/cross-sell-routes.js';
import { rfmRoutes } from '../rfm/rfm-routes.js';
import { analysisRunRoutes } from './run-routes.js';

/** Every analytics route (add to the server's module list once). */
export function analyticsRoutes(app: FastifyInstance, deps: AppDeps): void {
  analysisRunRoutes(app, deps);
  rfmRoutes(app, deps);
  crossSellRoutes(app, deps);
}
