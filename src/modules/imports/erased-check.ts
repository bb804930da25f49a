import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { errorMessage, type Locale } from '../../platform/errors/index.js';
import { erasedHash } from '../privacy/index.js';
import type { InvalidRow } from './error-report.js';
import type { ValidRow } from './row-validation.js';

export const ERASED_REASON = 'previously erased (PIPL)';

/**
 * Rows whose mobile or e-mail belonged to an erased person (privacy's erased_identifiers) move to
 * `invalid` with `field.invalid_value` (field mobile / email, reason "previously erased (PIPL)"),
 * unless the importer passed allowErased. One query per type; `invalid` is re-sorted by row.
 */
export async function checkErased(sql: Sql, keyring: Keyring, valid: readonly ValidRow[], invalid: InvalidRow[], locale: Locale, cellsOf: (row: number) => readonly string[]): Promise<void> {
  const hits = new Map<number, string[]>();
  for (const type of ['mobile', 'email'] as const) {
    const byHash = new Map<string, number[]>();
    for (const r of valid) {
      const value = r.values.get(type);
      const hash = typeof value === 'string' ? erasedHash(keyring, type, value) : null;
      if (hash) byHash.set(hash.toString('hex'), [...(byHash.get(hash.toString('hex')) ?? []), r.row]);
    }
    if (byHash.size === 0) continue;
    const found = await sql.query<{ h: Buffer }>('SELECT salted_hash AS h FROM erased_identifiers WHERE type = $1 AND salted_hash = ANY($2::bytea[])', [
      type,
      [...byHash.keys()].map((h) => Buffer.from(h, 'hex')),
    ]);
    for (const { h } of found.rows) for (const row of byHash.get(h.toString('hex')) ?? []) hits.set(row, [...(hits.get(row) ?? []), type]);
  }
  for (const [row, fields] of hits) {
    const errors = fields.map((field) => ({ row, field, code: 'field.invalid_value', message: errorMessage('field.invalid_value', locale, { field, reason: ERASED_REASON }) }));
    invalid.push({ row, cells: cellsOf(row), errors });
  }
  invalid.sort((a, b) => a.row - b.row);
}
