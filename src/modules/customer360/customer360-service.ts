import { Keyring, mask } from '../../platform/crypto/index.js';
import { type ExtraSelect, type RecordDeps, type RecordDto, RecordService, type RequestContext, type VisibleField } from '../../platform/records/index.js';
import { jsonReadsSelect, parseJsonReads } from '../../platform/db/index.js';
import { type CustomerScores, customerScoresRead } from '../analytics/index.js';
import { type CurrentState, currentConsentRead } from '../consent/index.js';
import { customerObject } from '../customers/index.js';
import { type CustomerSegment, customerSegmentsRead } from '../segments/index.js';
import { type CustomerTag, customerTagsRead } from '../tags/index.js';
import { identifiersRead, type StoredIdentifier } from './identifiers-repository.js';
import { decodeCursor, encodeCursor, type TimelineKind, TIMELINE_KINDS } from './timeline-cursor.js';
import { type TimelineItem, type TimelineQuery, timelineJsonSql } from './timeline-repository.js';
import { type CustomerTraits, traitsRead } from './traits-repository.js';

export const TIMELINE_DEFAULT_LIMIT = 20;

/** The first timeline page's column in the 360 view's statement. */
const TIMELINE_COLUMN = '__timeline';

export interface IdentifierView {
  type: string;
  value: string | null;
  createdAt: string;
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export interface Customer360 {
  profile: RecordDto;
  identifiers: IdentifierView[];
  consents: CurrentState[];
  traits: CustomerTraits | null;
  /** Model results (RFM, clusters, CLV, churn, lead score) from customer_scores; null before any run. */
  scores: CustomerScores | null;
  owner: { id: number; name: string | null } | null;
  /** The customer's tags with layer and kind (primary-key lookup). */
  tags: CustomerTag[];
  /** Segments the customer is a member of (membership index). */
  segments: CustomerSegment[];
  timeline: TimelinePage;
}

/** What the 360 view reads about a customer besides profile and timeline: one JSON value per module, in the profile's statement. */
const RELATED = { identifiers: identifiersRead, consents: currentConsentRead, traits: traitsRead, scores: customerScoresRead, tags: customerTagsRead, segments: customerSegmentsRead };

/** Identifier types whose values are personal data: shown masked, and only if the field is visible. */
const SENSITIVE_IDENTIFIERS: Record<string, 'mobile' | 'email'> = { mobile: 'mobile', email: 'email' };

/**
 * The 360 view of one customer. The profile read decides everything: outside the caller's scope
 * (or without read on customers) every surface answers 404 `record.not_found`.
 */
export class Customer360Service {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async view(ctx: RequestContext, customerId: number): Promise<Customer360> {
    const fields = await this.customers.fields(ctx);
    const query = this.timelineQuery(fields, { kinds: TIMELINE_KINDS, limit: TIMELINE_DEFAULT_LIMIT });
    // One statement: the profile under the caller's scope, each module's JSON read and the first
    // timeline page, the last two evaluated only when the profile row is visible.
    const { record: profile, extra } = await this.customers.getWith(ctx, customerId, (key, param) => `${jsonReadsSelect(RELATED, key)}, ${timelineSelect(query)(key, param)}`);
    const { consents, traits, scores, tags, segments, identifiers: stored } = parseJsonReads(RELATED, extra);
    const identifiers = await this.identifiers(stored, fields);
    const ownerId = typeof profile.ownerId === 'number' ? profile.ownerId : null;
    const owner = ownerId === null ? null : { id: ownerId, name: typeof profile.ownerName === 'string' ? profile.ownerName : null };
    const timeline = timelinePageOf(extra, query.limit);
    return { profile, identifiers, consents, traits, scores, owner, tags, segments, timeline };
  }

  /** A timeline page, read in the profile's statement (so under the caller's scope). A bad cursor is refused before anything is read. */
  async timeline(ctx: RequestContext, customerId: number, params: { kinds: readonly TimelineKind[]; limit: number; cursor?: string }): Promise<TimelinePage> {
    const fields = await this.customers.fields(ctx);
    const query = this.timelineQuery(fields, params);
    const { extra } = await this.customers.getWith(ctx, customerId, timelineSelect(query));
    return timelinePageOf(extra, query.limit);
  }

  /** What a caller with these fields may see of the timeline: change entries name visible fields only, with values only where not sensitive or masked. */
  private timelineQuery(fields: readonly VisibleField[], params: { kinds: readonly TimelineKind[]; limit: number; cursor?: string }): TimelineQuery {
    const visible = fields.filter((f) => f.key !== 'id');
    return {
      kinds: params.kinds,
      limit: params.limit,
      cursor: params.cursor ? decodeCursor(params.cursor) : null,
      visibleKeys: visible.map((f) => f.key),
      valueKeys: visible.filter((f) => !f.sensitive && !f.masked).map((f) => f.key),
    };
  }

  private async identifiers(rows: readonly StoredIdentifier[], fields: readonly VisibleField[]): Promise<IdentifierView[]> {
    const visible = new Set(fields.map((f) => f.key));
    const shown = rows.filter((row) => !SENSITIVE_IDENTIFIERS[row.type] || visible.has(row.type));
    await this.deps.keyring.ensureKeys(Keyring.keyIdsIn(shown));
    return shown.map((row) => {
      const kind = SENSITIVE_IDENTIFIERS[row.type];
      let value = row.value;
      if (kind) value = row.valueEnc ? mask(kind, this.deps.keyring.decrypt(row.valueEnc)) : null;
      return { type: row.type, value, createdAt: row.createdAt };
    });
  }
}

/** A timeline page (plus one row) as the select-list item `TIMELINE_COLUMN` of the customer's read. */
function timelineSelect(query: TimelineQuery): ExtraSelect {
  return (key, param) => `${timelineJsonSql(query, key, param)} AS "${TIMELINE_COLUMN}"`;
}

/** The page from the row `timelineSelect` filled: its first `limit` items, and a cursor when the extra row says more follow. */
function timelinePageOf(row: Record<string, unknown>, limit: number): TimelinePage {
  const rows = row[TIMELINE_COLUMN] as TimelineItem[];
  const items = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, kind: last.kind, id: last.id }) : null };
}
