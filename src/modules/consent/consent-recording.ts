/**
 * Recording consent inside a caller's transaction, for trusted server-side writers (tracking traits,
 * imports, the erased-identifier rule): many entries in one statement, with their audit entries and
 * `consent.changed` events in the same transaction. No permission check — the caller decides who may
 * write (a tracking source, an importer who passed the import's checks).
 */
import { type AuditEntry, appendAudit } from '../../platform/audit/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Sql } from '../../platform/db/index.js';
import { publishMany } from '../../platform/events/index.js';
import { insertConsents } from './consent-repository.js';
import type { ConsentChannel, ConsentEntry, ConsentPurpose, ConsentSource, ConsentStatus } from './consent-types.js';

/** One decision to append; `occurredAt` later than the clock is recorded as now (never dated ahead). */
export interface NewConsentEntry {
  customerId: number;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  occurredAt: Date;
  source: ConsentSource;
  evidence: Record<string, unknown>;
}

/** Who writes the entries, as the audit log names them. */
export interface ConsentWriter {
  actorType: 'user' | 'api_key' | 'system';
  actorId: number | null;
  actorName: string;
  ip: string;
  requestId: string;
}

/**
 * Appends the entries in order (for equal times a later entry wins), audits each as
 * `consent.record` (evidence keys only, as `ConsentService.record`) and publishes `consent.changed`.
 * Returns the stored entries.
 */
export async function appendConsentEntries(sql: Sql, entries: readonly NewConsentEntry[], writer: ConsentWriter, clock: Clock): Promise<ConsentEntry[]> {
  if (entries.length === 0) return [];
  const now = clock.now();
  const saved = await insertConsents(
    sql,
    entries.map((entry) => ({
      ...entry,
      occurredAt: entry.occurredAt.getTime() > now.getTime() ? now : entry.occurredAt,
      recordedAt: now,
      actorType: writer.actorType,
      actorId: writer.actorId,
    })),
  );
  const facts = saved.map((e) => ({ entryId: e.id, purpose: e.purpose, channel: e.channel, status: e.status, occurredAt: e.occurredAt.toISOString(), source: e.source }));
  const audit: AuditEntry[] = saved.map((entry, i) => ({
    at: now,
    actorType: writer.actorType,
    actorId: writer.actorId,
    actorName: writer.actorName,
    action: 'consent.record',
    object: 'customer',
    recordId: String(entry.customerId),
    changes: { ...facts[i], evidenceKeys: Object.keys(entry.evidence).sort() },
    ip: writer.ip,
    requestId: writer.requestId,
  }));
  await appendAudit(sql, audit);
  await publishMany(
    sql,
    saved.map((entry, i) => ({ topic: 'consent.changed', aggregateType: 'customer', aggregateId: String(entry.customerId), payload: { customerId: entry.customerId, ...facts[i] } })),
    clock,
  );
  return saved;
}
