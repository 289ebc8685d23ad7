/**
 * The Parzen estimator of Optuna's TPE (`optuna/samplers/_tpe/parzen_estimator.py`), by today's rules
 * or 3.1.0's (parzenKernels.ts): a mixture with one product kernel per observation plus a prior
 * kernel. Numerical dimensions use truncated normals (in log space for log ranges; as the mass of
 * [x − q/2, x + q/2] for stepped and int ranges),
 * categorical dimensions a smoothed one-hot row per observation. Values go in and come out as
 * numbers: categorical indices, and numerical values on the user's scale. Fitting is in parzenKernels.ts.
 */
import type { Distribution } from '../distributions';
import type { Rng } from '../rng';
import { fitKernels, type CategoricalKernels, type Kernels, type NumericalKernels, type ParzenEstimatorParameters } from './parzenKernels';
import { clamp, roundToStep } from './random';
import { logGaussMass, normLogPdf, sampleStandardTruncatedNormal } from './truncatedNormal';

export { defaultWeights, type CategoricalKernels, type KernelRules, type Kernels, type NumericalKernels, type ParzenEstimatorParameters } from './parzenKernels';

export class ParzenEstimator {
  /** Normalised mixture weights: one per observation, then the prior's. */
  readonly weights: Float64Array;
  private readonly logWeights: Float64Array;
  private readonly kernels: Kernels[];

  /**
   * `observations[d][i]` is observation i of dimension d (categorical: choice index); `weights`, one
   * per observation, replace the default ones (Optuna's `predetermined_weights`).
   */
  constructor(observations: readonly Float64Array[], space: readonly Distribution[], params: ParzenEstimatorParameters, weights: Float64Array | null = null) {
    ({ weights: this.weights, kernels: this.kernels } = fitKernels(observations, space, params, weights));
    this.logWeights = this.weights.map(Math.log);
  }

  /** The fitted kernels of dimension `d` (for inspection and tests). */
  dimension(d: number): Readonly<Kernels> {
    const kernels = this.kernels[d];
    if (!kernels) throw new RangeError(`no dimension ${d}`);
    return kernels;
  }

  /** Draws `size` points: one mixture component per point, used for every dimension. */
  sample(rng: Rng, size: number): Float64Array[] {
    const active = new Int32Array(size);
    for (let i = 0; i < size; i++) active[i] = rng.weightedIndex(this.weights);
    return this.kernels.map((kernels) => {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const k = active[i] as number;
        out[i] = kernels.type === 'categorical' ? sampleCategorical(rng, kernels, k) : sampleNumerical(rng, kernels, k);
      }
      return out;
    });
  }

  /** log of the mixture density (or mass, for discrete dimensions) at each point. */
  logPdf(points: readonly Float64Array[]): Float64Array {
    const size = points[0]?.length ?? 0;
    const nKernels = this.weights.length;
    if (this.kernels.length === 1) return this.logPdfOneDimension(this.kernels[0] as Kernels, points[0] as Float64Array);
    // One row of per-kernel log terms per point; buffers are reused across calls (this is the hot loop).
    const matrix = scratch(0, size * nKernels);
    for (let i = 0; i < size; i++) matrix.set(this.logWeights, i * nKernels);
    const shared = scratch(1, nKernels);
    for (let d = 0; d < this.kernels.length; d++) {
      const kernels = this.kernels[d] as Kernels;
      const column = points[d] as Float64Array;
      // Equal values (common for ints, steps and categories) share one evaluation of the kernels.
      const order = Array.from(column.keys()).sort((a, b) => (column[a] as number) - (column[b] as number));
      for (let start = 0, end = 1; start < size; start = end, end = start + 1) {
        const first = order[start] as number;
        while (end < size && column[order[end] as number] === column[first]) end++;
        if (end - start === 1) {
          addKernelLogPdf(kernels, column[first] as number, matrix, first * nKernels, nKernels, false);
          continue;
        }
        shared.fill(0);
        addKernelLogPdf(kernels, column[first] as number, shared, 0, nKernels, false);
        for (let j = start; j < end; j++) {
          const row = (order[j] as number) * nKernels;
          for (let k = 0; k < nKernels; k++) matrix[row + k] = (matrix[row + k] as number) + (shared[k] as number);
        }
      }
    }
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = logSumExp(matrix, i * nKernels, nKernels);
    return out;
  }

  /** The univariate case (every parameter of a univariate TPE ask): one row per distinct value. */
  private logPdfOneDimension(kernels: Kernels, column: Float64Array): Float64Array {
    const row = scratch(0, this.weights.length);
    const byValue = new Map<number, number>();
    return column.map((value) => {
      let logPdf = byValue.get(value);
      if (logPdf === undefined) {
        row.set(this.logWeights);
        addKernelLogPdf(kernels, value, row, 0, row.length, true);
        logPdf = logSumExp(row, 0, row.length);
        byValue.set(value, logPdf);
      }
      return logPdf;
    });
  }
}

const scratchBuffers: Float64Array[] = [];
function scratch(slot: number, length: number): Float64Array {
  let buffer = scratchBuffers[slot];
  if (!buffer || buffer.length < length) scratchBuffers[slot] = buffer = new Float64Array(Math.max(length, 2 * (buffer?.length ?? 0)));
  return buffer.subarray(0, length);
}

function sampleCategorical(rng: Rng, kernels: CategoricalKernels, k: number): number {
  const u = rng.random();
  let cumulative = 0;
  for (let c = 0; c < kernels.nChoices; c++) {
    cumulative += kernels.probs[k * kernels.nChoices + c] as number;
    if (u <= cumulative) return c;
  }
  return kernels.nChoices - 1;
}

function sampleNumerical(rng: Rng, kernels: NumericalKernels, k: number): number {
  const { low, high, q, distribution: d } = kernels;
  const mu = kernels.mus[k] as number;
  const sigma = kernels.sigmas[k] as number;
  const x = clamp(mu + sigma * sampleStandardTruncatedNormal(rng, (low - mu) / sigma, (high - mu) / sigma), low, high);
  if (d.log) return d.type === 'int' ? clamp(Math.round(Math.exp(x)), d.low, d.high) : clamp(Math.exp(x), d.low, d.high);
  if (q === null) return x;
  // Snap onto the grid low + k·q, as Optuna's round((x − low)/q)·q + low, then clip.
  if (d.type === 'float') return roundToStep(x, d.low, d.high, q);
  return clamp(Math.round((x - d.low) / q) * q + d.low, d.low, d.high);
}

/**
 * Adds each kernel's log density (or mass) at `value` to `out[offset + k]`. `rowIsFinal` says the
 * row is complete after this (a one-dimensional estimator), which lets discrete dimensions skip
 * kernels that provably cannot matter.
 */
function addKernelLogPdf(kernels: Kernels, value: number, out: Float64Array, offset: number, nKernels: number, rowIsFinal: boolean): void {
  if (kernels.type === 'categorical') {
    for (let k = 0; k < nKernels; k++) out[offset + k] = (out[offset + k] as number) + (kernels.logProbs[k * kernels.nChoices + value] as number);
    return;
  }
  const { low, high, q, mus, sigmas, logNormalizers } = kernels;
  const x = kernels.distribution.log ? Math.log(value) : value;
  if (q === null) {
    if (x < low || x > high) return void out.fill(-Infinity, offset, offset + nKernels);
    for (let k = 0; k < nKernels; k++) {
      const z = (x - (mus[k] as number)) / (sigmas[k] as number);
      out[offset + k] = (out[offset + k] as number) + normLogPdf(z) - (logNormalizers[k] as number);
    }
    return;
  }
  // A discrete value stands for the interval it rounds from: the kernel's mass over [x − q/2, x + q/2]
  // (on a log range, over the log of that interval).
  const lower = Math.max(kernels.distribution.log ? Math.log(value - 0.5 * q) : x - 0.5 * q, low);
  const upper = Math.min(kernels.distribution.log ? Math.log(value + 0.5 * q) : x + 0.5 * q, high);
  const exact = (k: number): number => {
    const mu = mus[k] as number;
    const sigma = sigmas[k] as number;
    return (out[offset + k] as number) + logGaussMass((lower - mu) / sigma, (upper - mu) / sigma) - (logNormalizers[k] as number);
  };
  if (!rowIsFinal) {
    for (let k = 0; k < nKernels; k++) out[offset + k] = exact(k);
    return;
  }
  // Exact log masses cost two erfc each. A kernel whose upper bound lies 50 nats below some exact
  // term adds less than e^−50 of the sum, beyond the last digit, so it is left out (−∞) unevaluated.
  const bounds = scratch(2, nKernels);
  let top = 0;
  for (let k = 0; k < nKernels; k++) {
    const mu = mus[k] as number;
    const sigma = sigmas[k] as number;
    bounds[k] = (out[offset + k] as number) + logMassBound((lower - mu) / sigma, (upper - mu) / sigma) - (logNormalizers[k] as number);
    if ((bounds[k] as number) > (bounds[top] as number)) top = k;
  }
  const threshold = exact(top) - 50;
  for (let k = 0; k < nKernels; k++) out[offset + k] = (bounds[k] as number) < threshold ? -Infinity : exact(k);
}

/** An upper bound of log(Φ(b) − Φ(a)): Mills' ratio, Φ(−t) < φ(t)/t for t > 0, on the tail side. */
function logMassBound(a: number, b: number): number {
  if (b < -1) return normLogPdf(b) - Math.log(-b);
  if (a > 1) return normLogPdf(a) - Math.log(a);
  return 0;
}

function logSumExp(values: Float64Array, from: number, length: number): number {
  let max = -Infinity;
  for (let i = from; i < from + length; i++) if ((values[i] as number) > max) max = values[i] as number;
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = from; i < from + length; i++) {
    // Terms below e^−50 of the largest cannot reach the sum's last digit; skipping them also avoids
    // Math.exp's slow underflow path, which most far-away kernels would hit.
    const gap = (values[i] as number) - max;
    if (gap > -50) sum += Math.exp(gap);
  }
  return max + Math.log(sum);
}
