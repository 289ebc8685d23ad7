/**
 * Quasi-Monte Carlo search, after Optuna 3.1's QMCSampler: trial n takes point n of a scrambled Sobol
 * (default) or Halton sequence over the whole search space, so the first trials cover the space far
 * more evenly than independent random draws, with no model to fit.
 *
 * Where this differs from Optuna, and why:
 * - The space is the study's declared space (less single-valued parameters), not the space of the
 *   first trial: Tuneboard always knows the space up front, so trial 0 is a QMC point too instead of an
 *   independent random draw, and the dimensions are fixed for the study's life.
 * - The point index is the trial number rather than a counter in the study's system attrs: parallel
 *   asks (numbered in turn under the storage lock) and resumed studies continue the sequence without
 *   repeating a point, and a trial added by another process simply uses its number's point up.
 * - Categorical parameters are part of the sequence (choice ⌊u·k⌋), where Optuna samples them at random.
 * - In a conditional space every branch's params are dimensions, and a trial uses a param's coordinate
 *   only when the param is active, so a branch's trials still spread its params evenly (Optuna's space
 *   is the first trial's, which leaves other branches' params to random draws).
 *
 * Like Optuna's, a scrambled sequence is only the same across processes when they share the seed: with
 * no seed each process scrambles its own way; with one, the scramble must come from the configured seed
 * rather than the per-resume one the study mixes (`SamplerContext.studySeed` carries it). Sobol's balance holds for 2^m points, so budgets that
 * are powers of two get the most out of it. Parameters past the bundled Sobol direction numbers
 * (SOBOL_MAX_DIMENSION) are sampled independently at random.
 */
import { isSingle, type Distribution, type ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import { HaltonSequence } from './halton';
import { clamp, RandomSampler, roundToStep } from './random';
import type { Sampler, SearchSpace, StudyView } from './sampler';
import { SOBOL_MAX_DIMENSION, SobolSequence, type LowDiscrepancySequence } from './sobol';
import type { QmcSamplerSpec } from './spec';

export type QmcType = NonNullable<QmcSamplerSpec['qmc_type']>;
export type QmcSamplerOptions = { readonly seed?: number } & Omit<QmcSamplerSpec, 'type'>;

export class QmcSampler implements Sampler {
  readonly name = 'qmc';
  readonly qmcType: QmcType;
  readonly scramble: boolean;
  private readonly seed: number;
  private readonly randomSampler: RandomSampler;
  private sequence: LowDiscrepancySequence | null = null;

  constructor(options: QmcSamplerOptions = {}) {
    this.qmcType = options.qmc_type ?? 'sobol';
    this.scramble = options.scramble ?? true;
    const rng = new Rng(options.seed);
    this.seed = options.seed ?? rng.nextUint32();
    this.randomSampler = new RandomSampler({ rng: rng.fork() });
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    const space: Record<string, Distribution> = {};
    let dimensions = 0;
    for (const [name, distribution] of Object.entries(study.searchSpace)) {
      // Optuna too leaves single-valued parameters out: they would waste a dimension.
      if (isSingle(distribution)) continue;
      if (this.qmcType === 'sobol' && dimensions >= SOBOL_MAX_DIMENSION) break;
      space[name] = distribution;
      dimensions++;
    }
    return space;
  }

  sampleRelative(_study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const names = Object.keys(space);
    if (names.length === 0) return {};
    const point = this.sequenceOf(names.length).point(trial.number);
    const params: Record<string, ParamValue> = {};
    names.forEach((name, dim) => (params[name] = fromUnitInterval(space[name] as Distribution, point[dim] as number)));
    return params;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    return this.randomSampler.sampleIndependent(study, trial, name, distribution);
  }

  private sequenceOf(dimension: number): LowDiscrepancySequence {
    if (this.sequence?.dimension !== dimension) {
      const options = { scramble: this.scramble, seed: this.seed };
      this.sequence = this.qmcType === 'halton' ? new HaltonSequence(dimension, options) : new SobolSequence(dimension, options);
    }
    return this.sequence;
  }
}

/**
 * A coordinate u in [0, 1) → a value of the distribution, uniform in its internal representation as
 * Optuna's `_SearchSpaceTransform` maps it: log ranges in log space, and k equally likely values for
 * steps, ints and categoricals (⌊u·k⌋), so a coordinate's strata map onto the values evenly. Log ints
 * span [low − ½, high + ½] in log space before rounding, as the random sampler does.
 */
export function fromUnitInterval(d: Distribution, u: number): ParamValue {
  const pick = (count: number): number => Math.min(count - 1, Math.floor(u * count));
  switch (d.type) {
    case 'categorical':
      return d.choices[pick(d.choices.length)] ?? null;
    case 'int': {
      if (d.log) return clamp(Math.round(Math.exp(lerp(Math.log(d.low - 0.5), Math.log(d.high + 0.5), u))), d.low, d.high);
      return d.low + pick(Math.floor((d.high - d.low) / d.step) + 1) * d.step;
    }
    case 'float': {
      if (d.low === d.high) return d.low;
      if (d.log) return clamp(Math.exp(lerp(Math.log(d.low), Math.log(d.high), u)), d.low, d.high);
      if (d.step !== null) return roundToStep(d.low + pick(Math.round((d.high - d.low) / d.step) + 1) * d.step, d.low, d.high, d.step);
      return clamp(lerp(d.low, d.high, u), d.low, d.high);
    }
  }
}

function lerp(low: number, high: number, u: number): number {
  return low + (high - low) * u;
}
