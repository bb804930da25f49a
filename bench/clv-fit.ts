/**
 * `npx tsx bench/clv-fit.ts [--customers 100000] [--seed 42]`
 * CLV at scale: customers simulated from known BG/NBD + Gamma-Gamma parameters (one year observed,
 * acquired over the first quarter, purchases on calendar days), then the same path as
 * `relata analyze clv`: summaries, BG/NBD fit, Gamma-Gamma fit, scoring every customer (P(alive),
 * 12-month expected purchases, expected spend, discounted 12-month value).
 * Target: BG/NBD + Gamma-Gamma fit on 100k customers under 10 s. Writes the `clv` section of
 * docs/benchmarks.md. No database.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from '../src/cli/arguments.js';
import { buildClvSummaries, fitBgNbd, fitGammaGamma, runClvModel } from '../src/modules/analytics/index.js';
import { simulateClvTransactions } from '../src/modules/analytics/clv/clv-simulation.js';
import { writeSections } from './report.js';

const REPORT = path.resolve('docs/benchmarks.md');
const TRUTH = { bgnbd: { r: 0.5, alpha: 6, a: 0.8, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 } };

function options() {
  const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
  const value = (name: string, fallback: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : fallback);
  return { customers: Number(value('customers', '100000')), seed: Number(value('seed', '42')) };
}

interface Seconds {
  wall: number;
  /** CPU time of this process: the machine is shared, so wall time depends on the others' load. */
  cpu: number;
}

function timed<T>(run: () => T): [T, Seconds] {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const cpu = process.cpuUsage(cpuStart);
  return [result, { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 }];
}

const cell = (t: Seconds) => `${t.wall.toFixed(2)} | ${t.cpu.toFixed(2)}`;

const o = options();
const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
const [transactions, simulateSeconds] = timed(() =>
  simulateClvTransactions({ customers: o.customers, seed: o.seed, ...TRUTH, observationDays: 365, acquisitionDays: 90, unitDays: 7 }),
);
const [summaries, summarySeconds] = timed(() => buildClvSummaries(transactions, 365, 'week'));
const [bgnbd, bgnbdSeconds] = timed(() => fitBgNbd(summaries));
const [gammaGamma, gammaGammaSeconds] = timed(() => fitGammaGamma(summaries));
const [scored, pipelineSeconds] = timed(() => runClvModel(summaries, { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'week' }));
const fitSeconds = { wall: bgnbdSeconds.wall + gammaGammaSeconds.wall, cpu: bgnbdSeconds.cpu + gammaGammaSeconds.cpu };
const f = (x: number) => x.toPrecision(4);
const lines = [
  '## CLV fit (analytics/clv)',
  '',
  `Command: \`npx tsx bench/clv-fit.ts --customers ${o.customers} --seed ${o.seed}\` (pure code, no database).`,
  '',
  `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC; ${os.availableParallelism()} CPUs; Node ${process.version}; load average at start ${load}`,
  `- Data: ${o.customers.toLocaleString('en')} simulated customers, ${transactions.length.toLocaleString('en')} transactions (BG/NBD r ${TRUTH.bgnbd.r}, alpha ${TRUTH.bgnbd.alpha} weeks, a ${TRUTH.bgnbd.a}, b ${TRUTH.bgnbd.b}; Gamma-Gamma p ${TRUTH.gammaGamma.p}, q ${TRUTH.gammaGamma.q}, v ${TRUTH.gammaGamma.v}); simulated in ${simulateSeconds.wall.toFixed(1)} s (not counted)`,
  '',
  '| step | wall s | CPU s |',
  '|---|---|---|',
  `| summaries (same-day purchases merged, weeks) | ${cell(summarySeconds)} |`,
  `| BG/NBD fit (BFGS on log-parameters, analytic gradient) | ${cell(bgnbdSeconds)} |`,
  `| Gamma-Gamma fit (BFGS; ${gammaGamma.customers.toLocaleString('en')} repeat buyers) | ${cell(gammaGammaSeconds)} |`,
  `| **BG/NBD + Gamma-Gamma fit** | **${cell(fitSeconds)}** |`,
  `| whole pipeline again (both fits + scoring ${scored.customers.length.toLocaleString('en')} customers, 12-month CLV) | ${cell(pipelineSeconds)} |`,
  '',
  `Target: fit under 10 s — wall ${fitSeconds.wall.toFixed(2)} s: **${fitSeconds.wall < 10 ? 'met' : 'missed'}**; CPU ${fitSeconds.cpu.toFixed(2)} s: **${fitSeconds.cpu < 10 ? 'met' : 'missed'}**.`,
  '',
  `Recovered: r ${f(bgnbd.r)}, alpha ${f(bgnbd.alpha)}, a ${f(bgnbd.a)}, b ${f(bgnbd.b)} (logLik ${bgnbd.logLik.toFixed(1)}); p ${f(gammaGamma.p)}, q ${f(gammaGamma.q)}, v ${f(gammaGamma.v)}.`,
];
writeSections(REPORT, [{ id: 'clv', lines }]);
process.stdout.write(`${lines.join('\n')}\n`);
