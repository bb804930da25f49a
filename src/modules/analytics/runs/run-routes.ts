import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../../platform/http/index.js';
import { AnalysisRunService } from './analysis-run-service.js';
import type { AnalysisRun } from './run-repository.js';
import { RunBody, RunDto, RunIdParams, RunListDto, RunListQuery } from './run-schemas.js';

function runDto(run: AnalysisRun) {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return { ...run, createdAt: run.createdAt.toISOString(), startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt) };
}

/** Analysis runs: request one (queued for a worker), poll it, list the latest. */
export function analysisRunRoutes(app: FastifyInstance, deps: AppDeps): void {
  const runs = new AnalysisRunService(deps);
  const tags = ['analytics'];

  app.post<{ Body: typeof RunBody.static }>(
    '/api/analytics/runs',
    { schema: { tags, summary: 'Run a model on the database now (admin or analysis create); answers the queued run', body: RunBody, response: withErrors({ 202: RunDto }) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      const run = await runs.request(ctx, request.body.model, request.body.params ?? {});
      reply.status(202);
      return runDto(run);
    },
  );

  app.get<{ Params: typeof RunIdParams.static }>(
    '/api/analytics/runs/:id',
    { schema: { tags, summary: 'One analysis run: status, progress 0–1, summary', params: RunIdParams, response: withErrors({ 200: RunDto }) } },
    async (request) => runDto(await runs.get(await requestContext(request, deps), request.params.id)),
  );

  app.get<{ Querystring: typeof RunListQuery.static }>(
    '/api/analytics/runs',
    { schema: { tags, summary: 'Latest analysis runs, newest first, optionally of one model', querystring: RunListQuery, response: withErrors({ 200: RunListDto }) } },
    async (request) => ({ items: (await runs.list(await requestContext(request, deps), request.query)).map(runDto) }),
  );
}
