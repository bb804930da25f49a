import crypto from 'node:crypto';
import { normalizeIdentifierValue } from '../ingest/index.js';
import { amountMatches, lineAmountFen, MAX_FEN, sumFen, toFen, toMilli } from './order-money.js';
import type { OrderInput } from './order-schemas.js';

export const DEFAULT_SOURCE = 'api';
export const DEFAULT_CURRENCY = 'CNY';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A per-item refusal: the platform error code and the field at fault. */
export interface ItemError {
  code: 'request.invalid' | 'request.unknown_property' | 'field.required' | 'field.invalid_value' | 'record.not_found' | 'permission.denied';
  field?: string;
}

export type CustomerRef = { id: number } | { type: 'userId' | 'mobile' | 'email'; value: string };

export interface OrderLine {
  lineNo: number;
  sku: string;
  productName: string;
  category: string | null;
  quantityMilli: bigint;
  unitPriceFen: bigint;
  amountFen: bigint;
}

export interface NormalizedOrder {
  externalId: string;
  source: string;
  customer: CustomerRef;
  orderNo: string;
  channel: string;
  store: string | null;
  status: OrderInput['status'];
  orderedAt: Date;
  paidAt: Date | null;
  currency: string;
  lines: OrderLine[];
  amountFen: bigint;
  /** Changes whenever anything the source sent changes: an equal hash means an unchanged resend. */
  contentHash: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: ItemError };
const invalid = (field: string): { ok: false; error: ItemError } => ({ ok: false, error: { code: 'field.invalid_value', field } });

function time(text: string | undefined): Date | null | undefined {
  if (text === undefined) return undefined;
  const date = ISO_TIME.test(text) ? new Date(text) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

function customerRef(input: OrderInput): Result<CustomerRef> {
  if (input.customerId !== undefined && input.customer !== undefined) return invalid('customer');
  if (input.customerId !== undefined) return { ok: true, value: { id: input.customerId } };
  if (input.customer === undefined) return { ok: false, error: { code: 'field.required', field: 'customerId' } };
  const { type, value } = input.customer;
  const clean = normalizeIdentifierValue(type, value);
  return clean === null ? invalid('customer.value') : { ok: true, value: { type, value: clean } };
}

function lines(input: OrderInput): Result<OrderLine[]> {
  const out: OrderLine[] = [];
  for (const [i, line] of input.lines.entries()) {
    const quantityMilli = toMilli(line.quantity);
    if (quantityMilli === null || quantityMilli === 0n) return invalid(`lines.${i}.quantity`);
    const unitPriceFen = toFen(line.unitPrice);
    if (unitPriceFen === null) return invalid(`lines.${i}.unitPrice`);
    const amountFen = lineAmountFen(quantityMilli, unitPriceFen);
    if (amountFen > MAX_FEN) return invalid(`lines.${i}.quantity`);
    out.push({ lineNo: i + 1, sku: line.sku, productName: line.productName, category: line.category ?? null, quantityMilli, unitPriceFen, amountFen });
  }
  return { ok: true, value: out };
}

/**
 * Checks one order beyond its schema and brings it to stored form: exact money, parsed times, the
 * customer reference normalized like the ingest module does (lower-cased email, E.164 mobile). Pure.
 */
export function normalizeOrder(input: OrderInput): Result<NormalizedOrder> {
  const customer = customerRef(input);
  if (!customer.ok) return customer;
  const orderedAt = time(input.orderedAt);
  if (!orderedAt) return invalid('orderedAt');
  const paidAt = time(input.paidAt);
  if (paidAt === null) return invalid('paidAt');
  const parsed = lines(input);
  if (!parsed.ok) return parsed;
  const linesFen = sumFen(parsed.value.map((l) => l.amountFen));
  let amountFen = linesFen;
  if (input.amount !== undefined) {
    const declared = toFen(input.amount);
    if (declared === null || !amountMatches(declared, linesFen)) return invalid('amount');
    amountFen = declared;
  }
  if (amountFen > MAX_FEN) return invalid('amount');
  const order = {
    externalId: input.externalId,
    source: input.source ?? DEFAULT_SOURCE,
    customer: customer.value,
    orderNo: input.orderNo ?? input.externalId,
    channel: input.channel,
    store: input.store ?? null,
    status: input.status,
    orderedAt,
    paidAt: paidAt ?? null,
    currency: input.currency ?? DEFAULT_CURRENCY,
    lines: parsed.value,
    amountFen,
  };
  return { ok: true, value: { ...order, contentHash: contentHash(order) } };
}

function contentHash(order: Omit<NormalizedOrder, 'contentHash'>): string {
  const canonical = JSON.stringify(order, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return crypto.createHash('sha256').update(canonical).digest('hex');
}
