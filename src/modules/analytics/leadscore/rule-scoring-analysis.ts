import { AnalysisInputError, type AnalysisFlags, type AnalysisTable, requireColumn, stringFlag } from '../analysis-input.js';
import type { Grade } from '../logistic/probability-grades.js';
import { DEFAULT_LEAD_SCORING } from './default-lead-scoring.js';
import { scoreLead } from './lead-scoring.js';

/**
 * `relata analyze leadscore --rules default [--id COL]`: scores every row with the default rules
 * (columns named like the lead fields: employees, industry, region, source, jobTitle, pagesViewed,
 * pageDwellSeconds, whitepaperDownloaded, webinarAttended, emailOpens, emailClicks, previousOrders,
 * daysSinceLastActivity; missing columns earn 0 points).
 */
export const RULE_SCORING_USAGE = '--rules default     score with the default rules instead of fitting a model (columns = lead fields, see README)';

export function scoreTableByRules(table: AnalysisTable, flags: AnalysisFlags) {
  const rules = stringFlag(flags, 'rules');
  if (rules !== 'default') throw new AnalysisInputError(`--rules: only "default" is available from the CLI, got "${rules}"`);
  const id = stringFlag(flags, 'id') === undefined ? undefined : requireColumn(table, flags, 'id', 'id');
  const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  const leads = table.rows.map((row, i) => {
    const score = scoreLead(row, DEFAULT_LEAD_SCORING);
    counts[score.grade]++;
    const points = Object.fromEntries(score.dimensions.map((d) => [d.key, d.points]));
    return { ...(id === undefined ? { row: i + 1 } : { id: row[id] }), total: score.total, grade: score.grade, priorityFollowUp: score.priorityFollowUp, points };
  });
  return { rules, thresholds: DEFAULT_LEAD_SCORING.thresholds, n: leads.length, counts, leads };
}
