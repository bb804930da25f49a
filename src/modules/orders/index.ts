/** Orders / transactions: ingestion (idempotent, batch), refunds, a customer's orders and figures. */
export { orderRoutes } from './order-routes.js';
export { computeFigures, type FigureInput, type OrderFigures, REVENUE_STATUSES } from './order-figures.js';
export { orderFigures, type OrderFiguresRow } from './order-read-repository.js';
export { OrderIngestService, type IngestResult, type StoredItem } from './order-ingest-service.js';
export { OrderRefundService } from './order-refund-service.js';
export { OrderQueryService } from './order-query-service.js';
export { fenToString, lineAmountFen, MAX_FEN, toFen, toMilli, AMOUNT_TOLERANCE_FEN } from './order-money.js';
