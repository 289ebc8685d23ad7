/**
 * Log expected hypervolume improvement for the GP sampler with several objectives, as Optuna 4.4+
 * computes it (Daulton et al. 2020, Eq. 1): with the region a new point could still add volume in cut
 * into boxes (multiObjective/boxDecomposition.ts), each posterior draw y improves the hypervolume by
 * Σ_boxes Π_k clamp(upper_k − y_k, ε, upper_k − lower_k), and log EHVI is the log of that averaged
 * over fixed draws. The draws are μ + σ·ξ with ξ a scrambled Sobol sequence mapped through Φ⁻¹, its
 * seed fixed for one ask: the acquisition is then a smooth deterministic function that L-BFGS can
 * climb. The ε floor (Optuna's) keeps the log finite and the ranking alive where every draw is
 * dominated; one GP per objective, so the objectives' draws are independent.
 *
 * Values are to be minimised here (Optuna maximises the negation: the same numbers).
 */
import type { Box } from '../multiObjective/boxDecomposition';
import { normalCdf } from './acquisition';
import { SobolSequence } from './sobol';

/** Floor of each box side (Optuna's `_EPS`). */
const EPS = 1e-12;

/** Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation, polished by one Halley step on Φ. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a probability strictly between 0 and 1 is needed, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (coefficients: readonly number[], t: number): number => coefficients.reduce((sum, k) => sum * t + k, 0);
  let x: number;
  if (p < 0.02425 || p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p < 0.5 ? p : 1 - p));
    x = poly(c, q) / (poly(d, q) * q + 1);
    if (p > 0.5) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(a, r) * q) / (poly(b, r) * r + 1);
  }
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** `count` fixed standard-normal draws of `dim` coordinates, row-major, from a scrambled Sobol sequence. */
export function qmcNormalSamples(count: number, dim: number, seed: number): Float64Array {
  const sequence = new SobolSequence(dim, { seed });
  const samples = new Float64Array(count * dim);
  for (let s = 0; s < count; s++) {
    // A coordinate of exactly 0 would map to −∞: nudge it inside by half a grid step of the sequence.
    sequence.point(s).forEach((u, k) => (samples[s * dim + k] = normalQuantile(Math.min(Math.max(u, 2 ** -33), 1 - 2 ** -33))));
  }
  return samples;
}

export class LogEhvi {
  private readonly upper: Float64Array;
  /** upper − lower per box side, at least ε; +∞ where the box is open below. */
  private readonly width: Float64Array;
  private readonly draws: number;
  /** The normal draws by objective (objective k's draws contiguous), and one draw's y by objective. */
  private readonly columns: Float64Array;
  private readonly y: Float64Array;
  private readonly sides: Float64Array;

  /** `samples`: row-major standard-normal draws, one row of `objectives` per draw. */
  constructor(
    boxes: readonly Box[],
    samples: Float64Array,
    readonly objectives: number,
  ) {
    const m = objectives;
    this.upper = new Float64Array(boxes.length * m);
    this.width = new Float64Array(boxes.length * m);
    boxes.forEach((box, b) => {
      for (let k = 0; k < m; k++) {
        this.upper[b * m + k] = box.upper[k] as number;
        this.width[b * m + k] = Math.max(EPS, (box.upper[k] as number) - (box.lower[k] as number));
      }
    });
    this.draws = samples.length / m;
    this.columns = new Float64Array(samples.length);
    for (let s = 0; s < this.draws; s++) for (let k = 0; k < m; k++) this.columns[k * this.draws + s] = samples[s * m + k] as number;
    this.y = new Float64Array(samples.length);
    this.sides = new Float64Array(m);
  }

  /**
   * log EHVI for independent normal posteriors N(means_k, sigmas_k²), with its partial derivatives in
   * the means and standard deviations written into `dMeans` and `dSigmas` when given.
   */
  evaluate(means: ArrayLike<number>, sigmas: ArrayLike<number>, dMeans?: Float64Array, dSigmas?: Float64Array): number {
    const m = this.objectives;
    const draws = this.draws;
    const boxes = this.upper.length / m;
    const { y, upper, width, columns } = this;
    for (let k = 0; k < m; k++) {
      const mean = means[k] as number;
      const sigma = sigmas[k] as number;
      for (let s = k * draws, end = s + draws; s < end; s++) y[s] = mean + sigma * (columns[s] as number);
    }
    if (dMeans !== undefined && dSigmas !== undefined) return this.withGradient(boxes, dMeans, dSigmas);
    // Products, not sums of logs: every side is ≥ ε = 1e-12, so up to 4 objectives nothing underflows.
    let total = 0;
    for (let b = 0; b < boxes; b++) {
      for (let s = 0; s < draws; s++) {
        let volume = 1;
        for (let k = 0; k < m; k++) {
          let side = (upper[b * m + k] as number) - (y[k * draws + s] as number);
          const limit = width[b * m + k] as number;
          if (side > limit) side = limit;
          volume *= side < EPS ? EPS : side;
        }
        total += volume;
      }
    }
    return Math.log(total / draws);
  }

  private withGradient(boxes: number, dMeans: Float64Array, dSigmas: Float64Array): number {
    const m = this.objectives;
    const draws = this.draws;
    const { y, sides, upper, width, columns } = this;
    dMeans.fill(0);
    dSigmas.fill(0);
    let total = 0;
    for (let b = 0; b < boxes; b++) {
      for (let s = 0; s < draws; s++) {
        let volume = 1;
        for (let k = 0; k < m; k++) {
          const side = Math.max(EPS, Math.min((upper[b * m + k] as number) - (y[k * draws + s] as number), width[b * m + k] as number));
          sides[k] = side;
          volume *= side;
        }
        total += volume;
        for (let k = 0; k < m; k++) {
          const side = sides[k] as number;
          // The side moves with y_k only between its two clamps: ∂volume/∂y_k = −volume/side there.
          if (side <= EPS || side >= (width[b * m + k] as number)) continue;
          const slope = -volume / side;
          dMeans[k] = (dMeans[k] as number) + slope;
          dSigmas[k] = (dSigmas[k] as number) + slope * (columns[k * draws + s] as number);
        }
      }
    }
    for (let k = 0; k < m; k++) {
      dMeans[k] = (dMeans[k] as number) / total;
      dSigmas[k] = (dSigmas[k] as number) / total;
    }
    return Math.log(total / draws);
  }
}
