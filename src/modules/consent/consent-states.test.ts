import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../../platform/db/index.js';
import { mayContact } from './consent-rules.js';
import { consentStates } from './consent-service.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, CONSENT_STATUSES, type ConsentFact } from './consent-types.js';

const CUSTOMERS = 1_000;
const BASE = Date.UTC(2026, 0, 1);

// Per customer 0–6 entries over few distinct instants, so ties between entries (id decides) occur.
const entryArb = fc.record({
  purpose: fc.constantFrom(...CONSENT_PURPOSES),
  channel: fc.constantFrom(...CONSENT_CHANNELS),
  status: fc.constantFrom(...CONSENT_STATUSES),
  minute: fc.integer({ min: 0, max: 4 }),
});
const ledgersArb = fc.array(fc.array(entryArb, { maxLength: 6 }), { minLength: CUSTOMERS, maxLength: CUSTOMERS });

describe('consentStates (real database)', () => {
  let db: Database;
  let run = 0;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('over 1,000 customers in one query matches mayContact on the same data', async () => {
    await fc.assert(
      fc.asyncProperty(ledgersArb, async (ledgers) => {
        run += 1;
        const firstId = run * 10_000_000;
        const ids = ledgers.map((_, i) => firstId + i);
        const rows = ledgers.flatMap((ledger, i) => ledger.map((e) => ({ customerId: firstId + i, ...e })));
        // Insert in reverse generation order, so ids (the tie-break) do not follow the generator.
        rows.reverse();
        await db.query(
          `INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, actor_type)
           SELECT c, p, ch, s, to_timestamp($5::float8 / 1000 + m * 60), now(), 'import', 'system'
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $6::int[]) AS x(c, p, ch, s, m)`,
          [rows.map((r) => r.customerId), rows.map((r) => r.purpose), rows.map((r) => r.channel), rows.map((r) => r.status), BASE, rows.map((r) => r.minute)],
        );
        const stored = await db.query<{ customer_id: number; id: number; purpose: ConsentFact['purpose']; channel: ConsentFact['channel']; status: ConsentFact['status']; occurred_at: Date }>(
          'SELECT customer_id, id, purpose, channel, status, occurred_at FROM consent_events WHERE customer_id >= $1 AND customer_id < $2',
          [firstId, firstId + CUSTOMERS],
        );
        const byCustomer = new Map<number, ConsentFact[]>(ids.map((id) => [id, []]));
        for (const r of stored.rows) byCustomer.get(r.customer_id)!.push({ id: r.id, purpose: r.purpose, channel: r.channel, status: r.status, occurredAt: r.occurred_at });
        const reasons = new Set<string>();
        for (const purpose of CONSENT_PURPOSES) {
          for (const channel of CONSENT_CHANNELS) {
            const states = await consentStates(db, ids, purpose, channel);
            expect(states.size).toBe(CUSTOMERS);
            for (const id of ids) {
              const { entryId: _entryId, ...decision } = states.get(id)!;
              expect(decision, `customer ${id} ${purpose}/${channel}`).toEqual(mayContact(byCustomer.get(id)!, purpose, channel));
              reasons.add(decision.reason);
            }
          }
        }
        expect([...reasons].sort()).toEqual(['granted', 'no_consent', 'withdrawn']);
      }),
      { seed: 20_261_122, numRuns: 3 },
    );
  });

  it('denies customers without entries and tolerates duplicates in the request', async () => {
    const states = await consentStates(db, [1, 1, 2], 'marketing', 'sms');
    expect([...states.entries()]).toEqual([
      [1, { allowed: false, reason: 'no_consent', entryId: null }],
      [2, { allowed: false, reason: 'no_consent', entryId: null }],
    ]);
  });
});
