/**
 * Fitting the kernels of Optuna's Parzen estimator (`parzen_estimator.py`): mixture weights,
 * per-observation truncated normals with hyperopt's neighbour-distance bandwidth and the magic clip,
 * and smoothed one-hot rows for categorical dimensions. Two rule sets (docs/algorithms.md, TPE):
 * today's Optuna (5.0) and 3.1.0's, which differ in the bandwidth of multivariate kernels, whether the
 * prior counts as a neighbour, and how continuous and log-int kernels are measured.
 */
import type { Distribution } from '../distributions';
import { clamp } from './random';
import { logGaussMass } from './truncatedNormal';

const EPS = 1e-12;
/** Scale of the multivariate (Scott-like) bandwidth, from the BOHB paper. */
const SIGMA0_MAGNITUDE = 0.2;

export interface ParzenEstimatorParameters {
  readonly considerPrior: boolean;
  readonly priorWeight: number;
  readonly considerMagicClip: boolean;
  readonly considerEndpoints: boolean;
  /** 'optuna31' reproduces Optuna 3.1.0's estimator; 'current', today's (Optuna 5.0). */
  readonly rules: KernelRules;
  /** Fitted jointly over several dimensions; only 3.1's rules give such kernels another bandwidth. */
  readonly multivariate: boolean;
}

/**
 * Where the rule sets differ. 'optuna31': multivariate kernels share the Scott-like bandwidth; the
 * prior's mu counts as a neighbour; continuous kernels lack their 1/σ (optuna#5109, fixed in 3.5);
 * a log int range is continuous in log space. 'current': hyperopt's bandwidth always, from the
 * observations alone; true densities; a log int value is the mass of [x − ½, x + ½] in log space.
 */
export type KernelRules = 'optuna31' | 'current';

/** Optuna's `default_weights`: the oldest n − 25 observations ramp linearly from 1/n up to 1. */
export function defaultWeights(n: number): Float64Array {
  const weights = new Float64Array(n).fill(1);
  const rampLength = n - 25;
  if (rampLength <= 0) return weights;
  // np.linspace(1/n, 1, rampLength): evenly spaced, last point exactly 1.
  const step = rampLength > 1 ? (1 - 1 / n) / (rampLength - 1) : 0;
  for (let i = 0; i < rampLength; i++) weights[i] = i === rampLength - 1 && rampLength > 1 ? 1 : 1 / n + i * step;
  return weights;
}

export interface NumericalKernels {
  readonly type: 'numerical';
  readonly distribution: Exclude<Distribution, { type: 'categorical' }>;
  /** Bounds of the kernel's support, widened by q/2 for steps and in log space for log ranges. */
  readonly low: number;
  readonly high: number;
  readonly q: number | null;
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** Per kernel: log of its mass inside [low, high] (plus log σ for continuous kernels under today's rules). */
  readonly logNormalizers: Float64Array;
}

export interface CategoricalKernels {
  readonly type: 'categorical';
  readonly nChoices: number;
  /** Row-major (kernel × choice) probabilities. */
  readonly probs: Float64Array;
  readonly logProbs: Float64Array;
}

export type Kernels = NumericalKernels | CategoricalKernels;

export interface FittedKernels {
  /** Normalised mixture weights: one per observation, then the prior's. */
  readonly weights: Float64Array;
  readonly kernels: Kernels[];
}

/**
 * `observations[d][i]` is observation i of dimension d (categorical: choice index). `weights`, one per
 * observation, replace `defaultWeights` (multi-objective TPE's below weights); they are normalised
 * with the prior's.
 */
export function fitKernels(observations: readonly Float64Array[], space: readonly Distribution[], params: ParzenEstimatorParameters, weights: Float64Array | null = null): FittedKernels {
  if (space.length === 0 || observations.length !== space.length) throw new Error('ParzenEstimator needs one observation column per distribution');
  const n = observations[0]?.length ?? 0;
  if (weights !== null && weights.length !== n) throw new Error(`${weights.length} weights for ${n} observations`);
  // With nothing observed the prior is the whole estimator, whatever the options say.
  const withPrior = params.considerPrior || n === 0;
  const sigma0 = params.multivariate && params.rules === 'optuna31' ? SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (space.length + 4)) : null;
  const kernels = space.map((d, i): Kernels => {
    const column = observations[i] as Float64Array;
    if (d.type === 'categorical') return categoricalKernels(column, d.choices.length, withPrior, params.priorWeight);
    return numericalKernels(column, d, withPrior, sigma0, params);
  });
  return { weights: mixtureWeights(weights ?? defaultWeights(n), withPrior, params.priorWeight), kernels };
}

function mixtureWeights(observationWeights: Float64Array, withPrior: boolean, priorWeight: number): Float64Array {
  const n = observationWeights.length;
  const weights = new Float64Array(n + (withPrior ? 1 : 0));
  weights.set(observationWeights);
  if (withPrior) weights[n] = priorWeight;
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function categoricalKernels(observed: Float64Array, nChoices: number, withPrior: boolean, priorWeight: number): CategoricalKernels {
  const n = observed.length;
  const rows = n + (withPrior ? 1 : 0);
  // Every category gets ε = prior_weight/(n+1) on top of the observed one-hot, so none is ruled out.
  const probs = new Float64Array(rows * nChoices).fill(priorWeight / (withPrior ? n + 1 : n));
  for (let k = 0; k < n; k++) {
    const at = k * nChoices + (observed[k] as number);
    probs[at] = (probs[at] as number) + 1;
  }
  for (let k = 0; k < rows; k++) {
    let total = 0;
    for (let c = 0; c < nChoices; c++) total += probs[k * nChoices + c] as number;
    for (let c = 0; c < nChoices; c++) probs[k * nChoices + c] = (probs[k * nChoices + c] as number) / total;
  }
  return { type: 'categorical', nChoices, probs, logProbs: probs.map(Math.log) };
}

/**
 * Support of the kernels on the scale they live on (Optuna's `_calculate_parzen_bounds`), and the
 * step a value stands for (null: a density). A log int range is discrete under today's rules only.
 */
function parzenBounds(d: NumericalKernels['distribution'], rules: KernelRules): { low: number; high: number; q: number | null } {
  if (d.log) return d.type === 'int' ? { low: Math.log(d.low - 0.5), high: Math.log(d.high + 0.5), q: rules === 'current' ? d.step : null } : { low: Math.log(d.low), high: Math.log(d.high), q: null };
  const q = d.step;
  if (q === null) return { low: d.low, high: d.high, q };
  return { low: d.low - 0.5 * q, high: d.high + 0.5 * q, q };
}

function numericalKernels(observed: Float64Array, distribution: NumericalKernels['distribution'], withPrior: boolean, sigma0: number | null, params: ParzenEstimatorParameters): NumericalKernels {
  const { low, high, q } = parzenBounds(distribution, params.rules);
  if (!(low < high)) throw new Error(`cannot fit a Parzen estimator to a single-valued range [${distribution.low}, ${distribution.high}]`);
  const n = observed.length;
  const range = high - low;
  const mus = new Float64Array(n + (withPrior ? 1 : 0));
  for (let i = 0; i < n; i++) mus[i] = distribution.log ? Math.log(observed[i] as number) : (observed[i] as number);
  if (withPrior) mus[n] = 0.5 * (low + high);
  // Today's rules measure gaps between observations only; 3.1 let the prior's mu narrow its neighbours.
  const neighbours = params.rules === 'current' ? mus.subarray(0, n) : mus;
  const sigmas = new Float64Array(mus.length);
  if (sigma0 === null) sigmas.set(neighbourSigmas(neighbours, low, high, params.considerEndpoints));
  else sigmas.fill(sigma0 * range);
  // The magic clip keeps kernels from collapsing where observations pile up; both rule sets count
  // the prior among the kernels here (today's Optuna always has one).
  const kernelCount = params.rules === 'current' ? n + 1 : mus.length;
  const minSigma = params.considerMagicClip ? range / Math.min(100, 1 + kernelCount) : EPS;
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = clamp(sigmas[i] as number, minSigma, range);
  if (withPrior) sigmas[n] = range;
  const logNormalizers = new Float64Array(mus.length);
  for (let k = 0; k < mus.length; k++) {
    const mu = mus[k] as number;
    const sigma = sigmas[k] as number;
    const logMass = logGaussMass((low - mu) / sigma, (high - mu) / sigma);
    logNormalizers[k] = q === null && params.rules === 'current' ? logMass + Math.log(sigma) : logMass;
  }
  return { type: 'numerical', distribution, low, high, q, mus, sigmas, logNormalizers };
}

/**
 * hyperopt's bandwidth: each kernel's σ is the larger gap to its sorted neighbours (the range ends
 * count as neighbours). Without `considerEndpoints` the outermost kernels look inwards only.
 */
function neighbourSigmas(mus: Float64Array, low: number, high: number, considerEndpoints: boolean): Float64Array {
  const m = mus.length;
  const sorted = new Float64Array(m + 2);
  sorted.set(mus, 1);
  sorted[0] = -Infinity;
  sorted[m + 1] = Infinity;
  sorted.sort();
  sorted[0] = low;
  sorted[m + 1] = high;
  const sortedSigmas = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const at = sorted[j + 1] as number;
    sortedSigmas[j] = Math.max(at - (sorted[j] as number), (sorted[j + 2] as number) - at);
  }
  if (!considerEndpoints && m + 2 >= 4) {
    sortedSigmas[0] = (sorted[2] as number) - (sorted[1] as number);
    sortedSigmas[m - 1] = (sorted[m] as number) - (sorted[m - 1] as number);
  }
  // Back to observation order: each value's first sorted slot, and equal values take the following
  // slots in observation order (a stable argsort; numpy's default argsort leaves the order of ties,
  // and so which of them gets which σ, unspecified).
  const sigmas = new Float64Array(m);
  let hasTies = false;
  for (let j = 1; j < m && !hasTies; j++) hasTies = sorted[j] === sorted[j + 1];
  const nextSlot = hasTies ? new Map<number, number>() : null;
  for (let i = 0; i < m; i++) {
    const mu = mus[i] as number;
    const slot = nextSlot?.get(mu) ?? lowerBound(sorted, mu, 1, m + 1) - 1;
    nextSlot?.set(mu, slot + 1);
    sigmas[i] = sortedSigmas[slot] as number;
  }
  return sigmas;
}

/** The first index in [from, to) of ascending `values` holding a value ≥ x. */
function lowerBound(values: Float64Array, x: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if ((values[mid] as number) < x) from = mid + 1;
    else to = mid;
  }
  return from;
}
