/**
 * The pruner seam, after Optuna's BasePruner: after each intermediate report the study asks
 * `prune(study, trial)`; true stops the trial, which is then recorded as pruned.
 */
import type { StudyView } from '../samplers/sampler';
import type { FrozenTrial } from '../trial';

export interface Pruner {
  /** Name as written in configs (`none`, `median`, …). */
  readonly name: string;
  /** `trial` is running and holds every intermediate value reported so far. */
  prune(study: StudyView, trial: FrozenTrial): boolean;
}

/** `pruner: none`: every trial runs to the end. */
export class NopPruner implements Pruner {
  readonly name = 'none';
  prune(): boolean {
    return false;
  }
}
