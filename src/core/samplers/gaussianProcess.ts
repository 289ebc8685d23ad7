/**
 * Gaussian-process regression for the GP sampler, after Optuna's `optuna/_gp/gp.py`: a Matérn 5/2
 * kernel with one inverse squared length scale ρ_d per dimension (ARD),
 *   k(x, x') = s² · M(r²),  r² = Σ_d ρ_d Δ_d²,  M(r²) = (1 + √5r + 5r²/3) e^{−√5r},
 * where Δ_d is x_d − x'_d for a numeric dimension (inputs in the unit cube) and 1[x_d ≠ x'_d] for a
 * categorical one (a Hamming term: categories are exchangeable, never ordered), optionally mixed
 * with a sum of one-dimensional Matérns (`additiveWeight`). Observations carry Gaussian noise σ_n².
 * The posterior is exact, through one Cholesky factor; the hyperparameters are fitted in kernelFit.ts.
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
  /**
   * w of the first-order additive part: k = s²[(1 − w)·M(Σ_d ρ_d Δ_d²) + (w/D)·Σ_d M(ρ_d Δ_d²)].
   * A sum of one-dimensional kernels extrapolates what one parameter does to other values of the
   * rest (hyperparameter effects are often near-additive); w = 0 (the default) is Optuna's kernel.
   */
  readonly additiveWeight?: number;
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

/** k(a_i, b_j), the kernel between row i of `a` and row j of `b` (both `dim` wide). */
export function kernelValue(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, dim: number, categorical: Uint8Array, params: KernelParams): number {
  const rho = params.inverseSquaredLengthScales;
  const weight = params.additiveWeight ?? 0;
  let r2 = 0;
  let additive = 0;
  for (let d = 0; d < dim; d++) {
    const delta = (a[i * dim + d] as number) - (b[j * dim + d] as number);
    const scaled = (rho[d] as number) * (categorical[d] ? (delta === 0 ? 0 : 1) : delta * delta);
    r2 += scaled;
    if (weight > 0) additive += matern52(scaled);
  }
  return params.signalVariance * ((1 - weight) * matern52(r2) + (weight / dim) * additive);
}

/** The exact GP posterior given training inputs, outputs and hyperparameters. */
export class GaussianProcess {
  readonly factor: Float64Array;
  /** K⁻¹y. */
  readonly alpha: Float64Array;
  readonly jitter: number;
  private readonly crossKernel: Float64Array;
  /** ∂k(x, X_i)/∂x_d at the last point `predict` saw, n×D. */
  private readonly kernelGradients: Float64Array;
  private readonly whitened: Float64Array;

  constructor(
    readonly inputs: GpInputs,
    y: Float64Array,
    readonly params: KernelParams,
  ) {
    const { n, dim, x, categorical } = inputs;
    const kernel = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      kernel[i * n + i] = params.signalVariance + params.noiseVariance;
      for (let j = i + 1; j < n; j++) {
        const k = kernelValue(x, i, x, j, dim, categorical, params);
        kernel[i * n + j] = k;
        kernel[j * n + i] = k;
      }
    }
    const { factor, jitter } = choleskyWithJitter(kernel, n);
    this.factor = factor;
    this.jitter = jitter;
    this.alpha = solveCholesky(factor, n, y);
    this.crossKernel = new Float64Array(n);
    this.kernelGradients = new Float64Array(n * dim);
    this.whitened = new Float64Array(n);
  }

  /**
   * Posterior mean and variance of the latent function at `point` (noise excluded). With gradient
   * buffers, also their gradients with respect to the numeric coordinates (categorical ones get 0).
   */
  predict(point: ArrayLike<number>, meanGradient?: Float64Array, varianceGradient?: Float64Array): { mean: number; variance: number } {
    const { n, dim, x, categorical } = this.inputs;
    const { signalVariance } = this.params;
    const withGradient = meanGradient !== undefined && varianceGradient !== undefined;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const k = kernelValue(point, 0, x, i, dim, categorical, this.params);
      this.crossKernel[i] = k;
      if (withGradient) this.kernelGradientsAt(point, i);
      mean += k * (this.alpha[i] as number);
    }
    const v = solveLower(this.factor, n, this.crossKernel, this.whitened);
    let explained = 0;
    for (let i = 0; i < n; i++) explained += (v[i] as number) ** 2;
    const variance = Math.max(signalVariance - explained, 0);
    if (withGradient) {
      // ∂μ = Σ_i α_i ∂k_i; ∂σ² = −2 Σ_i (K⁻¹k)_i ∂k_i.
      const weights = solveUpperTransposed(this.factor, n, v, this.whitened);
      meanGradient.fill(0);
      varianceGradient.fill(0);
      for (let i = 0; i < n; i++) {
        const alpha = this.alpha[i] as number;
        const weight = weights[i] as number;
        for (let d = 0; d < dim; d++) {
          const dk = this.kernelGradients[i * dim + d] as number;
          meanGradient[d] = (meanGradient[d] as number) + alpha * dk;
          varianceGradient[d] = (varianceGradient[d] as number) - 2 * weight * dk;
        }
      }
      if (!(variance > 0)) varianceGradient.fill(0);
    }
    return { mean, variance };
  }

  /** ∂k(x, X_i)/∂x_d = s²[(1 − w) M'(r²) + (w/D) M'(ρ_d Δ_d²)] · 2ρ_d Δ_d; 0 for categorical d. */
  private kernelGradientsAt(point: ArrayLike<number>, i: number): void {
    const { dim, x, categorical } = this.inputs;
    const { signalVariance, inverseSquaredLengthScales: rho } = this.params;
    const weight = this.params.additiveWeight ?? 0;
    const fullSlope = signalVariance * (1 - weight) * matern52Derivative(scaledSquaredDistance(point, 0, x, i, dim, categorical, rho));
    for (let d = 0; d < dim; d++) {
      let dk = 0;
      if (!categorical[d]) {
        const delta = (point[d] as number) - (x[i * dim + d] as number);
        const rhoD = rho[d] as number;
        const slope = weight > 0 ? fullSlope + ((signalVariance * weight) / dim) * matern52Derivative(rhoD * delta * delta) : fullSlope;
        dk = slope * 2 * rhoD * delta;
      }
      this.kernelGradients[i * dim + d] = dk;
    }
  }
}
