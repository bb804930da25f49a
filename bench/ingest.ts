/**
 * `npm run bench:ingest [-- --connections 8 --duration 20 --batch 100 --users 200000]`
 * Tracking ingest through the real HTTP server: `/v1/batch` of 100 messages from several concurrent
 * clients (messageId idempotency and identity resolution on), then a bare `COPY` of rows of the same
 * shape into the same `events` table, in the same run, so the two rates can be compared. Writes the
 * `ingest` section of docs/benchmarks.md. See bench/README.md.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { benchFlags } from './bench-flags.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, log, openBenchRuntime } from './bench-setup.js';
import { backendCpu, login, startServer } from './http-bench.js';
import type { IngestJob, IngestResult } from './ingest-client.js';
import { describeMachine, machineLines, writeSections } from './report.js';
import { resetStatementStats, statementLines, topStatements } from './statement-stats.js';

const REPORT = path.resolve('docs/benchmarks.md');

function options() {
  const { int } = benchFlags();
  return { connections: int('connections', 8, 1), duration: int('duration', 20, 1), warmup: int('warmup', 5, 1), batch: int('batch', 100, 1), users: int('users', 200_000, 1), copyRows: int('copy-rows', 500_000, 1) };
}

function runClient(job: IngestJob): Promise<IngestResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./ingest-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { ok: boolean; result?: IngestResult; error?: string }) => (message.ok && message.result ? resolve(message.result) : reject(new Error(`ingest client failed: ${message.error}`))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`ingest client exited with ${code}`)));
    child.send(job);
  });
}

/** Rows shaped like those ingestion stores (track events with context and properties), COPY text format. */
function* copyRows(count: number, sourceId: number, maxCustomerId: number, runId: string): Generator<string> {
  const now = new Date().toISOString();
  let chunk = '';
  for (let n = 0; n < count; n++) {
    const customer = 1 + ((n * 2654435761) % maxCustomerId);
    const properties = `{"sku": "SKU-${n % 500}", "price": ${(n % 997) + 0.5}}`;
    const context = `{"ip": "10.0.0.${n % 250}", "page": {"path": "/p/${n % 500}"}, "library": {"name": "bench"}}`;
    chunk += `${customer}\ttrack\tProduct Viewed\t${properties}\t${now}\tcopy-${runId}-${n}\t${sourceId}\t\\N\tbench-u-${n % 200000}\t${context}\t${now}\t${now}\n`;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** COPY of `rows` event rows into `events` in a transaction that is then rolled back (the table stays as it was). */
async function bareCopy(db: Awaited<ReturnType<typeof openBenchRuntime>>['runtime']['db'], rows: number, sourceId: number, maxCustomerId: number, runId: string) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const started = performance.now();
    const stream = client.query(copyFrom('COPY events (customer_id, type, name, properties, occurred_at, message_id, source_id, anonymous_id, user_id, context, received_at, sent_at) FROM STDIN'));
    await pipeline(Readable.from(copyRows(rows, sourceId, maxCustomerId, runId)), stream);
    const seconds = (performance.now() - started) / 1000;
    await client.query('ROLLBACK');
    return { rows: stream.rowCount, seconds, rowsPerSecond: stream.rowCount / seconds };
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const { runtime, config, statements } = await openBenchRuntime();
  const server = await startServer(runtime, config);
  try {
    const machine = await describeMachine(runtime.db, !config.databaseUrl);
    const token = await login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const runId = Date.now().toString(36);
    const res = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `bench-${runId}` }) });
    if (res.status !== 201 && res.status !== 200) throw new Error(`create source: ${res.status} ${await res.text()}`);
    const source = (await res.json()) as { id: number; writeKey: string };
    const before = (await runtime.db.query<{ customers: number; events: number }>(`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM events)::int AS events`)).rows[0]!;
    log(`Ingest: ${opts.connections} clients × /v1/batch of ${opts.batch}, ${opts.duration} s (after ${opts.warmup} s warm-up)…`);
    await resetStatementStats(runtime.db, statements);
    const cpu = server.cpuSeconds();
    const dbBefore = await backendCpu(runtime.db);
    const result = await runClient({ url: server.url, writeKey: source.writeKey, connections: opts.connections, duration: opts.duration, warmup: opts.warmup, batchSize: opts.batch, userPool: opts.users, runId });
    const serverCpu = server.cpuSeconds() - cpu;
    const dbAfter = await backendCpu(runtime.db);
    let dbCpuSeconds: number | null = null;
    if (dbBefore && dbAfter) {
      dbCpuSeconds = 0;
      for (const [pid, ticks] of dbAfter) dbCpuSeconds += (ticks - (dbBefore.get(pid) ?? 0)) / 100;
    }
    const stats = await topStatements(runtime.db, statements);
    log(`  ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, batch p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, failed batches ${result.failedBatches}`);
    const maxCustomerId = (await runtime.db.query<{ id: number }>('SELECT coalesce(max(id), 1)::bigint AS id FROM customers')).rows[0]!.id;
    log(`Bare COPY of ${opts.copyRows.toLocaleString('en')} event rows into events…`);
    const copy = await bareCopy(runtime.db, opts.copyRows, source.id, maxCustomerId, runId);
    log(`  ${Math.round(copy.rowsPerSecond).toLocaleString('en')} rows/s`);
    const share = result.eventsPerSecond / copy.rowsPerSecond;
    const lines = [
      '## Tracking ingest (POST /v1/batch)',
      '',
      'Command: `npm run bench:ingest` (bench/ingest.ts; the load generator is bench/ingest-client.ts in a forked process).',
      '',
      ...machineLines(machine, `${before.customers.toLocaleString('en')} customers and ${before.events.toLocaleString('en')} events before the run`),
      `- Load: ${opts.connections} concurrent clients, each sending its next batch of ${opts.batch} when the last is answered; 85% track by a known userId (pool of ${opts.users.toLocaleString('en')}), 10% page by a new anonymousId (a new customer each), 5% identify with an e-mail trait; unique messageIds; ${opts.duration} s measured after ${opts.warmup} s warm-up.`,
      `- Reference: COPY of ${copy.rows.toLocaleString('en')} rows of the same shape into the same \`events\` table (same indexes), in one transaction, same run.`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| acknowledged events/s (HTTP, idempotency + identity resolution) | ${Math.round(result.eventsPerSecond).toLocaleString('en')} |`,
      `| bare COPY rows/s | ${Math.round(copy.rowsPerSecond).toLocaleString('en')} |`,
      `| ingest ÷ COPY | ${(share * 100).toFixed(1)}% |`,
      `| batch latency p50 / p99 / max ms | ${result.latency.p50.toFixed(1)} / ${result.latency.p99.toFixed(1)} / ${result.latency.max.toFixed(1)} |`,
      `| failed batches | ${result.failedBatches} (${JSON.stringify(result.statusCodes)}) |`,
      `| CPU ms per 1,000 events: server / PostgreSQL backends / load generator (server and PostgreSQL over the whole run, warm-up included) | ${((1e6 * serverCpu) / result.allEvents).toFixed(1)} / ${dbCpuSeconds === null ? 'n/a' : ((1e6 * dbCpuSeconds) / result.allEvents).toFixed(1)} / ${((1e6 * result.clientCpuSeconds) / result.events).toFixed(1)} |`,
      '',
      `Targets: ≥ 30,000 events/s — ${result.eventsPerSecond >= 30_000 ? '**met**' : '**missed**'}; ≥ 25% of bare COPY — ${share >= 0.25 ? '**met**' : '**missed**'}.`,
      '',
      ...statementLines(stats, result.batches),
    ];
    writeSections(REPORT, [{ id: 'ingest', lines }]);
    log(`Wrote ${path.relative(process.cwd(), REPORT)}`);
  } finally {
    await server.close();
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
