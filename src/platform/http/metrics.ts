import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import { groupMetrics, inApiCluster, serveClusterMetrics } from './cluster-metrics.js';

/**
 * Prometheus metrics at `/metrics`: process defaults plus request latency by route and status.
 * `onResponse` also gets each finished request (with its route), for the request log: one hook
 * per response for both. In a group of API processes (`relata start --processes N`) the answer
 * is the group's sum (cluster-metrics.ts); this process's own figures if the primary is silent.
 */
export function registerMetrics(app: FastifyInstance, onResponse?: (request: FastifyRequest, route: string, status: number, ms: number) => void): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'relata_' });
  const duration = new client.Histogram({
    name: 'relata_http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // One labelled child per (method, route, status): observing through it skips label checks.
  const series = new Map<string, ReturnType<typeof duration.labels>>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let child = series.get(key);
    if (!child) {
      child = duration.labels(request.method, route, String(reply.statusCode));
      series.set(key, child);
    }
    child.observe(ms / 1000);
    onResponse?.(request, route, reply.statusCode, ms);
    done();
  });
  const grouped = inApiCluster();
  if (grouped) serveClusterMetrics(registry);
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return (grouped && (await groupMetrics())) || registry.metrics();
  });
  return registry;
}
