import type { Locale } from '../../platform/errors/index.js';
import { type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { copyRow, copyText } from '../demo/index.js';
import type { InvalidRow } from './error-report.js';
import { EVENT_ROWS_STAGE, importSourceId, refusedEvents, stagedEventCounts, stageEvents, storeStagedEvents } from './event-import-repository.js';
import { EVENT_COLUMNS, EVENT_CUSTOMER_KEYS, type EventImportRow, validateEventRow } from './event-import-row.js';
import { resolveImportColumns, suggestColumns } from './import-columns.js';
import { refreshImportedTraits, saveImportOutcome } from './object-import-outcome.js';
import { importRowError } from './order-import-row.js';
import { type ObjectImportOptions, stagedCustomerRef } from './order-import-service.js';
import { nulCellErrors, type RowError } from './row-validation.js';
import { cellsOfRows, MAX_REPORT_ROWS, stageFile } from './staged-file.js';
import { analyzeGrownTables, TEMP_SCRATCH } from './staging-repository.js';

export interface EventImportResult {
  status: 'validated' | 'completed' | 'rejected';
  rows: number;
  valid: number;
  invalid: number;
  /** Events stored (or that a commit would store). */
  created: number;
  /** Valid events whose messageId was imported before (or repeated in the file). */
  skipped: number;
  mapping: Record<string, string>;
  errors: RowError[];
  errorReportId: number | null;
  jobId: number | null;
}

/**
 * Events import: rows validated in Node and COPYed into a staging table, then customers resolved,
 * messageIds claimed and events inserted set-based in one transaction with one audit entry and one
 * outbox event; the customers' computed traits are refreshed afterwards.
 */
export class EventImportService {
  private readonly customers: RecordService;
  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async run(ctx: RequestContext, options: ObjectImportOptions): Promise<EventImportResult> {
    this.customers.require(ctx, 'update');
    const now = this.deps.clock.now();
    const { result, customerIds } = await this.deps.db.tx(async (client) => {
      const staged = await stageFile([{ client, table: EVENT_ROWS_STAGE, scratch: TEMP_SCRATCH }], options.input, options.format, { columns: (headers) => this.columns(headers, options) }, options.onProgress);
      const sourceId = await importSourceId(client, now);
      const compiler = this.customers.compiler([]);
      await stageEvents(client, compiler.scope(this.customers.scope(ctx, 'write')), compiler.parameters, sourceId);
      const counts = await stagedEventCounts(client);
      const refused = counts.invalid === 0 ? [] : await refusedEvents(client, MAX_REPORT_ROWS);
      const refusedCells = await cellsOfRows(options.input, options.format, new Set(refused.map((r) => r.row_no)));
      const invalid = mergeRefused(staged.invalid, refused, refusedCells, options.locale);
      const invalidCount = staged.invalidCount + counts.invalid;
      const commit = options.mode === 'commit' && !(options.strict && invalidCount > 0);
      const status = options.mode === 'dry-run' ? 'validated' : commit ? 'completed' : 'rejected';
      const stored = commit ? await storeStagedEvents(client, sourceId, now) : null;
      const valid = staged.rows - invalidCount;
      const created = stored ? stored.events : status === 'validated' ? counts.fresh : 0;
      const result: EventImportResult = {
        status, rows: staged.rows, valid, invalid: invalidCount, created, skipped: status === 'rejected' ? 0 : valid - created,
        mapping: staged.mapping, errors: invalid.flatMap((r) => r.errors).slice(0, 100), errorReportId: null, jobId: null,
      };
      const outcome = { object: 'event', topic: 'events.imported', action: 'event.import', status, commit, headers: staged.headers, invalid, counts: countsOf(result) } as const;
      Object.assign(result, await saveImportOutcome(client, ctx, now, options, outcome));
      return { result, customerIds: stored?.customerIds ?? [] };
    });
    await analyzeGrownTables(this.deps.db, ['events', 'ingested_messages'], result.status === 'completed' ? result.created : 0);
    await refreshImportedTraits(this.deps, customerIds, options.onProgress);
    return result;
  }

  private columns(headers: string[], options: ObjectImportOptions) {
    const mapping = options.mapping ?? suggestColumns(headers, EVENT_COLUMNS);
    const columns = resolveImportColumns(headers, mapping, EVENT_COLUMNS, EVENT_CUSTOMER_KEYS);
    const validate = (cells: readonly string[], row: number): string | RowError[] => {
      const nul = nulCellErrors(cells, row, headers, mapping, options.locale);
      const event = nul.length > 0 ? nul : validateEventRow(cells, row, columns, options.locale);
      return Array.isArray(event) ? event : this.copyEvent(event);
    };
    return { mapping, validate };
  }

  /** The staging row of a valid event; no cells (rows SQL refuses are read again for the report). */
  private copyEvent(e: EventImportRow): string {
    return copyRow([
      String(e.row), stagedCustomerRef(this.deps.keyring, e.customer), e.type, copyText(e.name), copyText(e.properties), e.occurredAt.toISOString(),
      copyText(e.messageId),
    ]);
  }
}

function countsOf(r: EventImportResult) {
  return { rows: r.rows, valid: r.valid, invalid: r.invalid, created: r.created, skipped: r.skipped };
}

/** Row errors found in Node and in SQL (unknown customer / outside the write scope), by row; SQL-refused rows with their cells read again. */
function mergeRefused(node: readonly InvalidRow[], refused: readonly { row_no: number }[], cells: ReadonlyMap<number, string[]>, locale: Locale): InvalidRow[] {
  const fromSql = refused.map((r) => ({ row: r.row_no, cells: cells.get(r.row_no) ?? [], errors: [importRowError(r.row_no, 'customer', 'record.not_found', '', locale)] }));
  return [...node, ...fromSql].sort((a, b) => a.row - b.row).slice(0, MAX_REPORT_ROWS);
}
