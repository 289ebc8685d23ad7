/**
 * Tree-structured Parzen Estimator, following Optuna 3.1.0's TPESampler
 * (`optuna/samplers/_tpe/sampler.py`): after `n_startup_trials` random trials, the finished trials are
 * split into the best gamma(n) ("below") and the rest ("above"); a Parzen estimator is fitted to each,
 * `n_ei_candidates` points are drawn from l(x) (below), and the one maximising log l(x) − log g(x)
 * (the EI-equivalent ratio) is returned. Univariate by default; `multivariate` samples the
 * intersection search space jointly, and parameters outside it one by one with the same estimator
 * settings (so with the multivariate bandwidth, as Optuna does).
 *
 * `constant_liar` defaults to true here (Optuna 3.1: false). Workers that ask in parallel before the
 * others tell would otherwise see the same history, fit the same estimators and crowd onto one point;
 * the liar counts every running trial as a worst-scored "above" observation, which pushes g(x) up where
 * another worker is already evaluating. With no running trials it changes nothing, so sequential
 * studies follow Optuna 3.1.0's rules exactly (the random streams differ, not the distributions).
 */
import { isSingle, toInternal, type Distribution, type ParamValue } from '../distributions';
import { Rng } from '../rng';
import { lastStep, type FrozenTrial } from '../trial';
import { IntersectionSearchSpace } from './intersectionSearchSpace';
import { ParzenEstimator, type ParzenEstimatorParameters } from './parzenEstimator';
import { RandomSampler } from './random';
import type { Sampler, SearchSpace, StudyView } from './sampler';
import type { TpeSamplerSpec } from './spec';

export type TpeSamplerOptions = { readonly seed?: number } & Omit<TpeSamplerSpec, 'type'>;

/** Optuna's `default_gamma`: the size of the "below" set for n finished trials. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly rng: Rng;
  private readonly randomSampler: RandomSampler;
  private readonly multivariate: boolean;
  private readonly constantLiar: boolean;
  private readonly nStartupTrials: number;
  private readonly nEiCandidates: number;
  private readonly parzen: ParzenEstimatorParameters;
  private intersection = new IntersectionSearchSpace();
  private intersectionStudy: string | null = null;
  private lastSplit: Split | null = null;

  constructor(options: TpeSamplerOptions = {}) {
    this.rng = new Rng(options.seed);
    this.randomSampler = new RandomSampler({ rng: this.rng.fork() });
    this.multivariate = options.multivariate ?? false;
    this.constantLiar = options.constant_liar ?? true;
    this.nStartupTrials = options.n_startup_trials ?? 10;
    this.nEiCandidates = options.n_ei_candidates ?? 24;
    this.parzen = {
      considerPrior: options.consider_prior ?? true,
      priorWeight: options.prior_weight ?? 1.0,
      considerMagicClip: options.consider_magic_clip ?? true,
      considerEndpoints: options.consider_endpoints ?? false,
      multivariate: this.multivariate,
      // Optuna 3.1.0's unnormalised continuous kernels: besides matching 3.1.0, they gave lower mean
      // regret than true densities on all six problems of bench/samplers.mjs (100 seeds each).
      normalizeContinuousKernels: false,
    };
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    if (!this.multivariate) return {};
    if (this.intersectionStudy !== study.name) {
      this.intersection = new IntersectionSearchSpace();
      this.intersectionStudy = study.name;
    }
    const space: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(this.intersection.calculate(study.getTrials()))) if (!isSingle(d)) space[name] = d;
    return space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    const names = Object.keys(space);
    if (names.length === 0) return {};
    const distributions = names.map((name) => space[name] as Distribution);
    const values = this.sampleTpe(study, trial, names, distributions);
    if (values === null) return {};
    const params: Record<string, ParamValue> = {};
    names.forEach((name, d) => (params[name] = toExternalValue(distributions[d] as Distribution, values[d] as number)));
    return params;
  }

  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue {
    if (isSingle(distribution)) return distribution.type === 'categorical' ? (distribution.choices[0] ?? null) : distribution.low;
    const values = this.sampleTpe(study, trial, [name], [distribution]);
    if (values === null) return this.randomSampler.sampleIndependent(study, trial, name, distribution);
    return toExternalValue(distribution, values[0] as number);
  }

  /** One TPE step over the given dimensions, or null while still in the startup phase. */
  private sampleTpe(study: StudyView, trial: FrozenTrial, names: readonly string[], distributions: readonly Distribution[]): number[] | null {
    const { trials, split } = this.observe(study, trial);
    if (split.nFinished < this.nStartupTrials) return null;
    const below = new ParzenEstimator(gatherColumns(trials, split.below, names, distributions), distributions, this.parzen);
    const above = new ParzenEstimator(gatherColumns(trials, split.above, names, distributions), distributions, this.parzen);
    const candidates = below.sample(this.rng, this.nEiCandidates);
    const logL = below.logPdf(candidates);
    const logG = above.logPdf(candidates);
    let best = 0;
    for (let i = 1; i < this.nEiCandidates; i++) {
      if ((logL[i] as number) - (logG[i] as number) > (logL[best] as number) - (logG[best] as number)) best = i;
    }
    return candidates.map((column) => column[best] as number);
  }

  /** The observed trials and their below/above split, reused while the ranking keys are unchanged. */
  private observe(study: StudyView, trial: FrozenTrial): { trials: FrozenTrial[]; split: Split } {
    const states = this.constantLiar ? (['complete', 'pruned', 'running'] as const) : (['complete', 'pruned'] as const);
    // The trial being sampled may already be listed as running; it is never its own observation.
    const trials = study.getTrials(states).filter((t) => t.number !== trial.number && (t.state !== 'complete' || t.value !== null));
    const sign = study.direction === 'minimize' ? 1 : -1;
    const steps = new Float64Array(trials.length);
    const scores = new Float64Array(trials.length);
    trials.forEach((t, i) => {
      [steps[i], scores[i]] = observationScore(t, sign);
    });
    if (!this.lastSplit || !sameKeys(this.lastSplit, steps, scores)) this.lastSplit = splitObservations(steps, scores, defaultGamma);
    return { trials, split: this.lastSplit };
  }
}

/**
 * Optuna's `(step, score)` ranking key, compared lexicographically: complete trials (−∞, sign·value)
 * rank before pruned ones (−last step, sign·last intermediate value), deeper pruned before shallower,
 * and running trials (+∞, sign·∞) last.
 */
export function observationScore(trial: FrozenTrial, sign: number): [number, number] {
  if (trial.state === 'complete') return [-Infinity, sign * (trial.value as number)];
  if (trial.state === 'running') return [Infinity, sign * Infinity];
  const step = lastStep(trial);
  if (step === null) return [1, 0];
  const value = trial.intermediateValues.get(step) as number;
  return [-step, Number.isNaN(value) ? Infinity : sign * value];
}

function toExternalValue(d: Distribution, value: number): ParamValue {
  if (d.type === 'categorical') return d.choices[value] ?? null;
  return d.type === 'int' ? Math.round(value) : value;
}

export interface Split {
  readonly steps: Float64Array;
  readonly scores: Float64Array;
  /** Complete and pruned observations: what the startup phase and gamma count. */
  readonly nFinished: number;
  /** Indices into the observations, each set in chronological order. */
  readonly below: Int32Array;
  readonly above: Int32Array;
}

/**
 * Optuna's `_split_observation_pairs`: a stable lexicographic sort on (step, score); the first
 * gamma(n) are "below", the rest "above". Running trials (step +∞) therefore always land above.
 */
export function splitObservations(steps: Float64Array, scores: Float64Array, gamma: (n: number) => number): Split {
  let nFinished = 0;
  for (const step of steps) if (step < Infinity) nFinished++;
  const order = Array.from({ length: steps.length }, (_, i) => i);
  order.sort((a, b) => compareKeys(steps[a] as number, steps[b] as number) || compareKeys(scores[a] as number, scores[b] as number) || a - b);
  const nBelow = Math.min(gamma(nFinished), order.length);
  const below = Int32Array.from(order.slice(0, nBelow)).sort();
  const above = Int32Array.from(order.slice(nBelow)).sort();
  return { steps, scores, nFinished, below, above };
}

/** Ascending, NaN last (numpy's sort order). */
function compareKeys(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
}

function sameKeys(split: Split, steps: Float64Array, scores: Float64Array): boolean {
  if (split.steps.length !== steps.length) return false;
  for (let i = 0; i < steps.length; i++) {
    if (!Object.is(split.steps[i], steps[i]) || !Object.is(split.scores[i], scores[i])) return false;
  }
  return true;
}

/**
 * Columns of internal values (categorical: choice index) for the trials at `indices` that have every
 * one of `names` with a value the distribution admits (Optuna's `param_mask`). A value outside the
 * current range, left by an earlier range of the same parameter, is skipped rather than fitted.
 */
export function gatherColumns(trials: readonly FrozenTrial[], indices: Int32Array, names: readonly string[], distributions: readonly Distribution[]): Float64Array[] {
  const columns = names.map(() => new Float64Array(indices.length));
  let kept = 0;
  for (const index of indices) {
    const trial = trials[index] as FrozenTrial;
    let d = 0;
    for (; d < names.length; d++) {
      const value = internalValue(distributions[d] as Distribution, trial.params[names[d] as string]);
      if (Number.isNaN(value)) break;
      (columns[d] as Float64Array)[kept] = value;
    }
    if (d === names.length) kept++;
  }
  return columns.map((column) => column.subarray(0, kept));
}

function internalValue(d: Distribution, value: ParamValue | undefined): number {
  if (value === undefined) return NaN;
  if (d.type === 'categorical') {
    try {
      return toInternal(d, value);
    } catch {
      return NaN;
    }
  }
  return typeof value === 'number' && value >= d.low && value <= d.high ? value : NaN;
}
