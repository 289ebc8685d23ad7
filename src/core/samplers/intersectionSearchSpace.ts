/**
 * Optuna's IntersectionSearchSpace (include_pruned=True): the parameters every finished (complete or
 * pruned) trial has, with the same distribution in all of them. A parameter whose range changed
 * between trials drops out. Incremental: each call only folds in trials that finished since the last.
 */
import { choiceKey, type Distribution } from '../distributions';
import type { FrozenTrial } from '../trial';
import type { SearchSpace } from './sampler';

export class IntersectionSearchSpace {
  /** Trials numbered below this are folded in already (a running one stops the cursor). */
  private cursor = -1;
  private space: Record<string, Distribution> | null = null;

  /** `trials` in number order, as `StudyView.getTrials()` gives them. */
  calculate(trials: readonly FrozenTrial[]): SearchSpace {
    let nextCursor = trials.length > 0 ? (trials[trials.length - 1] as FrozenTrial).number + 1 : -1;
    for (let i = trials.length - 1; i >= 0; i--) {
      const trial = trials[i] as FrozenTrial;
      if (this.cursor > trial.number) break;
      if (trial.state === 'running' || trial.state === 'waiting') {
        // Not finished yet: look at it again next time.
        nextCursor = trial.number;
        continue;
      }
      if (trial.state !== 'complete' && trial.state !== 'pruned') continue;
      if (this.space === null) {
        this.space = { ...trial.distributions };
        continue;
      }
      for (const [name, distribution] of Object.entries(this.space)) {
        const other = trial.distributions[name];
        if (!other || !sameDistribution(distribution, other)) delete this.space[name];
      }
    }
    this.cursor = nextCursor;
    return { ...(this.space ?? {}) };
  }
}

/** Full equality (bounds, step, log, choices), as Optuna's distribution `==`. */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a === b) return true;
  if (a.type === 'categorical' || b.type === 'categorical') {
    if (a.type !== 'categorical' || b.type !== 'categorical' || a.choices.length !== b.choices.length) return false;
    return a.choices.every((c, i) => choiceKey(c) === choiceKey(b.choices[i] ?? null));
  }
  return a.type === b.type && a.low === b.low && a.high === b.high && a.log === b.log && a.step === b.step;
}
