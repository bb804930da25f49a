/**
 * The input side of `relata analyze`: a CSV table with a header, column options with the documented
 * defaults, and parsers that fail with a clear message naming the column and the row. Pure.
 *
 * Example: `requireColumn(table, flags, 'customer', 'customer_id')` returns the column name chosen by
 * `--customer` (default `customer_id`) or throws `AnalysisInputError` when the file has no such column.
 */
export interface AnalysisTable {
  header: string[];
  /** Data rows keyed by header name; cells are exactly as in the file. */
  rows: Record<string, string>[];
}

export type AnalysisFlags = Record<string, string | boolean>;

/** Bad input or too little data: the CLI prints the message and exits with code 2. */
export class AnalysisInputError extends Error {
  constructor(
    message: string,
    readonly code = 'analysis.invalid_input',
  ) {
    super(message);
  }
}

/** One analysis runnable from the CLI on a CSV. `run` returns the JSON document to print. */
export interface Analysis {
  /** One line per option, shown by `relata analyze <name> --help`. */
  usage: string;
  run(table: AnalysisTable, flags: AnalysisFlags): unknown;
}

/** The table from parsed CSV rows (first row = header). Rows with a different cell count are refused. */
export function tableFromRows(rows: string[][]): AnalysisTable {
  const [header, ...body] = rows;
  if (header === undefined || header.length === 0) throw new AnalysisInputError('the file is empty: a header row is required');
  const names = header.map((h) => h.trim());
  return {
    header: names,
    rows: body.map((cells, index) => {
      if (cells.length !== names.length) throw new AnalysisInputError(`row ${index + 2} has ${cells.length} cells, the header has ${names.length}`);
      const row: Record<string, string> = {};
      names.forEach((name, i) => {
        row[name] = cells[i] ?? '';
      });
      return row;
    }),
  };
}

/** The value of a string flag, or the default. `--x` without a value is refused. */
export function stringFlag(flags: AnalysisFlags, name: string, fallback: string): string;
export function stringFlag(flags: AnalysisFlags, name: string): string | undefined;
export function stringFlag(flags: AnalysisFlags, name: string, fallback?: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') throw new AnalysisInputError(`--${name} needs a value`);
  return value.trim();
}

/** A numeric flag within [min, max], or the default. */
export function numberFlag(flags: AnalysisFlags, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new AnalysisInputError(`--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

/** A flag that must be one of `choices`. */
export function choiceFlag<T extends string>(flags: AnalysisFlags, name: string, choices: readonly T[], fallback: T): T {
  const raw = stringFlag(flags, name, fallback);
  if (!(choices as readonly string[]).includes(raw)) throw new AnalysisInputError(`--${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** The column named by `--<flag>` (default `fallback`); throws when the table lacks it. */
export function requireColumn(table: AnalysisTable, flags: AnalysisFlags, flag: string, fallback: string): string {
  const column = stringFlag(flags, flag, fallback);
  if (!table.header.includes(column)) throw new AnalysisInputError(`no column "${column}" (--${flag}); columns: ${table.header.join(', ')}`);
  return column;
}

/** A list flag `a,b,c` whose names must all be columns. */
export function columnListFlag(table: AnalysisTable, flags: AnalysisFlags, name: string): string[] {
  const raw = stringFlag(flags, name);
  if (raw === undefined) throw new AnalysisInputError(`--${name} is required (comma-separated column names)`);
  const columns = raw.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const unknown = columns.filter((c) => !table.header.includes(c));
  if (columns.length === 0 || unknown.length > 0) throw new AnalysisInputError(`--${name}: unknown columns ${unknown.join(', ')}; columns: ${table.header.join(', ')}`);
  return columns;
}

/** A finite number from a cell; the message names the column and the 1-based file line. */
export function parseNumberCell(value: string | undefined, column: string, rowIndex: number): number {
  const text = (value ?? '').trim();
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number)) throw new AnalysisInputError(`row ${rowIndex + 2}, column "${column}": "${text}" is not a number`);
  return number;
}

/**
 * A calendar date from a cell as days since 1970-01-01 (UTC). Accepts YYYY-MM-DD, YYYYMMDD and
 * YYYY-MM-DD followed by a time (the time is ignored). Refuses impossible dates such as 2023-02-30.
 */
export function parseDateCell(value: string | undefined, column: string, rowIndex: number): number {
  const text = (value ?? '').trim();
  const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$/.exec(text);
  const fail = () => new AnalysisInputError(`row ${rowIndex + 2}, column "${column}": "${text}" is not a date (YYYY-MM-DD)`);
  if (match === null) throw fail();
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw fail();
  return time / 86_400_000;
}

/** Days since epoch for a `--flag YYYY-MM-DD` option. */
export function dateFlag(flags: AnalysisFlags, name: string): number | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  return parseDateCell(raw, `--${name}`, -1);
}

/** YYYY-MM-DD for days since epoch. */
export function formatDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
