/**
 * `npx tsx bench/insights.bench.ts [--customers 1000000 --orders-per-customer 10 --runs 3 --skip-load]`
 * Times the insights dashboard's aggregates (portrait, cohorts 12 months, distributions) as the admin
 * (全部 scope) on the bench data, each computed (refresh=true) and served from its kept snapshot.
 * Customers without CLV/churn scores get synthetic ones first (the distributions need values; the
 * models' own runs are benchmarked elsewhere). Prints the medians.
 */
import { benchFlags } from './bench-flags.js';
import { InsightsService } from '../src/modules/insights/index.js';
import { adminContext, loadBenchData, log, openBenchRuntime } from './bench-setup.js';

function options() {
  const { flags, int } = benchFlags();
  return { customers: int('customers', 1_000_000), ordersPerCustomer: int('orders-per-customer', 10), eventsPerCustomer: 0, runs: int('runs', 3), seed: 42, skipLoad: flags['skip-load'] === true };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const opts = options();
  const { runtime } = await openBenchRuntime();
  try {
    const load = await loadBenchData(runtime, opts);
    await runtime.db.query(
      `INSERT INTO customer_scores (customer_id, clv_value_12m, clv_at, churn_risk, churn_level, churn_at)
       SELECT id, round((random() * random() * 5000)::numeric, 2), now(), r, CASE WHEN r >= 0.7 THEN 'high' WHEN r >= 0.4 THEN 'medium' ELSE 'low' END, now()
       FROM (SELECT id, random() AS r FROM customers) c
       ON CONFLICT (customer_id) DO UPDATE SET clv_value_12m = EXCLUDED.clv_value_12m, churn_risk = EXCLUDED.churn_risk, churn_level = EXCLUDED.churn_level
       WHERE customer_scores.clv_value_12m IS NULL`,
    );
    await runtime.db.query('ANALYZE customers; ANALYZE customer_scores; ANALYZE orders');
    const service = new InsightsService(runtime);
    const ctx = await adminContext(runtime);
    log(`insights: ${load.customers.toLocaleString('en')} customers, ${load.orders.toLocaleString('en')} orders, ${opts.runs} runs each (admin, scope 全部)`);
    // Computing (refresh=true, what the nightly warm-up and the Refresh button pay) and serving the
    // kept figures (what every other view pays while they are fresh).
    const cases: [string, (refresh: boolean) => Promise<unknown>][] = [
      ['GET /api/insights/portrait', (refresh) => service.portrait(ctx, refresh)],
      ['GET /api/insights/cohorts?months=12', (refresh) => service.cohorts(ctx, 12, refresh)],
      ['GET /api/insights/distributions', (refresh) => service.distributions(ctx, refresh)],
    ];
    for (const [name, work] of cases) {
      for (const refresh of [true, false]) {
        const seconds: number[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const start = performance.now();
          await work(refresh);
          seconds.push((performance.now() - start) / 1000);
        }
        log(`  ${name}${refresh ? ' (refresh=true: computed)' : ' (kept figures)'}: median ${median(seconds).toFixed(3)} s (${seconds.map((s) => s.toFixed(3)).join(', ')})`);
      }
    }
  } finally {
    await runtime.close();
  }
}

await main();
