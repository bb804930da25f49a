import { describe, expect, it } from 'vitest';
import { tableFromRows } from '../analysis-input.js';
import { ANALYSES } from '../analyses.js';

const table = tableFromRows([
  ['lead_id', 'employees', 'industry', 'region', 'source', 'jobTitle', 'pagesViewed', 'pageDwellSeconds', 'whitepaperDownloaded', 'webinarAttended', 'emailOpens', 'emailClicks', 'previousOrders', 'daysSinceLastActivity'],
  ['L1', '800', '制造业', '上海', '转介绍', '采购总监', '12', '700', 'true', 'true', '5', '3', '0', '3'],
  ['L2', '10', '教育', '西藏', '购买名单', '实习生', '0', '10', 'false', 'false', '0', '0', '0', '200'],
  ['L3', '', '', '', '', '', '', '', '', '', '', '', '', ''],
]);

describe('relata analyze leadscore --rules default', () => {
  it('scores every row with the default rules: total, grade, priority flag and points per dimension', () => {
    const result = ANALYSES.leadscore!.run(table, { rules: 'default', id: 'lead_id' }) as {
      n: number;
      counts: Record<string, number>;
      leads: { id: string; total: number; grade: string; priorityFollowUp: boolean; points: Record<string, number> }[];
    };
    expect(result.n).toBe(3);
    expect(result.counts).toEqual({ A: 1, B: 0, C: 0, D: 2 });
    expect(result.leads.map((l) => [l.id, l.total, l.grade, l.priorityFollowUp])).toEqual([
      ['L1', 96, 'A', true],
      ['L2', 7, 'D', false],
      ['L3', 0, 'D', false],
    ]);
    expect(Object.keys(result.leads[0]!.points)).toHaveLength(12);
  });
  it('only the default rules are available from the CLI', () => {
    expect(() => ANALYSES.leadscore!.run(table, { rules: 'custom.json' })).toThrow('--rules: only "default"');
  });
});
