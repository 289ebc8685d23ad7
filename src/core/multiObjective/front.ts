/**
 * The Pareto front of a study's complete trials: Optuna 3.1's `_get_pareto_front_trials` (what its
 * `study.best_trials` returns), a sort-and-sweep for two objectives and a pairwise check otherwise,
 * both returning trials in number order. Optuna 3.1 ignores constraints here; `feasibleOnly` applies
 * the rule later Optuna versions use for `best_trials` (see `feasibleTrials`).
 */
import type { Direction, FrozenTrial } from '../trial';
import { constraintValues } from '../studyView/trialAttrs';
import { satisfiesConstraints, toMinimized, trialDominates, valuesOf } from './dominance';
import { hypervolume, toMinimizedPoint } from './hypervolume';

export interface FrontOptions {
  /** Only feasible trials take part (default false: every complete trial, as Optuna 3.1). */
  readonly feasibleOnly?: boolean;
}

/** The complete trials no other complete trial dominates, in number order. */
export function paretoFront(trials: readonly FrozenTrial[], directions: readonly Direction[], options: FrontOptions = {}): FrozenTrial[] {
  let complete = trials.filter((t) => t.state === 'complete');
  if (options.feasibleOnly) complete = feasibleTrials(complete);
  return directions.length === 2 ? front2d(complete, directions) : frontNd(complete, directions);
}

/**
 * The hypervolume of the front of `trials` up to `reference`, both in the objectives' own units and
 * directions (a maximised objective's reference is its lowest value worth counting).
 */
export function frontHypervolume(trials: readonly FrozenTrial[], directions: readonly Direction[], reference: readonly number[], options: FrontOptions = {}): number {
  const points = paretoFront(trials, directions, options).map((t) => toMinimizedPoint(valuesOf(t) ?? [], directions));
  return hypervolume(points, toMinimizedPoint(reference, directions));
}

/**
 * The feasible trials. A constrained study (some trial carries constraint values) keeps the trials
 * whose values are all ≤ 0, and a trial without values counts as infeasible, as Optuna 4's
 * `_get_feasible_trials`; in a study without constraints every trial is feasible.
 */
export function feasibleTrials(trials: readonly FrozenTrial[]): FrozenTrial[] {
  const constrained = trials.some((t) => constraintValues(t) !== null);
  if (!constrained) return [...trials];
  return trials.filter((t) => {
    const constraints = constraintValues(t);
    return constraints !== null && satisfiesConstraints(constraints);
  });
}

/** Sorted by the first objective then the second, a trial is on the front unless the last front member dominates it. */
function front2d(trials: readonly FrozenTrial[], directions: readonly Direction[]): FrozenTrial[] {
  if (trials.length === 0) return [];
  const [first, second] = directions as [Direction, Direction];
  const key = (t: FrozenTrial): [number, number] => {
    const values = valuesOf(t);
    return [toMinimized(values?.[0] ?? null, first), toMinimized(values?.[1] ?? null, second)];
  };
  const sorted = [...trials].sort((a, b) => {
    const [a0, a1] = key(a);
    const [b0, b1] = key(b);
    return compare(a0, b0) || compare(a1, b1);
  });
  let lastOnFront = sorted[0] as FrozenTrial;
  const front = [lastOnFront];
  for (const trial of sorted.slice(1)) {
    if (trialDominates(directions, lastOnFront, trial)) continue;
    front.push(trial);
    lastOnFront = trial;
  }
  return front.sort((a, b) => a.number - b.number);
}

function frontNd(trials: readonly FrozenTrial[], directions: readonly Direction[]): FrozenTrial[] {
  return trials.filter((trial) => !trials.some((other) => trialDominates(directions, other, trial)));
}

function compare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
