/**
 * The load generator, run as its own process (forked by http-bench.ts) so that it does not share
 * the server's event loop. Receives one LoadJob over IPC, runs autocannon (a warm-up, then the
 * measured run), records every response time and sends back a LoadResult.
 */
import autocannon from 'autocannon';
import { type LatencySummary, summarize } from './latency.js';

export interface LoadJob {
  url: string;
  token: string;
  /** Request paths, cycled in order across all connections. */
  paths: string[];
  connections: number;
  duration: number;
  warmup: number;
  /**
   * Before the warm-up, send every path once (a pass over the whole sample), so that the measured
   * run finds the sampled rows in PostgreSQL's buffers as a server that has been running would,
   * instead of filling its cache during the run.
   */
  prime?: boolean;
}

export interface LoadResult {
  /** Responses received in the measured window. */
  requests: number;
  /** Requests sent (includes those still in flight when the window closed). */
  sent: number;
  seconds: number;
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** From every response time (the 'response' event): gives p95, which autocannon does not. */
  latency: LatencySummary;
  /** autocannon's own histogram, for comparison. */
  autocannon: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  /** CPU time of this load-generator process during the measured run. */
  clientCpuSeconds: number;
}

/** Runs for `length.duration` seconds, or until `length.amount` requests were sent. */
async function attack(job: LoadJob, length: { duration: number } | { amount: number }, onResponse?: (ms: number, status: number) => void) {
  let next = 0;
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    ...length,
    timeout: 30,
    headers: { authorization: `Bearer ${job.token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: job.paths[next++ % job.paths.length] }) }],
  });
  if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(ms, status));
  return instance;
}

export async function runLoadJob(job: LoadJob): Promise<LoadResult> {
  if (job.prime) await attack(job, { amount: job.paths.length });
  if (job.warmup > 0) await attack(job, { duration: job.warmup });
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await attack(job, { duration: job.duration }, (ms) => samples.push(ms));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    requests: samples.length,
    sent: result.requests.sent,
    seconds,
    rps: samples.length / seconds,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    latency: summarize(samples),
    autocannon: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    clientCpuSeconds: (used.user + used.system) / 1e6,
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoadJob(job).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
