/**
 * `npm run bench [-- --customers 1000000 --orders-per-customer 10 --duration 20 --skip-load]`
 * Loads demo data into a dedicated database, adds a custom field, then measures the customer list
 * and detail APIs with autocannon and writes docs/benchmarks.md. See bench/README.md.
 */
import path from 'node:path';
import { benchFlags } from './bench-flags.js';
import { adminContext, ADMIN_EMAIL, ADMIN_PASSWORD, ensureTierField, fillEvents, loadBenchData, log, openBenchRuntime, TIERS } from './bench-setup.js';
import { explainDetail, explainList } from './explain.js';
import { type BenchServer, detailPaths, listPaths, type Measured, measure, login, sampleCustomerIds, startServer } from './http-bench.js';
import { describeMachine, httpSection, loadSection, writeSections } from './report.js';

const REPORT = path.resolve('docs/benchmarks.md');

function options() {
  const { flags, int, ints } = benchFlags();
  return {
    customers: int('customers', 1_000_000, 1),
    ordersPerCustomer: int('orders-per-customer', 10),
    eventsPerCustomer: int('events-per-customer', 0),
    duration: int('duration', 20, 1),
    warmup: int('warmup', 5),
    connections: int('connections', 50, 1),
    maxPage: int('max-page', 20, 1),
    seed: int('seed', 42),
    skipLoad: flags['skip-load'] === true,
    /** Send every distinct request once before the first warm-up (off: --no-prime). */
    prime: flags['no-prime'] !== true,
    /** Top events up to this many rows with SQL-generated behaviour (0: leave them). */
    fillEvents: int('fill-events', 0),
    /** Only these benchmarks (comma-separated: list, detail, 360); default all. */
    only: typeof flags.only === 'string' ? flags.only.split(',') : ['list', 'detail', '360'],
    /** Fixed request rates (per second, comma-separated) at which the 360 view is also measured, open loop; `--rates ''` for none. */
    rates: ints('rates', [500, 1000]),
  };
}

async function main(): Promise<void> {
  const opts = options();
  const { runtime, config, statements } = await openBenchRuntime();
  let server: BenchServer | undefined;
  try {
    const machine = await describeMachine(runtime.db, !config.databaseUrl);
    log(opts.skipLoad ? 'Reusing the existing data (--skip-load).' : `Loading ${opts.customers.toLocaleString('en')} customers × ${opts.ordersPerCustomer} orders…`);
    const load = await loadBenchData(runtime, opts);
    if (!load.skipped) log(`  total ${load.totalSeconds.toFixed(1)} s`);
    if (opts.fillEvents > 0) {
      log(`Topping events up to ${opts.fillEvents.toLocaleString('en')} rows…`);
      const filled = await fillEvents(runtime, opts.fillEvents);
      log(`  added ${filled.added.toLocaleString('en')} events in ${filled.seconds.toFixed(1)} s`);
      if (!load.skipped || filled.added > 0) load.events = (await runtime.db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM events')).rows[0]!.n;
    }
    server = await startServer(runtime, config);
    log(`API: ${server.processes} process(es)`);
    const token = await login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    log('Custom field tier…');
    const tier = await ensureTierField(runtime, { url: server.url, token });
    const maxId = (await runtime.db.query<{ id: number | null }>('SELECT max(id) AS id FROM customers')).rows[0]!.id ?? 1;
    const data = `${load.customers.toLocaleString('en')} customers, ${load.orders.toLocaleString('en')} orders, ${load.events.toLocaleString('en')} events, ${load.team.toLocaleString('en')} team rows`;
    const ctx = await adminContext(runtime);
    const job = { url: server.url, token, connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
    const tiers = TIERS.map((t) => t.value);
    const serverLine = `Server: ${server.processes === 1 ? 'one API process' : `${server.processes} API processes sharing the port (\`relata start --processes ${server.processes}\`${process.env.RELATA_API_PROCESSES ? '' : `, what the default \`auto\` gives on ${machine.cpus} cores`})`} on the same machine as PostgreSQL and the load generator.`;
    const runsLine = `Runs: ${opts.prime ? 'every distinct URL requested once (so the sample is in PostgreSQL’s buffers, as on a server that has been running), then ' : ''}${opts.warmup} s warm-up, then ${opts.duration} s measured with autocannon in a separate process; p95 from every response time. Then 10 s each with 10 connections and with 1 (each connection sends its next request when the previous one is answered).`;
    /** Warm-up of the runs after the first (which also primes). */
    const shortWarmup = Math.min(opts.warmup, 2);
    const ratesLine = `Then, open loop, ${opts.duration} s at each fixed rate of ${new Intl.ListFormat('en').format(opts.rates.map((r) => r.toLocaleString('en')))} requests/s (evenly spaced, at most ${opts.connections} connections; each response time counted from when its request was due, so waiting for a connection counts), each after a ${shortWarmup} s warm-up.`;
    /**
     * At the target's concurrency, then with 10 connections and with one (the service time of a
     * request without queueing). Each connection sends its next request when the last one is answered.
     */
    const runAll = async (name: string, paths: string[], rates: readonly number[] = []) => {
      log(`${name}: ${opts.connections} connections, ${opts.duration} s…`);
      // The first run primes: every distinct path once before its warm-up (see LoadJob.prime).
      const loaded = await measure(runtime.db, server!, { ...job, paths, prime: opts.prime }, statements);
      report(name, loaded);
      const extra: { label: string; measured: Measured; rate?: number }[] = [];
      for (const connections of [10, 1]) {
        const measured = await measure(runtime.db, server!, { ...job, paths, connections, duration: Math.min(opts.duration, 10), warmup: shortWarmup }, statements);
        report(`${name}, ${connections} connection(s)`, measured);
        extra.push({ label: String(connections), measured });
      }
      for (const rate of rates) {
        const measured = await measure(runtime.db, server!, { ...job, paths, rate, warmup: shortWarmup }, statements);
        report(`${name}, fixed ${rate} req/s`, measured);
        extra.push({ label: `${opts.connections} at ${rate.toLocaleString('en')}/s`, measured, rate });
      }
      return { loaded, extra };
    };

    const sections: { id: string; lines: string[] }[] = [];
    // With --skip-load the load section of the run that loaded the data stays.
    if (!load.skipped) sections.push({ id: 'load', lines: loadSection(machine, data, load, tier) });
    if (opts.only.includes('list')) {
      const list = await runAll('List API', listPaths(opts.seed, 10_000, opts.maxPage, tiers));
      const filter = (value: string) => [{ field: 'cf_tier', op: 'eq' as const, value }];
      const plans = [
        ...(await explainList(runtime, ctx, 'List, page 1, tier gold, sort -createdAt', { page: 1, pageSize: 50, sort: '-createdAt', filters: filter('gold') })),
        ...(await explainList(runtime, ctx, `List, page ${opts.maxPage}, tier platinum, sort name`, { page: opts.maxPage, pageSize: 50, sort: 'name', filters: filter('platinum') })),
      ];
      const what = [
        `Requests: page of 50, one filter \`cf_tier eq <bronze|silver|gold|platinum>\` (custom select field), sort \`-createdAt\` or \`name\`, pages 1–${opts.maxPage}, as the admin (scope 全部); 10,000 distinct URLs cycled.`,
        runsLine,
        serverLine,
      ];
      const lines = httpSection(machine, data, { id: 'customer-list', title: 'Customer list API (GET /api/customers)', what, target: { label: 'p95 < 100 ms', percentile: 'p95', ms: 100 }, connections: opts.connections, ...list, plans });
      sections.push({ id: 'customer-list', lines });
    }
    const sample = opts.only.includes('detail') || opts.only.includes('360') ? await sampleCustomerIds(runtime.db, 10_000) : [];
    if (opts.only.includes('detail')) {
      const detail = await runAll('Detail API', detailPaths(opts.seed, 10_000, sample));
      const plans = await explainDetail(runtime, ctx, 'Detail', sample[0] ?? 1);
      const what = [`Requests: random existing ids (10,000 sampled over 1–${maxId.toLocaleString('en')}) as the admin (mobile and email decrypted and masked).`, runsLine, serverLine];
      const lines = httpSection(machine, data, { id: 'customer-detail', title: 'Customer detail API (GET /api/customers/:id)', what, target: { label: 'p99 < 20 ms', percentile: 'p99', ms: 20 }, connections: opts.connections, ...detail, plans });
      sections.push({ id: 'customer-detail', lines });
    }
    if (opts.only.includes('360')) {
      const view = await runAll('360 API', detailPaths(opts.seed + 1, 10_000, sample).map((p) => `${p}/360`), opts.rates);
      const what = [
        `Requests: \`GET /api/customers/:id/360\` for random existing ids (10,000 sampled over 1–${maxId.toLocaleString('en')}) as the admin: profile (masked contact fields), identifiers, consents, computed traits, scores, owner and the first timeline page (20 items of events, orders and field changes, newest first).`,
        runsLine,
        ...(opts.rates.length ? [ratesLine] : []),
        serverLine,
      ];
      const lines = httpSection(machine, data, { id: 'customer-360', title: 'Customer 360 API (GET /api/customers/:id/360)', what, target: { label: 'p99 < 30 ms', percentile: 'p99', ms: 30 }, connections: opts.connections, ...view, plans: [] });
      sections.push({ id: 'customer-360', lines });
    }
    writeSections(REPORT, sections);
    log(`Wrote ${path.relative(process.cwd(), REPORT)}`);
  } finally {
    await server?.close();
    await runtime.close();
  }
}

function report(label: string, r: Measured): void {
  const l = r.latency;
  const db = r.databaseCpuSeconds === null ? 'n/a' : r.databaseCpuSeconds.toFixed(1);
  log(`  ${label}: ${Math.round(r.rps)} req/s, p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} p99 ${l.p99.toFixed(1)} ms, errors ${r.non2xx + r.errors + r.timeouts}; CPU s: server ${r.serverCpuSeconds.toFixed(1)}, db ${db}, client ${r.clientCpuSeconds.toFixed(1)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
