/**
 * Dense symmetric positive-definite algebra for the GP sampler (and rf's local model), on row-major Float64Arrays.
 * Matrices are n×n with element (i, j) at i·n + j; only what a Gaussian process needs: a Cholesky
 * factorisation that never fails (it adds jitter until the matrix is numerically positive definite),
 * triangular solves, and the inverse from the factor.
 */

export interface CholeskyResult {
  /** Lower-triangular factor (upper triangle left zero). */
  readonly factor: Float64Array;
  /** Diagonal jitter that had to be added (0 when the matrix factorised as given). */
  readonly jitter: number;
}

/**
 * Cholesky factor L (A = LLᵀ) of a symmetric matrix, adding jitter·I (1e-10 × mean diagonal, ×10 per
 * retry) when a pivot comes out non-positive: near-duplicate inputs make kernel matrices singular in
 * floating point, and a slightly perturbed posterior is far better than an ask that throws.
 */
export function choleskyWithJitter(matrix: Float64Array, n: number): CholeskyResult {
  const factor = new Float64Array(n * n);
  if (tryCholesky(matrix, n, 0, factor)) return { factor, jitter: 0 };
  let meanDiagonal = 0;
  for (let i = 0; i < n; i++) meanDiagonal += Math.abs(matrix[i * n + i] as number);
  meanDiagonal = n > 0 && meanDiagonal > 0 ? meanDiagonal / n : 1;
  for (let jitter = 1e-10 * meanDiagonal; ; jitter *= 10) {
    if (tryCholesky(matrix, n, jitter, factor)) return { factor, jitter };
    // A matrix with NaN or ∞ never factorises; the identity keeps the caller going (and is visible as a huge jitter).
    if (jitter > 1e6 * meanDiagonal) {
      factor.fill(0);
      for (let i = 0; i < n; i++) factor[i * n + i] = 1;
      return { factor, jitter: Infinity };
    }
  }
}

/** Writes the Cholesky factor of (A + jitter·I) into `factor` (A's lower triangle is read); false if a pivot is not positive. */
export function tryCholesky(a: Float64Array, n: number, jitter: number, factor: Float64Array): boolean {
  factor.fill(0);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j] as number;
      // Both rows are contiguous in row-major order, which keeps this O(n³) loop cache-friendly.
      for (let k = 0; k < j; k++) sum -= (factor[rowI + k] as number) * (factor[rowJ + k] as number);
      if (i === j) {
        sum += jitter;
        if (!(sum > 0)) return false;
        factor[rowI + i] = Math.sqrt(sum);
      } else {
        factor[rowI + j] = sum / (factor[rowJ + j] as number);
      }
    }
  }
  return true;
}

/** Solves L x = b for lower-triangular L (forward substitution); writes into `out` (may alias b). */
export function solveLower(factor: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (factor[row + k] as number) * (out[k] as number);
    out[i] = sum / (factor[row + i] as number);
  }
  return out;
}

/** Solves Lᵀ x = b for lower-triangular L (back substitution); writes into `out` (may alias b). */
export function solveUpperTransposed(factor: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  if (out !== b) for (let i = 0; i < n; i++) out[i] = b[i] as number;
  // Column-oriented so that L is read row by row: once x_i is known, remove its share from the rest.
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    const xi = (out[i] as number) / (factor[row + i] as number);
    out[i] = xi;
    for (let k = 0; k < i; k++) out[k] = (out[k] as number) - (factor[row + k] as number) * xi;
  }
  return out;
}

/** Solves (LLᵀ) x = b. */
export function solveCholesky(factor: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  return solveUpperTransposed(factor, n, solveLower(factor, n, b));
}

/** log det(LLᵀ) = 2 Σ log L_ii. */
export function logDetFromCholesky(factor: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(factor[i * n + i] as number);
  return 2 * sum;
}

/** (LLᵀ)⁻¹ as a full symmetric matrix, in about n³/3 multiply-adds. */
export function inverseFromCholesky(factor: Float64Array, n: number): Float64Array {
  // U = (L⁻¹)ᵀ, stored row-major so that the two inner loops below read contiguous rows.
  const upper = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    upper[rowJ + j] = 1 / (factor[j * n + j] as number);
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = 0;
      for (let k = j; k < i; k++) sum += (factor[rowI + k] as number) * (upper[rowJ + k] as number);
      upper[rowJ + i] = -sum / (factor[rowI + i] as number);
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹, so (A⁻¹)_ab = Σ_{i ≥ max(a,b)} U_ai U_bi.
  const inverse = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const rowA = a * n;
    for (let b = a; b < n; b++) {
      const rowB = b * n;
      let sum = 0;
      for (let i = b; i < n; i++) sum += (upper[rowA + i] as number) * (upper[rowB + i] as number);
      inverse[rowA + b] = sum;
      inverse[rowB + a] = sum;
    }
  }
  return inverse;
}
