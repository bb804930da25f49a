import type { Sql } from '../../platform/db/index.js';
import type { IdentityRule, IdentityRules } from './identity-rules.js';

interface RuleRow {
  type: string;
  label: string;
  builtin: boolean;
  max_per_customer: number | null;
  priority: number;
  blocked_values: string[];
}

/** The configured rules (priority order) and the global blocked values, in one statement. */
export async function loadIdentityRules(sql: Sql): Promise<IdentityRules> {
  const row = await sql.query<{ rules: RuleRow[] | null; blocked: string[] | null }>(
    `SELECT (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.priority, r.type) FROM identity_rules r) AS rules,
            (SELECT array_agg(value ORDER BY value) FROM identity_blocked_values) AS blocked`,
  );
  const { rules, blocked } = row.rows[0] ?? { rules: null, blocked: null };
  return {
    rules: (rules ?? []).map((r): IdentityRule => ({ type: r.type, label: r.label, builtin: r.builtin, maxPerCustomer: r.max_per_customer, priority: r.priority, blockedValues: r.blocked_values })),
    blockedValues: blocked ?? [],
  };
}

/** Replaces every rule and the global blocked list (built-in flags are kept from the table). */
export async function saveIdentityRules(sql: Sql, input: IdentityRules, now: Date, userId: number | null): Promise<void> {
  const rules = input.rules;
  await sql.query('LOCK TABLE identity_rules IN EXCLUSIVE MODE');
  await sql.query('DELETE FROM identity_rules WHERE NOT (type = ANY($1))', [rules.map((r) => r.type)]);
  await sql.query(
    `INSERT INTO identity_rules (type, label, max_per_customer, priority, blocked_values, updated_at, updated_by)
     SELECT t.type, t.label, t.max_per_customer, t.priority, ARRAY(SELECT jsonb_array_elements_text(t.blocked)), $6, $7
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::jsonb[]) AS t(type, label, max_per_customer, priority, blocked)
     ON CONFLICT (type) DO UPDATE SET label = EXCLUDED.label, max_per_customer = EXCLUDED.max_per_customer, priority = EXCLUDED.priority,
       blocked_values = EXCLUDED.blocked_values, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [rules.map((r) => r.type), rules.map((r) => r.label), rules.map((r) => r.maxPerCustomer), rules.map((r) => r.priority), rules.map((r) => JSON.stringify(r.blockedValues)), now, userId],
  );
  await sql.query('DELETE FROM identity_blocked_values');
  await sql.query('INSERT INTO identity_blocked_values (value) SELECT DISTINCT unnest($1::text[])', [input.blockedValues]);
}
