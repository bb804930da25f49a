import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../imports/index.js';
import { tableFromRows } from '../analysis-input.js';
import { type AttributionReport, attributionAnalysis } from './attribution-analysis.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

const csv = readFileSync(sharedDataFile('attribution/PathData.csv'), 'utf8');

describe('attribution analysis (CLI adapter) on ChannelAttribution PathData', () => {
  const table = tableFromRows(parseCsv(csv));
  const flags = { path: 'path', conversions: 'total_conversions', nulls: 'total_null', value: 'total_conversion_value' };
  const expectedConversions = table.rows.reduce((s, r) => s + Number(r.total_conversions), 0);
  const expectedValue = table.rows.reduce((s, r) => s + Number(r.total_conversion_value), 0);

  for (const model of ['markov', 'shapley', 'first', 'last', 'linear', 'time-decay', 'position']) {
    it(`${model}: credits of the 12 channels add up to the total conversions and value`, () => {
      const report = attributionAnalysis.run(table, { ...flags, model }) as AttributionReport;
      expect(report.paths).toBe(10000);
      expect(report.totalConversions).toBe(expectedConversions);
      expect(report.channels.length).toBe(12);
      expect(report.channels.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(expectedConversions, 6);
      expect(report.channels.reduce((s, c) => s + c.value, 0)).toBeCloseTo(expectedValue, 4);
    });
  }

  it('markov reports a removal effect per channel', () => {
    const report = attributionAnalysis.run(table, flags) as AttributionReport;
    expect(report.model).toBe('markov');
    expect(Object.keys(report.removalEffects ?? {}).sort()).toEqual(report.channels.map((c) => c.channel).sort());
  });

  it('reads the published toy case from a CSV and refuses bad rows', () => {
    const toy = tableFromRows(parseCsv('path,total_conversions,total_null\nC1 > C2 > C3,1,0\nC1,0,1\nC2 > C3,0,1\n'));
    const credits = (attributionAnalysis.run(toy, {}) as AttributionReport).channels.map((c) => [c.channel, Number(c.conversions.toFixed(12))]);
    expect(credits).toEqual([['C2', 0.4], ['C3', 0.4], ['C1', 0.2]]);
    expect(() => attributionAnalysis.run(tableFromRows(parseCsv('path,total_conversions\na > > b,1\n')), {})).toThrow(/empty channel/);
    expect(() => attributionAnalysis.run(tableFromRows(parseCsv('path,total_conversions\na,-1\n')), {})).toThrow(/negative/);
    expect(() => attributionAnalysis.run(toy, { model: 'magic' })).toThrow(/--model/);
  });
});
