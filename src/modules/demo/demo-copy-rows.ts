import type { Keyring } from '../../platform/crypto/index.js';
import { normalizeEmail, normalizeMobile } from '../customers/index.js';
import { type ActivityPlan, type DemoEvent, type DemoOrder, generateEvents, generateOrders } from './demo-activity-generator.js';
import { type DemoCustomer, type DemoWorld, generateCustomer } from './demo-customer-generator.js';
import { copyBytea, copyRow, copyText } from './copy-text.js';

/**
 * Generated rows in COPY text format, produced lazily (one customer at a time) so that any number
 * of rows streams through constant memory. Sensitive values are sealed and blind-indexed here,
 * on their normalized form (mobile `+8613812345678`, email lower-case), as the record layer does.
 */
export const CUSTOMER_COLUMNS = [
  'id', 'name', 'kind', 'level', 'source', 'industry', 'region_code', 'company', 'gender', 'birthday',
  'mobile_enc', 'mobile_bidx', 'email_enc', 'email_bidx', 'owner_id', 'created_by', 'updated_by', 'created_at', 'updated_at',
];
export const TEAM_COLUMNS = ['customer_id', 'user_id', 'access'];
export const ORDER_COLUMNS = ['customer_id', 'id', 'order_no', 'amount', 'channel', 'store', 'status', 'ordered_at', 'created_at'];
export const EVENT_COLUMNS = ['customer_id', 'id', 'type', 'name', 'properties', 'occurred_at'];

export function customerRow(customer: DemoCustomer, userIds: readonly number[], keyring: Keyring): string {
  const mobile = customer.mobile === null ? null : normalizeMobile(customer.mobile);
  const email = customer.email === null ? null : normalizeEmail(customer.email);
  const owner = customer.ownerIndex === null ? null : String(userIds[customer.ownerIndex]);
  return copyRow([
    String(customer.id),
    copyText(customer.name),
    customer.kind,
    customer.level,
    customer.source,
    copyText(customer.industry),
    customer.regionCode,
    copyText(customer.company),
    copyText(customer.gender),
    copyText(customer.birthday),
    copyBytea(mobile === null ? null : keyring.encrypt(mobile)),
    copyBytea(mobile === null ? null : keyring.blindIndex('mobile', mobile)),
    copyBytea(email === null ? null : keyring.encrypt(email)),
    copyBytea(email === null ? null : keyring.blindIndex('email', email)),
    copyText(owner),
    copyText(owner),
    copyText(owner),
    customer.createdAt.toISOString(),
    customer.updatedAt.toISOString(),
  ]);
}

export function orderRow(order: DemoOrder): string {
  const at = order.orderedAt.toISOString();
  return copyRow([String(order.customerId), String(order.id), order.orderNo, order.amount, order.channel, copyText(order.store), order.status, at, at]);
}

export function eventRow(event: DemoEvent): string {
  return copyRow([String(event.customerId), String(event.id), event.type, event.name, copyText(JSON.stringify(event.properties)), event.occurredAt.toISOString()]);
}

/** Customer rows; team rows go to `team` (a few % of customers) for a second COPY. */
export function* customerRows(world: DemoWorld, userIds: readonly number[], keyring: Keyring, team: string[]): Generator<string> {
  for (let index = 0; index < world.customers; index++) {
    const customer = generateCustomer(world, index);
    for (const member of customer.team) {
      team.push(copyRow([String(customer.id), String(userIds[member.userIndex]), member.access]));
    }
    yield customerRow(customer, userIds, keyring);
  }
}

/** Order rows of every customer, ids 1, 2, 3 … in customer order. */
export function* orderRows(world: DemoWorld, plan: ActivityPlan): Generator<string> {
  if (plan.orders.mean <= 0) return;
  let nextId = 1;
  for (let index = 0; index < world.customers; index++) {
    const orders = generateOrders(world, plan, generateCustomer(world, index), nextId);
    nextId += orders.length;
    for (const order of orders) yield orderRow(order);
  }
}

export function* eventRows(world: DemoWorld, plan: ActivityPlan): Generator<string> {
  if (plan.events.mean <= 0) return;
  let nextId = 1;
  for (let index = 0; index < world.customers; index++) {
    const events = generateEvents(world, plan, generateCustomer(world, index), nextId);
    nextId += events.length;
    for (const event of events) yield eventRow(event);
  }
}
