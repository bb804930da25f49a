import { appendAudit } from '../../platform/audit/index.js';
import { txWithSide } from '../../platform/db/index.js';
import { AppError, type Locale } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, COLUMN_TYPES, type RecordDeps, RecordService, type RequestContext, type StoredValue, type VisibleField, visibleFields } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { parseCsv } from './csv.js';
import { type DuplicateMode, planImport, type RowKeys } from './duplicate-plan.js';
import { checkErased } from './erased-check.js';
import { type ConsentColumn, findConsentColumns, readConsentCells } from './consent-columns.js';
import { CONSENT_VALUE_KEY, recordImportedConsent, withdrawConsentOfErased } from './import-consent.js';
import { buildErrorReport, type InvalidRow } from './error-report.js';
import { type ColumnData, findExisting, insertCustomers, saveJob, updateCustomers } from './import-repository.js';
import { type ColumnMapping, suggestMapping } from './mapping.js';
import { checkReferences } from './reference-check.js';
import { type MappedColumn, nulCellErrors, resolveColumns, type RowError, type ValidRow, validateRow } from './row-validation.js';
import { readXlsx } from './xlsx-reader.js';
import { analyzeGrownTables } from './staging-repository.js';

export type ImportFormat = 'csv' | 'xlsx';
export type ImportMode = 'dry-run' | 'commit';

export interface ImportOptions {
  file: Buffer;
  format: ImportFormat;
  fileName?: string;
  mode: ImportMode;
  duplicates: DuplicateMode;
  /** Store nothing when any row is invalid. */
  strict?: boolean;
  /** Import rows whose mobile / e-mail was erased (PIPL) instead of reporting them invalid. */
  allowErased?: boolean;
  /** Header → field key; suggested from the headers when absent. */
  mapping?: ColumnMapping;
  locale: Locale;
  onProgress?: (phase: 'validate' | 'write', done: number, total: number) => void;
}

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  skipped: number;
}

export interface ImportResult extends ImportCounts {
  status: 'validated' | 'completed' | 'rejected';
  mapping: ColumnMapping;
  /** The first 100 row errors. */
  errors: RowError[];
  /** Import job whose error report is downloadable; null when nothing was stored. */
  errorReportId: number | null;
  jobId: number | null;
  firstId: number | null;
  lastId: number | null;
}

export const MAX_ERRORS_SHOWN = 100;

/** New rows from which an import stores them on two connections (SideTransaction). */
export const SPLIT_AT = 50_000;

/** Reads a file's rows (CSV UTF-8 or the first XLSX sheet); empty or header-only → request.invalid. */
export async function readRows(file: Buffer, format: ImportFormat): Promise<string[][]> {
  const rows = format === 'csv' ? parseCsv(file.toString('utf8')) : await readXlsx(file);
  if (rows.length === 0) throw new AppError('request.invalid', { params: { reason: 'the file is empty' } });
  return rows;
}

/**
 * Customer import: validates every row with the record layer's rules and the caller's field
 * permissions, then (commit) stores valid rows set-based in one transaction with one audit entry
 * and one outbox event.
 */
export class ImportService {
  private readonly records: RecordService;
  constructor(private readonly deps: RecordDeps) {
    this.records = new RecordService(deps, customerObject);
  }

  async run(ctx: RequestContext, options: ImportOptions): Promise<ImportResult> {
    this.records.require(ctx, 'create');
    if (options.duplicates === 'update') this.records.require(ctx, 'update');
    const all = await this.records.definitions(ctx);
    const fields = visibleFields(all, ctx.access, customerObject.name);
    const visible = new Set(fields.map((f) => f.key));
    if (all.some((f) => f.required && !f.system && !visible.has(f.key))) throw new AppError('permission.denied');
    const [head = [], ...data] = await readRows(options.file, options.format);
    const headers = head.map((h) => h.trim());
    // Read-only fields are suggested too: their columns then fail loudly instead of being dropped.
    // Consent columns are read by their header, never mapped to a field.
    const consentColumns = findConsentColumns(headers);
    const consentHeaders = new Set(consentColumns.map((c) => c.header));
    const mapping = Object.fromEntries(Object.entries(options.mapping ?? suggestMapping(headers, fields)).filter(([header]) => !consentHeaders.has(header)));
    const columns = resolveColumns(headers, mapping, fields);
    const { valid, invalid } = this.validate(data, { headers, mapping, columns, consentColumns }, options);
    await checkReferences(this.deps.db, columns, valid, invalid, options.locale, (row) => data[row - 2] ?? []);
    const referenceBad = new Set(invalid.map((i) => i.row));
    if (!options.allowErased) await checkErased(this.deps.db, this.deps.keyring, valid.filter((r) => !referenceBad.has(r.row)), invalid, options.locale, (row) => data[row - 2] ?? []);
    const bad = new Set(invalid.map((i) => i.row));
    const validRows = valid.filter((r) => !bad.has(r.row));
    await addBlindIndexes(this.deps.keyring, validRows, [...new Set(['mobile', 'email', ...columns.filter((c) => c.field.sensitive).map((c) => c.field.key)])]);
    const keys = validRows.map((r) => ({ mobile: blindIndexOf(r.values, 'mobile'), email: blindIndexOf(r.values, 'email') }));
    const commit = options.mode === 'commit' && !(options.strict && invalid.length > 0);
    const status = options.mode === 'dry-run' ? 'validated' : commit ? 'completed' : 'rejected';
    const now = this.deps.clock.now();
    const errors = invalid.flatMap((r) => r.errors);
    const report = invalid.length ? buildErrorReport(headers, invalid, options.locale) : null;
    const job = { object: 'customer', status, mode: options.mode, file_name: options.fileName ?? null, error_report: report, created_by: ctx.access.actor.userId };
    const base = { status, mapping, errors: errors.slice(0, MAX_ERRORS_SHOWN), rows: data.length, valid: validRows.length, invalid: invalid.length } as const;
    if (!commit) {
      const plan = planImport(validRows, keys, await this.existing(this.deps.db, ctx, keys, false), options.duplicates);
      const counts = { ...base, created: 0, updated: 0, skipped: 0, ...(status === 'validated' ? { created: plan.created, updated: plan.updated, skipped: plan.skipped } : {}) };
      const jobId = report ? await saveJob(this.deps.db, { ...job, counts: countsOf(counts) }, now) : null;
      return { ...counts, errorReportId: jobId, jobId, firstId: null, lastId: null };
    }
    // A large file is stored on two connections (both cores for PostgreSQL's index upkeep), committed
    // together by two-phase commit; without it (a server with max_prepared_transactions = 0) on one.
    const committed = await txWithSide(this.deps.db, async (sql, openSide) => {
      const plan = planImport(validRows, keys, await this.existing(sql, ctx, keys, options.duplicates === 'update'), options.duplicates);
      const progress = (done: number) => options.onProgress?.('write', done, plan.creates.length + plan.updates.size);
      const cols = columns.map((c) => c.field);
      const side = plan.creates.length >= SPLIT_AT ? await openSide() : null;
      const connections = side ? [sql, side.sql] : [sql];
      const ids = await insertCustomers(connections, (from, to) => this.columnData(cols, plan.creates.slice(from, to)), plan.creates.length, ctx.access.actor.userId, now, progress);
      const updateIds = [...plan.updates.keys()];
      await updateCustomers(sql, updateIds, await this.columnData(cols, [...plan.updates.values()]), ctx.access.actor.userId, now, (d) => progress(plan.creates.length + d));
      const counts = { ...base, created: plan.created, updated: plan.updated, skipped: plan.skipped };
      const jobId = await saveJob(sql, { ...job, counts: countsOf(counts) }, now);
      const written = [...plan.creates.map((values, i) => ({ customerId: ids[i], values })), ...[...plan.updates].map(([customerId, values]) => ({ customerId, values }))];
      await recordImportedConsent(sql, this.deps, ctx, written, jobId);
      if (options.allowErased) await withdrawConsentOfErased(sql, this.deps, ctx, plan.creates, ids, jobId);
      // A loop, not Math.min(...ids): spreading 100k+ ids overflows the call stack.
      const firstId = ids.length ? ids.reduce((a, b) => Math.min(a, b)) : null;
      const lastId = ids.length ? ids.reduce((a, b) => Math.max(a, b)) : null;
      // The event goes with the rows committed last (the side's, when there is one): a subscriber
      // reading firstId…lastId must not run between the two commits.
      await publish(side?.sql ?? sql, { topic: 'customer.imported', aggregateType: 'customer', aggregateId: String(jobId), payload: { jobId, ...countsOf(counts), firstId, lastId } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, 'customer.import', 'customer', String(jobId), { ...countsOf(counts), duplicates: options.duplicates, strict: Boolean(options.strict), allowErased: Boolean(options.allowErased), fileName: options.fileName ?? null, firstId, lastId })]);
      return { ...counts, errorReportId: report ? jobId : null, jobId, firstId, lastId };
    });
    await analyzeGrownTables(this.deps.db, ['customers'], committed.created);
    return committed;
  }

  private validate(
    data: readonly string[][],
    file: { headers: readonly string[]; mapping: ColumnMapping; columns: readonly MappedColumn[]; consentColumns: readonly ConsentColumn[] },
    options: ImportOptions,
  ) {
    const { columns, consentColumns } = file;
    const valid: ValidRow[] = [];
    const invalid: InvalidRow[] = [];
    const step = Math.max(1, Math.ceil(data.length / 20));
    const kind = columns.some((c) => c.field.key === 'kind');
    data.forEach((cells, i) => {
      const nul = nulCellErrors(cells, i + 2, file.headers, file.mapping, options.locale);
      if (nul.length > 0) {
        invalid.push({ row: i + 2, cells, errors: nul });
        return;
      }
      const result = validateRow(cells, i + 2, columns, options.locale);
      const consent = readConsentCells(cells, i + 2, consentColumns, options.locale);
      if (Array.isArray(result) || !consent.ok) invalid.push({ row: i + 2, cells, errors: [...(Array.isArray(result) ? result : []), ...(consent.ok ? [] : consent.errors)] });
      else {
        if (consent.cells.length > 0) result.values.set(CONSENT_VALUE_KEY, JSON.stringify(consent.cells));
        if (kind && !result.values.has('kind')) result.values.set('kind', 'person');
        valid.push(result);
      }
      if ((i + 1) % step === 0 || i + 1 === data.length) options.onProgress?.('validate', i + 1, data.length);
    });
    return { valid, invalid };
  }

  private async existing(sql: Parameters<typeof findExisting>[0], ctx: RequestContext, keys: readonly RowKeys[], lock: boolean) {
    // Repeated keys are harmless to the lookup (a semi-join), so they are not deduplicated here.
    const mobiles = keys.flatMap((k) => (k.mobile === null ? [] : [k.mobile]));
    const emails = keys.flatMap((k) => (k.email === null ? [] : [k.email]));
    const compiler = this.records.compiler(await this.records.fields(ctx));
    const where = compiler.scope(this.records.scope(ctx, 'write'));
    const rows = await findExisting(sql, mobiles, emails, where, compiler.parameters, lock);
    return rows.map((r) => ({ id: r.id, writable: r.writable, mobile: r.mobile_bidx?.toString('latin1') ?? null, email: r.email_bidx?.toString('latin1') ?? null }));
  }

  /**
   * Column-major values for the mapped fields; sensitive ones sealed (`encryptMany`: on the keyring's
   * worker thread for large chunks) with the blind index the row carries (`addBlindIndexes`).
   */
  private async columnData(fields: readonly VisibleField[], rows: readonly Map<string, StoredValue>[]): Promise<ColumnData[]> {
    const kr = this.deps.keyring;
    const columns = fields.map(async (f): Promise<ColumnData[]> => {
      const values = rows.map((r) => r.get(f.key) ?? null);
      if (f.sensitive) {
        const sealed = kr.encryptMany(values.map((v) => (v === null ? null : String(v))));
        const indexes = rows.map((r) => blindIndexOf(r, f.key));
        return [
          { name: `${f.column}_enc`, type: 'bytea', values: await sealed },
          { name: `${f.column}_bidx`, type: 'bytea', values: indexes },
        ];
      }
      if (f.type === 'multiselect') return [{ name: f.column, type: 'text', values: values.map((v) => (v === null ? null : JSON.stringify(v))), jsonArray: true }];
      return [{ name: f.column, type: COLUMN_TYPES[f.type], values }];
    });
    return (await Promise.all(columns)).flat();
  }
}

/** Where a row's blind index of a sensitive field rides through the plan (latin1 text; not a field). */
const blindKey = (field: string) => `\u0000bidx:${field}`;

/**
 * Computes the blind index of each row's value of each field once (`blindIndexMany`: both cores for
 * large files) and keeps it in the row's values, where the duplicate keys and the stored `*_bidx`
 * columns read it; rows folded together by the plan carry the index with the value that won.
 */
async function addBlindIndexes(keyring: RecordDeps['keyring'], rows: readonly ValidRow[], fields: readonly string[]): Promise<void> {
  const computed = fields.map((field) => {
    const values = rows.map((r) => {
      const v = r.values.get(field);
      return v === undefined || v === null ? null : String(v);
    });
    return keyring.blindIndexMany(field, values);
  });
  for (const [f, indexes] of (await Promise.all(computed)).entries()) {
    const key = blindKey(fields[f]!);
    rows.forEach((r, i) => {
      const index = indexes[i];
      if (index !== null && index !== undefined) r.values.set(key, index);
    });
  }
}

/** A row's blind index of a field (latin1 text), null without a value. */
function blindIndexOf(values: ReadonlyMap<string, StoredValue>, field: string): string | null {
  const index = values.get(blindKey(field));
  return typeof index === 'string' ? index : null;
}

function countsOf(c: ImportCounts): ImportCounts {
  return { rows: c.rows, valid: c.valid, invalid: c.invalid, created: c.created, updated: c.updated, skipped: c.skipped };
}
