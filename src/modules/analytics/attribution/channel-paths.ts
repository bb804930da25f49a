import { AnalysisInputError } from '../analysis-input.js';

/**
 * Customer journeys aggregated by path, as in R ChannelAttribution's data: a path of channels with
 * how many times it ended in a conversion (and with what value) and how many times it did not.
 */
export interface ChannelPath {
  channels: string[];
  conversions: number;
  /** Total conversion value of the path (0 when unknown). */
  value: number;
  /** Journeys along this path that did not convert. */
  nulls: number;
}

/** Credit given to one channel: a share of the conversions and of their value. */
export interface ChannelCredit {
  channel: string;
  conversions: number;
  value: number;
}

/**
 * Splits "eta > iota > eta" on the separator (default ">") and trims each channel, so "a>b" and
 * "a > b" are the same path. An empty channel is refused.
 */
export function splitPath(path: string, separator = '>'): string[] {
  const channels = path.split(separator).map((channel) => channel.trim());
  if (channels.some((channel) => channel === '')) throw new AnalysisInputError(`path "${path}" has an empty channel (separator "${separator}")`);
  return channels;
}

/** Adds `share` of a path's conversions and value to a channel's credit. */
export function addCredit(credits: Map<string, ChannelCredit>, channel: string, path: ChannelPath, share: number): void {
  const credit = credits.get(channel) ?? { channel, conversions: 0, value: 0 };
  credit.conversions += share * path.conversions;
  credit.value += share * path.value;
  credits.set(channel, credit);
}

/** Every channel seen in the paths, in first-seen order. */
export function channelsOf(paths: readonly ChannelPath[]): string[] {
  return [...new Set(paths.flatMap((path) => path.channels))];
}

/** Credits of every channel (0 for channels never credited), by conversions desc then name. */
export function sortedCredits(paths: readonly ChannelPath[], credits: Map<string, ChannelCredit>): ChannelCredit[] {
  return channelsOf(paths)
    .map((channel) => credits.get(channel) ?? { channel, conversions: 0, value: 0 })
    .sort((a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}

export function totalConversions(paths: readonly ChannelPath[]): { conversions: number; value: number } {
  return paths.reduce((sum, p) => ({ conversions: sum.conversions + p.conversions, value: sum.value + p.value }), { conversions: 0, value: 0 });
}
