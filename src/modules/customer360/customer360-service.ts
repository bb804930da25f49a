import { Keyring, mask } from '../../platform/crypto/index.js';
import { type RecordDeps, type RecordDto, RecordService, type RequestContext, type VisibleField } from '../../platform/records/index.js';
import { type CustomerScores, readCustomerScores } from '../analytics/index.js';
import { type CurrentState, currentConsentStates } from '../consent/index.js';
import { customerObject } from '../customers/index.js';
import { type CustomerSegment, segmentsOfCustomer } from '../segments/index.js';
import { type CustomerTag, tagsOfCustomer } from '../tags/index.js';
import { readIdentifiers } from './identifiers-repository.js';
import { decodeCursor, encodeCursor, type TimelineKind, TIMELINE_KINDS } from './timeline-cursor.js';
import { selectTimeline, type TimelineItem } from './timeline-repository.js';
import { type CustomerTraits, readTraits } from './traits-repository.js';

export const TIMELINE_DEFAULT_LIMIT = 20;

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
    const profile = await this.customers.get(ctx, customerId);
    const [identifiers, consents, traits, scores, tags, segments, timeline] = await Promise.all([
      this.identifiers(customerId, fields),
      this.consents(customerId),
      readTraits(this.deps.db, customerId),
      readCustomerScores(this.deps.db, customerId),
      tagsOfCustomer(this.deps.db, customerId),
      segmentsOfCustomer(this.deps.db, customerId),
      this.page(customerId, fields, { kinds: TIMELINE_KINDS, limit: TIMELINE_DEFAULT_LIMIT }),
    ]);
    const ownerId = typeof profile.ownerId === 'number' ? profile.ownerId : null;
    const owner = ownerId === null ? null : { id: ownerId, name: typeof profile.ownerName === 'string' ? profile.ownerName : null };
    return { profile, identifiers, consents, traits, scores, owner, tags, segments, timeline };
  }

  async timeline(ctx: RequestContext, customerId: number, params: { kinds: readonly TimelineKind[]; limit: number; cursor?: string }): Promise<TimelinePage> {
    const fields = await this.customers.fields(ctx);
    await this.customers.get(ctx, customerId);
    return this.page(customerId, fields, params);
  }

  private async page(customerId: number, fields: readonly VisibleField[], params: { kinds: readonly TimelineKind[]; limit: number; cursor?: string }): Promise<TimelinePage> {
    const cursor = params.cursor ? decodeCursor(params.cursor) : null;
    const visible = fields.filter((f) => f.key !== 'id');
    const { items, more } = await selectTimeline(this.deps.db, {
      customerId,
      kinds: params.kinds,
      limit: params.limit,
      cursor,
      visibleKeys: visible.map((f) => f.key),
      valueKeys: visible.filter((f) => !f.sensitive && !f.masked).map((f) => f.key),
    });
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor({ at: last.at, kind: last.kind, id: last.id }) : null };
  }

  private async identifiers(customerId: number, fields: readonly VisibleField[]): Promise<IdentifierView[]> {
    const rows = await readIdentifiers(this.deps.db, customerId);
    const visible = new Set(fields.map((f) => f.key));
    const shown = rows.filter((row) => !SENSITIVE_IDENTIFIERS[row.type] || visible.has(row.type));
    await this.deps.keyring.ensureKeys(Keyring.keyIdsIn(shown));
    return shown.map((row) => {
      const kind = SENSITIVE_IDENTIFIERS[row.type];
      let value = row.value;
      if (kind) value = row.value_enc ? mask(kind, this.deps.keyring.decrypt(row.value_enc)) : null;
      return { type: row.type, value, createdAt: row.created_at.toISOString() };
    });
  }

  private consents(customerId: number): Promise<CurrentState[]> {
    return currentConsentStates(this.deps.db, customerId);
  }
}
