import type { Sql } from '../../platform/db/index.js';

/**
 * After a merge, in one statement: every other pending pair naming a merged customer is re-pointed
 * to the master, or dismissed (decided by the reviewer) when it would pair the master with itself,
 * when that pair already exists, or when an earlier pair (lower id) of this statement takes it.
 * Decided pairs keep their history. A target slot never names a merged customer while every
 * vacated slot does, so the UNIQUE pair cannot collide mid-statement. Returns the ids per outcome.
 */
export async function repointPairs(sql: Sql, acceptedId: number, masterId: number, mergedIds: readonly number[], now: Date, userId: number | null) {
  const result = await sql.query<{ id: number; dismissed: boolean }>(
    `WITH pending AS (
       SELECT id,
              CASE WHEN customer_a = ANY($2::bigint[]) THEN $3::bigint ELSE customer_a END AS a,
              CASE WHEN customer_b = ANY($2::bigint[]) THEN $3::bigint ELSE customer_b END AS b
       FROM duplicate_candidates
       WHERE status = 'pending' AND id <> $1 AND (customer_a = ANY($2::bigint[]) OR customer_b = ANY($2::bigint[]))
       FOR UPDATE
     ), moved AS (
       SELECT id, LEAST(a, b) AS lo, GREATEST(a, b) AS hi, row_number() OVER (PARTITION BY LEAST(a, b), GREATEST(a, b) ORDER BY id) AS rank
       FROM pending
     ), decided AS (
       SELECT m.id, m.lo, m.hi,
              (m.lo = m.hi OR m.rank > 1 OR EXISTS (SELECT 1 FROM duplicate_candidates t WHERE t.customer_a = m.lo AND t.customer_b = m.hi)) AS dismissed
       FROM moved m
     )
     UPDATE duplicate_candidates d SET
       customer_a = CASE WHEN x.dismissed THEN d.customer_a ELSE x.lo END,
       customer_b = CASE WHEN x.dismissed THEN d.customer_b ELSE x.hi END,
       status = CASE WHEN x.dismissed THEN 'dismissed' ELSE d.status END,
       decided_at = CASE WHEN x.dismissed THEN $4::timestamptz ELSE d.decided_at END,
       decided_by = CASE WHEN x.dismissed THEN $5::bigint ELSE d.decided_by END
     FROM decided x WHERE d.id = x.id
     RETURNING d.id, x.dismissed`,
    [acceptedId, [...mergedIds], masterId, now, userId],
  );
  const ids = (dismissed: boolean) => result.rows.filter((r) => r.dismissed === dismissed).map((r) => r.id).sort((a, b) => a - b);
  return { repointedPairs: ids(false), dismissedPairs: ids(true) };
}
