import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { errorMessage, type Locale } from '../../platform/errors/index.js';
import { anyErased, findErased } from '../privacy/index.js';
import type { InvalidRow } from './error-report.js';
import type { ValidRow } from './row-validation.js';

export const ERASED_REASON = 'previously erased (PIPL)';

/**
 * Rows whose mobile or e-mail belonged to an erased person (privacy's erased_identifiers) move to
 * `invalid` with `field.invalid_value` (field mobile / email, reason "previously erased (PIPL)"),
 * unless the importer passed allowErased. One query for the whole file (none when nobody was
 * erased by mobile or e-mail); `invalid` is re-sorted by row.
 */
export async function checkErased(sql: Sql, keyring: Keyring, valid: readonly ValidRow[], invalid: InvalidRow[], locale: Locale, cellsOf: (row: number) => readonly string[]): Promise<void> {
  if (!(await anyErased(sql, ['mobile', 'email']))) return;
  const wanted = valid.flatMap((r) =>
    (['mobile', 'email'] as const).flatMap((type) => {
      const value = r.values.get(type);
      return typeof value === 'string' ? [{ row: r.row, type, value }] : [];
    }),
  );
  const erased = await findErased(sql, keyring, wanted);
  const hits = new Map<number, string[]>();
  for (const { row, type, value } of wanted) if (erased.has(`${type}:${value}`)) hits.set(row, [...(hits.get(row) ?? []), type]);
  for (const [row, fields] of hits) {
    const errors = fields.map((field) => ({ row, field, code: 'field.invalid_value', message: errorMessage('field.invalid_value', locale, { field, reason: ERASED_REASON }) }));
    invalid.push({ row, cells: cellsOf(row), errors });
  }
  invalid.sort((a, b) => a.row - b.row);
}
