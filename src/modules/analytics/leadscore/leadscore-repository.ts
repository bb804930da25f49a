import type { Database, Sql } from '../../../platform/db/index.js';
import { clearStaleScores, readColumnBatches, writeScoreColumns } from '../runs/runner-batches.js';
import type { Lead } from './lead-scoring.js';

/**
 * The lead fields the default rules read, for every customer, from what the CRM has (one statement):
 * industry and source from the profile, region = region_code; from customer_traits' event counts
 * (keys "type:name"): pagesViewed = `page:*` events in 30 days, emailOpens / emailClicks = events
 * whose name contains email_open / email_click (90 days), whitepaperDownloaded / webinarAttended =
 * any event naming whitepaper / webinar (90 days); previousOrders = purchases (orders' figures);
 * daysSinceLastActivity = days since the last event or purchase. employees, jobTitle and
 * pageDwellSeconds have no source yet: those dimensions score 0 (missing).
 * `target` is 1/0 per customer: has a purchase, or a boolean custom field (`cf_*`) is true.
 */
const eventSum = (window: '30d' | '90d', where: string) => `coalesce((SELECT sum((v ->> '${window}')::float8) FROM jsonb_each(t.event_counts) e (k, v) WHERE ${where}), 0)`;

function leadInputsSql(targetColumn: string | null): string {
  return `
  WITH purchases AS (
    SELECT customer_id, count(*)::int AS orders, max(ordered_at) AS last_at FROM orders
    WHERE status IN ('paid', 'refunded') AND amount > refunded_amount AND ordered_at <= $1::timestamptz GROUP BY customer_id
  )
  SELECT c.id AS customer_id, c.industry, c.source, c.region_code AS region,
         ${eventSum('30d', "e.k LIKE 'page:%'")} AS pages_viewed,
         ${eventSum('90d', "e.k ILIKE '%email_open%'")} AS email_opens,
         ${eventSum('90d', "e.k ILIKE '%email_click%'")} AS email_clicks,
         ${eventSum('90d', "e.k ILIKE '%whitepaper%'")} > 0 AS whitepaper,
         ${eventSum('90d', "e.k ILIKE '%webinar%'")} > 0 AS webinar,
         coalesce(p.orders, 0) AS previous_orders,
         floor(extract(epoch FROM $1::timestamptz - greatest(t.last_seen_at, p.last_at)) / 86400)::int AS days_since_activity,
         ${targetColumn === null ? 'p.orders IS NOT NULL' : `coalesce(c."${targetColumn}", false)`} AS target
  FROM customers c
  LEFT JOIN purchases p ON p.customer_id = c.id
  LEFT JOIN customer_traits t ON t.customer_id = c.id
  ORDER BY c.id`;
}

export interface LeadInputs {
  customerIds: number[];
  leads: Lead[];
  target: Uint8Array;
}

/** The column of a boolean custom field of customers, or null when there is no such field. */
export async function booleanCustomFieldColumn(sql: Sql, key: string): Promise<string | null> {
  const row = (await sql.query<{ column_name: string }>(`SELECT column_name FROM field_definitions WHERE object = 'customers' AND key = $1 AND type = 'boolean'`, [key])).rows[0];
  return row !== undefined && /^cf_[a-z0-9_]+$/.test(row.column_name) ? row.column_name : null;
}

export async function readLeadInputs(db: Database, asOf: Date, targetColumn: string | null): Promise<LeadInputs> {
  const customerIds: number[] = [];
  const leads: Lead[] = [];
  const target: number[] = [];
  await readColumnBatches(db, leadInputsSql(targetColumn), [asOf], (c, n) => {
    for (let i = 0; i < n; i++) {
      customerIds.push(c.customer_id![i] as number);
      target.push(c.target![i] ? 1 : 0);
      leads.push({
        industry: c.industry![i] as string | null,
        source: c.source![i] as string | null,
        region: c.region![i] as string | null,
        pagesViewed: c.pages_viewed![i] as number,
        emailOpens: c.email_opens![i] as number,
        emailClicks: c.email_clicks![i] as number,
        whitepaperDownloaded: c.whitepaper![i] as boolean,
        webinarAttended: c.webinar![i] as boolean,
        previousOrders: c.previous_orders![i] as number,
        daysSinceLastActivity: c.days_since_activity![i] === null ? null : Math.max(0, c.days_since_activity![i] as number),
      });
    }
  });
  return { customerIds, leads, target: Uint8Array.from(target) };
}

export interface LeadScoreRows {
  points: number[];
  grades: string[];
  probabilities: (number | null)[];
}

export async function storeLeadScores(sql: Sql, customerIds: readonly number[], rows: LeadScoreRows, computedAt: Date): Promise<{ stored: number; cleared: number }> {
  await writeScoreColumns(
    sql,
    'lead',
    customerIds,
    [
      { name: 'lead_points', type: 'int', values: rows.points },
      { name: 'lead_grade', type: 'text', values: rows.grades },
      { name: 'lead_probability', type: 'float8', values: rows.probabilities },
    ],
    computedAt,
  );
  const cleared = await clearStaleScores(sql, 'lead', ['lead_points', 'lead_grade', 'lead_probability'], computedAt);
  return { stored: customerIds.length, cleared };
}
