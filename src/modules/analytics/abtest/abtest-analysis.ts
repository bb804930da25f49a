import { type Analysis, type AnalysisFlags, AnalysisInputError, type AnalysisTable, choiceFlag, numberFlag, parseNumberCell, requireColumn, stringFlag } from '../analysis-input.js';
import { type Alternative, proportionPower, proportionSampleSize } from './proportion-power.js';
import { type ChiSquareResult, checkVariant, chiSquareTest, compareProportions, type TwoProportionComparison, type VariantCounts } from './proportion-test.js';

/**
 * `relata analyze abtest`: one row per variant, `variant,visitors,conversions`; the first row (or
 * `--control NAME`) is the control. Output: each variant's rate, the k-group chi-square, and each
 * variant against the control (no multiple-comparison adjustment: with several variants, divide the
 * significance level yourself). Planning: `--p2` or `--mde` (absolute difference) adds a "plan" with
 * the visitors per arm for `--power`, or the power for `--n`; p1 is `--p1` or the control's rate, so
 * a file with only a header row works for planning.
 */
export interface AbTestReport {
  variants: { variant: string; visitors: number; conversions: number; rate: number }[];
  overall?: ChiSquareResult;
  comparisons: TwoProportionComparison[];
  plan?: { p1: number; p2: number; sigLevel: number; alternative: Alternative; power: number; visitorsPerArm: number };
}

export const abTestAnalysis: Analysis = {
  usage: [
    '--variant COL --visitors COL --conversions COL   columns (defaults variant, visitors, conversions)',
    '--control NAME      the control variant (default: the first row)',
    '--level L           confidence level of the difference interval (default 0.95)',
    'planning: --p2 P | --mde D  [--p1 P (default: control rate)] [--power 0.8 | --n N] [--sig-level 0.05] [--alternative two.sided|one.sided] [--strict true]',
    'output: {"variants","overall":{"statistic","degreesOfFreedom","pValue"},"comparisons":[…],"plan"?}',
  ].join('\n'),
  run(table: AnalysisTable, flags: AnalysisFlags): AbTestReport {
    const variants = variantsFromTable(table, flags);
    const controlName = stringFlag(flags, 'control');
    const control = controlName === undefined ? variants[0] : variants.find((v) => v.name === controlName);
    if (controlName !== undefined && control === undefined) throw new AnalysisInputError(`--control "${controlName}" is not a variant; variants: ${variants.map((v) => v.name).join(', ')}`);
    const planning = flags.p2 !== undefined || flags.mde !== undefined;
    if (variants.length < 2 && !planning) throw new AnalysisInputError('too little data: a test needs at least two variants (or use --p2 / --mde to plan one)');
    const level = numberFlag(flags, 'level', 0.95, 0.5, 0.9999);
    return {
      variants: variants.map((v) => ({ variant: v.name, visitors: v.visitors, conversions: v.conversions, rate: v.conversions / v.visitors })),
      ...(variants.length >= 2 ? { overall: chiSquareTest(variants) } : {}),
      comparisons: control === undefined ? [] : variants.filter((v) => v !== control).map((v) => compareProportions(control, v, level)),
      ...(planning ? { plan: plan(flags, control) } : {}),
    };
  },
};

function plan(flags: AnalysisFlags, control: VariantCounts | undefined): NonNullable<AbTestReport['plan']> {
  const controlRate = control === undefined ? undefined : control.conversions / control.visitors;
  const p1 = flags.p1 !== undefined || controlRate === undefined ? numberFlag(flags, 'p1', Number.NaN, 0, 1) : controlRate;
  if (Number.isNaN(p1)) throw new AnalysisInputError('--p1 is required for planning when the file has no control row');
  const p2 = flags.p2 !== undefined ? numberFlag(flags, 'p2', 0, 0, 1) : p1 + numberFlag(flags, 'mde', 0, -1, 1);
  const setting = {
    p1,
    p2,
    sigLevel: numberFlag(flags, 'sig-level', 0.05, 0, 1),
    alternative: choiceFlag(flags, 'alternative', ['two.sided', 'one.sided'] as const, 'two.sided'),
    strict: flags.strict === true || stringFlag(flags, 'strict', 'false') === 'true',
  };
  if (flags.n !== undefined) {
    const n = numberFlag(flags, 'n', 0, 2);
    return { p1, p2, sigLevel: setting.sigLevel, alternative: setting.alternative, power: proportionPower(setting, n), visitorsPerArm: n };
  }
  const power = numberFlag(flags, 'power', 0.8, 0, 1);
  return { p1, p2, sigLevel: setting.sigLevel, alternative: setting.alternative, power, visitorsPerArm: proportionSampleSize(setting, power) };
}

function variantsFromTable(table: AnalysisTable, flags: AnalysisFlags): VariantCounts[] {
  const nameColumn = requireColumn(table, flags, 'variant', 'variant');
  const visitorsColumn = requireColumn(table, flags, 'visitors', 'visitors');
  const conversionsColumn = requireColumn(table, flags, 'conversions', 'conversions');
  const seen = new Set<string>();
  return table.rows.map((row, index) => {
    const name = (row[nameColumn] ?? '').trim();
    if (name === '' || seen.has(name)) throw new AnalysisInputError(`row ${index + 2}: variant names must be present and distinct, got "${name}"`);
    seen.add(name);
    const variant = { name, visitors: parseNumberCell(row[visitorsColumn], visitorsColumn, index), conversions: parseNumberCell(row[conversionsColumn], conversionsColumn, index) };
    checkVariant(variant);
    return variant;
  });
}
