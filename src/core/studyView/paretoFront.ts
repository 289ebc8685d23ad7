/**
 * "Best" for several objectives: the Pareto front, by Optuna's rules (`study.best_trials`). A trial
 * dominates another when it is no worse on every objective and not equal on all of them. The front is
 * the complete trials no other dominates. Like Optuna from 3.2 on (3.1 ignored constraints here), only
 * feasible trials count: an infeasible trial is never on the front and never pushes one off it.
 */
import type { Direction, TrialState } from '../trial';
import { type AttrTrial, isFeasible } from './trialAttrs';

/** What the front needs of a trial: the journal's FrozenTrial and the leaderboard's rows both fit. */
export interface ParetoTrial extends AttrTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly values: readonly number[] | null;
}

/** Optuna's `_dominates` on values: `a` is no worse than `b` on every objective and differs on one. */
export function dominates(directions: readonly Direction[], a: readonly number[], b: readonly number[]): boolean {
  let differs = false;
  for (let i = 0; i < directions.length; i++) {
    const sign = directions[i] === 'maximize' ? -1 : 1;
    const x = sign * (a[i] as number);
    const y = sign * (b[i] as number);
    if (x > y) return false;
    if (x !== y) differs = true;
  }
  return differs;
}

/** The trials a front is drawn from: complete, with one value per objective, feasible. */
export function isParetoCandidate(trial: ParetoTrial, objectives: number): boolean {
  return trial.state === 'complete' && trial.values !== null && trial.values.length === objectives && isFeasible(trial);
}

/** The Pareto front of the complete, feasible trials, in number order. */
export function paretoFront<T extends ParetoTrial>(trials: readonly T[], directions: readonly Direction[]): T[] {
  const candidates = trials.filter((trial) => isParetoCandidate(trial, directions.length));
  return candidates.filter((trial) => !candidates.some((other) => dominates(directions, other.values as number[], trial.values as number[])));
}
