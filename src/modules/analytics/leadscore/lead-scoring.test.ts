import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEAD_SCORING } from './default-lead-scoring.js';
import { checkLeadScoringConfig, type LeadScoringConfig } from './lead-scoring-config.js';
import { gradeForPoints, type Lead, scoreLead } from './lead-scoring.js';

const pointsOf = (lead: Lead, key: string) => scoreLead(lead).dimensions.find((d) => d.key === key)!.points;

describe('scoreLead with the default config (DOMAIN.md §3)', () => {
  it('has 12 dimensions and a consistent config', () => {
    expect(DEFAULT_LEAD_SCORING.dimensions).toHaveLength(12);
    expect(() => checkLeadScoringConfig(DEFAULT_LEAD_SCORING)).not.toThrow();
  });

  const leads: { name: string; lead: Lead; total: number; grade: string }[] = [
    {
      name: 'hot: big manufacturer, director, webinar and whitepaper, active this week',
      lead: { employees: 800, industry: '制造业', region: '上海', source: '转介绍', jobTitle: '采购总监', pagesViewed: 12, pageDwellSeconds: 700, whitepaperDownloaded: true, webinarAttended: true, emailOpens: 5, emailClicks: 3, previousOrders: 0, daysSinceLastActivity: 3 },
      total: 96,
      grade: 'A',
    },
    {
      name: 'warm: mid company, manager, some browsing',
      lead: { employees: '150', industry: 'Retail', region: 'Sichuan', source: 'search', jobTitle: 'IT Manager', pagesViewed: 4, pageDwellSeconds: 200, whitepaperDownloaded: 'no', webinarAttended: 'yes', emailOpens: 2, emailClicks: 0, previousOrders: 1, daysSinceLastActivity: 20 },
      total: 8 + 10 + 3 + 6 + 6 + 4 + 4 + 0 + 8 + 2 + 6 + 6,
      grade: 'B',
    },
    {
      name: 'cold: tiny company from a bought list, asleep',
      lead: { employees: 10, industry: '教育', region: '西藏', source: '购买名单', jobTitle: '实习生', pagesViewed: 0, pageDwellSeconds: 10, whitepaperDownloaded: false, webinarAttended: 0, emailOpens: 0, emailClicks: 0, previousOrders: 0, daysSinceLastActivity: 200 },
      total: 2 + 0 + 3 + 1 + 1,
      grade: 'D',
    },
  ];
  for (const c of leads) {
    it(c.name, () => {
      const score = scoreLead(c.lead);
      expect(score.total).toBe(c.total);
      expect(score.grade).toBe(c.grade);
      expect(score.priorityFollowUp).toBe(c.grade === 'A');
      expect(score.dimensions.every((d) => d.status === 'scored')).toBe(true);
    });
  }

  it('missing fields earn 0 points and say so', () => {
    const score = scoreLead({ employees: '', jobTitle: null });
    expect(score).toMatchObject({ total: 0, grade: 'D', priorityFollowUp: false });
    expect(new Set(score.dimensions.map((d) => d.status))).toEqual(new Set(['missing']));
  });

  const dimensionCases: [string, Lead, number][] = [
    ['companySize', { employees: 19 }, 2],
    ['companySize', { employees: 20 }, 5],
    ['companySize', { employees: 1999 }, 10],
    ['companySize', { employees: 2000 }, 12],
    ['jobSeniority', { jobTitle: '副总经理' }, 10],
    ['jobSeniority', { jobTitle: 'Vice President of Sales' }, 10],
    ['jobSeniority', { jobTitle: '总经理' }, 12],
    ['jobSeniority', { jobTitle: 'CEO & Founder' }, 12],
    ['jobSeniority', { jobTitle: 'Head of Marketing' }, 10],
    ['jobSeniority', { jobTitle: 'Sales Manager' }, 6],
    ['jobSeniority', { jobTitle: '软件工程师' }, 3],
    ['jobSeniority', { jobTitle: 'headquarters clerk' }, 1],
    ['industryMatch', { industry: ' E-Commerce ' }, 10],
    ['source', { source: 'cold call' }, 3],
    ['whitepaper', { whitepaperDownloaded: '是' }, 6],
    ['emailEngagement', { emailClicks: 2 }, 6],
    ['emailEngagement', { emailOpens: 2 }, 2],
    ['recency', { daysSinceLastActivity: 7 }, 10],
    ['recency', { daysSinceLastActivity: 8 }, 6],
    ['recency', { daysSinceLastActivity: 90 }, 3],
    ['recency', { daysSinceLastActivity: 91 }, 0],
    ['purchaseHistory', { previousOrders: 5 }, 10],
  ];
  for (const [key, lead, points] of dimensionCases) {
    it(`${key}: ${JSON.stringify(lead)} → ${points}`, () => expect(pointsOf(lead, key)).toBe(points));
  }
});

describe('grades and configuration', () => {
  it('grades at the thresholds (a total on a threshold takes the higher grade)', () => {
    const thresholds = DEFAULT_LEAD_SCORING.thresholds;
    expect([70, 69, 50, 49, 30, 29].map((total) => gradeForPoints(total, thresholds))).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });

  it('a tenant config replaces dimensions and thresholds', () => {
    const config: LeadScoringConfig = {
      version: 1,
      thresholds: { A: 15, B: 10, C: 5 },
      dimensions: [
        { key: 'budget', labelZh: '预算', labelEn: 'Budget', rule: { kind: 'range', field: 'budget', buckets: [{ min: 100000, points: 10 }] } },
        { key: 'trial', labelZh: '试用', labelEn: 'Trial', rule: { kind: 'flag', field: 'trial', points: 5 } },
      ],
    };
    expect(scoreLead({ budget: 200000, trial: true }, config)).toMatchObject({ total: 15, grade: 'A', priorityFollowUp: true });
    expect(scoreLead({ budget: 50000, trial: true }, config)).toMatchObject({ total: 5, grade: 'C' });
  });

  it('an inconsistent config is refused with every problem listed', () => {
    const broken: LeadScoringConfig = {
      version: 1,
      thresholds: { A: 30, B: 50, C: 10 },
      dimensions: [
        { key: 'x', labelZh: 'x', labelEn: 'x', rule: { kind: 'range', field: 'x', buckets: [{ min: 5, max: 5, points: 1 }] } },
        { key: 'x', labelZh: 'x', labelEn: 'x', rule: { kind: 'flag', field: 'x', points: Number.NaN } },
      ],
    };
    expect(() => checkLeadScoringConfig(broken)).toThrow('invalid lead scoring config: dimension "x" appears twice; thresholds must satisfy A > B > C; x: bucket 1 needs min < max; x: points must be finite');
  });
});

describe('scoreLead (properties)', () => {
  const lead = fc.record({
    employees: fc.integer({ min: 0, max: 10000 }),
    pagesViewed: fc.integer({ min: 0, max: 50 }),
    pageDwellSeconds: fc.integer({ min: 0, max: 3000 }),
    emailOpens: fc.integer({ min: 0, max: 30 }),
    emailClicks: fc.integer({ min: 0, max: 10 }),
    previousOrders: fc.integer({ min: 0, max: 20 }),
    daysSinceLastActivity: fc.integer({ min: 0, max: 400 }),
    webinarAttended: fc.boolean(),
    jobTitle: fc.constantFrom('CEO', '总监', 'manager', '专员', '实习生'),
  });
  it('the total is the sum of the dimensions, the grade follows the thresholds, A ⇔ priority follow-up', () => {
    fc.assert(
      fc.property(lead, (l) => {
        const score = scoreLead(l);
        expect(score.total).toBe(score.dimensions.reduce((s, d) => s + d.points, 0));
        expect(score.grade).toBe(gradeForPoints(score.total, DEFAULT_LEAD_SCORING.thresholds));
        expect(score.priorityFollowUp).toBe(score.grade === 'A');
      }),
    );
  });
  it('more engagement (pages, time, email, orders) and a more recent activity never lower the score', () => {
    fc.assert(
      fc.property(lead, fc.integer({ min: 0, max: 20 }), (l, more) => {
        const busier = { ...l, pagesViewed: l.pagesViewed + more, pageDwellSeconds: l.pageDwellSeconds + 60 * more, emailClicks: l.emailClicks + more, previousOrders: l.previousOrders + more, daysSinceLastActivity: Math.max(0, l.daysSinceLastActivity - more) };
        expect(scoreLead(busier).total).toBeGreaterThanOrEqual(scoreLead(l).total);
      }),
    );
  });
});
