import { randomBytes } from 'node:crypto';
import { txWithSide } from '../../platform/db/index.js';
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
import { AdjacentOrders, type EmitLine, type OrderSummary } from './order-grouping.js';
import { dropOrderScratch, ORDER_LINES_STAGE, type OrderProblem, refusedLines, type StagedCounts, stagedCounts, stageOrders, storeStagedOrders } from './order-import-repository.js';
import { DEFAULT_IMPORT_SOURCE, importRowError, ORDER_COLUMNS, ORDER_CUSTOMER_KEYS, type OrderLineRow, validateOrderLine } from './order-import-row.js';
import { nulCellErrors, type RowError } from './row-validation.js';
import { cellsOfRows, type ImportInput, type ImportProgress, MAX_REPORT_ROWS, stageFile } from './staged-file.js';
import { analyzeGrownTables, moveStagedRows, type StagingTarget, sideScratch, TEMP_SCRATCH } from './staging-repository.js';

export interface ObjectImportOptions {
  input: ImportInput;
  /** The size of a streamed input, when known (a buffer's is its length). */
  inputBytes?: number;
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

/**
 * Files from this size (~50,000 lines) are staged and stored on two connections when the server
 * allows two-phase commit; below it the second connection and the prepared commit cost more than
 * they save.
 */
export const ORDER_SPLIT_BYTES = 4 << 20;

function sumCounts(all: readonly StagedCounts[]): StagedCounts {
  return all.reduce((a, b) => ({
    invalidLines: a.invalidLines + b.invalidLines, newOrders: a.newOrders + b.newOrders, newLines: a.newLines + b.newLines,
    skippedOrders: a.skippedOrders + b.skippedOrders, skippedLines: a.skippedLines + b.skippedLines,
  }));
}

function sumStored(all: readonly { orders: number; lines: number; customerIds: number[] }[]): { orders: number; lines: number; customerIds: number[] } {
  const ids = new Set<number>();
  for (const part of all) for (const id of part.customerIds) ids.add(id);
  return { orders: all.reduce((n, p) => n + p.orders, 0), lines: all.reduce((n, p) => n + p.lines, 0), customerIds: [...ids].sort((a, b) => a - b) };
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
  private readonly splitAtBytes: number;
  /** `splitAtBytes`: files from this size go on two connections (ORDER_SPLIT_BYTES; tests lower it). */
  constructor(
    private readonly deps: RecordDeps,
    options: { splitAtBytes?: number } = {},
  ) {
    this.customers = new RecordService(deps, customerObject);
    this.splitAtBytes = options.splitAtBytes ?? ORDER_SPLIT_BYTES;
  }

  async run(ctx: RequestContext, options: ObjectImportOptions): Promise<OrderImportResult> {
    this.customers.require(ctx, 'update');
    const now = this.deps.clock.now();
    const bytes = Buffer.isBuffer(options.input) ? options.input.length : (options.inputBytes ?? 0);
    const { result, customerIds } = await txWithSide(this.deps.db, async (client, openSide) => {
      // A large file is staged and stored on two connections (the side's part committed with the
      // main one by two-phase commit), every other chunk of whole orders on each, so PostgreSQL's
      // set-based work runs on both cores; otherwise (small file, no two-phase commit) on one.
      let side = bytes >= this.splitAtBytes ? await openSide() : null;
      let parts: StagingTarget[] = [{ client, table: ORDER_LINES_STAGE, scratch: TEMP_SCRATCH }];
      if (side) parts.push({ client: side.client, table: ORDER_LINES_STAGE, scratch: sideScratch(`_s${randomBytes(6).toString('hex')}`) });
      const poisoned = { sources: [] as string[], externalIds: [] as string[] };
      const copier = new LineCopier(this.deps.keyring);
      const staged = await stageFile(parts, options.input, options.format, { columns: (headers) => this.columns(headers, options, poisoned, copier) }, options.onProgress);
      if (side && !copier.adjacent) {
        // An order's lines lie apart in the file, so they may sit on both connections: SQL groups
        // them on one, with all the lines.
        await moveStagedRows(parts[1]!, parts[0]!);
        await side.abort();
        side = null;
        parts = [parts[0]!];
      }
      const compiler = this.customers.compiler([]);
      const where = compiler.scope(this.customers.scope(ctx, 'write'));
      const grouped = copier.adjacent;
      await Promise.all(parts.map((part) => stageOrders(part.client, part.scratch, where, compiler.parameters, poisoned, { drawIds: options.mode === 'commit', grouped })));
      const counts = sumCounts(await Promise.all(parts.map((part) => stagedCounts(part.client, part.scratch))));
      // Nothing refused in SQL (the usual case): no join of the staged lines to their orders for the report.
      const refused = counts.invalidLines === 0 ? [] : (await Promise.all(parts.map((part) => refusedLines(part.client, part.scratch, MAX_REPORT_ROWS)))).flat().sort((a, b) => a.row_no - b.row_no).slice(0, MAX_REPORT_ROWS);
      const refusedCells = await cellsOfRows(options.input, options.format, new Set(refused.map((r) => r.row_no)));
      const invalid = mergeInvalid(staged.invalid, refused, refusedCells, options.locale);
      const invalidCount = staged.invalidCount + counts.invalidLines;
      const commit = options.mode === 'commit' && !(options.strict && invalidCount > 0);
      const status = options.mode === 'dry-run' ? 'validated' : commit ? 'completed' : 'rejected';
      const stored = commit ? sumStored(await Promise.all(parts.map((part) => storeStagedOrders(part.client, part.scratch, now, grouped)))) : null;
      const result: OrderImportResult = {
        status, rows: staged.rows, valid: staged.rows - invalidCount, invalid: invalidCount,
        created: stored ? stored.lines : commit || status === 'validated' ? counts.newLines : 0,
        skipped: stored ? staged.rows - invalidCount - stored.lines : status === 'validated' ? counts.skippedLines : 0,
        ordersCreated: stored ? stored.orders : status === 'validated' ? counts.newOrders : 0,
        ordersSkipped: stored ? counts.newOrders + counts.skippedOrders - stored.orders : status === 'validated' ? counts.skippedOrders : 0,
        mapping: staged.mapping, errors: invalid.flatMap((r) => r.errors).slice(0, 100), errorReportId: null, jobId: null,
      };
      const outcome = { object: 'order', topic: 'orders.imported', action: 'order.import', status, commit, headers: staged.headers, invalid, counts: countsOf(result) } as const;
      // The event goes with the part committed last (the side's): a subscriber must not run between the commits.
      Object.assign(result, await saveImportOutcome(client, ctx, now, options, outcome, side?.sql));
      if (side) await dropOrderScratch(side.sql, parts[1]!.scratch);
      return { result, customerIds: stored?.customerIds ?? [] };
    });
    await analyzeGrownTables(this.deps.db, ['orders', 'order_lines', 'order_keys'], result.status === 'completed' ? result.ordersCreated : 0);
    await refreshImportedTraits(this.deps, customerIds, options.onProgress);
    return result;
  }

  private columns(headers: string[], options: ObjectImportOptions, poisoned: { sources: string[]; externalIds: string[] }, copier: LineCopier) {
    const mapping = options.mapping ?? suggestColumns(headers, ORDER_COLUMNS);
    const columns = resolveImportColumns(headers, mapping, ORDER_COLUMNS, ORDER_CUSTOMER_KEYS);
    const validate = (cells: readonly string[], row: number): string | RowError[] => {
      const nul = nulCellErrors(cells, row, headers, mapping, options.locale);
      const line = nul.length > 0 ? nul : validateOrderLine(cells, row, columns, options.locale);
      if (!Array.isArray(line)) return copier.add(line);
      const externalId = (cells[columns.get('externalId') ?? -1] ?? '').trim();
      if (externalId) {
        poisoned.sources.push((cells[columns.get('source') ?? -1] ?? '').trim() || DEFAULT_IMPORT_SOURCE);
        poisoned.externalIds.push(externalId);
      }
      return line;
    };
    return { mapping, validate, finish: () => copier.finish() };
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
 * The staging rows of one file's valid lines, an order's lines held until the order is complete so
 * its first line carries the order's summary (`AdjacentOrders`; `adjacent` tells SQL whether it may
 * take the orders from those lines). The customer reference becomes hashes (`stagedCustomerRef`),
 * remembered per type and value: an order's lines (and a customer's orders) repeat it, and each
 * costs two HMACs. The lines of an order share their time (validateOrderLine keeps the parsed
 * Date), so its text is made once. No cells: the few lines SQL refuses are read again for the error
 * report (half the bytes of a staged line).
 */
class LineCopier {
  /**
   * Customers remembered (about 200 bytes each, so at most ~200 MB). Orders name their customers in
   * no useful order: a memo smaller than the file's customers is cleared before most of them come
   * back, and every line pays two HMACs again — with 100,000 the 10M-line benchmark (1M customers)
   * hashed 20M times instead of 2M.
   */
  private static readonly REF_MEMO_LIMIT = 1_000_000;
  private readonly refs = new Map<string, Map<string, string>>();
  private remembered = 0;
  private last = { type: '', value: '', ref: '' };
  private time = { at: new Date(0), iso: new Date(0).toISOString() };
  private readonly orders = new AdjacentOrders();
  private readonly emit: EmitLine = (l, orderSeq, lineNo, summary) => this.copy(l, orderSeq, lineNo, summary);

  constructor(private readonly keyring: RecordDeps['keyring']) {}

  /** False when some order's lines are not adjacent in the file: SQL groups the lines itself. */
  get adjacent(): boolean {
    return this.orders.adjacent;
  }

  add(l: OrderLineRow): string {
    return this.orders.add(l, this.emit);
  }

  finish(): string {
    return this.orders.finish(this.emit);
  }

  /** Line 1 of an order carries its summary, and the order's store and declared amount (see ORDER_LINES_STAGE). */
  private copy(l: OrderLineRow, orderSeq: number, lineNo: number, s: OrderSummary | null): string {
    if (l.orderedAt !== this.time.at) this.time = { at: l.orderedAt, iso: l.orderedAt.toISOString() };
    const amountFen = s ? s.amountFen : l.amountFen;
    return copyRow([
      String(l.row), copyText(l.source), copyText(l.externalId), this.refOf(l.customer), this.time.iso, l.status, copyText(l.channel), copyText(s ? s.store : l.store), l.currency,
      amountFen === null ? COPY_NULL : fenToString(amountFen), copyText(l.sku), copyText(l.productName), copyText(l.category),
      milliToString(l.quantityMilli), fenToString(l.unitPriceFen), fenToString(l.lineAmountFen),
      String(orderSeq), String(lineNo), s ? String(s.lineCount) : COPY_NULL, s ? fenToString(s.linesSumFen) : COPY_NULL, s ? (s.disagree ? 't' : 'f') : COPY_NULL,
    ]);
  }

  private refOf(customer: OrderLineRow['customer']): string {
    // The lines of an order name the same customer: the last answer first.
    if (customer.value === this.last.value && customer.type === this.last.type) return this.last.ref;
    // One map per type, keyed by the value itself: no key string made per line.
    let refs = this.refs.get(customer.type);
    if (refs === undefined) {
      refs = new Map();
      this.refs.set(customer.type, refs);
    }
    let ref = refs.get(customer.value);
    if (ref === undefined) {
      if (this.remembered >= LineCopier.REF_MEMO_LIMIT) {
        for (const m of this.refs.values()) m.clear();
        this.remembered = 0;
      }
      ref = stagedCustomerRef(this.keyring, customer);
      refs.set(customer.value, ref);
      this.remembered += 1;
    }
    this.last.type = customer.type;
    this.last.value = customer.value;
    this.last.ref = ref;
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
