/** Customers of a first-purchase month who bought in the month `offset` months later (0 = the cohort itself). */
export interface CohortCountRow {
  /** YYYY-MM (Asia/Shanghai). */
  cohort: string;
  offset: number;
  customers: number;
}

export interface CohortRetention {
  offset: number;
  customers: number;
  /** customers / cohort size, 4 decimals. */
  share: number;
}

export interface Cohort {
  month: string;
  customers: number;
  /** Offsets 1 … months − 1; null for months not reached yet. */
  retention: (CohortRetention | null)[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthText = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The first month of a table of `months` cohorts ending with `currentMonth` (YYYY-MM). */
export function firstCohortMonth(currentMonth: string, months: number): string {
  return monthText(monthIndex(currentMonth) - months + 1);
}

/**
 * The retention table: one row per month from `firstCohortMonth` to `currentMonth` (empty months
 * included with 0 customers), each with the share of the cohort buying again in month +1 … +(months − 1).
 * Months after `currentMonth` are null (not reached), so a share never counts a future month as 0. Pure.
 *
 * Example: 2026-01 cohort of 4 with 1 buying in February, current month 2026-03, months 3 →
 * retention [{offset 1, 1, 0.25}, {offset 2, 0, 0}].
 */
export function cohortTable(rows: readonly CohortCountRow[], currentMonth: string, months: number): Cohort[] {
  const counts = new Map(rows.map((r) => [`${r.cohort}+${r.offset}`, r.customers]));
  const last = monthIndex(currentMonth);
  const cohorts: Cohort[] = [];
  for (let index = last - months + 1; index <= last; index++) {
    const month = monthText(index);
    const size = counts.get(`${month}+0`) ?? 0;
    const retention = Array.from({ length: months - 1 }, (_, i) => {
      const offset = i + 1;
      if (index + offset > last) return null;
      const customers = counts.get(`${month}+${offset}`) ?? 0;
      return { offset, customers, share: size === 0 ? 0 : Math.round((customers / size) * 10_000) / 10_000 };
    });
    cohorts.push({ month, customers: size, retention });
  }
  return cohorts;
}
