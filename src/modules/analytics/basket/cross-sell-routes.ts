import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../../platform/http/index.js';
import { CrossSellService } from './cross-sell-service.js';

const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Query = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }, { additionalProperties: false });
const RecommendationsDto = Type.Object({
  purchased: Type.Array(Type.String(), { description: 'items (sku or category, as the latest basket run) the customer bought' }),
  items: Type.Array(
    Type.Object({
      item: Type.String(),
      confidence: Type.Number(),
      lift: Type.Number(),
      support: Type.Number(),
      becauseOf: Type.Array(Type.String(), { description: 'bought items the rule starts from' }),
    }),
  ),
});

/** GET /api/customers/:id/recommendations — cross-sell from the latest `basket` run's rules. */
export function crossSellRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new CrossSellService(deps);
  app.get<{ Params: typeof Params.static; Querystring: typeof Query.static }>(
    '/api/customers/:id/recommendations',
    {
      schema: {
        tags: ['analytics'],
        summary: '"Bought A, not B": items the customer has not bought, best rule first (confidence, lift), from the latest basket run',
        params: Params,
        querystring: Query,
        response: withErrors({ 200: RecommendationsDto }),
      },
    },
    async (request) => {
      const ctx = await requestContext(request, deps);
      return service.recommendations(ctx, request.params.id, request.query.limit ?? 10);
    },
  );
}
