/**
 * Tree-structured Parzen Estimator, following Optuna's TPESampler (`optuna/samplers/_tpe/sampler.py`):
 * after `n_startup_trials` random trials, the finished trials are split into the best gamma(n)
 * ("below") and the rest ("above"); a Parzen estimator is fitted to each, `n_ei_candidates` points are
 * drawn from l(x) (below), and the one maximising log l(x) − log g(x) (the EI-equivalent ratio) is
 * returned. `multivariate` samples the intersection search space jointly, and parameters outside it
 * one by one with the same estimator settings, as Optuna does.
 *
 * Conditional spaces (docs/algorithms.md §8): a trial lacking a param still counts in the split and
 * is then left out of the estimators over that param, as in Optuna. `group` samples each group of
 * params that always appear together jointly (groupDecomposedSearchSpace.ts), so a branch's params
 * are modelled together where the intersection would leave them to one-by-one draws.
 *
 * Defaults are today's Optuna (5.0): multivariate with one objective, univariate with several, the
 * constant liar on, and the estimator rules of parzenKernels.ts ('current'). `compat: 'optuna31'`
 * reproduces Optuna 3.1.0 instead: univariate, no liar, 3.1's kernels. Options written out win in
 * either mode. docs/algorithms.md (TPE) lists every rule and difference.
 *
 * Several objectives and constraints (tpeObservations.ts, tpeSplit.ts): below is chosen by
 * non-dominated rank and hypervolume subset selection. Under 3.1's rules gamma is capped at 25 and
 * l(x) weighs each below trial by its hypervolume contribution; under today's, gamma is a tenth
 * uncapped and the below trials weigh alike. In a study whose trials carry constraint values,
 * feasible trials come first and infeasible ones by how much they violate (3.1's split, in both
 * modes; docs/algorithms.md says how today's Optuna differs).
 *
 * The liar counts every running trial as a worst-scored "above" observation, which pushes g(x) up
 * where another worker is already evaluating; with no running trials it changes nothing.
 */
import { isSingle, toInternal, type Distribution, type ParamValue } from '../distributions';
import { Rng } from '../rng';
import type { FrozenTrial } from '../trial';
import { GroupDecomposedSearchSpace } from './groupDecomposedSearchSpace';
import { IntersectionSearchSpace } from './intersectionSearchSpace';
import { ParzenEstimator, type KernelRules, type ParzenEstimatorParameters } from './parzenEstimator';
import { RandomSampler } from './random';
import type { Sampler, SearchSpace, StudyView } from './sampler';
import type { TpeSamplerSpec } from './spec';
import { collectObservations, sameRankingKeys, type TpeObservations } from './tpeObservations';
import { compareAscending, splitTpeObservations, type TpeSplit } from './tpeSplit';

export { observationScore } from './tpeObservations';

export type TpeSamplerOptions = { readonly seed?: number } & Omit<TpeSamplerSpec, 'type'> & {
  /** Use the trials' constraint values or not; default: once some finished trial carries them. */
  readonly constrained?: boolean;
};

/** The two estimators of one TPE step and the split they were fitted to. */
export interface TpeEstimators {
  readonly observations: TpeObservations;
  readonly split: TpeSplit;
  /** l(x), fitted to the below trials (with the split's below weights when it has them). */
  readonly below: ParzenEstimator;
  /** g(x), fitted to the above trials. */
  readonly above: ParzenEstimator;
}

/** Optuna's `default_gamma`: the size of the "below" set for n finished trials. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Today's Optuna with several objectives (`default_gamma_multiobjective`): a tenth, uncapped. */
export function multiObjectiveGamma(n: number): number {
  return Math.ceil(0.1 * n);
}

export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly rng: Rng;
  private readonly randomSampler: RandomSampler;
  /** Explicitly set, or null: decided by the study (today's default) — jointly with one objective. */
  private readonly multivariate: boolean | null;
  private readonly rules: KernelRules;
  private readonly constantLiar: boolean;
  private readonly constrained: boolean | undefined;
  private readonly nStartupTrials: number;
  private readonly nEiCandidates: number;
  private readonly parzen: Omit<ParzenEstimatorParameters, 'multivariate'>;
  private readonly group: boolean;
  private intersection = new IntersectionSearchSpace();
  private groupSpace = new GroupDecomposedSearchSpace();
  /** With `group`: the relative groups of the trial being sampled, from inferRelativeSearchSpace. */
  private groups: SearchSpace[] = [];
  private intersectionStudy: string | null = null;
  private lastSplit: { observations: TpeObservations; split: TpeSplit } | null = null;

  constructor(options: TpeSamplerOptions = {}) {
    this.rng = new Rng(options.seed);
    this.randomSampler = new RandomSampler({ rng: this.rng.fork() });
    const optuna31 = options.compat === 'optuna31';
    this.rules = optuna31 ? 'optuna31' : 'current';
    this.multivariate = options.multivariate ?? (optuna31 ? false : null);
    this.group = options.group ?? false;
    this.constantLiar = options.constant_liar ?? !optuna31;
    this.constrained = options.constrained;
    this.nStartupTrials = options.n_startup_trials ?? 10;
    this.nEiCandidates = options.n_ei_candidates ?? 24;
    this.parzen = {
      considerPrior: options.consider_prior ?? true,
      priorWeight: options.prior_weight ?? 1.0,
      considerMagicClip: options.consider_magic_clip ?? true,
      considerEndpoints: options.consider_endpoints ?? false,
      rules: this.rules,
    };
  }

  /** Unless set: jointly with one objective, or with `group` (which only multivariate TPE has). */
  private isMultivariate(study: StudyView): boolean {
    return this.multivariate ?? (this.group || study.directions.length === 1);
  }

  inferRelativeSearchSpace(study: StudyView): SearchSpace {
    if (!this.isMultivariate(study)) return {};
    if (this.intersectionStudy !== study.name) {
      this.intersection = new IntersectionSearchSpace();
      this.groupSpace = new GroupDecomposedSearchSpace();
      this.intersectionStudy = study.name;
    }
    if (this.group) {
      this.groups = this.groupSpace.calculate(study.getTrials()).map((group) => relativeGroup(group, study.searchSpace));
      return Object.assign({}, ...this.groups) as SearchSpace;
    }
    const space: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(this.intersection.calculate(study.getTrials()))) if (!isSingle(d)) space[name] = d;
    return space;
  }

  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
    if (!this.group) return this.sampleJointly(study, trial, space);
    // Optuna 3.1 draws every group at the trial's start, whichever branch the trial then takes; the
    // study uses the draws of the params that turn out active.
    const params: Record<string, ParamValue> = {};
    for (const group of this.groups) {
      const asked = Object.fromEntries(Object.entries(group).filter(([name]) => Object.hasOwn(space, name)));
      Object.assign(params, this.sampleJointly(study, trial, asked));
    }
    return params;
  }

  private sampleJointly(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue> {
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
    const estimators = this.fitEstimators(study, trial, names, distributions);
    if (estimators === null) return null;
    const { below, above } = estimators;
    const candidates = below.sample(this.rng, this.nEiCandidates);
    const logL = below.logPdf(candidates);
    const logG = above.logPdf(candidates);
    let best = 0;
    for (let i = 1; i < this.nEiCandidates; i++) {
      if ((logL[i] as number) - (logG[i] as number) > (logL[best] as number) - (logG[best] as number)) best = i;
    }
    return candidates.map((column) => column[best] as number);
  }

  /**
   * The split and the below/above estimators TPE would fit over `names` for `trial` (null in the
   * startup phase): Optuna's `_sample_relative` / `sample_independent` up to sampling.
   */
  fitEstimators(study: StudyView, trial: FrozenTrial, names: readonly string[], distributions: readonly Distribution[]): TpeEstimators | null {
    const { observations, split } = this.observe(study, trial);
    if (split.nFinished < this.nStartupTrials) return null;
    const { trials } = observations;
    const parzen = { ...this.parzen, multivariate: this.isMultivariate(study) };
    const belowData = gatherObservations(trials, split.below, names, distributions, split.belowWeights);
    const below = new ParzenEstimator(belowData.columns, distributions, parzen, belowData.weights);
    const above = new ParzenEstimator(gatherColumns(trials, split.above, names, distributions), distributions, parzen);
    return { observations, split, below, above };
  }

  /** The observed trials and their below/above split, reused while the ranking keys are unchanged. */
  private observe(study: StudyView, trial: FrozenTrial): { observations: TpeObservations; split: TpeSplit } {
    const observations = collectObservations(study, trial, { constantLiar: this.constantLiar, constrained: this.constrained });
    // The cached split holds indices, which stay valid for new observations with the same keys.
    if (!this.lastSplit || !sameRankingKeys(this.lastSplit.observations, observations)) this.lastSplit = { observations, split: this.split(observations) };
    return { observations, split: this.lastSplit.split };
  }

  /**
   * Today's Optuna gives several objectives an uncapped gamma and weighs every below trial alike (in
   * trial order); 3.1 caps gamma at 25 and weighs below trials by hypervolume contribution.
   */
  private split(observations: TpeObservations): TpeSplit {
    if (this.rules === 'optuna31' || observations.nObjectives === 1) return splitTpeObservations(observations, defaultGamma);
    const split = splitTpeObservations(observations, multiObjectiveGamma);
    return { ...split, below: Int32Array.from(split.below).sort(), belowWeights: new Float64Array(split.below.length).fill(1) };
  }
}

/**
 * A group as TPE samples it: names in code-point order (Optuna sorts them), single-valued params
 * left out, and each param with the study's current distribution, dropped when the study no longer
 * has it. Optuna keeps the distribution of the first trial that had the param (and a draw outside the
 * param's current range falls back to an independent one); taking the current one avoids that draw.
 */
function relativeGroup(group: SearchSpace, current: SearchSpace): SearchSpace {
  const names = Object.keys(group).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const space: Record<string, Distribution> = {};
  for (const name of names) {
    const distribution = current[name];
    if (distribution !== undefined && !isSingle(distribution)) space[name] = distribution;
  }
  return space;
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
 * Optuna's `_split_observation_pairs` for one objective without constraints: a stable lexicographic
 * sort on (step, score); the first gamma(n) are "below", the rest "above". Running trials (step +∞)
 * therefore always land above.
 */
export function splitObservations(steps: Float64Array, scores: Float64Array, gamma: (n: number) => number): Split {
  let nFinished = 0;
  for (const step of steps) if (step < Infinity) nFinished++;
  const order = Array.from({ length: steps.length }, (_, i) => i);
  order.sort((a, b) => compareAscending(steps[a] as number, steps[b] as number) || compareAscending(scores[a] as number, scores[b] as number) || a - b);
  const nBelow = Math.min(gamma(nFinished), order.length);
  const below = Int32Array.from(order.slice(0, nBelow)).sort();
  const above = Int32Array.from(order.slice(nBelow)).sort();
  return { steps, scores, nFinished, below, above };
}

/**
 * Columns of internal values (categorical: choice index) for the trials at `indices` that have every
 * one of `names` with a value the distribution admits (Optuna's `param_mask`). A value outside the
 * current range, left by an earlier range of the same parameter, is skipped rather than fitted.
 */
export function gatherColumns(trials: readonly FrozenTrial[], indices: Int32Array, names: readonly string[], distributions: readonly Distribution[]): Float64Array[] {
  return gatherObservations(trials, indices, names, distributions, null).columns;
}

/** `gatherColumns`, and the `weights` (one per index) of the trials kept. */
export function gatherObservations(
  trials: readonly FrozenTrial[],
  indices: Int32Array,
  names: readonly string[],
  distributions: readonly Distribution[],
  weights: Float64Array | null,
): { columns: Float64Array[]; weights: Float64Array | null } {
  const columns = names.map(() => new Float64Array(indices.length));
  const keptWeights = weights === null ? null : new Float64Array(indices.length);
  let kept = 0;
  indices.forEach((index, k) => {
    const trial = trials[index] as FrozenTrial;
    let d = 0;
    for (; d < names.length; d++) {
      const value = internalValue(distributions[d] as Distribution, trial.params[names[d] as string]);
      if (Number.isNaN(value)) break;
      (columns[d] as Float64Array)[kept] = value;
    }
    if (d < names.length) return;
    if (keptWeights !== null) keptWeights[kept] = (weights as Float64Array)[k] as number;
    kept++;
  });
  return { columns: columns.map((column) => column.subarray(0, kept)), weights: keptWeights?.subarray(0, kept) ?? null };
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
