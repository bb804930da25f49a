import { Type } from '@sinclair/typebox';
import { MERGE_STRATEGIES } from './merge-strategies.js';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Strategy = Type.Union(MERGE_STRATEGIES.map((s) => Type.Literal(s)), { description: 'most_recent | oldest | non_empty | union (lists only)' });

export const CustomerIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const MergeIdParams = Type.Object({ mergeId: Id }, { additionalProperties: false });

export const MergeBody = Type.Object(
  {
    otherIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true, description: 'The customers merged with this one; the oldest of all stays master' }),
    strategies: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Strategy, { description: 'field key → strategy; defaults: union for multi-select, non_empty otherwise' })),
  },
  { additionalProperties: false },
);

const ProfileSummary = Type.Object({ id: Id, name: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), master: Type.Boolean() });

export const MergePreviewDto = Type.Object({
  masterId: Id,
  customers: Type.Array(ProfileSummary, { description: 'master (oldest) first' }),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      labelZh: Type.String(),
      labelEn: Type.String(),
      type: Type.String(),
      strategy: Strategy,
      strategies: Type.Array(Strategy),
      values: Type.Array(Type.Object({ customerId: Id, value: Type.Unknown() }), { description: 'each profile’s value as the caller sees it (masked when sensitive)' }),
      results: Type.Record(Type.String(), Type.Unknown(), { description: 'the merged value under each applicable strategy' }),
      result: Type.Unknown({ description: 'the merged value under the chosen strategy' }),
    }),
  ),
});

export const MergeResultDto = Type.Object({ masterId: Id, mergedIds: Type.Array(Id), movedEvents: Type.Integer(), mergeIds: Type.Array(Id) });

export const MergeRecordDto = Type.Object({
  id: Id,
  masterId: Id,
  mergedId: Id,
  mergedName: Type.String({ description: 'the merged profile’s name at the time of the merge' }),
  via: Type.String({ description: 'manual | duplicate_review | tracking' }),
  mergedAt: Type.String(),
  mergedBy: Type.Union([Id, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  unmergedAt: Type.Union([Type.String(), Type.Null()]),
  moved: Type.Record(Type.String(), Type.Integer(), { description: 'rows moved per table' }),
  undoable: Type.Boolean(),
});

export const MergeHistoryDto = Type.Object({ items: Type.Array(MergeRecordDto) });

export const UnmergeResultDto = Type.Object({
  mergeId: Id,
  masterId: Id,
  restoredId: Id,
  moved: Type.Record(Type.String(), Type.Integer()),
  restoredFields: Type.Array(Type.String()),
});
