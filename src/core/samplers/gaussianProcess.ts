/**
 * Gaussian-process regression for the GP sampler, after Optuna's `optuna/_gp/gp.py`: a Matérn 5/2
 * kernel with one inverse squared length scale ρ_d per dimension (ARD),
 *   k(x, x') = s² · M(r²),  r² = Σ_d ρ_d Δ_d²,  M(r²) = (1 + √5r + 5r²/3) e^{−√5r},
 * where Δ_d is x_d − x'_d for a numeric dimension (inputs in the unit cube) and 1[x_d ≠ x'_d] for a
 * categorical one (a Hamming term: categories are exchangeable, never ordered). Observations carry
 * Gaussian noise σ_n². The posterior is exact, through one Cholesky factor; the hyperparameters
 * are fitted in kernelFit.ts.
 */
import { choleskyWithJitter, solveCholesky, solveLower, solveUpperTransposed } from './linalg';

/** n points of `dim` coordinates, row-major; `categorical[d]` = 1 where coordinate d is a choice index. */
export interface GpInputs {
  readonly x: Float64Array;
  readonly n: number;
  readonly dim: number;
  readonly categorical: Uint8Array;
}

export interface KernelParams {
  /** ρ_d = 1 / length scale², per dimension. */
  readonly inverseSquaredLengthScales: Float64Array;
  readonly signalVariance: number;
  readonly noiseVariance: number;
}

/** The smallest noise variance (on standardised outputs); also the fixed noise of a deterministic objective. */
export const MIN_NOISE_VARIANCE = 1e-6;

/** Matérn 5/2 as a function of the squared scaled distance r². */
export function matern52(r2: number): number {
  const t = Math.sqrt(5 * r2);
  return (1 + t + (t * t) / 3) * Math.exp(-t);
}

/** dM/d(r²) = −(5/6)(1 + √5r) e^{−√5r}: finite at r = 0, which is why the kernel is written in r². */
export function matern52Derivative(r2: number): number {
  const t = Math.sqrt(5 * r2);
  return (-5 / 6) * (1 + t) * Math.exp(-t);
}

/** Σ_d ρ_d Δ_d² between row i of `a` and row j of `b` (both `dim` wide). */
export function scaledSquaredDistance(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, dim: number, categorical: Uint8Array, rho: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const delta = (a[i * dim + d] as number) - (b[j * dim + d] as number);
    sum += (rho[d] as number) * (categorical[d] ? (delta === 0 ? 0 : 1) : delta * delta);
  }
  return sum;
}

/** The exact GP posterior given training inputs, outputs and hyperparameters. */
export class GaussianProcess {
  readonly factor: Float64Array;
  /** K⁻¹y. */
  readonly alpha: Float64Array;
  readonly jitter: number;
  private readonly crossKernel: Float64Array;
  private readonly slopes: Float64Array;
  private readonly whitened: Float64Array;

  constructor(
    readonly inputs: GpInputs,
    y: Float64Array,
    readonly params: KernelParams,
  ) {
    const { n, dim, x, categorical } = inputs;
    const rho = params.inverseSquaredLengthScales;
    const kernel = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      kernel[i * n + i] = params.signalVariance + params.noiseVariance;
      for (let j = i + 1; j < n; j++) {
        const k = params.signalVariance * matern52(scaledSquaredDistance(x, i, x, j, dim, categorical, rho));
        kernel[i * n + j] = k;
        kernel[j * n + i] = k;
      }
    }
    const { factor, jitter } = choleskyWithJitter(kernel, n);
    this.factor = factor;
    this.jitter = jitter;
    this.alpha = solveCholesky(factor, n, y);
    this.crossKernel = new Float64Array(n);
    this.slopes = new Float64Array(n);
    this.whitened = new Float64Array(n);
  }

  /**
   * Posterior means and variances at `count` points stored row-major in `points`, as `predict` gives
   * them one by one but with the triangular solve done for a block of points at a time, so each row
   * of the Cholesky factor is read once per block instead of once per point.
   */
  predictMany(points: Float64Array, count: number): { means: Float64Array; variances: Float64Array } {
    const { n, dim, x, categorical } = this.inputs;
    const { signalVariance, inverseSquaredLengthScales: rho } = this.params;
    const means = new Float64Array(count);
    const variances = new Float64Array(count);
    const block = 64;
    const v = new Float64Array(n * block); // v[i·block + c]: training point i, point c of the block
    for (let first = 0; first < count; first += block) {
      const size = Math.min(block, count - first);
      for (let c = 0; c < size; c++) {
        let mean = 0;
        for (let i = 0; i < n; i++) {
          const k = signalVariance * matern52(scaledSquaredDistance(points, first + c, x, i, dim, categorical, rho));
          v[i * block + c] = k;
          mean += k * (this.alpha[i] as number);
        }
        means[first + c] = mean;
      }
      // Forward substitution L V = K*, all columns of the block together.
      for (let i = 0; i < n; i++) {
        const row = i * n;
        const target = i * block;
        for (let k = 0; k < i; k++) {
          const lik = this.factor[row + k] as number;
          if (lik === 0) continue;
          const source = k * block;
          for (let c = 0; c < size; c++) v[target + c] = (v[target + c] as number) - lik * (v[source + c] as number);
        }
        const pivot = this.factor[row + i] as number;
        for (let c = 0; c < size; c++) v[target + c] = (v[target + c] as number) / pivot;
      }
      for (let c = 0; c < size; c++) {
        let explained = 0;
        for (let i = 0; i < n; i++) explained += (v[i * block + c] as number) ** 2;
        variances[first + c] = Math.max(signalVariance - explained, 0);
      }
    }
    return { means, variances };
  }

  /**
   * Posterior mean and variance of the latent function at `point` (noise excluded). With gradient
   * buffers, also their gradients with respect to the numeric coordinates (categorical ones get 0).
   */
  predict(point: ArrayLike<number>, meanGradient?: Float64Array, varianceGradient?: Float64Array): { mean: number; variance: number } {
    const { n, dim, x, categorical } = this.inputs;
    const { signalVariance, inverseSquaredLengthScales: rho } = this.params;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const r2 = scaledSquaredDistance(point, 0, x, i, dim, categorical, rho);
      const k = signalVariance * matern52(r2);
      this.crossKernel[i] = k;
      if (meanGradient) this.slopes[i] = signalVariance * matern52Derivative(r2);
      mean += k * (this.alpha[i] as number);
    }
    const v = solveLower(this.factor, n, this.crossKernel, this.whitened);
    let explained = 0;
    for (let i = 0; i < n; i++) explained += (v[i] as number) ** 2;
    const variance = Math.max(signalVariance - explained, 0);
    if (meanGradient && varianceGradient) {
      // ∂k_i/∂x_d = s² M'(r²_i) · 2ρ_d (x_d − X_id); ∂var = −2 Σ_i (K⁻¹k)_i ∂k_i.
      const weights = solveUpperTransposed(this.factor, n, v, this.whitened);
      for (let d = 0; d < dim; d++) {
        let dMean = 0;
        let dVariance = 0;
        if (!categorical[d]) {
          const p = point[d] as number;
          for (let i = 0; i < n; i++) {
            const dk = (this.slopes[i] as number) * 2 * (p - (x[i * dim + d] as number));
            dMean += dk * (this.alpha[i] as number);
            dVariance -= 2 * dk * (weights[i] as number);
          }
          dMean *= rho[d] as number;
          dVariance *= rho[d] as number;
        }
        meanGradient[d] = dMean;
        varianceGradient[d] = variance > 0 ? dVariance : 0;
      }
    }
    return { mean, variance };
  }
}
