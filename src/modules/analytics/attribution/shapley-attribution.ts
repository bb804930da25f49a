import { AnalysisInputError } from '../analysis-input.js';
import { addCredit, type ChannelCredit, type ChannelPath, channelsOf, sortedCredits } from './channel-paths.js';

/**
 * Shapley-value attribution with coalition worths taken from the paths ("simplified" data-driven
 * Shapley): the worth of a set S of channels is the conversions (or value) of the paths whose
 * distinct channels all lie in S,
 *   v(S) = Σ_{paths p, channels(p) ⊆ S} conversions(p),
 * and channel i gets φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)). Exact over all
 * 2ⁿ coalitions, so at most 20 channels. Because v is a sum of unanimity games, φ equals splitting
 * each path's conversions equally over its distinct channels (the tests check this). Pure.
 */
export const MAX_SHAPLEY_CHANNELS = 20;

export function shapleyAttribution(paths: readonly ChannelPath[]): ChannelCredit[] {
  const channels = channelsOf(paths);
  const n = channels.length;
  if (n > MAX_SHAPLEY_CHANNELS) throw new AnalysisInputError(`Shapley attribution is exact over all coalitions and supports at most ${MAX_SHAPLEY_CHANNELS} channels, got ${n}`);
  const conversions = coalitionWorths(paths, channels, (p) => p.conversions);
  const values = coalitionWorths(paths, channels, (p) => p.value);
  const weights = shapleyWeights(n);
  const credits = new Map<string, ChannelCredit>();
  channels.forEach((channel, i) => {
    const bit = 1 << i;
    let conversionShare = 0;
    let valueShare = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & bit) continue;
      const weight = weights[popcount(mask)]!;
      conversionShare += weight * (conversions[mask | bit]! - conversions[mask]!);
      valueShare += weight * (values[mask | bit]! - values[mask]!);
    }
    addCredit(credits, channel, { channels: [], conversions: conversionShare, value: valueShare, nulls: 0 }, 1);
  });
  return sortedCredits(paths, credits);
}

/** v(S) for every coalition bitmask: worth of paths with exactly S, then summed over subsets. */
function coalitionWorths(paths: readonly ChannelPath[], channels: string[], worth: (p: ChannelPath) => number): Float64Array {
  const bitOf = new Map(channels.map((channel, i) => [channel, 1 << i]));
  const v = new Float64Array(1 << channels.length);
  for (const path of paths) v[path.channels.reduce((mask, c) => mask | bitOf.get(c)!, 0)]! += worth(path);
  for (let i = 0; i < channels.length; i++) {
    for (let mask = 0; mask < v.length; mask++) if (mask & (1 << i)) v[mask]! += v[mask ^ (1 << i)]!;
  }
  return v;
}

/** |S|! (n − |S| − 1)! / n! for |S| = 0 … n − 1. */
function shapleyWeights(n: number): number[] {
  const weights: number[] = [];
  for (let size = 0; size < n; size++) {
    let w = 1 / n;
    for (let j = 1; j <= size; j++) w *= j / (n - j);
    weights.push(w);
  }
  return weights;
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}
