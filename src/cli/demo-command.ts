import { type DemoLoadResult, loadDemo, type TableLoad } from '../modules/demo/index.js';
import { bootstrapOrganization } from '../modules/organization/index.js';
import type { Config } from '../platform/config.js';
import { openRuntime, type Runtime } from '../server/runtime.js';

export interface DemoOptions {
  customers: number;
  seed: number;
  ordersPerCustomer?: number;
  eventsPerCustomer?: number;
  /** Empty customers, customer_team, orders and events first (otherwise they must be empty). */
  replace?: boolean;
  onTable?: (load: TableLoad) => void;
}

/** Deterministic demo data (same seed, same data) loaded with COPY; see src/modules/demo. */
export function loadDemoData(runtime: Runtime, options: DemoOptions): Promise<DemoLoadResult> {
  return loadDemo(runtime, options);
}

/**
 * `relata demo [--customers 5000] [--orders-per-customer 10] [--events-per-customer 5] [--seed 42] [--replace]`
 */
export async function demoCommand(config: Config, flags: Record<string, string | boolean>): Promise<void> {
  const options: DemoOptions = {
    customers: intFlag(flags, 'customers', 5000, 0, 100_000_000),
    ordersPerCustomer: intFlag(flags, 'orders-per-customer', 10, 0, 1000),
    eventsPerCustomer: intFlag(flags, 'events-per-customer', 5, 0, 1000),
    seed: intFlag(flags, 'seed', 42, 0, 2 ** 32 - 1),
    replace: flags.replace === true,
    onTable: (load) => process.stdout.write(`  ${load.table}: ${formatLoad(load)}\n`),
  };
  const runtime = await openRuntime(config, { poolSize: 5 });
  try {
    const boot = await bootstrapOrganization(runtime.db, runtime.clock, { email: config.adminEmail, password: config.adminPassword });
    if (boot.generatedPassword) process.stdout.write(`\n  Admin account created: ${boot.adminEmail} / ${boot.generatedPassword}\n\n`);
    process.stdout.write(`  Loading demo data: ${options.customers} customers, seed ${options.seed}…\n`);
    const result = await loadDemoData(runtime, options);
    process.stdout.write(`  Done in ${result.seconds.toFixed(1)} s. Demo users: sales01…sales${String(result.users).padStart(2, '0')}@demo.relata.local / demo12345\n`);
  } finally {
    await runtime.close();
  }
}

export function formatLoad(load: TableLoad): string {
  const rate = load.seconds > 0 ? Math.round(load.rows / load.seconds) : load.rows;
  return `${load.rows.toLocaleString('en')} rows in ${load.seconds.toFixed(1)} s (${rate.toLocaleString('en')} rows/s)`;
}

function intFlag(flags: Record<string, string | boolean>, name: string, fallback: number, min: number, max: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}
