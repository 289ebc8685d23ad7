/**
 * The pruner seam, after Optuna's BasePruner: after each intermediate report the study asks
 * `prune(study, trial)`. The decision says whether to stop the trial (it is then recorded as pruned)
 * and which system attrs to store on the trial first: Optuna's ASHA writes `completed_rung_{k}`
 * from inside `prune`, but here the seam stays synchronous and pure, so the study writes them.
 */
import type { StudyView } from '../samplers/sampler';
import type { FrozenTrial, JsonValue } from '../trial';

export interface PruneDecision {
  readonly prune: boolean;
  /** Attrs to store on the trial before acting on the decision, whatever it is. */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

export interface Pruner {
  /** Name as written in configs (`none`, `median`, …). */
  readonly name: string;
  /**
   * `trial` is running and holds every intermediate value and system attr recorded so far. Its
   * intermediate values hold the first objective only (as Optuna's); in a multi-objective study
   * `objectiveValues` is every objective's value at the trial's latest step, in the study's order,
   * when the trial reported them all.
   */
  prune(study: StudyView, trial: FrozenTrial, objectiveValues?: readonly number[]): PruneDecision;
  /**
   * The part of the study the sampler may see when sampling `trial` (Optuna's `_filter_study`):
   * Hyperband shows only the trial's bracket. Absent: the whole study.
   */
  filterStudy?(study: StudyView, trial: FrozenTrial): StudyView;
}

/** A decision that changes nothing. */
export const KEEP_GOING: PruneDecision = Object.freeze({ prune: false, systemAttrs: Object.freeze({}) });
/** Stop the trial, recording nothing. */
export const STOP: PruneDecision = Object.freeze({ prune: true, systemAttrs: Object.freeze({}) });

/** `pruner: none`: every trial runs to the end. */
export class NopPruner implements Pruner {
  readonly name = 'none';
  prune(): PruneDecision {
    return KEEP_GOING;
  }
}
