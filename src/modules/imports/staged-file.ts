import { AppError } from '../../platform/errors/index.js';
import { csvRowBatches } from './csv-stream.js';
import type { InvalidRow } from './error-report.js';
import type { ImportFormat } from './import-service.js';
import type { ColumnMapping } from './mapping.js';
import type { RowError } from './row-validation.js';
import { copyIntoStaging, createStagingTable, type StagingTarget } from './staging-repository.js';
import { readXlsx } from './xlsx-reader.js';

/**
 * Where the file comes from: a buffer (CSV or XLSX), or a way to open its byte stream (CSV only).
 * Either can be read twice: rows that set-based SQL refuses are read again for the error report
 * (`cellsOfRows`), so staging need not carry every row's cells.
 */
export type ImportInput = Buffer | (() => AsyncIterable<Buffer | Uint8Array | string>);

export interface ImportProgress {
  phase: 'read' | 'store' | 'traits';
  /** Data rows read so far (read), or done so far in the phase. */
  done: number;
  /** Bytes read so far (read phase, CSV). */
  bytes?: number;
}

/**
 * Bytes read from a file at a time, so a batch of rows is ~800 lines: its rows, cells and COPY text
 * then die young. With 1 MB reads (12,000 lines a batch) most of them outlived two scavenges and
 * were promoted, and the 10M-line order import spent a quarter of its staging phase collecting them.
 */
export const READ_CHUNK_BYTES = 1 << 16;

/** Error report rows kept in memory: counts stay exact beyond it, the report stops there. */
export const MAX_REPORT_ROWS = 100_000;

export interface StageHandlers {
  /** Header → mapping (suggested or given) and the validator of data rows; throws on a bad mapping. */
  columns(headers: string[]): {
    mapping: ColumnMapping;
    /** A row's staging text ('' when it is held back, e.g. until its order is complete), or its errors. */
    validate(cells: readonly string[], row: number): string | RowError[];
    /** The staging text still held back after the last row. */
    finish?(): string;
  };
}

export interface StagedFile {
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  staged: number;
  invalid: InvalidRow[];
  invalidCount: number;
}

async function* batchesOf(input: ImportInput, format: ImportFormat, onBytes: (n: number) => void): AsyncGenerator<string[][]> {
  if (format === 'xlsx') {
    if (!Buffer.isBuffer(input)) throw new AppError('request.invalid', { params: { reason: 'XLSX files are read from a buffer' } });
    onBytes(input.length);
    yield await readXlsx(input);
    return;
  }
  const source = Buffer.isBuffer(input) ? chunksOf(input) : input();
  async function* counted() {
    for await (const chunk of source) {
      onBytes(chunk.length);
      yield chunk;
    }
  }
  yield* csvRowBatches(counted());
}

function* chunksOf(buffer: Buffer): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += READ_CHUNK_BYTES) yield buffer.subarray(at, at + READ_CHUNK_BYTES);
}

/**
 * Reads the file row by row, validates each data row in Node and COPYs the valid ones (as the
 * COPY text lines `validate` returns) into the staging table — with two targets (two connections)
 * a batch of rows at a time to each in turn; invalid rows are kept for the error report (up to
 * MAX_REPORT_ROWS). Only the current chunk is in memory for CSV.
 */
export async function stageFile(targets: readonly StagingTarget[], input: ImportInput, format: ImportFormat, handlers: StageHandlers, onProgress?: (p: ImportProgress) => void): Promise<StagedFile> {
  for (const target of targets) await createStagingTable(target);
  const out: StagedFile = { headers: [], mapping: {}, rows: 0, staged: 0, invalid: [], invalidCount: 0 };
  let bytes = 0;
  let validate: ReturnType<StageHandlers['columns']>['validate'] | undefined;
  let finish: (() => string) | undefined;
  async function* lines(): AsyncGenerator<string> {
    for await (const batch of batchesOf(input, format, (n) => (bytes += n))) {
      let text = '';
      for (const cells of batch) {
        if (!validate) {
          out.headers = cells.map((h) => h.trim());
          const columns = handlers.columns(out.headers);
          out.mapping = columns.mapping;
          validate = columns.validate;
          finish = columns.finish;
          continue;
        }
        out.rows += 1;
        const result = validate(cells, out.rows + 1);
        if (typeof result === 'string') text += result;
        else {
          out.invalidCount += 1;
          if (out.invalid.length < MAX_REPORT_ROWS) out.invalid.push({ row: out.rows + 1, cells, errors: result });
        }
      }
      onProgress?.({ phase: 'read', done: out.rows, bytes });
      if (text) yield text;
    }
    const rest = finish?.();
    if (rest) yield rest;
  }
  out.staged = (await copyIntoStaging(targets, lines())).reduce((a, b) => a + b, 0);
  if (!validate) throw new AppError('request.invalid', { params: { reason: 'the file is empty' } });
  return out;
}

/**
 * The cells of these data rows (numbered as `stageFile` numbers them: the header is row 1), read
 * again from the input; the reading stops once all are found.
 */
export async function cellsOfRows(input: ImportInput, format: ImportFormat, rows: ReadonlySet<number>): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  if (rows.size === 0) return found;
  let row = 0;
  for await (const batch of batchesOf(input, format, () => {})) {
    for (const cells of batch) {
      row += 1;
      if (rows.has(row)) found.set(row, cells);
    }
    if (found.size === rows.size) break;
  }
  return found;
}
