/**
 * Kernel hyperparameter fitting for the GP sampler, as Optuna's `optuna/_gp/gp.py` does it: the
 * MAP estimate of (ρ_1…ρ_D, s², σ_n²) under log marginal likelihood + log prior, optimised over
 * their logarithms by projected L-BFGS with analytic gradients, from several starts.
 */
import type { Rng } from '../rng';
import { minimizeBounded } from './boundedOptimizer';
import { matern52, matern52Derivative, MIN_NOISE_VARIANCE, type GpInputs, type KernelParams } from './gaussianProcess';
import { choleskyWithJitter, inverseFromCholesky, logDetFromCholesky, solveCholesky } from './linalg';

const LOG_2PI = Math.log(2 * Math.PI);

/** Hyperparameters ↔ the optimiser's vector [log ρ_1 … log ρ_D, log s², log σ_n², w] (w: additive weight, in [0, 1)). */
export function packKernelParams(params: KernelParams): Float64Array {
  const dim = params.inverseSquaredLengthScales.length;
  const packed = new Float64Array(dim + 3);
  for (let d = 0; d < dim; d++) packed[d] = Math.log(params.inverseSquaredLengthScales[d] as number);
  packed[dim] = Math.log(params.signalVariance);
  packed[dim + 1] = Math.log(params.noiseVariance);
  packed[dim + 2] = params.additiveWeight ?? 0;
  return packed;
}

export function unpackKernelParams(packed: ArrayLike<number>, dim: number): KernelParams {
  const rho = new Float64Array(dim);
  for (let d = 0; d < dim; d++) rho[d] = Math.exp(packed[d] as number);
  return {
    inverseSquaredLengthScales: rho,
    signalVariance: Math.exp(packed[dim] as number),
    noiseVariance: Math.exp(packed[dim + 1] as number),
    additiveWeight: packed[dim + 2] as number,
  };
}

/**
 * Optuna's default prior (`optuna/_gp/prior.py`), in log density, with its gradient written into
 * `gradient` with respect to the packed log-parameters: −Σ(0.1/ρ + 0.1ρ) keeps length scales near
 * the unit cube's size; Gamma(2, 1) on s²; Gamma(1.1, 30) on σ_n² favours small noise. Flat in w.
 */
export function logPrior(packed: ArrayLike<number>, dim: number, gradient: Float64Array): number {
  let value = 0;
  for (let d = 0; d < dim; d++) {
    const rho = Math.exp(packed[d] as number);
    value -= 0.1 / rho + 0.1 * rho;
    gradient[d] = 0.1 / rho - 0.1 * rho;
  }
  const signal = Math.exp(packed[dim] as number);
  value += Math.log(signal) - signal;
  gradient[dim] = 1 - signal;
  const noise = Math.exp(packed[dim + 1] as number);
  value += 0.1 * Math.log(noise) - 30 * noise;
  gradient[dim + 1] = 0.1 - 30 * noise;
  gradient[dim + 2] = 0;
  return value;
}

/**
 * Per-dimension squared differences of every pair i < j (pair p = the p-th in row order), computed
 * once per fit: each marginal-likelihood evaluation then only forms weighted sums of them.
 */
export function pairwiseSquaredDifferences(inputs: GpInputs): Float64Array[] {
  const { x, n, dim, categorical } = inputs;
  const pairs = (n * (n - 1)) / 2;
  const result = Array.from({ length: dim }, () => new Float64Array(pairs));
  for (let d = 0; d < dim; d++) {
    const column = result[d] as Float64Array;
    let p = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i * dim + d] as number;
      for (let j = i + 1; j < n; j++, p++) {
        const delta = xi - (x[j * dim + d] as number);
        column[p] = categorical[d] ? (delta === 0 ? 0 : 1) : delta * delta;
      }
    }
  }
  return result;
}

/**
 * Log marginal likelihood log p(y | X, θ) = −½ yᵀK⁻¹y − ½ log|K| − (n/2) log 2π, and its gradient
 * ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) with respect to the packed parameters, written into `gradient`. Without
 * `additive`, w must be 0 and its gradient is left at 0, which spares D kernel evaluations per pair.
 */
export function logMarginalLikelihood(
  y: Float64Array,
  differences: readonly Float64Array[],
  packed: ArrayLike<number>,
  gradient: Float64Array,
  additive = true,
): number {
  const n = y.length;
  const dim = differences.length;
  const params = unpackKernelParams(packed, dim);
  const { inverseSquaredLengthScales: rho, signalVariance, noiseVariance } = params;
  const additiveWeight = additive ? (params.additiveWeight ?? 0) : 0;
  const pairs = (n * (n - 1)) / 2;
  const r2 = new Float64Array(pairs);
  // Σ_d M(ρ_d Δ_d²) per pair, and each M'(ρ_d Δ_d²) for the gradient, only with the additive part.
  const oneDimensional = new Float64Array(additive ? pairs : 0);
  const oneDimensionalSlopes = additive ? differences.map(() => new Float64Array(pairs)) : [];
  for (let d = 0; d < dim; d++) {
    const column = differences[d] as Float64Array;
    const rhoD = rho[d] as number;
    for (let p = 0; p < pairs; p++) r2[p] = (r2[p] as number) + rhoD * (column[p] as number);
    if (!additive) continue;
    const slopes = oneDimensionalSlopes[d] as Float64Array;
    for (let p = 0; p < pairs; p++) {
      // M and M' share e^{−t}: one exp per pair and dimension.
      const t = Math.sqrt(5 * rhoD * (column[p] as number));
      const decay = Math.exp(-t);
      oneDimensional[p] = (oneDimensional[p] as number) + (1 + t + (t * t) / 3) * decay;
      slopes[p] = (-5 / 6) * (1 + t) * decay;
    }
  }
  const full = new Float64Array(pairs);
  for (let p = 0; p < pairs; p++) full[p] = matern52(r2[p] as number);
  const kernel = new Float64Array(n * n);
  for (let i = 0, p = 0; i < n; i++) {
    kernel[i * n + i] = signalVariance + noiseVariance;
    for (let j = i + 1; j < n; j++, p++) {
      const k = signalVariance * ((1 - additiveWeight) * (full[p] as number) + (additive ? (additiveWeight / dim) * (oneDimensional[p] as number) : 0));
      kernel[i * n + j] = k;
      kernel[j * n + i] = k;
    }
  }
  const { factor } = choleskyWithJitter(kernel, n);
  const alpha = solveCholesky(factor, n, y);
  let fit = 0;
  for (let i = 0; i < n; i++) fit += (y[i] as number) * (alpha[i] as number);
  const value = -0.5 * fit - 0.5 * logDetFromCholesky(factor, n) - 0.5 * n * LOG_2PI;

  // W = ααᵀ − K⁻¹, summed against ∂K/∂θ pair by pair (each pair counted for both triangles).
  const inverse = inverseFromCholesky(factor, n);
  const pairWeight = new Float64Array(pairs); // 2 W_ij, both triangles of the symmetric sum
  const weightTimesSlope = r2; // r² is read then overwritten in place with 2 W_ij s² (1 − w) M'(r²_ij)
  let signalGradient = 0;
  let additiveGradient = 0;
  let diagonalWeight = 0;
  for (let i = 0, p = 0; i < n; i++) {
    const ai = alpha[i] as number;
    diagonalWeight += ai * ai - (inverse[i * n + i] as number);
    for (let j = i + 1; j < n; j++, p++) {
      const w = 2 * (ai * (alpha[j] as number) - (inverse[i * n + j] as number));
      pairWeight[p] = w;
      signalGradient += w * (kernel[i * n + j] as number);
      // ∂K/∂w = s² (Σ_d M(ρ_d Δ_d²)/D − M(r²)); zero on the diagonal.
      if (additive) additiveGradient += w * signalVariance * ((oneDimensional[p] as number) / dim - (full[p] as number));
      weightTimesSlope[p] = w * signalVariance * (1 - additiveWeight) * matern52Derivative(r2[p] as number);
    }
  }
  for (let d = 0; d < dim; d++) {
    const column = differences[d] as Float64Array;
    const rhoD = rho[d] as number;
    let sum = 0;
    for (let p = 0; p < pairs; p++) sum += (weightTimesSlope[p] as number) * (column[p] as number);
    if (additive) {
      const scale = (signalVariance * additiveWeight) / dim;
      const slopes = oneDimensionalSlopes[d] as Float64Array;
      for (let p = 0; p < pairs; p++) sum += (pairWeight[p] as number) * scale * (slopes[p] as number) * (column[p] as number);
    }
    gradient[d] = 0.5 * rhoD * sum;
  }
  gradient[dim] = 0.5 * (signalGradient + diagonalWeight * signalVariance);
  gradient[dim + 1] = 0.5 * diagonalWeight * noiseVariance;
  gradient[dim + 2] = 0.5 * additiveGradient;
  return value;
}

export interface FitOptions {
  readonly rng: Rng;
  /** The previous fit, tried first: one new observation rarely moves the optimum far. */
  readonly warmStart?: KernelParams | null;
  /** Also start from the default hyperparameters when a warm start is given (always without one). */
  readonly defaultStart?: boolean;
  /** Random starts on top of the warm and default ones. */
  readonly randomStarts?: number;
  /** Fix σ_n² at its minimum (an objective that returns the same value for the same input). */
  readonly deterministic?: boolean;
  /** Fit the additive weight w (else w = 0: a pure product Matérn kernel). */
  readonly additive?: boolean;
}

const LOG_RHO_BOUNDS = [Math.log(1e-3), Math.log(1e4)] as const;
const LOG_SIGNAL_BOUNDS = [Math.log(1e-2), Math.log(1e2)] as const;
const LOG_NOISE_BOUNDS = [Math.log(MIN_NOISE_VARIANCE), Math.log(2)] as const;
const ADDITIVE_BOUNDS = [0, 0.95] as const;

/** MAP kernel hyperparameters for standardised outputs `y`: multi-start projected L-BFGS on −(log ML + log prior). */
export function fitKernelParams(inputs: GpInputs, y: Float64Array, options: FitOptions): KernelParams {
  const { dim } = inputs;
  const differences = pairwiseSquaredDifferences(inputs);
  const size = dim + 3;
  const lower = new Float64Array(size).fill(LOG_RHO_BOUNDS[0]);
  const upper = new Float64Array(size).fill(LOG_RHO_BOUNDS[1]);
  [lower[dim], upper[dim]] = LOG_SIGNAL_BOUNDS;
  [lower[dim + 1], upper[dim + 1]] = options.deterministic ? [LOG_NOISE_BOUNDS[0], LOG_NOISE_BOUNDS[0]] : LOG_NOISE_BOUNDS;
  [lower[dim + 2], upper[dim + 2]] = options.additive ? ADDITIVE_BOUNDS : [0, 0];
  const priorGradient = new Float64Array(size);
  const negativePosterior = (packed: Float64Array, gradient: Float64Array): number => {
    const value = logMarginalLikelihood(y, differences, packed, gradient, options.additive ?? false) + logPrior(packed, dim, priorGradient);
    for (let k = 0; k < size; k++) gradient[k] = -((gradient[k] as number) + (priorGradient[k] as number));
    return -value;
  };

  const starts: Float64Array[] = [];
  if (options.warmStart && options.warmStart.inverseSquaredLengthScales.length === dim) starts.push(packKernelParams(options.warmStart));
  if (starts.length === 0 || options.defaultStart !== false) {
    starts.push(packKernelParams({ inverseSquaredLengthScales: new Float64Array(dim).fill(1), signalVariance: 1, noiseVariance: 1e-2, additiveWeight: options.additive ? 0.5 : 0 }));
  }
  for (let s = 0; s < (options.randomStarts ?? 0); s++) {
    const start = new Float64Array(size);
    for (let d = 0; d < dim; d++) start[d] = options.rng.uniform(Math.log(0.05), Math.log(20));
    start[dim] = options.rng.uniform(Math.log(0.3), Math.log(3));
    start[dim + 1] = options.rng.uniform(Math.log(1e-4), Math.log(0.1));
    start[dim + 2] = options.additive ? options.rng.uniform(0, 0.9) : 0;
    starts.push(start);
  }
  let best: { x: Float64Array; value: number } | null = null;
  for (const start of starts) {
    const result = minimizeBounded(negativePosterior, start, lower, upper, { maxIterations: 60, gradientTolerance: 1e-2, relativeTolerance: 1e-7 });
    if (Number.isFinite(result.value) && (best === null || result.value < best.value)) best = result;
  }
  return unpackKernelParams(best ? best.x : (starts[0] as Float64Array), dim);
}
