import type { Locale } from '../../platform/errors/index.js';
import { writeCsv } from './csv.js';
import type { RowError } from './row-validation.js';

/** An invalid row: its cells as read and what is wrong with it. */
export interface InvalidRow {
  row: number;
  cells: readonly string[];
  errors: readonly RowError[];
}

/**
 * The downloadable error report: the original header and rows (cells as read), plus a row-number
 * column and an error column listing each problem as "field: message". UTF-8 with BOM (Excel). A NUL
 * character (a row refused for holding one) is written as U+FFFD: the report is stored as text. Pure.
 */
export function buildErrorReport(headers: readonly string[], invalid: readonly InvalidRow[], locale: Locale): string {
  const zh = locale === 'zh-CN';
  const width = headers.length;
  const rows: string[][] = [[...headers, zh ? '行号' : 'Row', zh ? '错误' : 'Errors']];
  for (const r of invalid) {
    const cells = Array.from({ length: width }, (_v, i) => r.cells[i] ?? '');
    rows.push([...cells, String(r.row), r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')]);
  }
  return writeCsv(rows, true).replaceAll('\u0000', '\uFFFD');
}
