import { AnalysisInputError } from '../analysis-input.js';

/**
 * From CSV cells to a numeric design for a regression, like R's `model.frame` + `model.matrix` with
 * treatment contrasts. Pure.
 *
 * - Rows with an empty target or feature cell are dropped (complete cases, R's `na.omit`).
 * - A feature is categorical when any of its (kept) values is not a number. Its levels are sorted by
 *   code point (R's `factor()` in the C locale); the first is the reference and every other level
 *   becomes a 0/1 column named `column=level` (R would name it `columnlevel`).
 * - The target must read as 0/1: `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n` (any case).
 *
 * Example: features `size` = ["S", "M", "L"] → levels L, M, S; columns `size=M`, `size=S`.
 */
export interface EncodedDesign {
  names: string[];
  columns: Float64Array[];
  target: Uint8Array;
  /** Index (in the input rows) of each kept row. */
  rowIndexes: number[];
  /** Rows dropped for an empty cell. */
  dropped: number;
  /** Categorical features and their levels, reference first. */
  levels: Record<string, string[]>;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n']);

/** 1 or 0 from a cell; the message names the column and the 1-based file line. */
export function parseBinaryCell(value: string | undefined, column: string, rowIndex: number): 0 | 1 {
  const text = (value ?? '').trim().toLowerCase();
  if (TRUE_WORDS.has(text) || Number(text) === 1) return 1;
  if (FALSE_WORDS.has(text) || (text !== '' && Number(text) === 0)) return 0;
  throw new AnalysisInputError(`row ${rowIndex + 2}, column "${column}": "${value ?? ''}" is not a 0/1 outcome (use 0/1, true/false or yes/no)`);
}

function isNumber(text: string): boolean {
  return Number.isFinite(Number(text));
}

function encodeFeature(name: string, cells: string[]): { names: string[]; columns: Float64Array[]; levels?: string[] } {
  if (cells.every(isNumber)) return { names: [name], columns: [Float64Array.from(cells, Number)] };
  const levels = [...new Set(cells)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dummies = levels.slice(1);
  const columns = dummies.map(() => new Float64Array(cells.length));
  const position = new Map(dummies.map((level, k) => [level, k]));
  cells.forEach((cell, i) => {
    const k = position.get(cell);
    if (k !== undefined) columns[k]![i] = 1;
  });
  return { names: dummies.map((level) => `${name}=${level}`), columns, levels };
}

export function encodeDesign(rows: readonly Record<string, string>[], target: string, features: readonly string[]): EncodedDesign {
  const rowIndexes: number[] = [];
  rows.forEach((row, i) => {
    if ([target, ...features].every((column) => (row[column] ?? '').trim() !== '')) rowIndexes.push(i);
  });
  const design: EncodedDesign = {
    names: [],
    columns: [],
    target: Uint8Array.from(rowIndexes, (i) => parseBinaryCell(rows[i]![target], target, i)),
    rowIndexes,
    dropped: rows.length - rowIndexes.length,
    levels: {},
  };
  for (const feature of features) {
    const encoded = encodeFeature(feature, rowIndexes.map((i) => rows[i]![feature]!.trim()));
    design.names.push(...encoded.names);
    design.columns.push(...encoded.columns);
    if (encoded.levels !== undefined) design.levels[feature] = encoded.levels;
  }
  return design;
}
