/**
 * Scans all customers for probable duplicates and queues the pairs over the threshold as `pending`
 * suggestions. Reads only id, name, company, region_code and the mobile/e-mail blind indexes (keyset
 * batches, no decryption); blocks and scores in memory with the identity matcher; never merges.
 */
import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { findDuplicates, type DedupRecord } from '../identity/index.js';
import { CUSTOMER_MATCH_SCHEMA, type CustomerMatchRow, toDedupRecord } from './customer-match.js';

export interface ScanOptions {
  now: Date;
  /** Rows per read. Default 20,000. */
  batchSize?: number;
  /** Overrides the schema threshold. */
  threshold?: number;
  /** Rows per INSERT. Default 5,000. */
  insertBatchSize?: number;
}

export interface ScanResult {
  customers: number;
  candidatePairs: number;
  /** Pairs at or over the threshold. */
  matches: number;
  /** New pending rows (pairs already queued, accepted or dismissed are left as they are). */
  inserted: number;
  seconds: number;
}

async function* customerBatches(sql: Sql, batchSize: number): AsyncGenerator<CustomerMatchRow[]> {
  let after = 0;
  for (;;) {
    const { rows } = await sql.query<CustomerMatchRow>(
      'SELECT id, name, company, region_code, mobile_bidx, email_bidx FROM customers WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

/** `_keyring` is part of the signature for later comparators; matching never decrypts. */
export async function scanDuplicates(sql: Sql, _keyring: Keyring, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const records: DedupRecord[] = [];
  for await (const batch of customerBatches(sql, options.batchSize ?? 20_000)) {
    for (const row of batch) records.push(toDedupRecord(row));
  }
  const result = findDuplicates(records, CUSTOMER_MATCH_SCHEMA, options.threshold === undefined ? {} : { threshold: options.threshold });
  let inserted = 0;
  const step = options.insertBatchSize ?? 5_000;
  for (let from = 0; from < result.pairs.length; from += step) {
    const chunk = result.pairs.slice(from, from + step);
    const a: number[] = [];
    const b: number[] = [];
    const scores: number[] = [];
    const reasons: string[] = [];
    for (const p of chunk) {
      const x = Number(p.a);
      const y = Number(p.b);
      a.push(Math.min(x, y));
      b.push(Math.max(x, y));
      scores.push(p.score);
      reasons.push(JSON.stringify(p.reasons));
    }
    const res = await sql.query(
      `INSERT INTO duplicate_candidates (customer_a, customer_b, score, reasons, status, created_at)
       SELECT a, b, s, r, 'pending', $5 FROM unnest($1::bigint[], $2::bigint[], $3::numeric[], $4::jsonb[]) AS u(a, b, s, r)
       ON CONFLICT (customer_a, customer_b) DO NOTHING`,
      [a, b, scores, reasons, options.now],
    );
    inserted += res.rowCount ?? 0;
  }
  return {
    customers: records.length,
    candidatePairs: result.candidatePairs,
    matches: result.pairs.length,
    inserted,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
