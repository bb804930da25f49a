import { readFileSync } from 'node:fs';
import type { ClvTransaction } from './clv-summary.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

/**
 * Test fixture: the CDNOW 1/10 sample from ../shared/data (never copied into the project).
 * Lines: master id, sample id (0001…2357), yyyymmdd, CDs, dollars. Customers are keyed by sample id.
 */
export const CDNOW_SAMPLE_PATH = sharedDataFile('cdnow/CDNOW_sample.txt');
/** 1997-09-30, the end of the 39-week calibration period of the published fits. */
export const CDNOW_CALIBRATION_END = Date.UTC(1997, 8, 30) / 86_400_000;

export interface CdnowRow {
  sampleId: string;
  yyyymmdd: string;
  dollars: string;
}

export function readCdnowRows(): CdnowRow[] {
  return readFileSync(CDNOW_SAMPLE_PATH, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [, sampleId, yyyymmdd, , dollars] = line.trim().split(/\s+/);
      return { sampleId: sampleId!, yyyymmdd: yyyymmdd!, dollars: dollars! };
    });
}

export function readCdnowTransactions(): ClvTransaction[] {
  return readCdnowRows().map(({ sampleId, yyyymmdd, dollars }) => ({
    customer: sampleId,
    day: Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / 86_400_000,
    amount: Number(dollars),
  }));
}
