import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const CustomerIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

export const TimelineQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page (opaque)' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    kinds: Type.Optional(Type.String({ maxLength: 40, description: 'Comma-separated: event, order, change (default all)' })),
  },
  { additionalProperties: false },
);

const TimelineItem = Type.Object({
  kind: Type.Union([Type.Literal('event'), Type.Literal('order'), Type.Literal('change')]),
  at: Type.String({ description: 'ISO 8601 with microseconds' }),
  id: Type.Integer(),
  title: Type.String(),
  details: Open('event: type, name, properties; order: orderNo, amount, channel, store, status; change: action, actorName, fields, values (visible, non-sensitive only)'),
});

export const TimelinePage = Type.Object({ items: Type.Array(TimelineItem), nextCursor: Nullable(Type.String()) });

const Counts = Type.Record(Type.String(), Type.Object({ '7d': Type.Integer(), '30d': Type.Integer(), '90d': Type.Integer() }));

const Traits = Type.Object({
  customerId: Type.Integer(),
  eventCounts: Counts,
  firstSeenAt: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String()),
  lastOrderAt: Nullable(Type.String()),
  orderCount: Type.Integer(),
  orderTotal: Type.String({ description: 'decimal' }),
  averageOrderValue: Nullable(Type.String()),
  averagePurchaseIntervalDays: Nullable(Type.String()),
  computedAt: Type.String(),
});

const Scores = Type.Object(
  {
    rfm: Nullable(
      Type.Object({
        recencyDays: Type.Integer(),
        frequency: Type.Integer(),
        monetary: Type.String({ description: 'decimal' }),
        r: Type.Integer(),
        f: Type.Integer(),
        m: Type.Integer(),
        segment: Type.String({ description: 'champions, loyal, potential_loyalist, new, promising, need_attention, about_to_sleep, at_risk, cannot_lose, hibernating, lost' }),
        nameZh: Type.String({ description: 'the segment’s name, e.g. 重要价值' }),
        nameEn: Type.String({ description: 'e.g. Champions' }),
        computedAt: Type.String(),
      }),
    ),
    cluster: Nullable(Open('clusterId, runId, computedAt')),
    clv: Nullable(Open('pAlive, expectedPurchases, expectedSpend, value12m, computedAt')),
    churn: Nullable(Open('risk, level, reasons, computedAt')),
    lead: Nullable(Open('points, probability, grade, computedAt')),
  },
  { description: 'Model results (customer_scores); null before any analysis run' },
);

export const Customer360View = Type.Object({
  profile: Type.Object({ id: Type.Integer() }, { additionalProperties: true, description: 'Customer: visible fields only; sensitive values masked' }),
  identifiers: Type.Array(Type.Object({ type: Type.String(), value: Nullable(Type.String()), createdAt: Type.String() })),
  consents: Type.Array(
    Type.Object({ purpose: Type.String(), channel: Type.String(), status: Type.String(), occurredAt: Type.String(), entryId: Type.Integer(), decidedByChannel: Type.String() }),
  ),
  traits: Nullable(Traits),
  scores: Nullable(Scores),
  owner: Nullable(Type.Object({ id: Type.Integer(), name: Nullable(Type.String()) })),
  tags: Type.Array(Type.Object({ tag: Type.String(), layer: Type.String({ description: 'basic | behaviour | predictive' }), source: Type.String({ description: 'manual | rule | model' }) })),
  segments: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), enteredAt: Type.String() })),
  timeline: TimelinePage,
});
