import { AnalysisInputError } from '../analysis-input.js';
import { addCredit, type ChannelCredit, type ChannelPath, sortedCredits } from './channel-paths.js';

/**
 * Rule-based attribution: each path's conversions (and value) are split over its touches by
 * weights that sum to 1; a channel touched several times collects the weight of every touch. Pure.
 *  - first / last: the first / last touch gets everything;
 *  - linear: every touch 1/length;
 *  - time-decay: a touch k steps before the conversion weighs 2^(−k / halfLife) (half-life in
 *    touches, default 1: each earlier touch counts half as much), normalised;
 *  - position (U-shaped): 40 % first, 40 % last, 20 % shared by the touches between (a path of one
 *    touch gives it 100 %, of two touches 50 % each).
 * Example: path a > b > c converting once, linear → a 1/3, b 1/3, c 1/3.
 */
export type HeuristicModel = 'first' | 'last' | 'linear' | 'time-decay' | 'position';

export interface HeuristicOptions {
  halfLife?: number;
}

export function touchWeights(length: number, model: HeuristicModel, options: HeuristicOptions = {}): number[] {
  const weights = Array<number>(length).fill(0);
  if (model === 'first') weights[0] = 1;
  else if (model === 'last') weights[length - 1] = 1;
  else if (model === 'linear') weights.fill(1 / length);
  else if (model === 'time-decay') {
    const halfLife = options.halfLife ?? 1;
    if (!(halfLife > 0)) throw new AnalysisInputError(`the half-life must be positive, got ${halfLife}`);
    const raw = weights.map((_, i) => 2 ** (-(length - 1 - i) / halfLife));
    const total = raw.reduce((a, b) => a + b, 0);
    raw.forEach((w, i) => {
      weights[i] = w / total;
    });
  } else if (length <= 2) weights.fill(1 / length);
  else {
    weights.fill(0.2 / (length - 2));
    weights[0] = 0.4;
    weights[length - 1] = 0.4;
  }
  return weights;
}

export function heuristicAttribution(paths: readonly ChannelPath[], model: HeuristicModel, options: HeuristicOptions = {}): ChannelCredit[] {
  const credits = new Map<string, ChannelCredit>();
  for (const path of paths) {
    touchWeights(path.channels.length, model, options).forEach((weight, i) => {
      addCredit(credits, path.channels[i]!, path, weight);
    });
  }
  return sortedCredits(paths, credits);
}
