import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RunBody = Type.Object(
  {
    model: Type.String({ minLength: 1, maxLength: 40, description: 'A registered model: rfm (clv, churn, clusters, leadscore as they register)' }),
    params: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Model parameters; rfm: {asOf?: YYYY-MM-DD, windowDays?: 1–36500 | null, method?: type7 | ntile}' })),
  },
  { additionalProperties: false },
);

export const RunIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

export const RunListQuery = Type.Object(
  { model: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
  { additionalProperties: false },
);

export const RunDto = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  params: Type.Object({}, { additionalProperties: true }),
  summary: Nullable(Type.Object({}, { additionalProperties: true, description: 'The model summary (rfm: asOf, scored, cleared, breaks, segments)' })),
  errorCode: Nullable(Type.String()),
  errorMessage: Nullable(Type.String()),
  requestedBy: Nullable(Type.Integer({ description: 'null for the nightly run' })),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

export const RunListDto = Type.Object({ items: Type.Array(RunDto) });
