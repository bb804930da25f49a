import { isoText, type JsonRead, type Sql } from '../../platform/db/index.js';
import type { ConsentChannel, ConsentEntry, ConsentFact, ConsentPurpose } from './consent-types.js';

const COLUMNS = `customer_id, id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type, actor_id`;

interface Row {
  customer_id: number;
  id: number;
  purpose: ConsentEntry['purpose'];
  channel: ConsentEntry['channel'];
  status: ConsentEntry['status'];
  occurred_at: Date;
  recorded_at: Date;
  source: ConsentEntry['source'];
  evidence: Record<string, unknown>;
  actor_type: ConsentEntry['actorType'];
  actor_id: number | null;
}

function toEntry(row: Row): ConsentEntry {
  return {
    customerId: row.customer_id,
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    source: row.source,
    evidence: row.evidence,
    actorType: row.actor_type,
    actorId: row.actor_id,
  };
}

export async function insertConsent(sql: Sql, entry: Omit<ConsentEntry, 'id'>): Promise<ConsentEntry> {
  const result = await sql.query<Row>(
    `INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [entry.customerId, entry.purpose, entry.channel, entry.status, entry.occurredAt, entry.recordedAt, entry.source, JSON.stringify(entry.evidence), entry.actorType, entry.actorId],
  );
  return toEntry(result.rows[0]!);
}

/** The customer's ledger, newest first (`occurred_at`, then id), at most `limit` entries. */
export async function consentHistory(sql: Sql, customerId: number, limit: number): Promise<ConsentEntry[]> {
  const result = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM consent_events WHERE customer_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return result.rows.map(toEntry);
}

/**
 * The newest entry of each purpose × channel of one customer: all the current-state rules need.
 * A JSON read, so the 360 view takes it in the same statement as the customer's other reads.
 */
export const latestPerChannelRead: JsonRead<ConsentFact[]> = {
  sql: (key) =>
    `(SELECT coalesce(json_agg(json_build_object('id', x.id, 'purpose', x.purpose, 'channel', x.channel, 'status', x.status, 'occurredAt', ${isoText('x.occurred_at')})), '[]'::json)
      FROM (SELECT DISTINCT ON (purpose, channel) id, purpose, channel, status, occurred_at FROM consent_events
            WHERE customer_id = ${key} ORDER BY purpose, channel, occurred_at DESC, id DESC) x)`,
  parse: (value) => (value as (Omit<ConsentFact, 'occurredAt'> & { occurredAt: string })[]).map((fact) => ({ ...fact, id: Number(fact.id), occurredAt: new Date(fact.occurredAt) })),
};

/** The deciding entry per customer, or absent when none decides (see `currentConsent`). */
export interface ConsentStateRow {
  customerId: number;
  entryId: number;
  status: ConsentEntry['status'];
  occurredAt: Date;
}

/**
 * `currentConsent` for many customers in one statement: per customer, the newest entry of the
 * channel itself and the newest `any` entry (two index probes on consent_events_current_idx), then
 * the newer of the two. Customers without a deciding entry are left out of the answer.
 */
export async function selectConsentStates(sql: Sql, customerIds: readonly number[], purpose: ConsentPurpose, channel: ConsentChannel): Promise<ConsentStateRow[]> {
  const result = await sql.query<{ customer_id: number; id: number; status: ConsentEntry['status']; occurred_at: Date }>(
    `SELECT c.customer_id, d.id, d.status, d.occurred_at
     FROM (SELECT DISTINCT unnest($1::bigint[]) AS customer_id) c
     CROSS JOIN LATERAL (
       SELECT x.id, x.status, x.occurred_at FROM (
         (SELECT id, status, occurred_at FROM consent_events
          WHERE customer_id = c.customer_id AND purpose = $2 AND channel = $3
          ORDER BY occurred_at DESC, id DESC LIMIT 1)
         UNION ALL
         (SELECT id, status, occurred_at FROM consent_events
          WHERE customer_id = c.customer_id AND purpose = $2 AND channel = 'any'
          ORDER BY occurred_at DESC, id DESC LIMIT 1)
       ) x ORDER BY x.occurred_at DESC, x.id DESC LIMIT 1
     ) d`,
    [customerIds, purpose, channel],
  );
  return result.rows.map((row) => ({ customerId: row.customer_id, entryId: row.id, status: row.status, occurredAt: row.occurred_at }));
}


/** Many entries in one statement (unnest), in the given order (ids ascend with it: ties go to the later one). */
export async function insertConsents(sql: Sql, entries: readonly Omit<ConsentEntry, 'id'>[]): Promise<ConsentEntry[]> {
  if (entries.length === 0) return [];
  const column = <K extends keyof Omit<ConsentEntry, 'id'>>(key: K) => entries.map((entry) => entry[key]);
  const result = await sql.query<Row>(
    `INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type, actor_id)
     SELECT e.customer_id, e.purpose, e.channel, e.status, e.occurred_at, e.recorded_at, e.source, e.evidence, e.actor_type, e.actor_id
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::jsonb[], $9::text[], $10::bigint[])
       WITH ORDINALITY AS e(customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type, actor_id, n)
     ORDER BY e.n
     RETURNING ${COLUMNS}`,
    [
      column('customerId'),
      column('purpose'),
      column('channel'),
      column('status'),
      column('occurredAt'),
      column('recordedAt'),
      column('source'),
      entries.map((entry) => JSON.stringify(entry.evidence)),
      column('actorType'),
      column('actorId'),
    ],
  );
  return result.rows.map(toEntry).sort((a, b) => a.id - b.id);
}
