/**
 * The load generator, run as its own process (forked by http-bench.ts) so that it does not share
 * the server's event loop. Receives one LoadJob over IPC, runs autocannon (a warm-up, then the
 * measured run), records every response time and sends back a LoadResult.
 */
import http from 'node:http';
import autocannon, { type Result as AutocannonResult } from 'autocannon';
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
  /**
   * Measure at this fixed rate (requests per second) instead of a closed loop: see `fixedRate`.
   * Priming and warm-up still run closed-loop.
   */
  rate?: number;
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
  /** autocannon's own histogram, for comparison (null for a fixed-rate run, which does not use autocannon). */
  autocannon: { p50: number; p90: number; p97_5: number; p99: number; max: number } | null;
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
  const onResponse = (ms: number) => samples.push(ms);
  const outcome = job.rate ? await fixedRate(job, job.rate, onResponse) : autocannonOutcome(await attack(job, { duration: job.duration }, onResponse));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { ...outcome, requests: samples.length, seconds, rps: samples.length / seconds, latency: summarize(samples), clientCpuSeconds: (used.user + used.system) / 1e6 };
}

type Outcome = Pick<LoadResult, 'sent' | 'non2xx' | 'errors' | 'timeouts' | 'statusCodes' | 'autocannon'>;

function autocannonOutcome(result: AutocannonResult): Outcome {
  return {
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    autocannon: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  };
}

/**
 * Open loop at a fixed rate, as users arrive whatever the server is doing: request i is due at
 * start + i ÷ rate (evenly spaced) and its response time is counted from that moment, so a request
 * that waits for a free connection, or is sent late because the server is slow, is counted with its
 * wait (no coordinated omission, as wrk2). At most `job.connections` requests are in flight, on
 * keep-alive sockets; the rest queue in the agent. Sends for `job.duration` seconds, then waits for
 * the answers.
 */
function fixedRate(job: LoadJob, rate: number, onResponse: (ms: number) => void): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const total = Math.round(rate * job.duration);
  const statusCodes: Record<string, number> = {};
  let sent = 0;
  let settled = 0;
  let errors = 0;
  let non2xx = 0;
  let timeouts = 0;
  return new Promise((resolve) => {
    const done = () => {
      settled += 1;
      if (settled < total) return;
      agent.destroy();
      resolve({ sent, non2xx, errors, timeouts, statusCodes, autocannon: null });
    };
    const send = (due: number) => {
      const req = http.get(`${job.url}${job.paths[sent % job.paths.length]}`, { agent, headers: { authorization: `Bearer ${job.token}` } }, (res) => {
        const code = res.statusCode ?? 0;
        statusCodes[code] = (statusCodes[code] ?? 0) + 1;
        if (code < 200 || code > 299) non2xx += 1;
        res.resume();
        res.once('end', () => onResponse(performance.now() - due));
      });
      // As autocannon's `timeout: 30`: a request unanswered after 30 s (counted from when it was sent) is given up.
      let timedOut = false;
      req.setTimeout(30_000, () => {
        timedOut = true;
        timeouts += 1;
        req.destroy();
      });
      req.once('error', () => {
        if (!timedOut) errors += 1;
      });
      // 'close' comes once per request, answered or failed: the run ends when every request has one.
      req.once('close', done);
      sent += 1;
    };
    const start = performance.now();
    const dueAt = (i: number) => start + (i * 1000) / rate;
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) send(dueAt(sent));
      if (sent < total) setTimeout(tick, Math.max(0, dueAt(sent) - now));
    };
    if (total === 0) resolve({ sent, non2xx, errors, timeouts, statusCodes, autocannon: null });
    else tick();
  });
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoadJob(job).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
