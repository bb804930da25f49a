import type { Config } from '../platform/config.js';
import type { Runtime } from '../server/runtime.js';

export interface DemoOptions {
  customers: number;
  seed: number;
  ordersPerCustomer?: number;
  eventsPerCustomer?: number;
}

/** Placeholder until the demo generator lands (bench/ + src/modules/demo). */
export async function loadDemoData(_runtime: Runtime, _options: DemoOptions): Promise<void> {}

export async function demoCommand(_config: Config, _flags: Record<string, string | boolean>): Promise<void> {}
