/**
 * Small dense symmetric positive-definite algebra for the p×p information matrix of a regression
 * (p = number of coefficients, tens at most). Row-major `Float64Array` of length p·p. Pure.
 */

/** Relative pivot under which a column counts as a linear combination of the earlier ones. */
export const COLLINEAR_PIVOT = 1e-10;

export interface CholeskyResult {
  /** Lower triangle L with A = L·Lᵀ (row-major p×p); undefined when A is not positive definite. */
  lower?: Float64Array;
  /** The first column whose pivot collapsed (relative to its diagonal), when `lower` is undefined. */
  collinearIndex?: number;
}

/**
 * Cholesky factorisation that reports which column is (numerically) dependent on the earlier ones:
 * the pivot of column j is compared with A[j][j], so the test does not depend on the column's scale.
 */
export function cholesky(a: Float64Array, p: number): CholeskyResult {
  const lower = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let pivot = a[j * p + j]!;
    for (let k = 0; k < j; k++) pivot -= lower[j * p + k]! ** 2;
    const diagonal = a[j * p + j]!;
    if (!(diagonal > 0) || !(pivot > COLLINEAR_PIVOT * diagonal)) return { collinearIndex: j };
    const root = Math.sqrt(pivot);
    lower[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * p + k]! * lower[j * p + k]!;
      lower[i * p + j] = sum / root;
    }
  }
  return { lower };
}

/** Solves L·Lᵀ·x = b. */
export function choleskySolve(lower: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= lower[i * p + k]! * y[k]!;
    y[i] = sum / lower[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k++) sum -= lower[k * p + i]! * x[k]!;
    x[i] = sum / lower[i * p + i]!;
  }
  return x;
}

/** The diagonal of A⁻¹ from its Cholesky factor (column by column: A·x = e_j). */
export function inverseDiagonal(lower: Float64Array, p: number): Float64Array {
  const diagonal = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const unit = new Float64Array(p);
    unit[j] = 1;
    diagonal[j] = choleskySolve(lower, p, unit)[j]!;
  }
  return diagonal;
}
