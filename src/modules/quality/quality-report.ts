/** The data-quality report as the API returns it, assembled from the aggregate rows (pure). */
import type { DuplicateRow, FieldCountRow, IssueRow } from './quality-repository.js';
import type { QualityField } from './quality-rules.js';

export interface FieldQuality {
  field: QualityField;
  total: number;
  filled: number;
  invalid: number;
  suspicious: number;
  /** Customers whose value another customer shares; null where duplicates mean nothing (region). */
  duplicate: number | null;
  /** Shares of the filled values, 0…1 rounded to 4 places (0 when nothing is filled). */
  filledShare: number;
  invalidShare: number;
  duplicateShare: number | null;
  /** First ids (the viewer may read them) per problem. */
  examples: { invalid: number[]; suspicious: number[]; duplicate: number[] };
}

export interface QualityReport {
  total: number;
  fields: FieldQuality[];
  lastRun: { finishedAt: string; customers: number; flags: number; seconds: number } | null;
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000);

export function buildQualityReport(
  fields: readonly QualityField[],
  counts: FieldCountRow,
  issues: readonly IssueRow[],
  duplicates: readonly DuplicateRow[],
  lastRun: QualityReport['lastRun'],
): QualityReport {
  return {
    total: counts.total,
    lastRun,
    fields: fields.map((field) => {
      const filled = counts.filled[field] ?? 0;
      const issue = (kind: IssueRow['issue']) => issues.find((r) => r.field === field && r.issue === kind);
      const duplicate = duplicates.find((r) => r.field === field);
      return {
        field,
        total: counts.total,
        filled,
        invalid: issue('invalid')?.n ?? 0,
        suspicious: issue('suspicious')?.n ?? 0,
        duplicate: duplicate ? duplicate.n : null,
        filledShare: share(filled, counts.total),
        invalidShare: share(issue('invalid')?.n ?? 0, filled),
        duplicateShare: duplicate ? share(duplicate.n, filled) : null,
        examples: { invalid: issue('invalid')?.examples ?? [], suspicious: issue('suspicious')?.examples ?? [], duplicate: duplicate?.examples ?? [] },
      };
    }),
  };
}
