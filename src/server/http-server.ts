import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../platform/http/index.js';
import { shareAccessVersions } from '../platform/http/cluster-access.js';
import { inApiCluster } from '../platform/http/cluster-metrics.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { AccessVersionListener, MetadataCache } from '../platform/permissions/index.js';
import { adminRoutes } from '../modules/admin/index.js';
import { analyticsRoutes } from '../modules/analytics/index.js';
import { consentRoutes } from '../modules/consent/index.js';
import { customer360Routes } from '../modules/customer360/index.js';
import { customerRoutes } from '../modules/customers/index.js';
import { duplicateRoutes } from '../modules/duplicates/index.js';
import { importRoutes } from '../modules/imports/index.js';
import { insightsRoutes } from '../modules/insights/index.js';
import { ingestRoutes } from '../modules/ingest/index.js';
import { orderRoutes } from '../modules/orders/index.js';
import { privacyRoutes } from '../modules/privacy/index.js';
import { qualityRoutes } from '../modules/quality/index.js';
import { segmentRoutes } from '../modules/segments/index.js';
import { sessionRoutes } from '../modules/organization/index.js';
import { tagRoutes } from '../modules/tags/index.js';

/** The whole HTTP surface: platform plus every module's routes. One metadata cache per process. */
export function createHttpApp(deps: Omit<AppDeps, 'cache'> & { cache?: MetadataCache }): Promise<FastifyInstance> {
  return buildApp({ ...deps, cache: deps.cache ?? new MetadataCache() }, [sessionRoutes, customerRoutes, adminRoutes, consentRoutes, ingestRoutes, orderRoutes, customer360Routes, privacyRoutes, importRoutes, duplicateRoutes, analyticsRoutes, segmentRoutes, qualityRoutes, insightsRoutes, tagRoutes]);
}

/**
 * The API as `relata start` runs it: one metadata cache kept current by the access-version listener
 * (requests then skip the version query), which stops when the app closes.
 */
export async function createApiServer(runtime: Omit<AppDeps, 'cache' | 'config' | 'logger'>, config: Config, logger: Logger): Promise<FastifyInstance> {
  const cache = new MetadataCache();
  const listener = new AccessVersionListener(runtime.db.url, cache, (error) => logger.warn({ err: error.message }, 'access version listener lost; polling'));
  await listener.start();
  if (inApiCluster()) shareAccessVersions(cache);
  const app = await createHttpApp({ ...runtime, config, logger, cache });
  app.addHook('onClose', () => listener.stop());
  return app;
}
