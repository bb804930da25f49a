import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/index.js';
import { createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';
import { customerState } from './merge-test-state.js';

/** One generated customer: profile fields and how many rows it owns in each table. */
const customerArb = fc.record({
  name: fc.constantFrom('匿名访客', '王芳', 'Zhang'),
  company: fc.option(fc.constantFrom('云启', 'ACME'), { nil: null }),
  level: fc.option(fc.constantFrom('A', 'B'), { nil: null }),
  ageMinutes: fc.integer({ min: 0, max: 1_000 }),
  events: fc.integer({ min: 0, max: 3 }),
  identifiers: fc.integer({ min: 0, max: 2 }),
  orders: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
  consents: fc.integer({ min: 0, max: 2 }),
  team: fc.boolean(),
  scores: fc.boolean(),
  tags: fc.subarray(['vip', 'new', 'churn']),
});

type CustomerSpec = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

let serial = 0;

async function insertCustomer(db: Database, now: Date, c: CustomerSpec, teamUser: number): Promise<number> {
  const at = new Date(now.getTime() - c.ageMinutes * 60_000);
  const id = (await db.query<{ id: number }>(`INSERT INTO customers (name, company, level, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`, [c.name, c.company, c.level, at])).rows[0]!.id;
  await db.query(`INSERT INTO events (customer_id, type, name, occurred_at, received_at) SELECT $1, 'track', 'E' || g, $2, $2 FROM generate_series(1, $3) g`, [id, at, c.events]);
  await db.query(`INSERT INTO customer_identifiers (customer_id, type, value_hash, value, created_at) SELECT $1, 'anonymousId', decode(md5($3 || '-' || g), 'hex'), $3 || '-' || g, $2 FROM generate_series(1, $4) g`, [id, at, `a${id}-${++serial}`, c.identifiers]);
  for (const [i, lines] of c.orders.entries()) {
    const order = (await db.query<{ id: number }>(`INSERT INTO orders (customer_id, order_no, amount, channel, ordered_at, created_at, external_id, source) VALUES ($1, 'O', 10, 'web', $2, $2, $3, 'prop') RETURNING id`, [id, at, `x${id}-${i}`])).rows[0]!.id;
    await db.query(`INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, quantity, unit_price, amount) SELECT $1, $2, g, 'S', 'P', 1, 5, 5 FROM generate_series(1, $3) g`, [id, order, lines]);
    await db.query(`INSERT INTO order_keys (source, external_id, customer_id, order_id, created_at) VALUES ('prop', $1, $2, $3, $4)`, [`x${id}-${i}`, id, order, at]);
  }
  await db.query(`INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, actor_type) SELECT $1, 'marketing', 'email', 'granted', $2, $2, 'api', 'system' FROM generate_series(1, $3)`, [id, at, c.consents]);
  if (c.team) await db.query(`INSERT INTO customer_team (customer_id, user_id, access) VALUES ($1, $2, 'read')`, [id, teamUser]);
  await db.query(`INSERT INTO customer_tags (customer_id, tag, created_at) SELECT $1, unnest($2::text[]), $3`, [id, c.tags, at]);
  await db.query(`INSERT INTO customer_quality (customer_id, field, issue, reason, detected_at) VALUES ($1, 'mobile', 'invalid', 'test', $2)`, [id, at]);
  if (c.scores) await db.query(`INSERT INTO customer_scores (customer_id, rfm_segment) VALUES ($1, 'loyal')`, [id]);
  return id;
}

describe('merge then unmerge (property, real database)', () => {
  let t: IngestTestApp;
  let teamUser: number;

  beforeAll(async () => {
    t = await createIngestTestApp();
    teamUser = await t.createUser({ email: 'team@merge.test' });
  });
  afterAll(() => t.close());

  it('restores every customer-owned row, whatever the profiles, rows and strategies', async () => {
    const strategy = fc.constantFrom('most_recent', 'oldest', 'non_empty');
    await fc.assert(
      fc.asyncProperty(fc.array(customerArb, { minLength: 2, maxLength: 4 }), fc.record({ name: strategy, company: strategy }), async (customers, strategies) => {
        const now = t.clock.now();
        const ids: number[] = [];
        for (const c of customers) ids.push(await insertCustomer(t.db, now, c, teamUser));
        await t.db.query(`INSERT INTO duplicate_candidates (customer_a, customer_b, score, created_at) VALUES ($1, $2, 0.5, $3)`, [Math.min(ids[0]!, ids[1]!), Math.max(ids[0]!, ids[1]!), now]);
        const before = await customerState(t.db, ids);
        const res = await t.app.inject({ method: 'POST', url: `/api/customers/${ids[0]}/merge`, headers: t.adminHeaders, payload: { otherIds: ids.slice(1), strategies } });
        expect(res.statusCode, res.body).toBe(200);
        const { masterId, mergeIds } = res.json() as { masterId: number; mergeIds: number[] };
        expect((await t.db.query('SELECT 1 FROM customers WHERE id = ANY($1)', [ids])).rowCount).toBe(1);
        const left = await t.db.query('SELECT 1 FROM events WHERE customer_id = ANY($1) AND customer_id <> $2', [ids, masterId]);
        expect(left.rowCount).toBe(0);
        for (const mergeId of [...mergeIds].reverse()) {
          const undo = await t.app.inject({ method: 'POST', url: `/api/customers/merges/${mergeId}/unmerge`, headers: t.adminHeaders });
          expect(undo.statusCode, undo.body).toBe(200);
        }
        // Traits are recomputed by merge/unmerge; the generated customers had none before.
        await t.db.query('DELETE FROM customer_traits WHERE customer_id = ANY($1)', [ids]);
        expect(await customerState(t.db, ids)).toEqual(before);
      }),
      { numRuns: 12 },
    );
  });
});
