import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { CustomerIdParams, MergeBody, MergeHistoryDto, MergeIdParams, MergePreviewDto, MergeResultDto, UnmergeResultDto } from './merge-schemas.js';
import { CustomerMergeService } from './merge-service.js';

type Merge = { Params: typeof CustomerIdParams.static; Body: typeof MergeBody.static };

/** Manual merge with per-field strategies, its preview, a customer's merge history and unmerge. */
export function mergeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const merges = new CustomerMergeService(deps);
  const tags = ['customers'];

  app.post<Merge>(
    '/api/customers/:id/merge/preview',
    { schema: { tags, summary: 'Preview a merge: each field’s values and the merged value per strategy', params: CustomerIdParams, body: MergeBody, response: withErrors({ 200: MergePreviewDto }) } },
    async (request) => merges.preview(await requestContext(request, deps), request.params.id, request.body.otherIds, request.body.strategies),
  );

  app.post<Merge>(
    '/api/customers/:id/merge',
    { schema: { tags, summary: 'Merge customers into the oldest (audited, undoable); write access to all of them needed', params: CustomerIdParams, body: MergeBody, response: withErrors({ 200: MergeResultDto }) } },
    async (request) => merges.merge(await requestContext(request, deps), request.params.id, request.body.otherIds, request.body.strategies),
  );

  app.get<{ Params: typeof CustomerIdParams.static }>(
    '/api/customers/:id/merges',
    { schema: { tags, summary: 'Merges into or out of a customer, newest first', params: CustomerIdParams, response: withErrors({ 200: MergeHistoryDto }) } },
    async (request) => merges.history(await requestContext(request, deps), request.params.id),
  );

  app.post<{ Params: typeof MergeIdParams.static }>(
    '/api/customers/merges/:mergeId/unmerge',
    { schema: { tags, summary: 'Undo a merge: the merged customer and its rows come back (audited)', params: MergeIdParams, response: withErrors({ 200: UnmergeResultDto }) } },
    async (request) => merges.unmerge(await requestContext(request, deps), request.params.mergeId),
  );
}
