import { isoText, type JsonRead, readJson, type Sql } from '../../platform/db/index.js';

export interface CustomerSegment {
  id: number;
  name: string;
  kind: 'dynamic' | 'static';
  enteredAt: string;
}

/** The segments one customer is a member of (index `segment_members_customer_idx`), by name, at most 200: the 360 view reads it with the others in one statement. */
export const customerSegmentsRead: JsonRead<CustomerSegment[]> = {
  sql: (key) =>
    `(SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'kind', x.kind, 'enteredAt', ${isoText('x.entered_at')}) ORDER BY x.name, x.id), '[]'::json)
      FROM (SELECT s.id::int AS id, s.name, s.kind, sm.entered_at FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
            WHERE sm.customer_id = ${key} ORDER BY s.name, s.id LIMIT 200) x)`,
  parse: (value) => value as CustomerSegment[],
};

export function segmentsOfCustomer(sql: Sql, customerId: number): Promise<CustomerSegment[]> {
  return readJson(sql, customerSegmentsRead, customerId);
}
