import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../../platform/auth/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { chunkRows } from './copy-text.js';
import { activityPlan } from './demo-activity-generator.js';
import { CUSTOMER_COLUMNS, customerRows, EVENT_COLUMNS, eventRows, ORDER_COLUMNS, orderRows, TEAM_COLUMNS } from './demo-copy-rows.js';
import type { DemoWorld } from './demo-customer-generator.js';
import { analyze, beginBulkLoad, countRows, DEMO_TABLES, type DemoTable, ensureDemoUsers, resetIdentity } from './demo-repository.js';
import { DEMO_PASSWORD } from './demo-users.js';

export interface DemoLoadDeps {
  db: Database;
  keyring: Keyring;
  clock: Clock;
}

export interface DemoLoadOptions {
  customers: number;
  seed: number;
  ordersPerCustomer?: number;
  eventsPerCustomer?: number;
  /** Empty customers, customer_team, orders and events first; without it a non-empty table is an error. */
  replace?: boolean;
  /** Called as each table finishes (for progress output). */
  onTable?: (load: TableLoad) => void;
}

export interface TableLoad {
  table: DemoTable;
  rows: number;
  seconds: number;
}

export interface DemoLoadResult {
  users: number;
  tables: TableLoad[];
  /** Wall time of the whole load, ANALYZE included. */
  seconds: number;
}

/**
 * Loads deterministic demo data with COPY: the demo sales team, then customers (+ team members),
 * orders and events, each table in its own transaction on its own connection, running side by
 * side (PostgreSQL parses and indexes one table while Node generates and encrypts another).
 * Rows stream through pipeline() with backpressure, so memory stays flat at any size.
 */
export async function loadDemo(deps: DemoLoadDeps, options: DemoLoadOptions): Promise<DemoLoadResult> {
  if (!Number.isSafeInteger(options.customers) || options.customers < 0) throw new Error('customers must be a non-negative integer');
  const started = performance.now();
  if (!options.replace) {
    for (const table of DEMO_TABLES) {
      if ((await countRows(deps.db, table)) > 0) throw new Error(`${table} already has rows: pass --replace to empty the demo tables first`);
    }
  }
  const now = deps.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = await deps.db.tx((sql) => ensureDemoUsers(sql, passwordHash, now));
  const world: DemoWorld = { seed: options.seed, customers: options.customers, endAt: startOfUtcDay(now) };
  const plan = activityPlan(options.ordersPerCustomer ?? 10, options.eventsPerCustomer ?? 5);
  const tables: TableLoad[] = [];
  const done = (load: TableLoad) => {
    tables.push(load);
    options.onTable?.(load);
  };
  await settleAll([
    deps.db.tx(async (client) => {
      await beginBulkLoad(client, ['customers', 'customer_team']);
      // Identifiers and ingested message ids point at customer ids, which the load starts afresh.
      await client.query('TRUNCATE customer_identifiers, ingested_messages');
      const team: string[] = [];
      done(await timed('customers', () => copyInto(client, 'customers', CUSTOMER_COLUMNS, customerRows(world, userIds, deps.keyring, team))));
      done(await timed('customer_team', () => copyInto(client, 'customer_team', TEAM_COLUMNS, team)));
    }),
    deps.db.tx(async (client) => {
      await beginBulkLoad(client, ['orders']);
      await client.query('TRUNCATE order_lines, order_keys');
      done(await timed('orders', () => copyInto(client, 'orders', ORDER_COLUMNS, orderRows(world, plan))));
    }),
    deps.db.tx(async (client) => {
      await beginBulkLoad(client, ['events']);
      done(await timed('events', () => copyInto(client, 'events', EVENT_COLUMNS, eventRows(world, plan))));
    }),
  ]);
  for (const table of ['customers', 'orders', 'events'] as const) await resetIdentity(deps.db, table);
  await analyze(deps.db, DEMO_TABLES);
  return { users: userIds.length, tables, seconds: (performance.now() - started) / 1000 };
}

/** Like Promise.all, but waits for every transaction to finish (commit or roll back) before throwing. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function copyInto(client: pg.PoolClient, table: DemoTable, columns: readonly string[], rows: Iterable<string>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FREEZE)`));
  await pipeline(Readable.from(chunkRows(rows)), stream);
  return stream.rowCount;
}

async function timed(table: DemoTable, work: () => Promise<number>): Promise<TableLoad> {
  const started = performance.now();
  const rows = await work();
  return { table, rows, seconds: (performance.now() - started) / 1000 };
}

/** Demo data ends today at 00:00 UTC: the same seed gives the same data all day. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
