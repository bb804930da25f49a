import { describe, expect, it } from 'vitest';
import { fmScore, RFM_SEGMENT_KEYS, RFM_SEGMENTS, type RfmScore, segmentOf } from './rfm-segments.js';

const SCORES: RfmScore[] = [1, 2, 3, 4, 5];

describe('RFM segments (DOMAIN.md §3)', () => {
  it.each([
    [5, 5, 'champions'], [5, 4, 'champions'], [4, 5, 'champions'],
    [5, 3, 'loyal'], [4, 4, 'loyal'], [3, 5, 'loyal'], [3, 4, 'loyal'],
    [5, 2, 'potential_loyalist'], [4, 2, 'potential_loyalist'], [3, 3, 'potential_loyalist'], [4, 3, 'potential_loyalist'],
    [5, 1, 'new'], [4, 1, 'promising'], [3, 1, 'promising'],
    [3, 2, 'need_attention'], [2, 3, 'need_attention'], [2, 2, 'need_attention'],
    [2, 1, 'about_to_sleep'], [2, 5, 'at_risk'], [2, 4, 'at_risk'], [1, 3, 'at_risk'],
    [1, 5, 'cannot_lose'], [1, 4, 'cannot_lose'], [1, 2, 'hibernating'], [1, 1, 'lost'],
  ] as const)('R %i FM %i → %s', (r, fm, key) => {
    expect(segmentOf(r, fm)).toBe(key);
  });

  it('maps every one of the 25 cells to exactly one segment', () => {
    const cells = RFM_SEGMENTS.flatMap((s) => s.cells);
    expect(new Set(cells).size).toBe(25);
    for (const r of SCORES) for (const fm of SCORES) expect(RFM_SEGMENTS.filter((s) => s.cells.includes(`${r}${fm}`))).toHaveLength(1);
    expect(RFM_SEGMENTS.map((s) => s.key)).toEqual([...RFM_SEGMENT_KEYS]);
  });

  it('has the Chinese and English names of DOMAIN.md', () => {
    expect(RFM_SEGMENTS.map((s) => s.nameZh)).toEqual(['重要价值', '忠诚', '潜力', '新客', '有望', '需关注', '将沉睡', '有流失风险', '不能失去', '沉睡', '已流失']);
    expect(RFM_SEGMENTS.map((s) => s.nameEn)).toEqual(['Champions', 'Loyal', 'Potential Loyalist', 'New', 'Promising', 'Need Attention', 'About to Sleep', 'At Risk', 'Cannot Lose Them', 'Hibernating', 'Lost']);
  });

  it.each([
    [1, 1, 1], [1, 2, 2], [2, 3, 3], [3, 4, 4], [4, 5, 5], [5, 5, 5], [1, 5, 3], [2, 5, 4], [5, 2, 4],
  ] as const)('FM of F %i, M %i is %i (.5 rounds half up)', (f, m, fm) => {
    expect(fmScore(f, m)).toBe(fm);
  });
});
