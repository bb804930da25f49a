import { Type } from '@sinclair/typebox';

/** Money or quantity: a JSON number or a decimal string ('19.90'); exactness is checked in order-money.ts. */
const Decimal = (description: string) => Type.Union([Type.String({ maxLength: 20 }), Type.Number({ minimum: 0 })], { description });
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const ORDER_STATUSES = ['paid', 'refunded', 'cancelled', 'pending'] as const;
export const CUSTOMER_IDENTIFIER_TYPES = ['userId', 'mobile', 'email'] as const;
export const MAX_BATCH = 1_000;

const Status = Type.Union(
  ORDER_STATUSES.map((s) => Type.Literal(s)),
  { description: 'paid | refunded | cancelled | pending' },
);

export const LineInput = Type.Object(
  {
    sku: Text(100),
    productName: Text(200),
    category: Type.Optional(Text(100)),
    quantity: Decimal('> 0, at most 3 decimals'),
    unitPrice: Decimal('元, ≥ 0, at most 2 decimals'),
  },
  { additionalProperties: false },
);

export const CustomerIdentifier = Type.Object(
  {
    type: Type.Union(CUSTOMER_IDENTIFIER_TYPES.map((t) => Type.Literal(t))),
    value: Text(255),
  },
  { additionalProperties: false, description: 'The customer holding this identifier (see the ingest module)' },
);

export const OrderInput = Type.Object(
  {
    externalId: Text(100, 'The order id in the source system; idempotency key with source'),
    source: Type.Optional(Text(50, 'The system the order comes from; defaults to "api"')),
    customerId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    customer: Type.Optional(CustomerIdentifier),
    orderNo: Type.Optional(Text(100, 'Shown to users; defaults to externalId')),
    channel: Text(50, '天猫 / 京东 / 微信小程序 / 门店 / 官网 …'),
    store: Type.Optional(Text(100)),
    status: Status,
    orderedAt: Type.String({ maxLength: 40, description: 'ISO 8601' }),
    paidAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; defaults to CNY' })),
    lines: Type.Array(LineInput, { minItems: 1, maxItems: 500 }),
    amount: Type.Optional(Decimal('元; when given must equal the lines’ sum ± 0.01')),
  },
  { additionalProperties: false },
);
export type OrderInput = typeof OrderInput.static;

export const BatchBody = Type.Object(
  { orders: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH, description: 'Each item an order; checked one by one' }) },
  { additionalProperties: false },
);

const outcomeFields = {
  customerId: Type.Integer(),
  id: Type.Integer(),
  externalId: Type.String(),
  source: Type.String(),
  amount: Type.String(),
  refundedAmount: Type.String(),
  status: Type.String(),
  outcome: Type.Unsafe<'created' | 'updated' | 'unchanged'>({ type: 'string', enum: ['created', 'updated', 'unchanged'] }),
};
export const OrderOutcome = Type.Object(outcomeFields);

export const BatchAnswer = Type.Object({
  stored: Type.Array(Type.Object({ index: Type.Integer(), ...outcomeFields })),
  errors: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), field: Type.Optional(Type.String()) })),
});

export const OrderParams = Type.Object(
  { customerId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), orderId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
);
export const RefundAnswer = Type.Object({ customerId: Type.Integer(), id: Type.Integer(), amount: Type.String(), refundedAmount: Type.String(), status: Type.String() });
export const RefundBody = Type.Object({ amount: Decimal('元, > 0'), reason: Type.Optional(Text(500)) }, { additionalProperties: false });

export const CustomerParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export const PageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

const LineDto = Type.Object({ lineNo: Type.Integer(), sku: Type.String(), productName: Type.String(), category: Type.Union([Type.String(), Type.Null()]), quantity: Type.String(), unitPrice: Type.String(), amount: Type.String() });
export const OrderDto = Type.Object({
  customerId: Type.Integer(),
  id: Type.Integer(),
  orderNo: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String(),
  store: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  currency: Type.String(),
  amount: Type.String(),
  refundedAmount: Type.String(),
  orderedAt: Type.String(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
  refundedAt: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(LineDto),
});
export const FiguresDto = Type.Object({
  orderCount: Type.Integer(),
  paidTotal: Type.String(),
  averageOrderValue: Type.String(),
  firstOrderAt: Type.Union([Type.String(), Type.Null()]),
  lastOrderAt: Type.Union([Type.String(), Type.Null()]),
});
export const CustomerOrdersDto = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), figures: FiguresDto, orders: Type.Array(OrderDto) });
