/**
 * Log expected improvement and log probability of feasibility for the GP sampler, and the maximiser
 * of any log acquisition. The GP models standardised values to be minimised; EI(x) = σ·h(z) with
 * z = (best − μ)/σ and h(z) = φ(z) + zΦ(z). Far from the data h underflows long before the ranking
 * it implies stops mattering, so everything is done in log space with a formula that stays accurate
 * for any z (Ament et al. 2023, "Unexpected improvements to expected improvement"), here through the
 * Laplace continued fraction of the normal tail.
 */
import type { Rng } from '../rng';
import { minimizeBounded } from './boundedOptimizer';
import type { EncodedSpace } from './gpSearchSpace';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Below −3 the tail continued fraction (60 terms) is exact to double precision; above, the series is. */
const TAIL_SWITCH = 3;
/** Added to the posterior variance so that log σ stays finite at the observations (Optuna's stabilizing noise). */
export const STABILIZING_VARIANCE = 1e-12;

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/** K₁(u) of Φ(−u)/φ(u) = 1/(u + K₁), K_m = m/(u + K_{m+1}): Laplace's continued fraction, for u ≥ 3. */
function tailFraction(u: number): number {
  let tail = 0;
  for (let m = 60; m >= 1; m--) tail = m / (u + tail);
  return tail;
}

/** Standard normal CDF, accurate to a few ulps relative in both tails. */
export function normalCdf(z: number): number {
  if (z < -TAIL_SWITCH) return normalPdf(z) / (-z + tailFraction(-z));
  if (z > TAIL_SWITCH) return 1 - normalPdf(z) / (z + tailFraction(z));
  // Marsaglia's series Φ(z) = ½ + φ(z)(z + z³/3 + z⁵/15 + …): all terms one sign, fast for |z| ≤ 3.
  let term = z;
  let sum = z;
  const z2 = z * z;
  for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
    term *= z2 / k;
    sum += term;
  }
  return 0.5 + normalPdf(z) * sum;
}

/** log h(z) and its derivative d log h/dz = Φ(z)/h(z). */
export function logH(z: number): { value: number; slope: number } {
  if (z >= -TAIL_SWITCH) {
    const cdf = normalCdf(z);
    const h = normalPdf(z) + z * cdf;
    return { value: Math.log(h), slope: cdf / h };
  }
  // With u = −z: h = φ(u)(1 − u/(u + K₁)) = φ(u)·K₁/(u + K₁), which has no cancellation.
  const u = -z;
  const tail = tailFraction(u);
  return { value: -0.5 * u * u - LOG_SQRT_2PI + Math.log(tail) - Math.log(u + tail), slope: 1 / tail };
}

/** log Φ(z) and its derivative φ(z)/Φ(z), finite however far into the lower tail z goes. */
export function logNormalCdf(z: number): { value: number; slope: number } {
  if (z >= -TAIL_SWITCH) {
    const cdf = normalCdf(z);
    return { value: Math.log(cdf), slope: normalPdf(z) / cdf };
  }
  // Φ(z) = φ(u)/(u + K₁) with u = −z.
  const u = -z;
  const denominator = u + tailFraction(u);
  return { value: -0.5 * u * u - LOG_SQRT_2PI - Math.log(denominator), slope: denominator };
}

/**
 * log P(f ≤ threshold) for f ~ N(mean, variance): a constraint's probability of being met (Gardner et
 * al. 2014), with its partial derivatives in the mean and variance.
 */
export function logProbabilityBelow(mean: number, variance: number, threshold: number): { value: number; dMean: number; dVariance: number } {
  const sigma = Math.sqrt(variance + STABILIZING_VARIANCE);
  const z = (threshold - mean) / sigma;
  const { value, slope } = logNormalCdf(z);
  return { value, dMean: -slope / sigma, dVariance: (-slope * z) / (2 * sigma * sigma) };
}

/** log EI for minimisation with its partial derivatives in the posterior mean and variance. */
export function logExpectedImprovement(mean: number, variance: number, best: number): { value: number; dMean: number; dVariance: number } {
  const sigma = Math.sqrt(variance + STABILIZING_VARIANCE);
  const z = (best - mean) / sigma;
  const { value, slope } = logH(z);
  return { value: value + Math.log(sigma), dMean: -slope / sigma, dVariance: (1 - z * slope) / (2 * sigma * sigma) };
}

/** A log acquisition over the GP sampler's encoded space (larger is better). */
export interface Acquisition {
  value(point: Float64Array): number;
  /** The value, with its gradient in every coordinate written into `gradient` (categorical ones are never read). */
  valueWithGradient(point: Float64Array, gradient: Float64Array): number;
  /** A length scale per dimension: how far apart candidates around an incumbent are spread. */
  readonly lengthScales: readonly number[];
}

export interface AcquisitionOptions {
  /** Uniformly random points screened first. */
  readonly randomCandidates: number;
  /** Points scattered around the best observations (exploitation near what already works). */
  readonly localCandidates: number;
  /** How many of the best screened points are refined by local search. */
  readonly localSearches: number;
  /** How many incumbents are refined as they are, besides (default 1: the best observation). */
  readonly incumbentSearches?: number;
}

export const DEFAULT_ACQUISITION_OPTIONS: AcquisitionOptions = { randomCandidates: 1024, localCandidates: 512, localSearches: 5 };

/**
 * The point maximising a log acquisition: screen random points and perturbations of `incumbents` (the
 * best observed points, best first), then refine the best few by alternating projected L-BFGS on the
 * continuous coordinates with a coordinate search over grid values and categories.
 */
export function maximizeAcquisition(acquisition: Acquisition, space: EncodedSpace, incumbents: readonly Float64Array[], rng: Rng, options: AcquisitionOptions = DEFAULT_ACQUISITION_OPTIONS): { point: Float64Array; value: number } {
  const evaluate = (point: Float64Array): number => acquisition.value(point);
  const dim = space.dim;
  const lengthScales = acquisition.lengthScales;
  const total = options.randomCandidates + (incumbents.length > 0 ? options.localCandidates : 0);
  const candidates = new Float64Array(total * dim);
  for (let c = 0; c < options.randomCandidates; c++) space.randomPoint(rng, candidates.subarray(c * dim, (c + 1) * dim));
  for (let c = options.randomCandidates; c < total; c++) {
    // Mostly around the very best point, sometimes the next ones; spread on the scale the GP learned.
    const center = incumbents[Math.min(Math.floor(incumbents.length * rng.random() ** 3), incumbents.length - 1)] as Float64Array;
    const scale = 0.5 * rng.random() ** 2;
    for (let d = 0; d < dim; d++) {
      let u: number;
      if (space.kind(d) === 'categorical') u = rng.random() < 1 / dim ? space.randomCoordinate(rng, d) : (center[d] as number);
      else u = space.snap(d, (center[d] as number) + rng.normal() * scale * Math.min(lengthScales[d] as number, 1));
      candidates[c * dim + d] = u;
    }
  }
  // One by one: a blocked triangular solve over many candidates measured slower in V8.
  const screened = Array.from({ length: total }, (_, c) => {
    const point = candidates.slice(c * dim, (c + 1) * dim);
    return { point, value: evaluate(point) };
  });
  screened.sort((a, b) => b.value - a.value || 0);
  // Starts: the best screened points, and the best observations (Optuna's warm start).
  const starts = screened.slice(0, options.localSearches);
  for (const incumbent of incumbents.slice(0, options.incumbentSearches ?? 1)) starts.push({ point: Float64Array.from(incumbent), value: evaluate(Float64Array.from(incumbent)) });
  let winner = screened[0] ?? { point: space.randomPoint(rng, new Float64Array(dim)), value: -Infinity };
  for (const start of starts) {
    const refined = localSearch(acquisition, space, start.point, start.value);
    if (refined.value > winner.value || !Number.isFinite(winner.value)) winner = refined;
  }
  return winner;
}

function localSearch(acquisition: Acquisition, space: EncodedSpace, start: Float64Array, startValue: number): { point: Float64Array; value: number } {
  const dim = space.dim;
  const continuous = Array.from({ length: dim }, (_, d) => d).filter((d) => space.kind(d) === 'continuous');
  const others = Array.from({ length: dim }, (_, d) => d).filter((d) => space.kind(d) !== 'continuous');
  const point = Float64Array.from(start);
  let value = startValue;
  const fullGradient = new Float64Array(dim);
  const negativeAcquisition = (coordinates: Float64Array, gradient: Float64Array): number => {
    const trial = Float64Array.from(point);
    continuous.forEach((d, k) => (trial[d] = coordinates[k] as number));
    const result = acquisition.valueWithGradient(trial, fullGradient);
    continuous.forEach((d, k) => (gradient[k] = -(fullGradient[d] as number)));
    return -result;
  };
  for (let round = 0; round < 3; round++) {
    const before = value;
    if (continuous.length > 0) {
      const lower = new Float64Array(continuous.length);
      const upper = new Float64Array(continuous.length).fill(1);
      const result = minimizeBounded(negativeAcquisition, continuous.map((d) => point[d] as number), lower, upper, { maxIterations: 30, gradientTolerance: 1e-6, relativeTolerance: 1e-9 });
      if (-result.value > value) {
        continuous.forEach((d, k) => (point[d] = result.x[k] as number));
        value = -result.value;
      }
    }
    for (const d of others) {
      const current = space.gridIndex(d, point[d] as number);
      for (const k of gridMoves(current, space.size(d))) {
        const saved = point[d] as number;
        point[d] = space.kind(d) === 'categorical' ? k : space.gridValue(d, k);
        const moved = acquisition.value(point);
        if (moved > value) value = moved;
        else point[d] = saved;
      }
    }
    if (!(value > before + 1e-9)) break;
  }
  return { point, value };
}

/** Grid indices worth trying from `current`: all of a small grid, else steps of ±1, ±2, ±4, … */
function gridMoves(current: number, size: number): number[] {
  if (size <= 16) return Array.from({ length: size }, (_, k) => k).filter((k) => k !== current);
  const moves: number[] = [];
  for (let offset = 1; offset < size; offset *= 2) {
    if (current - offset >= 0) moves.push(current - offset);
    if (current + offset < size) moves.push(current + offset);
  }
  return moves;
}
