// Import endpoints (customers, orders, events): the file goes as the raw request body, so this uses fetch directly
// with the same Authorization / Accept-Language headers as api-client.
import { ApiError, type ApiErrorBody, apiFetch, buildUrl } from '../../app/api-client';
import { readStoredToken } from '../../app/auth/token-storage';
import { readStoredLocale } from '../../app/i18n/locale-storage';
import type { ImportObject } from './object-columns';

export type DuplicateMode = 'skip' | 'update' | 'create';
export type ColumnMapping = Record<string, string>;

export interface ImportRowError {
  row: number;
  field: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  status: string;
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  /** Customers import only. */
  updated?: number;
  skipped: number;
  /** Orders import only: counts of orders (the other counts are order lines). */
  ordersCreated?: number;
  ordersSkipped?: number;
  mapping: ColumnMapping;
  errors: ImportRowError[];
  errorReportId: string | number | null;
  jobId: string | number | null;
}

export interface ImportOptions {
  mode: 'dry-run' | 'commit';
  duplicates: DuplicateMode;
  strict: boolean;
  mapping?: ColumnMapping;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function isXlsx(file: File): boolean {
  return file.name.toLowerCase().endsWith('.xlsx');
}

/** POST /api/imports/<object>; `duplicates` is sent for customers only (orders and events skip known keys). */
export async function runImport(object: ImportObject, file: File, options: ImportOptions, signal?: AbortSignal): Promise<ImportResult> {
  const url = buildUrl(`/api/imports/${object}`, {
    mode: options.mode,
    duplicates: object === 'customers' ? options.duplicates : undefined,
    strict: options.strict,
    mapping: options.mapping ? JSON.stringify(options.mapping) : undefined,
    fileName: file.name,
  });
  const headers = new Headers({
    Accept: 'application/json',
    'Accept-Language': readStoredLocale(),
    'Content-Type': isXlsx(file) ? XLSX_TYPE : 'text/csv',
  });
  const token = readStoredToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(url, { method: 'POST', headers, body: file, signal });
  if (response.ok) return (await response.json()) as ImportResult;
  let body: ApiErrorBody = { code: `http.${response.status}`, message: response.statusText || `HTTP ${response.status}` };
  try {
    const parsed = (await response.json()) as { error?: ApiErrorBody };
    if (parsed.error?.code) body = parsed.error;
  } catch {
    // Not JSON: keep the generic message.
  }
  throw new ApiError(response.status, body);
}

/** The header row of a CSV file (best effort: quoted cells with commas are handled, the rest is left to the server). */
export async function readCsvHeaders(file: File): Promise<string[]> {
  const text = await file.slice(0, 64 * 1024).text();
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').trim();
  if (!firstLine) return [];
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const char = firstLine[i];
    if (quoted) {
      if (char === '"' && firstLine[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(current.trim());
      current = '';
    } else current += char;
  }
  cells.push(current.trim());
  return cells.filter((cell) => cell !== '');
}

export async function downloadErrorReport(id: string | number): Promise<void> {
  const response = await apiFetch(`/api/imports/${encodeURIComponent(String(id))}/errors.csv`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `import-errors-${id}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
