import type { Locale } from '../../platform/errors/index.js';
import { type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { COPY_NULL, copyRow, copyText } from '../demo/index.js';
import { identifierHash } from '../ingest/index.js';
import { fenToString } from '../orders/index.js';
import type { InvalidRow } from './error-report.js';
import { resolveImportColumns, suggestColumns } from './import-columns.js';
import { refreshImportedTraits, saveImportOutcome } from './object-import-outcome.js';
import type { ImportFormat, ImportMode } from './import-service.js';
import type { ColumnMapping } from './mapping.js';
import { ORDER_LINES_STAGE, type OrderProblem, refusedLines, stagedCounts, stageOrders, storeStagedOrders } from './order-import-repository.js';
import { DEFAULT_IMPORT_SOURCE, importRowError, ORDER_COLUMNS, ORDER_CUSTOMER_KEYS, type OrderLineRow, validateOrderLine } from './order-import-row.js';
import type { RowError } from './row-validation.js';
import { cellsOfRows, type ImportInput, type ImportProgress, MAX_REPORT_ROWS, stageFile } from './staged-file.js';
import { analyzeGrownTables } from './staging-repository.js';

export interface ObjectImportOptions {
  input: ImportInput;
  format: ImportFormat;
  fileName?: string;
  mode: ImportMode;
  /** Store nothing when any row is invalid. */
  strict?: boolean;
  mapping?: ColumnMapping;
  locale: Locale;
  onProgress?: (p: ImportProgress) => void;
}

/** Counts are rows (order lines); `orders*` count orders. */
export interface OrderImportResult {
  status: 'validated' | 'completed' | 'rejected';
  rows: number;
  valid: number;
  invalid: number;
  /** Lines of new orders (stored, or that a commit would store). */
  created: number;
  /** Lines of orders whose (source, externalId) was already imported or sent. */
  skipped: number;
  ordersCreated: number;
  ordersSkipped: number;
  mapping: ColumnMapping;
  errors: RowError[];
  errorReportId: number | null;
  jobId: number | null;
}

const PROBLEM: Record<OrderProblem, { field: string; code: 'record.not_found' | 'field.invalid_value'; reason: string }> = {
  customer: { field: 'customer', code: 'record.not_found', reason: '' },
  disagree: { field: 'externalId', code: 'field.invalid_value', reason: 'the lines of this order disagree on customer, time, status, channel, store, currency or amount' },
  amount: { field: 'amount', code: 'field.invalid_value', reason: "differs from the sum of the lines by more than 0.01" },
  line: { field: 'externalId', code: 'field.invalid_value', reason: 'another line of this order is invalid' },
};

/**
 * Order import (one row per order line): rows validated in Node and COPYed into a staging table,
 * then customers resolved, orders grouped and keys claimed set-based, all in one transaction with
 * one audit entry and one outbox event; the customers' computed traits are refreshed afterwards.
 */
export class OrderImportService {
  private readonly customers: RecordService;
  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async run(ctx: RequestContext, options: ObjectImportOptions): Promise<OrderImportResult> {
    this.customers.require(ctx, 'update');
    const now = this.deps.clock.now();
    const { result, customerIds } = await this.deps.db.tx(async (client) => {
      const poisoned = { sources: [] as string[], externalIds: [] as string[] };
      const staged = await stageFile(client, ORDER_LINES_STAGE, options.input, options.format, { columns: (headers) => this.columns(headers, options, poisoned) }, options.onProgress);
      const compiler = this.customers.compiler([]);
      const where = compiler.scope(this.customers.scope(ctx, 'write'));
      await stageOrders(client, where, compiler.parameters, poisoned, options.mode === 'commit');
      const counts = await stagedCounts(client);
      // Nothing refused in SQL (the usual case): no join of the staged lines to their orders for the report.
      const refused = counts.invalidLines === 0 ? [] : await refusedLines(client, MAX_REPORT_ROWS);
      const refusedCells = await cellsOfRows(options.input, options.format, new Set(refused.map((r) => r.row_no)));
      const invalid = mergeInvalid(staged.invalid, refused, refusedCells, options.locale);
      const invalidCount = staged.invalidCount + counts.invalidLines;
      const commit = options.mode === 'commit' && !(options.strict && invalidCount > 0);
      const status = options.mode === 'dry-run' ? 'validated' : commit ? 'completed' : 'rejected';
      const stored = commit ? await storeStagedOrders(client, now) : null;
      const result: OrderImportResult = {
        status, rows: staged.rows, valid: staged.rows - invalidCount, invalid: invalidCount,
        created: stored ? stored.lines : commit || status === 'validated' ? counts.newLines : 0,
        skipped: stored ? staged.rows - invalidCount - stored.lines : status === 'validated' ? counts.skippedLines : 0,
        ordersCreated: stored ? stored.orders : status === 'validated' ? counts.newOrders : 0,
        ordersSkipped: stored ? counts.newOrders + counts.skippedOrders - stored.orders : status === 'validated' ? counts.skippedOrders : 0,
        mapping: staged.mapping, errors: invalid.flatMap((r) => r.errors).slice(0, 100), errorReportId: null, jobId: null,
      };
      const outcome = { object: 'order', topic: 'orders.imported', action: 'order.import', status, commit, headers: staged.headers, invalid, counts: countsOf(result) } as const;
      Object.assign(result, await saveImportOutcome(client, ctx, now, options, outcome));
      return { result, customerIds: stored?.customerIds ?? [] };
    });
    await analyzeGrownTables(this.deps.db, ['orders', 'order_lines', 'order_keys'], result.status === 'completed' ? result.ordersCreated : 0);
    await refreshImportedTraits(this.deps, customerIds, options.onProgress);
    return result;
  }

  private columns(headers: string[], options: ObjectImportOptions, poisoned: { sources: string[]; externalIds: string[] }) {
    const mapping = options.mapping ?? suggestColumns(headers, ORDER_COLUMNS);
    const columns = resolveImportColumns(headers, mapping, ORDER_COLUMNS, ORDER_CUSTOMER_KEYS);
    const copier = new LineCopier(this.deps.keyring);
    const validate = (cells: readonly string[], row: number): string | RowError[] => {
      const line = validateOrderLine(cells, row, columns, options.locale);
      if (!Array.isArray(line)) return copier.copy(line);
      const externalId = (cells[columns.get('externalId') ?? -1] ?? '').trim();
      if (externalId) {
        poisoned.sources.push((cells[columns.get('source') ?? -1] ?? '').trim() || DEFAULT_IMPORT_SOURCE);
        poisoned.externalIds.push(externalId);
      }
      return line;
    };
    return { mapping, validate };
  }

}

/**
 * The staging text of a customer reference: `customerId:<id>`, `userId|anonymousId:<identifier hash
 * hex>` or `mobile|email:<identifier hash hex>:<customers blind index hex>`.
 */
export function stagedCustomerRef(kr: RecordDeps['keyring'], customer: OrderLineRow['customer']): string {
  const { type, value } = customer;
  if (type === 'customerId') return `customerId:${value}`;
  const blind = type === 'mobile' || type === 'email' ? `:${kr.blindIndex(type, value).toString('hex')}` : '';
  return `${type}:${identifierHash(kr, { type, value }).toString('hex')}${blind}`;
}

/**
 * The staging rows of one file's valid lines. The customer reference becomes hashes
 * (`stagedCustomerRef`), remembered per type and value: an order's lines (and a customer's orders)
 * repeat it, and each costs two HMACs. The lines of an order share their time (validateOrderLine
 * keeps the parsed Date), so its text is made once. No cells: the few lines SQL refuses are read
 * again for the error report (half the bytes of a staged line).
 */
class LineCopier {
  /**
   * Customers remembered (about 200 bytes each, so at most ~200 MB). Orders name their customers in
   * no useful order: a memo smaller than the file's customers is cleared before most of them come
   * back, and every line pays two HMACs again — with 100,000 the 10M-line benchmark (1M customers)
   * hashed 20M times instead of 2M.
   */
  private static readonly REF_MEMO_LIMIT = 1_000_000;
  private readonly refs = new Map<string, string>();
  private last = { type: '', value: '', ref: '' };
  private time = { at: new Date(0), iso: new Date(0).toISOString() };

  constructor(private readonly keyring: RecordDeps['keyring']) {}

  copy(l: OrderLineRow): string {
    if (l.orderedAt !== this.time.at) this.time = { at: l.orderedAt, iso: l.orderedAt.toISOString() };
    return copyRow([
      String(l.row), copyText(l.source), copyText(l.externalId), this.refOf(l.customer), this.time.iso, l.status, copyText(l.channel), copyText(l.store), l.currency,
      l.amountFen === null ? COPY_NULL : fenToString(l.amountFen), copyText(l.sku), copyText(l.productName), copyText(l.category),
      milliToString(l.quantityMilli), fenToString(l.unitPriceFen), fenToString(l.lineAmountFen),
    ]);
  }

  private refOf(customer: OrderLineRow['customer']): string {
    // The lines of an order name the same customer: the last answer first.
    if (customer.value === this.last.value && customer.type === this.last.type) return this.last.ref;
    const key = `${customer.type}\u0000${customer.value}`;
    let ref = this.refs.get(key);
    if (ref === undefined) {
      if (this.refs.size >= LineCopier.REF_MEMO_LIMIT) this.refs.clear();
      ref = stagedCustomerRef(this.keyring, customer);
      this.refs.set(key, ref);
    }
    this.last = { type: customer.type, value: customer.value, ref };
    return ref;
  }
}

function milliToString(milli: bigint): string {
  return `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;
}

function countsOf(r: OrderImportResult) {
  return { rows: r.rows, valid: r.valid, invalid: r.invalid, created: r.created, skipped: r.skipped, ordersCreated: r.ordersCreated, ordersSkipped: r.ordersSkipped };
}

/** Row errors found in Node and in SQL, by row; SQL-refused lines with their cells read again. */
function mergeInvalid(node: readonly InvalidRow[], refused: readonly { row_no: number; problem: OrderProblem }[], cells: ReadonlyMap<number, string[]>, locale: Locale): InvalidRow[] {
  const fromSql = refused.map((r) => {
    const p = PROBLEM[r.problem];
    return { row: r.row_no, cells: cells.get(r.row_no) ?? [], errors: [importRowError(r.row_no, p.field, p.code, p.reason, locale)] };
  });
  return [...node, ...fromSql].sort((a, b) => a.row - b.row).slice(0, MAX_REPORT_ROWS);
}
