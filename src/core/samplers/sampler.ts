/**
 * The sampler seam, after Optuna's BaseSampler. For each new trial the study asks the sampler for a
 * relative search space, samples it jointly with `sampleRelative`, and samples every parameter left
 * over one by one with `sampleIndependent`. Samplers only ever see frozen trials.
 */
import type { Distribution, ParamValue } from '../distributions';
import type { Direction, FrozenTrial, JsonValue, TrialState } from '../trial';

/** An ordered map of parameter name → distribution (in a conditional space, parents before children). */
export type SearchSpace = Readonly<Record<string, Distribution>>;

/** One condition of a conditional param: `parent` is active and holds one of `values`. */
export interface ActiveWhen {
  readonly parent: string;
  readonly values: readonly ParamValue[];
}

/** Param name → the conditions that must all hold for it to be active; params not listed are always active. */
export type SpaceConditions = Readonly<Record<string, readonly ActiveWhen[]>>;

/** What a sampler may read of a study. */
export interface StudyView {
  readonly name: string;
  /** The first objective's direction (the only one of a single-objective study). */
  readonly direction: Direction;
  /** One per objective. */
  readonly directions: readonly Direction[];
  /** The study's full search space, in declaration order (parents before the params they condition). */
  readonly searchSpace: SearchSpace;
  /**
   * When each conditional param is active (activeParams.ts); absent or empty for a flat space. An
   * inactive param is absent from a trial's params and distributions.
   */
  readonly conditions?: SpaceConditions;
  /** Trials in number order, optionally filtered by state; running trials included unless filtered. */
  getTrials(states?: readonly TrialState[]): readonly FrozenTrial[];
}

export interface Sampler {
  /** Name as written in configs and journals (`tpe`, `random`, …). */
  readonly name: string;
  /**
   * Called for each new trial (and each enqueued one as it starts) before its params are sampled, as
   * Optuna's `before_trial`: the system attrs returned (NSGA-II's generation) are written in the append
   * that creates the trial, and the sampler's later calls see them on the trial.
   */
  beforeTrial?(study: StudyView, trial: FrozenTrial): Readonly<Record<string, JsonValue>>;
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): SearchSpace;
  /** Joint sample of the relative space; may return fewer params than asked (the rest go independent). */
  sampleRelative(study: StudyView, trial: FrozenTrial, space: SearchSpace): Record<string, ParamValue>;
  sampleIndependent(study: StudyView, trial: FrozenTrial, name: string, distribution: Distribution): ParamValue;
  /** Called once a trial has finished (complete, pruned or failed). */
  afterTrial?(study: StudyView, trial: FrozenTrial): void;
  /** For finite samplers (grid): true once no new point is left to hand out. */
  isExhausted?(study: StudyView): boolean;
}

/** Thrown by `ask()` when a finite sampler has handed out every point. */
export class SearchExhaustedError extends Error {
  override name = 'SearchExhaustedError';
}
