import { type Analysis, type AnalysisFlags, AnalysisInputError, type AnalysisTable, choiceFlag, numberFlag, parseNumberCell, requireColumn, stringFlag } from '../analysis-input.js';
import { type ChannelCredit, type ChannelPath, splitPath, totalConversions } from './channel-paths.js';
import { heuristicAttribution } from './heuristic-attribution.js';
import { markovAttribution } from './markov-attribution.js';
import { shapleyAttribution } from './shapley-attribution.js';

/**
 * `relata analyze attribution`: one row per distinct path, as R ChannelAttribution's PathData:
 * `path` ("a > b > c", split on `--separator`, default ">", channels trimmed), conversions, and
 * optionally non-converting journeys (`--nulls`, needed by markov) and conversion value.
 */
const MODELS = ['markov', 'shapley', 'first', 'last', 'linear', 'time-decay', 'position'] as const;

export interface AttributionReport {
  model: (typeof MODELS)[number];
  paths: number;
  totalConversions: number;
  totalValue: number;
  channels: ChannelCredit[];
  removalEffects?: Record<string, number>;
}

export const attributionAnalysis: Analysis = {
  usage: [
    '--path COL          channel path column (default path), e.g. "eta > iota > eta"',
    '--separator S       channel separator (default ">"; spaces around channels are trimmed)',
    '--conversions COL   conversions per path (default total_conversions)',
    '--nulls COL         non-converting journeys per path (default total_null when present, else 0)',
    '--value COL         conversion value per path (default total_conversion_value when present, else 0)',
    `--model M           ${MODELS.join('|')} (default markov)`,
    '--half-life H       time-decay half-life in touches (default 1)',
    'output: {"model","totalConversions","totalValue","channels":[{"channel","conversions","value"}],"removalEffects"?}',
  ].join('\n'),
  run(table: AnalysisTable, flags: AnalysisFlags): AttributionReport {
    const model = choiceFlag(flags, 'model', MODELS, 'markov');
    const paths = pathsFromTable(table, flags);
    const total = totalConversions(paths);
    const base = { model, paths: paths.length, totalConversions: total.conversions, totalValue: total.value };
    if (model === 'markov') {
      const markov = markovAttribution(paths);
      return { ...base, channels: markov.credits, removalEffects: markov.removalEffects };
    }
    if (model === 'shapley') return { ...base, channels: shapleyAttribution(paths) };
    return { ...base, channels: heuristicAttribution(paths, model, { halfLife: numberFlag(flags, 'half-life', 1, 1e-9) }) };
  },
};

function optionalColumn(table: AnalysisTable, flags: AnalysisFlags, flag: string, fallback: string): string | undefined {
  return stringFlag(flags, flag) !== undefined || table.header.includes(fallback) ? requireColumn(table, flags, flag, fallback) : undefined;
}

function pathsFromTable(table: AnalysisTable, flags: AnalysisFlags): ChannelPath[] {
  const pathColumn = requireColumn(table, flags, 'path', 'path');
  const conversionsColumn = requireColumn(table, flags, 'conversions', 'total_conversions');
  const nullsColumn = optionalColumn(table, flags, 'nulls', 'total_null');
  const valueColumn = optionalColumn(table, flags, 'value', 'total_conversion_value');
  const separator = stringFlag(flags, 'separator', '>');
  const count = (row: Record<string, string>, column: string | undefined, index: number) => {
    if (column === undefined) return 0;
    const value = parseNumberCell(row[column], column, index);
    if (value < 0) throw new AnalysisInputError(`row ${index + 2}, column "${column}": must not be negative`);
    return value;
  };
  const paths = table.rows.map((row, index) => ({
    channels: splitPath(row[pathColumn] ?? '', separator),
    conversions: count(row, conversionsColumn, index),
    nulls: count(row, nullsColumn, index),
    value: count(row, valueColumn, index),
  }));
  if (paths.length === 0) throw new AnalysisInputError('no paths: the file has a header but no rows');
  return paths;
}
