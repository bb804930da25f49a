import { addCredit, type ChannelCredit, type ChannelPath, channelsOf, sortedCredits, totalConversions } from './channel-paths.js';

/**
 * First-order Markov removal-effect attribution, as R ChannelAttribution's `markov_model(order = 1)`
 * but computed exactly (absorbing-chain linear solve) instead of by simulation. Pure.
 *
 * States: (start), the channels, (conversion), (null). A path seen c + n times contributes c + n to
 * start → first channel and to each step between channels, c to last → (conversion) and n to
 * last → (null). Transition probabilities are the row-normalised counts. With Q the channel-to-channel
 * block and r the channel-to-conversion column, the probabilities of ending in a conversion from each
 * channel solve (I − Q) p = r; P(conversion) = Σ start_j · p_j. Removing channel k sends every
 * transition into k to (null): the same solve without k. Removal effect
 *   RE_k = 1 − P(conversion without k) / P(conversion);
 * credit_k = total conversions · RE_k / Σ RE (and the same for value).
 * Self-loops (a > a) do not change absorbing probabilities, so they need no special case.
 * Cost: one k×k solve per channel (k³ each), fine for the tens of channels of UTM sources.
 */
export interface MarkovAttribution {
  credits: ChannelCredit[];
  /** Removal effect per channel, in [0, 1]. */
  removalEffects: Record<string, number>;
  conversionProbability: number;
}

interface Chain {
  channels: string[];
  start: number[];
  transitions: number[][];
  toConversion: number[];
}

function transitionChain(paths: readonly ChannelPath[]): Chain {
  const channels = channelsOf(paths);
  const index = new Map(channels.map((channel, i) => [channel, i]));
  const k = channels.length;
  const start = Array<number>(k).fill(0);
  const counts = channels.map(() => Array<number>(k).fill(0));
  const conversion = Array<number>(k).fill(0);
  const outgoing = Array<number>(k).fill(0);
  let starts = 0;
  for (const path of paths) {
    const weight = path.conversions + path.nulls;
    if (weight <= 0) continue;
    const ids = path.channels.map((channel) => index.get(channel)!);
    start[ids[0]!]! += weight;
    starts += weight;
    ids.slice(1).forEach((to, i) => {
      counts[ids[i]!]![to]! += weight;
      outgoing[ids[i]!]! += weight;
    });
    const last = ids[ids.length - 1]!;
    conversion[last]! += path.conversions;
    outgoing[last]! += weight;
  }
  const share = (count: number, total: number) => (total > 0 ? count / total : 0);
  return {
    channels,
    start: start.map((s) => share(s, starts)),
    transitions: counts.map((row, i) => row.map((c) => share(c, outgoing[i]!))),
    toConversion: conversion.map((c, i) => share(c, outgoing[i]!)),
  };
}

/** P(conversion) from (start) when the channels in `removed` lead to (null). */
function conversionProbability(chain: Chain, removed: number): number {
  const kept = chain.channels.map((_, i) => i).filter((i) => i !== removed);
  const matrix = kept.map((i) => kept.map((j) => (i === j ? 1 : 0) - chain.transitions[i]![j]!));
  const p = solveLinearSystem(matrix, kept.map((i) => chain.toConversion[i]!));
  return kept.reduce((sum, i, position) => sum + chain.start[i]! * p[position]!, 0);
}

/** Gaussian elimination with partial pivoting; singular pivots (unreachable loops) count as 0. */
export function solveLinearSystem(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const head = a[col]!;
    if (Math.abs(head[col]!) < 1e-14) continue;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / head[col]!;
      if (factor !== 0) for (let j = col; j <= n; j++) a[row]![j]! -= factor * head[j]!;
    }
  }
  return a.map((row, i) => (Math.abs(row[i]!) < 1e-14 ? 0 : row[n]! / row[i]!));
}

export function markovAttribution(paths: readonly ChannelPath[]): MarkovAttribution {
  const chain = transitionChain(paths);
  const base = conversionProbability(chain, -1);
  const effects = chain.channels.map((_, k) => (base > 0 ? Math.max(0, 1 - conversionProbability(chain, k) / base) : 0));
  const totalEffect = effects.reduce((a, b) => a + b, 0);
  const total = totalConversions(paths);
  const credits = new Map<string, ChannelCredit>();
  const whole: ChannelPath = { channels: [], conversions: total.conversions, value: total.value, nulls: 0 };
  chain.channels.forEach((channel, k) => {
    addCredit(credits, channel, whole, totalEffect > 0 ? effects[k]! / totalEffect : 0);
  });
  return {
    credits: sortedCredits(paths, credits),
    removalEffects: Object.fromEntries(chain.channels.map((channel, k) => [channel, effects[k]!])),
    conversionProbability: base,
  };
}
