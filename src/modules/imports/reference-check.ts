import type { Sql } from '../../platform/db/index.js';
import { errorMessage, type Locale } from '../../platform/errors/index.js';
import type { InvalidRow } from './error-report.js';
import type { MappedColumn, ValidRow } from './row-validation.js';

/**
 * User and department cells must name existing rows (one query per kind, as the record layer
 * checks a body). Rows naming a missing one move to `invalid` (added to the list, sorted by row).
 */
export async function checkReferences(sql: Sql, columns: readonly MappedColumn[], valid: readonly ValidRow[], invalid: InvalidRow[], locale: Locale, cellsOf: (row: number) => readonly string[]): Promise<void> {
  for (const kind of ['user', 'department'] as const) {
    const refs = columns.filter((c) => c.field.type === kind);
    if (refs.length === 0) continue;
    const ids = [...new Set(valid.flatMap((r) => refs.map((c) => r.values.get(c.field.key)).filter((v): v is number => typeof v === 'number')))];
    const table = kind === 'user' ? 'users' : 'departments';
    const found = new Set((await sql.query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1)`, [ids])).rows.map((r) => r.id));
    for (const r of valid) {
      const bad = refs.filter((c) => typeof r.values.get(c.field.key) === 'number' && !found.has(r.values.get(c.field.key) as number));
      if (bad.length === 0) continue;
      const errors = bad.map((c) => ({ row: r.row, field: c.field.key, code: 'field.invalid_value', message: errorMessage('field.invalid_value', locale, { field: c.field.key, reason: `no such ${kind}` }) }));
      invalid.push({ row: r.row, cells: cellsOf(r.row), errors });
    }
  }
  invalid.sort((a, b) => a.row - b.row);
}
