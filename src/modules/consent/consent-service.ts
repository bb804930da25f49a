import { appendAudit } from '../../platform/audit/index.js';
import { type JsonRead, readJson, type Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { consentHistory, insertConsent, latestPerChannelRead, selectConsentStates } from './consent-repository.js';
import { type CurrentState, currentStates, decisionOf } from './consent-rules.js';
import {
  CONSENT_CHANNELS,
  CONSENT_INPUT_SOURCES,
  CONSENT_PURPOSES,
  CONSENT_STATUSES,
  type ConsentChannel,
  type ConsentEntry,
  type ConsentInput,
  type ConsentPurpose,
  type ContactDecision,
} from './consent-types.js';

/** Entries may be back-dated (imports, paper forms) but not dated ahead of the clock by more than this. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_EVIDENCE_BYTES = 8_192;
export const HISTORY_LIMIT = 500;

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AppError('field.invalid_value', { field, params: { field, reason: `expected one of ${allowed.join(', ')}` } });
}

/** Checks a new entry's values (the HTTP schema does too; imports and jobs come through here). */
export function validateConsentInput(input: ConsentInput, now: Date) {
  const occurredAt = input.occurredAt === undefined ? now : new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError('field.invalid_value', { field: 'occurredAt', params: { field: 'occurredAt', reason: 'an ISO 8601 time, not in the future' } });
  }
  const evidence = input.evidence ?? {};
  if (typeof evidence !== 'object' || Array.isArray(evidence) || Buffer.byteLength(JSON.stringify(evidence)) > MAX_EVIDENCE_BYTES) {
    throw new AppError('field.invalid_value', { field: 'evidence', params: { field: 'evidence', reason: `an object of at most ${MAX_EVIDENCE_BYTES} bytes` } });
  }
  return {
    purpose: oneOf('purpose', input.purpose, CONSENT_PURPOSES),
    channel: oneOf('channel', input.channel, CONSENT_CHANNELS),
    status: oneOf('status', input.status, CONSENT_STATUSES),
    source: oneOf('source', input.source ?? 'api', CONSENT_INPUT_SOURCES),
    occurredAt,
    evidence,
  };
}

export interface ConsentView {
  current: CurrentState[];
  history: ConsentEntry[];
}

/**
 * The consent ledger of customers the caller may see. Permissions are the customer's: reading needs
 * read on the customer, recording needs update on it (and write access to that row).
 */
export class ConsentService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  /** Appends an entry; audited as `consent.record`, published as `consent.changed`, in one transaction. */
  async record(ctx: RequestContext, customerId: number, input: ConsentInput): Promise<ConsentEntry> {
    this.customers.require(ctx, 'update');
    const now = this.deps.clock.now();
    const values = validateConsentInput(input, now);
    const actor = ctx.access.actor;
    const entry = await this.deps.db.tx(async (sql) => {
      if (!(await this.customers.writableIds(sql, ctx, [customerId])).has(customerId)) return null;
      const saved = await insertConsent(sql, {
        customerId,
        ...values,
        recordedAt: now,
        actorType: actor.type,
        actorId: actor.type === 'api_key' ? (actor.apiKeyId ?? null) : actor.userId,
      });
      const facts = { entryId: saved.id, purpose: saved.purpose, channel: saved.channel, status: saved.status, occurredAt: saved.occurredAt.toISOString(), source: saved.source };
      // Evidence may hold personal data (IP, form text): the audit keeps only which keys it had.
      await appendAudit(sql, [auditEntry(ctx, now, 'consent.record', customerObject.name, String(customerId), { ...facts, evidenceKeys: Object.keys(saved.evidence).sort() })]);
      await publish(sql, { topic: 'consent.changed', aggregateType: customerObject.name, aggregateId: String(customerId), payload: { customerId, ...facts } }, this.deps.clock);
      return saved;
    });
    if (entry) return entry;
    // Not writable: 404 when the caller cannot see the customer at all, else 403.
    await this.customers.get(ctx, customerId);
    throw new AppError('permission.denied');
  }

  /** Current effective states and the history (newest first, at most HISTORY_LIMIT entries). */
  async read(ctx: RequestContext, customerId: number): Promise<ConsentView> {
    await this.customers.get(ctx, customerId);
    const [current, history] = await Promise.all([currentConsentStates(this.deps.db, customerId), consentHistory(this.deps.db, customerId, HISTORY_LIMIT)]);
    return { current, history };
  }
}

/** One customer's current effective consent per purpose × channel, as a JSON read (the 360 view combines it with others). */
export const currentConsentRead: JsonRead<CurrentState[]> = {
  sql: latestPerChannelRead.sql,
  parse: (value) => currentStates(latestPerChannelRead.parse(value)),
};

/** One customer's current effective consent per purpose × channel. No permission check (server-side callers). */
export function currentConsentStates(sql: Sql, customerId: number): Promise<CurrentState[]> {
  return readJson(sql, currentConsentRead, customerId);
}

/**
 * `mayContact` for many customers at once (journeys, batch sends), as one set-based statement.
 * No permission check: for trusted server-side callers. Every requested customer gets a decision;
 * customers without a deciding entry are denied (`no_consent`).
 */
export async function consentStates(sql: Sql, customerIds: readonly number[], purpose: ConsentPurpose, channel: ConsentChannel): Promise<Map<number, ContactDecision & { entryId: number | null }>> {
  const rows = await selectConsentStates(sql, customerIds, purpose, channel);
  const byCustomer = new Map(rows.map((row) => [row.customerId, row]));
  const answer = new Map<number, ContactDecision & { entryId: number | null }>();
  for (const id of customerIds) {
    const row = byCustomer.get(id) ?? null;
    answer.set(id, { ...decisionOf(row), entryId: row?.entryId ?? null });
  }
  return answer;
}
