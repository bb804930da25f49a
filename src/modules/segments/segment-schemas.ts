import { Type } from '@sinclair/typebox';

export const Rule = Type.Object(
  { version: Type.Literal(1), rule: Type.Object({}, { additionalProperties: true, description: 'A node: {and:[…]} | {or:[…]} | {not:…} | a condition (see src/modules/segments/README.md)' }) },
  { additionalProperties: false, description: 'Segment rule language v1' },
);

export const SegmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    kind: Type.Union([Type.Literal('dynamic'), Type.Literal('static')], { description: 'dynamic: kept current; static: the members at save time' }),
    rule: Rule,
  },
  { additionalProperties: false },
);

export const SegmentDtoSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  kind: Type.String(),
  rule: Rule,
  memberCount: Type.Integer(),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  ownerId: Type.Integer(),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SegmentList = Type.Object({ items: Type.Array(SegmentDtoSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
const CustomerRecord = Type.Object({ id: Type.Integer() }, { additionalProperties: true, description: 'Customer: visible fields only; sensitive values masked' });
export const PreviewBody = Type.Object({ rule: Rule }, { additionalProperties: false });
export const PreviewAnswer = Type.Object({ count: Type.Integer({ description: 'Customers in the caller’s data scope the rule selects' }), sample: Type.Array(CustomerRecord) });
export const MembersAnswer = Type.Object({ items: Type.Array(CustomerRecord), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer(), totalCapped: Type.Boolean() });
export const RefreshAnswer = Type.Object({ entered: Type.Integer(), exited: Type.Integer(), memberCount: Type.Integer() });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export const PageQuery = Type.Object(
  { page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) },
  { additionalProperties: false },
);

const TagName = Type.String({ minLength: 1, maxLength: 50, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });
export const TAG_LAYERS = ['basic', 'behaviour', 'predictive'] as const;
export const TagParams = Type.Object({ tag: TagName }, { additionalProperties: false });
export const TagTarget = Type.Object(
  {
    customerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { minItems: 1, maxItems: 10_000 })),
    segmentId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    layer: Type.Optional(Type.Union(TAG_LAYERS.map((l) => Type.Literal(l)), { description: 'basic (default) | behaviour | predictive' })),
  },
  { additionalProperties: false, description: 'Exactly one of customerIds or segmentId; only customers the caller may write are touched' },
);
export const TagAnswer = Type.Object({ tag: Type.String(), changed: Type.Integer({ description: 'Customers that gained (or lost) the tag' }) });
export const TagList = Type.Array(Type.Object({ tag: Type.String(), layer: Type.String(), customers: Type.Integer() }));
