import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type AnalysisTable, tableFromRows } from '../analysis-input.js';
import { churnAnalysis, leadScoreAnalysis } from './logistic-analysis.js';
import { MTCARS_CSV_ROWS } from './mtcars-fixture.js';

const HEADER = ['model', 'wt', 'hp', 'cyl', 'vs', 'am'];
const table: AnalysisTable = tableFromRows([HEADER, ...MTCARS_CSV_ROWS.map((row) => HEADER.map((h) => row[h]!))]);

describe('leadscore / churn analyses on a table', () => {
  it('churn: coefficients, standard errors, logLik and AUC of glm(am ~ wt + hp)', () => {
    const result = churnAnalysis.run(table, { target: 'am', features: 'wt,hp' }) as { coefficients: Record<string, number>; standardErrors: Record<string, number>; logLik: number; aic: number; n: number; auc: number };
    expect(result.coefficients.wt).toBeCloseTo(-8.08348, 4);
    expect(result.standardErrors.hp).toBeCloseTo(0.01773, 5);
    expect(result.logLik).toBeCloseTo(-5.0296, 4);
    expect(result.aic).toBeCloseTo(16.059, 3);
    expect(result.n).toBe(32);
    expect(result.auc).toBeGreaterThan(0.9);
    expect(result.auc).toBeLessThanOrEqual(1);
  });

  it('leadscore: quartile grade cut-offs, a quarter of the rows per grade, each row scored with --id', () => {
    const result = leadScoreAnalysis.run(table, { target: 'am', features: 'wt,hp', id: 'model' }) as {
      grades: { cutoffs: { A: number; B: number; C: number }; counts: Record<string, number> };
      scores: { id: string; probability: number; grade: string }[];
    };
    const { cutoffs, counts } = result.grades;
    expect(cutoffs.A).toBeGreaterThanOrEqual(cutoffs.B);
    expect(cutoffs.B).toBeGreaterThanOrEqual(cutoffs.C);
    expect(counts).toEqual({ A: 8, B: 8, C: 8, D: 8 });
    expect(result.scores).toHaveLength(32);
    for (const score of result.scores) {
      const expected = score.probability >= cutoffs.A ? 'A' : score.probability >= cutoffs.B ? 'B' : score.probability >= cutoffs.C ? 'C' : 'D';
      expect(score.grade).toBe(expected);
    }
    expect(result.scores.find((s) => s.id === 'Honda Civic')?.grade).toBe('A');
    expect(result.scores.find((s) => s.id === 'Cadillac Fleetwood')?.grade).toBe('D');
  });

  const refusals: { name: string; flags: Record<string, string>; message: string }[] = [
    { name: 'no --target', flags: { features: 'wt' }, message: '--target is required' },
    { name: 'unknown target column', flags: { target: 'manual', features: 'wt' }, message: 'no column "manual"' },
    { name: 'non-binary target', flags: { target: 'cyl', features: 'wt' }, message: 'row 2, column "cyl": "6" is not a 0/1 outcome' },
    { name: 'single class', flags: { target: 'am', features: 'wt' }, message: 'single class' },
    { name: 'separation', flags: { target: 'am', features: 'wt' }, message: 'perfect separation' },
  ];
  const small: Record<string, AnalysisTable> = {
    'single class': tableFromRows([['am', 'wt'], ['1', '2'], ['1', '3'], ['1', '4'], ['1', '5']]),
    separation: tableFromRows([['am', 'wt'], ['0', '2'], ['0', '3'], ['0', '4'], ['1', '5'], ['1', '6'], ['1', '7']]),
  };
  for (const c of refusals) {
    it(`refuses: ${c.name}`, () => expect(() => churnAnalysis.run(small[c.name] ?? table, c.flags)).toThrow(c.message));
  }
});

describe('relata analyze leadscore (CLI)', () => {
  it('prints one JSON document with coefficients, logLik, auc and grades', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relata-leadscore-'));
    const file = join(dir, 'mtcars.csv');
    await writeFile(file, [HEADER.join(','), ...MTCARS_CSV_ROWS.map((row) => HEADER.map((h) => row[h]).join(','))].join('\n'));
    const { stdout } = await promisify(execFile)('node', ['bin/relata.js', 'analyze', 'leadscore', '--input', file, '--target', 'am', '--features', 'wt,hp', '--json']);
    const result = JSON.parse(stdout) as { coefficients: Record<string, number>; logLik: number; auc: number; grades: unknown };
    expect(result.coefficients['(Intercept)']).toBeCloseTo(18.8663, 4);
    expect(result.logLik).toBeCloseTo(-5.0296, 4);
    expect(result.grades).toBeDefined();
  }, 120_000);
});
