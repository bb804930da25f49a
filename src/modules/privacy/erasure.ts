import { appendAudit } from '../../platform/audit/index.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { CONSENT_PURPOSES } from '../consent/index.js';
import { customerObject } from '../customers/index.js';
import { type ErasedType, rememberErased } from './erased-identifiers.js';

export const ERASED_NAME = '已删除用户';

/** Profile columns nulled on erasure (besides name, *_enc/*_bidx and custom fields). */
const NULLED_COLUMNS = ['level', 'source', 'industry', 'region_code', 'company', 'gender', 'birthday'];
/** Every sealed field of the object (mobile, e-mail, ID number, address …): *_enc and *_bidx nulled. */
const SENSITIVE_COLUMNS = customerObject.systemFields.filter((f) => f.sensitive).map((f) => f.column);

export interface ErasureResult {
  customerId: number;
  identifiersDeleted: number;
  erasedIdentifiers: number;
  eventsCleared: number;
  ordersKept: number;
  consentWithdrawals: number;
}

/**
 * Erases one person (PIPL art. 47 / GDPR art. 17) in ONE transaction. Needs delete on customers
 * (admins have it) and write access to the row (else 404, like DELETE). The customer row stays as
 * an anonymous tombstone so that orders (accounting) and the consent ledger keep their key.
 */
export async function eraseCustomer(deps: RecordDeps, ctx: RequestContext, customerId: number, reason: string): Promise<ErasureResult> {
  const customers = new RecordService(deps, customerObject);
  customers.require(ctx, 'delete');
  const definitions = await customers.definitions(ctx);
  const customColumns = definitions.filter((f) => f.custom).map((f) => f.column);
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const compiler = customers.compiler([]);
    const where = compiler.scope(customers.scope(ctx, 'write'));
    const id = compiler.param(customerId);
    const locked = await sql.query<{ mobile_enc: Buffer | null; email_enc: Buffer | null }>(
      `SELECT t.mobile_enc, t.email_enc FROM customers t WHERE t.id = ${id}::bigint AND ${where} FOR UPDATE OF t`,
      compiler.parameters,
    );
    const profile = locked.rows[0];
    if (!profile) throw new AppError('record.not_found');
    const remembered = await collectIdentifiers(sql, deps.keyring, customerId, profile);

    const sets = [
      `name = '${ERASED_NAME}'`,
      ...[...NULLED_COLUMNS, ...customColumns].map((c) => `${c} = NULL`),
      ...SENSITIVE_COLUMNS.flatMap((c) => [`${c}_enc = NULL`, `${c}_bidx = NULL`]),
      'updated_by = $2',
      'updated_at = $3',
    ];
    await sql.query(`UPDATE customers SET ${sets.join(', ')} WHERE id = $1`, [customerId, ctx.access.actor.userId, now]);
    const identifiers = await sql.query('DELETE FROM customer_identifiers WHERE customer_id = $1', [customerId]);
    const events = await sql.query(
      `UPDATE events SET properties = '{}', context = NULL, anonymous_id = NULL, user_id = NULL, message_id = NULL WHERE customer_id = $1`,
      [customerId],
    );
    await sql.query('UPDATE ingested_messages SET customer_id = NULL, event_id = NULL WHERE customer_id = $1', [customerId]);
    await sql.query('DELETE FROM customer_traits WHERE customer_id = $1', [customerId]);
    const orders = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE customer_id = $1', [customerId]);
    const erased = await rememberErased(sql, deps.keyring, remembered, now);
    const actor = ctx.access.actor;
    const actorId = actor.type === 'api_key' ? (actor.apiKeyId ?? null) : actor.userId;
    await sql.query(
      `INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, evidence, actor_type, actor_id)
       SELECT $1, p, 'any', 'withdrawn', $2, $2, 'erasure', '{"reason":"erasure"}', $3, $4 FROM unnest($5::text[]) AS p`,
      [customerId, now, actor.type, actorId, [...CONSENT_PURPOSES]],
    );
    const result: ErasureResult = {
      customerId,
      identifiersDeleted: identifiers.rowCount ?? 0,
      erasedIdentifiers: erased,
      eventsCleared: events.rowCount ?? 0,
      ordersKept: orders.rows[0]?.n ?? 0,
      consentWithdrawals: CONSENT_PURPOSES.length,
    };
    const { customerId: _, ...facts } = result;
    await appendAudit(sql, [auditEntry(ctx, now, 'customer.erase', customerObject.name, String(customerId), { reason, ...facts })]);
    await publish(sql, { topic: 'customer.erased', aggregateType: customerObject.name, aggregateId: String(customerId), payload: { id: customerId, erasedAt: now.toISOString() } }, deps.clock);
    return result;
  });
}

/** The clear mobile/email/userId values of the person (profile + identifiers), to remember as hashes. */
async function collectIdentifiers(sql: Sql, keyring: Keyring, customerId: number, profile: { mobile_enc: Buffer | null; email_enc: Buffer | null }) {
  const rows = (
    await sql.query<{ type: string; value: string | null; value_enc: Buffer | null }>(
      `SELECT type, value, value_enc FROM customer_identifiers WHERE customer_id = $1 AND type IN ('mobile', 'email', 'userId')`,
      [customerId],
    )
  ).rows;
  await keyring.ensureKeys(Keyring.keyIdsIn([profile, ...rows]));
  const values: { type: ErasedType; value: string }[] = [];
  if (profile.mobile_enc) values.push({ type: 'mobile', value: keyring.decrypt(profile.mobile_enc) });
  if (profile.email_enc) values.push({ type: 'email', value: keyring.decrypt(profile.email_enc) });
  for (const row of rows) {
    const value = row.value_enc ? keyring.decrypt(row.value_enc) : row.value;
    if (value !== null) values.push({ type: row.type as ErasedType, value });
  }
  return values;
}
