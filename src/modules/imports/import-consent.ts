import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { auditEntry, type RequestContext, type StoredValue } from '../../platform/records/index.js';
import { appendConsentEntries, CONSENT_PURPOSES, type NewConsentEntry } from '../consent/index.js';
import { findErased } from '../privacy/index.js';
import type { ConsentCell } from './consent-columns.js';

/** Where a row's consent cells ride through the import plan (not a field: columnData ignores it). */
export const CONSENT_VALUE_KEY = '\u0000consent';

type Deps = { keyring: Keyring; clock: Clock };

function writerOf(ctx: RequestContext, now: Date) {
  const { actorType, actorId, actorName, ip, requestId } = auditEntry(ctx, now, 'consent.record', 'customer', '');
  return { actorType, actorId, actorName, ip, requestId };
}

/**
 * The consent columns of created and updated rows (skipped rows record nothing) as ledger entries
 * with source `import`, evidence `{importJobId, column}`, dated now; `created[i]` is customer `ids[i]`.
 */
export async function recordImportedConsent(
  sql: Sql,
  deps: Deps,
  ctx: RequestContext,
  written: readonly { customerId: number | undefined; values: Map<string, StoredValue> }[],
  importJobId: number,
): Promise<number> {
  const now = deps.clock.now();
  const entries: NewConsentEntry[] = written.flatMap(({ customerId, values }) => {
    const raw = values.get(CONSENT_VALUE_KEY);
    if (customerId === undefined || typeof raw !== 'string') return [];
    return (JSON.parse(raw) as ConsentCell[]).map((cell) => ({
      customerId,
      purpose: cell.purpose,
      channel: cell.channel,
      status: cell.status,
      occurredAt: now,
      source: 'import' as const,
      evidence: { importJobId, column: cell.column },
    }));
  });
  return (await appendConsentEntries(sql, entries, writerOf(ctx, now), deps.clock)).length;
}

/**
 * With allowErased, a created customer whose mobile or e-mail belonged to an erased person starts
 * with consent withdrawn: one `withdrawn` entry per purpose on channel `any`, source `erasure`,
 * evidence `{reason: 'previously_erased_identifier', importJobId}` — so re-importing an erased person
 * never re-enables marketing, not even by a consent column of the same file (recorded before, so
 * these later entries decide). `created[i]` is the customer `ids[i]`. One query, one INSERT.
 */
export async function withdrawConsentOfErased(
  sql: Sql,
  deps: Deps,
  ctx: RequestContext,
  created: readonly Map<string, StoredValue>[],
  ids: readonly number[],
  importJobId: number,
): Promise<number> {
  const wanted = created.flatMap((values, i) =>
    (['mobile', 'email'] as const).flatMap((type) => {
      const value = values.get(type);
      return typeof value === 'string' ? [{ index: i, type, value }] : [];
    }),
  );
  if (wanted.length === 0) return 0;
  const erased = await findErased(sql, deps.keyring, wanted);
  const customers = [...new Set(wanted.filter((w) => erased.has(`${w.type}:${w.value}`)).map((w) => ids[w.index]))].filter((id): id is number => id !== undefined);
  const now = deps.clock.now();
  const entries: NewConsentEntry[] = customers.flatMap((customerId) =>
    CONSENT_PURPOSES.map((purpose) => ({ customerId, purpose, channel: 'any' as const, status: 'withdrawn' as const, occurredAt: now, source: 'erasure' as const, evidence: { reason: 'previously_erased_identifier', importJobId } })),
  );
  await appendConsentEntries(sql, entries, writerOf(ctx, now), deps.clock);
  return customers.length;
}
