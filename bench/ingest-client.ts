/**
 * The tracking load generator, run as its own process (forked by ingest.ts). `connections` loops
 * each POST a `/v1/batch` of `batchSize` messages, send the next when the last is answered, and
 * count only acknowledged (2xx) messages. Message mix per batch: 85% `track` by a known userId from a
 * pool, 10% `page` by a new anonymousId, 5% `identify` (userId + e-mail trait). messageIds are unique.
 */
import http from 'node:http';
import { summarize, type LatencySummary } from './latency.js';

export interface IngestJob {
  url: string;
  writeKey: string;
  connections: number;
  duration: number;
  warmup: number;
  batchSize: number;
  userPool: number;
  runId: string;
}

export interface IngestResult {
  seconds: number;
  batches: number;
  events: number;
  /** Events acknowledged over the whole run, warm-up included (the server's and PostgreSQL's CPU are measured over all of it). */
  allEvents: number;
  eventsPerSecond: number;
  failedBatches: number;
  statusCodes: Record<string, number>;
  /** Batch round-trip times, ms. */
  latency: LatencySummary;
  clientCpuSeconds: number;
}

const EVENTS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Coupon Applied'];

function batchBody(job: IngestJob, loop: number, seq: number, now: string): string {
  const parts: string[] = [];
  for (let i = 0; i < job.batchSize; i++) {
    const n = seq * job.batchSize + i;
    const messageId = `${job.runId}-${loop}-${n}`;
    const user = (n * 2654435761 + loop * 97) % job.userPool;
    const kind = n % 20;
    if (kind < 17) {
      parts.push(`{"type":"track","messageId":"${messageId}","userId":"bench-u-${user}","event":"${EVENTS[n % EVENTS.length]}","timestamp":"${now}","properties":{"sku":"SKU-${n % 500}","price":${(n % 997) + 0.5}},"context":{"ip":"10.0.${loop}.${n % 250}","page":{"path":"/p/${n % 500}"}}}`);
    } else if (kind < 19) {
      parts.push(`{"type":"page","messageId":"${messageId}","anonymousId":"anon-${job.runId}-${loop}-${n}","name":"Home","timestamp":"${now}","properties":{"path":"/"},"context":{"campaign":{"source":"baidu","medium":"cpc"}}}`);
    } else {
      parts.push(`{"type":"identify","messageId":"${messageId}","userId":"bench-u-${user}","timestamp":"${now}","traits":{"email":"u${user}@bench.example.cn"}}`);
    }
  }
  return `{"batch":[${parts.join(',')}],"sentAt":"${now}"}`;
}

function post(agent: http.Agent, url: URL, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: '/v1/batch', method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runIngestJob(job: IngestJob): Promise<IngestResult> {
  const url = new URL(job.url);
  const auth = `Basic ${Buffer.from(`${job.writeKey}:`).toString('base64')}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const statusCodes: Record<string, number> = {};
  const samples: number[] = [];
  let batches = 0;
  let allBatches = 0;
  let failed = 0;
  let measuring = false;
  const start = Date.now();
  const warmEnd = start + job.warmup * 1000;
  const end = warmEnd + job.duration * 1000;
  let cpu = process.cpuUsage();
  let measuredFrom = 0;
  const loops = Array.from({ length: job.connections }, async (_, loop) => {
    for (let seq = 0; Date.now() < end; seq++) {
      const body = batchBody(job, loop, seq, new Date().toISOString());
      const sent = performance.now();
      const status = await post(agent, url, auth, body);
      if (status >= 200 && status < 300) allBatches++;
      if (!measuring && Date.now() >= warmEnd) {
        measuring = true;
        measuredFrom = performance.now();
        cpu = process.cpuUsage();
      }
      if (!measuring || Date.now() > end) continue;
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      samples.push(performance.now() - sent);
      if (status >= 200 && status < 300) batches++;
      else failed++;
    }
  });
  await Promise.all(loops);
  const seconds = (performance.now() - measuredFrom) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  const events = batches * job.batchSize;
  return { seconds, batches, events, allEvents: allBatches * job.batchSize, eventsPerSecond: events / seconds, failedBatches: failed, statusCodes, latency: summarize(samples), clientCpuSeconds: (used.user + used.system) / 1e6 };
}

process.once('message', (job: IngestJob) => {
  runIngestJob(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});
