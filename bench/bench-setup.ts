/**
 * Bench data: opens Relata's runtime on a dedicated data dir, loads demo data (timed), and adds a
 * custom select field `tier` filled for every customer with one set-based UPDATE.
 */
import path from 'node:path';
import { customerObject } from '../src/modules/customers/index.js';
import { loadDemo } from '../src/modules/demo/index.js';
import { bootstrapOrganization } from '../src/modules/organization/index.js';
import { type Config, loadConfig } from '../src/platform/config.js';
import { type Actor, loadAccessContext } from '../src/platform/permissions/index.js';
import { CustomFieldService, type RequestContext } from '../src/platform/records/index.js';
import { openRuntime, type Runtime } from '../src/server/runtime.js';
import { enableStatementStats } from './statement-stats.js';

export interface LoadFigures {
  skipped: boolean;
  customers: number;
  orders: number;
  events: number;
  team: number;
  customersSeconds: number;
  ordersSeconds: number;
  eventsSeconds: number;
  /** Wall time of the whole load (users, COPY of every table side by side, sequences, ANALYZE). */
  totalSeconds: number;
  /** CPU seconds of the Node process during the load (generation, encryption, COPY framing). */
  nodeCpuSeconds: number;
}

export interface TierFigures {
  via: 'api' | 'service' | 'existing';
  updateSeconds: number | null;
  vacuumSeconds: number | null;
}

export const TIERS = [
  { value: 'bronze', labelZh: '铜牌', labelEn: 'Bronze' },
  { value: 'silver', labelZh: '银牌', labelEn: 'Silver' },
  { value: 'gold', labelZh: '金牌', labelEn: 'Gold' },
  { value: 'platinum', labelZh: '铂金', labelEn: 'Platinum' },
];

export const ADMIN_EMAIL = process.env.RELATA_ADMIN_EMAIL || 'admin@relata.local';
export const ADMIN_PASSWORD = process.env.RELATA_ADMIN_PASSWORD || 'bench-admin-password';

/** The bench's runtime: DATABASE_URL when set, else an embedded PostgreSQL in `.bench-data/`. */
export async function openBenchRuntime(): Promise<{ runtime: Runtime; config: Config; statements: boolean }> {
  const config = loadConfig({ ...process.env, RELATA_DATA_DIR: process.env.RELATA_DATA_DIR ?? path.resolve('.bench-data') });
  let runtime = await openRuntime(config);
  let statements = await enableStatementStats(runtime.db, !config.databaseUrl);
  if (statements === 'restart') {
    await runtime.close();
    runtime = await openRuntime(config);
    statements = await enableStatementStats(runtime.db, true);
  }
  await bootstrapOrganization(runtime.db, runtime.clock, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  return { runtime, config, statements: statements === 'ready' };
}

export async function loadBenchData(runtime: Runtime, options: { customers: number; ordersPerCustomer: number; eventsPerCustomer: number; seed: number; skipLoad: boolean }): Promise<LoadFigures> {
  if (options.skipLoad) {
    const n = async (table: string) => (await runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    return { skipped: true, customers: await n('customers'), orders: await n('orders'), events: await n('events'), team: await n('customer_team'), customersSeconds: 0, ordersSeconds: 0, eventsSeconds: 0, totalSeconds: 0, nodeCpuSeconds: 0 };
  }
  const cpu = process.cpuUsage();
  const result = await loadDemo(runtime, {
    customers: options.customers,
    seed: options.seed,
    ordersPerCustomer: options.ordersPerCustomer,
    eventsPerCustomer: options.eventsPerCustomer,
    replace: true,
    onTable: (t) => log(`  ${t.table}: ${t.rows.toLocaleString('en')} rows in ${t.seconds.toFixed(1)} s`),
  });
  const used = process.cpuUsage(cpu);
  const table = (name: string) => result.tables.find((t) => t.table === name) ?? { rows: 0, seconds: 0 };
  return {
    skipped: false,
    customers: table('customers').rows,
    orders: table('orders').rows,
    events: table('events').rows,
    team: table('customer_team').rows,
    customersSeconds: table('customers').seconds,
    ordersSeconds: table('orders').seconds,
    eventsSeconds: table('events').seconds,
    totalSeconds: result.seconds,
    nodeCpuSeconds: (used.user + used.system) / 1e6,
  };
}

/**
 * Adds the custom select field `tier` through POST /api/admin/custom-fields (or CustomFieldService
 * when that route is not there), then fills it for every customer in one UPDATE (about 50% bronze,
 * 30% silver, 15% gold, 5% platinum by a hash of the id) and runs VACUUM ANALYZE.
 */
export async function ensureTierField(runtime: Runtime, http: { url: string; token: string }): Promise<TierFigures> {
  const { db } = runtime;
  let via: TierFigures['via'] = 'existing';
  const exists = await db.query(`SELECT 1 FROM field_definitions WHERE object = 'customer' AND key = 'tier'`);
  if (exists.rowCount === 0) {
    const body = { object: 'customer', key: 'tier', labelZh: '会员层级', labelEn: 'Tier', type: 'select', options: TIERS };
    const res = await fetch(`${http.url}/api/admin/custom-fields`, { method: 'POST', headers: { authorization: `Bearer ${http.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 201) via = 'api';
    else if (res.status === 404) {
      const { object: _object, ...input } = body;
      await new CustomFieldService(runtime, new Map([['customer', customerObject]])).create(await adminContext(runtime), 'customer', { ...input, type: 'select' });
      via = 'service';
    } else throw new Error(`creating the custom field failed: ${res.status} ${await res.text()}`);
  }
  const unfilled = await db.query('SELECT 1 FROM customers WHERE cf_tier IS NULL LIMIT 1');
  if (unfilled.rowCount === 0) return { via, updateSeconds: null, vacuumSeconds: null };
  let started = performance.now();
  await db.query(`UPDATE customers SET cf_tier = CASE
      WHEN (id * 2654435761) % 100 < 50 THEN 'bronze' WHEN (id * 2654435761) % 100 < 80 THEN 'silver'
      WHEN (id * 2654435761) % 100 < 95 THEN 'gold' ELSE 'platinum' END`);
  const updateSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await db.query('VACUUM ANALYZE customers');
  return { via, updateSeconds, vacuumSeconds: (performance.now() - started) / 1000 };
}

export async function adminActor(runtime: Runtime): Promise<Actor> {
  const row = (
    await runtime.db.query<{ id: number; name: string; role_ids: number[] }>(
      `SELECT u.id, u.name, array_agg(ur.role_id) AS role_ids FROM users u JOIN user_roles ur ON ur.user_id = u.id
       WHERE lower(u.email) = lower($1) GROUP BY u.id`,
      [ADMIN_EMAIL],
    )
  ).rows[0];
  if (!row) throw new Error(`no admin ${ADMIN_EMAIL}`);
  return { type: 'user', userId: row.id, name: row.name, roleIds: row.role_ids.map(Number) };
}

export async function adminContext(runtime: Runtime): Promise<RequestContext> {
  return { access: await loadAccessContext(runtime.db, await adminActor(runtime)), ip: '127.0.0.1', requestId: 'bench' };
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Tops `events` up to `target` rows with synthetic behaviour generated inside PostgreSQL (much faster
 * than the demo generator's COPY on 2 cores): per customer an exponentially distributed count (mean
 * target ÷ customers), event names and types from a small vocabulary, occurred_at over the last two
 * years. Customers are walked in id order in chunks of 50,000, so the (customer_id, …) indexes grow
 * at their right edge. Returns the rows added and the seconds taken.
 */
export async function fillEvents(runtime: Runtime, target: number): Promise<{ added: number; seconds: number }> {
  const { db } = runtime;
  const have = (await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM events')).rows[0]!.n;
  if (have >= target) return { added: 0, seconds: 0 };
  const maxId = (await db.query<{ id: number }>('SELECT coalesce(max(id), 0)::bigint AS id FROM customers')).rows[0]!.id;
  if (maxId === 0) return { added: 0, seconds: 0 };
  const mean = (target - have) / maxId;
  const started = performance.now();
  let added = 0;
  for (let from = 1; from <= maxId && have + added < target; from += 50_000) {
    const result = await db.query(
      `INSERT INTO events (customer_id, type, name, properties, occurred_at, received_at)
       SELECT c.id, (ARRAY['track', 'page', 'track', 'screen', 'track'])[1 + (g + c.id) % 5],
              (ARRAY['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Coupon Applied', 'App Opened', 'Article Read'])[1 + (g * 7 + c.id) % 7],
              jsonb_build_object('sku', 'SKU-' || ((g * 31 + c.id) % 500), 'price', ((g * 13 + c.id) % 997) + 0.5),
              now() - (((g * 7919 + c.id * 104729) % 63072000) * interval '1 second'), now()
       FROM customers c CROSS JOIN LATERAL generate_series(1, floor(-ln(1 - random()) * $3)::int) AS g
       WHERE c.id BETWEEN $1 AND $2`,
      [from, from + 49_999, mean],
    );
    added += result.rowCount ?? 0;
    if ((from - 1) % 500_000 === 0) log(`  events: ${(have + added).toLocaleString('en')} rows…`);
  }
  await db.query('ANALYZE events');
  return { added, seconds: (performance.now() - started) / 1000 };
}
