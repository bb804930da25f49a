import { Type } from '@sinclair/typebox';

const Layer = Type.Union([Type.Literal('basic'), Type.Literal('behaviour'), Type.Literal('predictive')], { description: '基础属性 / 行为 / 预测' });
const Kind = Type.Union([Type.Literal('manual'), Type.Literal('rule'), Type.Literal('model')], { description: 'manual: by hand; rule: a segment rule; model: a score value' });
const Model = Type.Object(
  {
    score: Type.Union([Type.Literal('churn_level'), Type.Literal('rfm_segment'), Type.Literal('lead_grade')]),
    value: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. high, champions, A' }),
  },
  { additionalProperties: false },
);

export const TagDefinitionBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    layer: Layer,
    kind: Kind,
    rule: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Segment rule language v1 (rule tags)' })),
    model: Type.Optional(Model),
  },
  { additionalProperties: false },
);

export const TagDefinitionSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  layer: Type.String(),
  kind: Type.String(),
  rule: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  model: Type.Union([Model, Type.Null()]),
  customers: Type.Integer({ description: 'Carriers in the caller’s data scope' }),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
});

export const TagDefinitionList = Type.Object({
  items: Type.Array(TagDefinitionSchema),
  presets: Type.Array(Type.Object({ name: Type.String(), nameEn: Type.String(), score: Type.String(), value: Type.String() }), { description: 'The model-score → tag mapping offered as presets' }),
});
export const TagIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export const BulkTarget = Type.Object(
  {
    customerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 })),
    segmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, description: 'Exactly one of customerIds or segmentId' },
);
export const BulkAnswer = Type.Object({ changed: Type.Integer({ description: 'Customers whose tags changed' }) });
export const RefreshTagAnswer = Type.Object({ added: Type.Integer(), removed: Type.Integer(), customers: Type.Integer() });
