import { appendAudit } from '../../platform/audit/index.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';

export const EXPORT_FORMAT = 'relata.personal-data/v1';

type Row = Record<string, unknown>;

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return null;
  return value ?? null;
}

function plainRows(rows: readonly Row[], omit: readonly string[] = []): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)).map(([k, v]) => [k, plain(v)])));
}

/**
 * Everything Relata holds about one person, in clear (PIPL art. 45 / GDPR art. 15, 20). Built in
 * memory: one person's data is bounded (events are capped by retention), so no streaming.
 * The caller needs read + export on customers, the record in their data scope (else 404), and every
 * customer field visible and unmasked — the export is the person's own data, complete (else 403).
 */
export async function exportPersonalData(deps: RecordDeps, ctx: RequestContext, customerId: number): Promise<Row> {
  const customers = new RecordService(deps, customerObject);
  customers.require(ctx, 'export');
  const all = await customers.definitions(ctx);
  const visible = await customers.fields(ctx);
  const unmasked = new Set(visible.filter((f) => !f.masked).map((f) => f.key));
  if (all.some((f) => !unmasked.has(f.key))) throw new AppError('permission.denied');
  await customers.get(ctx, customerId); // scope check: 404 outside the caller's rows
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const row = (await sql.query<Row>('SELECT * FROM customers WHERE id = $1', [customerId])).rows[0];
    if (!row) throw new AppError('record.not_found');
    const identifiers = (await sql.query<Row>('SELECT type, value, value_enc, created_at FROM customer_identifiers WHERE customer_id = $1 ORDER BY type, created_at', [customerId])).rows;
    await deps.keyring.ensureKeys(Keyring.keyIdsIn([row, ...identifiers]));
    const profile: Row = {};
    for (const field of all) {
      const value = field.sensitive ? row[`${field.column}_enc`] : row[field.column];
      profile[field.key] = field.sensitive && Buffer.isBuffer(value) ? deps.keyring.decrypt(value) : plain(value);
    }
    const document = {
      format: EXPORT_FORMAT,
      exportedAt: now.toISOString(),
      customerId,
      profile,
      identifiers: identifiers.map((i) => ({
        type: i.type,
        value: Buffer.isBuffer(i.value_enc) ? deps.keyring.decrypt(i.value_enc) : (i.value ?? null),
        createdAt: plain(i.created_at),
      })),
      ...(await related(sql, customerId)),
    };
    await appendAudit(sql, [
      auditEntry(ctx, now, 'customer.personal_data_export', customerObject.name, String(customerId), {
        identifiers: document.identifiers.length,
        events: document.events.length,
        orders: document.orders.length,
        consents: document.consents.length,
      }),
    ]);
    return document;
  });
}

async function related(sql: Sql, customerId: number) {
  const q = async (text: string) => (await sql.query<Row>(text, [customerId])).rows;
  const events = await q(
    `SELECT id, type, name, properties, context, anonymous_id AS "anonymousId", user_id AS "userId", message_id AS "messageId",
            occurred_at AS "occurredAt", received_at AS "receivedAt" FROM events WHERE customer_id = $1 ORDER BY occurred_at, id`,
  );
  const orders = await q(
    `SELECT id, order_no AS "orderNo", external_id AS "externalId", source, channel, store, status, amount, refunded_amount AS "refundedAmount",
            currency, ordered_at AS "orderedAt", paid_at AS "paidAt", refunded_at AS "refundedAt" FROM orders WHERE customer_id = $1 ORDER BY ordered_at, id`,
  );
  const lines = await q(
    `SELECT order_id AS "orderId", line_no AS "lineNo", sku, product_name AS "productName", category, quantity, unit_price AS "unitPrice", amount
     FROM order_lines WHERE customer_id = $1 ORDER BY order_id, line_no`,
  );
  const consents = await q(
    `SELECT id, purpose, channel, status, occurred_at AS "occurredAt", recorded_at AS "recordedAt", source, evidence
     FROM consent_events WHERE customer_id = $1 ORDER BY occurred_at, id`,
  );
  const traits = (await q('SELECT * FROM customer_traits WHERE customer_id = $1'))[0];
  const linesOf = new Map<unknown, Row[]>();
  for (const line of plainRows(lines)) linesOf.set(line.orderId, [...(linesOf.get(line.orderId) ?? []), line]);
  return {
    events: plainRows(events),
    orders: plainRows(orders).map((o) => ({ ...o, lines: (linesOf.get(o.id) ?? []).map(({ orderId: _, ...l }) => l) })),
    consents: plainRows(consents),
    traits: traits ? plainRows([traits], ['customer_id'])[0]! : null,
  };
}
