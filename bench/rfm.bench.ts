/**
 * `npx tsx bench/rfm.bench.ts [--customers 1000000 --orders-per-customer 10 --runs 3 --skip-load]`
 * RFM of every customer stored back on customer_scores (the app's one statement, `computeRfm`)
 * against a hand-written reference statement that computes the same scores without storing them.
 * Same database, same run, alternating; then checks both gave the same scores. Writes the `rfm`
 * section of docs/benchmarks.md. Target: within 2× of the reference. See bench/README.md.
 */
import path from 'node:path';
import { benchFlags } from './bench-flags.js';
import { computeRfm, RFM_WORK_MEM } from '../src/modules/analytics/index.js';
import { loadBenchData, log, openBenchRuntime } from './bench-setup.js';
import { describeMachine, machineLines, writeSections } from './report.js';

const REPORT = path.resolve('docs/benchmarks.md');
const WINDOW_DAYS = 365;

/**
 * The reference: one hand-written statement, R's type 7 quintiles + 1 through width_bucket, the
 * segment by R·FM, aggregated to a checksum so every score is computed but nothing is written.
 */
const REFERENCE_SQL = `
WITH c AS (
  SELECT customer_id, floor(extract(epoch FROM $1::timestamptz - max(ordered_at)) / 86400)::int AS rd,
         count(*)::int AS fq, sum(amount - refunded_amount) AS mv
  FROM orders
  WHERE status IN ('paid', 'refunded') AND amount > refunded_amount AND ordered_at <= $1::timestamptz
    AND ordered_at > $1::timestamptz - make_interval(days => $2::int)
  GROUP BY customer_id
), q AS (
  SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY rd::float8) AS qr,
         percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY fq::float8) AS qf,
         percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY mv::float8) AS qm
  FROM c
), s AS (
  SELECT 5 - width_bucket(rd::float8, ARRAY[qr[1] + 1, qr[2] + 1, qr[3] + 1, qr[4] + 1]) AS r,
         1 + width_bucket(fq::float8, ARRAY[qf[1] + 1, qf[2] + 1, qf[3] + 1, qf[4] + 1]) AS f,
         1 + width_bucket(mv::float8, ARRAY[qm[1] + 1, qm[2] + 1, qm[3] + 1, qm[4] + 1]) AS m
  FROM c CROSS JOIN q
)
SELECT count(*)::int AS n, sum(100 * r + 10 * f + m)::bigint::text AS checksum,
       count(*) FILTER (WHERE r * 10 + (f + m + 1) / 2 IN (55, 54, 45))::int AS champions
FROM s`;

function options() {
  const { flags, int } = benchFlags();
  return {
    customers: int('customers', 1_000_000, 1),
    ordersPerCustomer: int('orders-per-customer', 10),
    eventsPerCustomer: 0,
    runs: int('runs', 3, 1),
    seed: int('seed', 42),
    skipLoad: flags['skip-load'] === true,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const opts = options();
  const { runtime, config } = await openBenchRuntime();
  try {
    const machine = await describeMachine(runtime.db, !config.databaseUrl);
    const load = await loadBenchData(runtime, opts);
    const asOf = (await runtime.db.query<{ at: Date }>('SELECT max(ordered_at) AS at FROM orders')).rows[0]!.at;
    log(`RFM: ${load.customers.toLocaleString('en')} customers, ${load.orders.toLocaleString('en')} orders, as of ${asOf.toISOString()}, window ${WINDOW_DAYS} days, ${opts.runs} runs each`);
    const app: number[] = [];
    const reference: number[] = [];
    let scored = 0;
    let ref = { n: 0, checksum: '0', champions: 0 };
    for (let i = 0; i < opts.runs; i++) {
      // The reference gets the same work_mem as the app's statement (set per transaction).
      const r = await timed(() =>
        runtime.db.tx(async (sql) => {
          await sql.query(`SET LOCAL work_mem = '${RFM_WORK_MEM}'`);
          return (await sql.query<typeof ref>(REFERENCE_SQL, [asOf, WINDOW_DAYS])).rows[0]!;
        }),
      );
      reference.push(r.seconds);
      ref = r.value;
      const a = await timed(() => runtime.db.tx((sql) => computeRfm(sql, { asOf, windowDays: WINDOW_DAYS, method: 'type7', now: new Date() })));
      app.push(a.seconds);
      scored = a.value.scored;
      log(`  run ${i + 1}: reference ${r.seconds.toFixed(2)} s, app (stored) ${a.seconds.toFixed(2)} s`);
    }
    const stored = (await runtime.db.query<typeof ref>(
      `SELECT count(*)::int AS n, sum(100 * rfm_r + 10 * rfm_f + rfm_m)::bigint::text AS checksum, count(*) FILTER (WHERE rfm_segment = 'champions')::int AS champions
       FROM customer_scores WHERE rfm_segment IS NOT NULL`,
    )).rows[0]!;
    const same = stored.n === ref.n && stored.checksum === ref.checksum && stored.champions === ref.champions && scored === ref.n;
    const ratio = median(app) / median(reference);
    log(`  median: reference ${median(reference).toFixed(2)} s, app ${median(app).toFixed(2)} s, ratio ${ratio.toFixed(2)}; same scores: ${same}`);
    writeSections(REPORT, [
      {
        id: 'rfm',
        lines: [
          '## RFM scoring stored back on the customers',
          '',
          ...machineLines(machine, `${load.customers.toLocaleString('en')} customers, ${load.orders.toLocaleString('en')} orders`),
          `- What: \`computeRfm\` (one statement: figures over the last ${WINDOW_DAYS} days, R rfm type 7 quintiles, segment, UPDATE … FROM + INSERT of the customers the update did not reach into customer_scores) vs the hand-written reference statement in \`bench/rfm.bench.ts\` computing the same scores without storing them, both with work_mem ${RFM_WORK_MEM} for their transaction; alternating, ${opts.runs} runs each, median.`,
          '',
          '| statement | median s | runs (s) |',
          '|---|---|---|',
          `| reference (compute only) | ${median(reference).toFixed(2)} | ${reference.map((x) => x.toFixed(2)).join(', ')} |`,
          `| app: computeRfm (compute + store) | ${median(app).toFixed(2)} | ${app.map((x) => x.toFixed(2)).join(', ')} |`,
          '',
          `Ratio ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? '**met**' : '**missed**'}); ${ref.n.toLocaleString('en')} customers scored, same scores as the reference: ${same ? 'yes' : '**no**'}.`,
          '',
          'Target scale (1M customers, 10M orders): `npx tsx bench/rfm.bench.ts` (or `--skip-load` on the data `npm run bench` loaded).',
        ],
      },
    ]);
    log(`Wrote ${path.relative(process.cwd(), REPORT)}`);
    if (!same) process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench rfm: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
