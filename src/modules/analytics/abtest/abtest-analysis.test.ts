import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../imports/index.js';
import { tableFromRows } from '../analysis-input.js';
import { type AbTestReport, abTestAnalysis } from './abtest-analysis.js';

const table = (csv: string) => tableFromRows(parseCsv(csv));

describe('abtest analysis (CLI adapter)', () => {
  it('compares each variant with the first row (R prop.test figures)', () => {
    const report = abTestAnalysis.run(table('variant,visitors,conversions\ncontrol,1000,200\nnew,1000,250\n'), {}) as AbTestReport;
    expect(report.variants.map((v) => v.rate)).toEqual([0.2, 0.25]);
    expect(report.overall!.statistic).toBeCloseTo(7.168459, 6);
    expect(report.comparisons[0]).toMatchObject({ control: 'control', variant: 'new' });
    expect(report.comparisons[0]!.chiSquare.pValue).toBeCloseTo(0.007419649, 9);
    expect(report.plan).toBeUndefined();
  });

  it('plans a test: visitors per arm for a power, or the power for n (R power.prop.test)', () => {
    const header = table('variant,visitors,conversions\n');
    const sized = abTestAnalysis.run(header, { p1: '0.10', p2: '0.12', power: '0.8' }) as AbTestReport;
    expect(sized.plan!.visitorsPerArm).toBeCloseTo(3840.847, 3);
    const powered = abTestAnalysis.run(header, { p1: '0.5', mde: '0.25', n: '50' }) as AbTestReport;
    expect(powered.plan!.power).toBeCloseTo(0.7401659, 7);
    const fromControl = abTestAnalysis.run(table('variant,visitors,conversions\nc,1000,100\n'), { p2: '0.12' }) as AbTestReport;
    expect(fromControl.plan!.p1).toBe(0.1);
    expect(fromControl.plan!.visitorsPerArm).toBeCloseTo(3840.847, 3);
  });

  it('honours --control and says so on bad input', () => {
    const three = table('variant,visitors,conversions\na,100,10\nb,100,20\nc,100,30\n');
    const report = abTestAnalysis.run(three, { control: 'b' }) as AbTestReport;
    expect(report.comparisons.map((c) => c.variant)).toEqual(['a', 'c']);
    expect(report.overall!.degreesOfFreedom).toBe(2);
    expect(() => abTestAnalysis.run(three, { control: 'z' })).toThrow(/--control/);
    expect(() => abTestAnalysis.run(table('variant,visitors,conversions\na,100,10\n'), {})).toThrow(/too little data/);
    expect(() => abTestAnalysis.run(table('variant,visitors,conversions\na,100,101\nb,10,1\n'), {})).toThrow(/conversions/);
    expect(() => abTestAnalysis.run(table('variant,visitors,conversions\na,100,1\na,10,1\n'), {})).toThrow(/distinct/);
  });
});
