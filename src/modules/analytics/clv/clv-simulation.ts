import { normalDraw, type RandomSource, seededRandom } from '../clusters/seeded-random.js';
import type { BgNbdParams } from './bgnbd.js';
import type { ClvTransaction } from './clv-summary.js';
import type { GammaGammaParams } from './gamma-gamma.js';

/**
 * Seeded simulation of customers that follow BG/NBD purchasing and Gamma-Gamma spend exactly, for
 * parameter-recovery tests and the fit benchmark. Pure and reproducible: the same seed gives the
 * same transactions.
 *
 * Each customer is acquired on a uniform day of `acquisitionDays`, buys at Poisson rate λ ~ Gamma(r, α)
 * per `unitDays` days, drops out after each repeat purchase with probability p ~ Beta(a, b), and
 * spends Gamma(p_gg, ν) per transaction with ν ~ Gamma(q, v).
 */
export interface ClvSimulationOptions {
  customers: number;
  seed: number;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Observation ends this many days after the first acquisition day. */
  observationDays: number;
  acquisitionDays: number;
  unitDays: number;
}

export function simulateClvTransactions(options: ClvSimulationOptions): ClvTransaction[] {
  const random = seededRandom(options.seed);
  const { r, alpha, a, b } = options.bgnbd;
  const spend = options.gammaGamma;
  const transactions: ClvTransaction[] = [];
  for (let i = 0; i < options.customers; i++) {
    const customer = `c${i + 1}`;
    const rate = sampleGamma(random, r) / alpha / options.unitDays; // purchases per day
    const dropout = betaSample(random, a, b);
    const spendRate = sampleGamma(random, spend.q) / spend.v;
    let day = Math.floor(random() * options.acquisitionDays);
    transactions.push({ customer, day, amount: sampleGamma(random, spend.p) / spendRate });
    for (;;) {
      day += -Math.log(1 - random()) / rate;
      if (!(day <= options.observationDays)) break;
      transactions.push({ customer, day: Math.floor(day), amount: sampleGamma(random, spend.p) / spendRate });
      if (random() < dropout) break;
    }
  }
  return transactions;
}

/** Gamma(shape, 1) by Marsaglia & Tsang, boosted by U^(1/shape) for shape < 1. */
function sampleGamma(random: RandomSource, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function betaSample(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a);
  return x / (x + sampleGamma(random, b));
}
