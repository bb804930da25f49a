import { queryPrepared, type Sql } from '../../platform/db/index.js';

export interface CustomerSegment {
  id: number;
  name: string;
  kind: 'dynamic' | 'static';
  enteredAt: string;
}

/** The segments one customer is a member of (index `segment_members_customer_idx`), for the 360 view. */
export async function segmentsOfCustomer(sql: Sql, customerId: number): Promise<CustomerSegment[]> {
  const rows = await queryPrepared<CustomerSegment>(
    sql,
    `SELECT s.id::int AS id, s.name, s.kind, to_char(sm.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "enteredAt"
     FROM segment_members sm JOIN segments s ON s.id = sm.segment_id WHERE sm.customer_id = $1 ORDER BY s.name LIMIT 200`,
    [customerId],
  );
  return rows.rows;
}
