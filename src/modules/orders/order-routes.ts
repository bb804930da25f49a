import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { OrderIngestService } from './order-ingest-service.js';
import { OrderQueryService } from './order-query-service.js';
import { OrderRefundService } from './order-refund-service.js';
import { BatchAnswer, BatchBody, CustomerOrdersDto, CustomerParams, OrderInput, OrderOutcome, OrderParams, PageQuery, RefundAnswer, RefundBody } from './order-schemas.js';
import type { ItemError } from './order-validation.js';

function itemError(error: ItemError): AppError {
  const field = error.field ?? '';
  if (error.code === 'field.invalid_value') return new AppError(error.code, { field, params: { field, reason: 'see the API documentation' } });
  if (error.code === 'request.invalid') return new AppError(error.code, { field, params: { reason: `${field} is invalid` } });
  return new AppError(error.code, { field, params: { field } });
}

/** Orders ingestion (one or a batch, idempotent on source + externalId), refunds and a customer's orders. */
export function orderRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ingest = new OrderIngestService(deps);
  const refunds = new OrderRefundService(deps);
  const query = new OrderQueryService(deps);
  const tags = ['orders'];

  app.post<{ Body: typeof OrderInput.static }>(
    '/api/orders',
    { schema: { tags, summary: 'Record an order; resending the same (source, externalId) updates it', body: OrderInput, response: withErrors({ 200: OrderOutcome, 201: OrderOutcome }) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      const result = await ingest.ingest(ctx, [request.body]);
      const error = result.errors[0];
      if (error) throw itemError(error);
      const { index: _index, ...stored } = result.stored[0]!;
      reply.status(stored.outcome === 'created' ? 201 : 200);
      return stored;
    },
  );

  app.post<{ Body: typeof BatchBody.static }>(
    '/api/orders/batch',
    { schema: { tags, summary: 'Record up to 1,000 orders; per-item errors, the valid ones stored', body: BatchBody, response: withErrors({ 200: BatchAnswer }) } },
    async (request) => ingest.ingest(await requestContext(request, deps), request.body.orders),
  );

  app.post<{ Params: typeof OrderParams.static; Body: typeof RefundBody.static }>(
    '/api/orders/:customerId/:orderId/refund',
    { schema: { tags, summary: 'Refund part or all of a paid order (audited)', params: OrderParams, body: RefundBody, response: withErrors({ 200: RefundAnswer }) } },
    async (request) => refunds.refund(await requestContext(request, deps), request.params.customerId, request.params.orderId, request.body),
  );

  app.get<{ Params: typeof CustomerParams.static; Querystring: typeof PageQuery.static }>(
    '/api/customers/:id/orders',
    { schema: { tags, summary: 'A customer’s orders, newest first, with lines and figures', params: CustomerParams, querystring: PageQuery, response: withErrors({ 200: CustomerOrdersDto }) } },
    async (request) => query.customerOrders(await requestContext(request, deps), request.params.id, request.query.page ?? 1, request.query.pageSize ?? 20),
  );
}
