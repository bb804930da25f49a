import type { SegmentKind, SegmentRow } from './segment-repository.js';
import type { SegmentRule } from './segment-rule.js';

/** What the API returns for a segment. */
export interface SegmentDto {
  id: number;
  name: string;
  description: string;
  kind: SegmentKind;
  rule: SegmentRule;
  memberCount: number;
  refreshedAt: string | null;
  ownerId: number;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a caller sends to create or replace a segment (the rule is checked by the service). */
export interface SegmentWrite {
  name: string;
  description?: string;
  kind: SegmentKind;
  rule: unknown;
}

export function toSegmentDto(row: SegmentRow): SegmentDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    rule: row.rule,
    memberCount: row.member_count,
    refreshedAt: row.refreshed_at ? row.refreshed_at.toISOString() : null,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
