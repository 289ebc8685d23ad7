/**
 * "Best" and "rank", once, by Optuna's rules: every view (CLI, tree, status bar, notifications,
 * leaderboard page) and the engine's `Study.bestTrial` call these, so they can never disagree.
 *
 * Optuna 3.1 picks the best trial with Python's `min`/`max` over complete trials in number order:
 * ±inf are ordinary values (a complete trial of -inf is the best of a minimize study), and a NaN
 * compares false both ways, so it is never picked over a number (nor replaced, if it comes first).
 */
import type { Direction, TrialState } from '../trial';

/** What ranking needs of a trial: the journal's FrozenTrial and the leaderboard's rows both fit. */
export interface RankableTrial {
  readonly number: number;
  readonly state: TrialState;
  readonly value: number | null;
}

/** True when `a` is a strictly better objective value than `b` (false for any NaN, as in Python). */
export function isBetter(direction: Direction, a: number, b: number): boolean {
  return direction === 'minimize' ? a < b : a > b;
}

/** Optuna's `study.best_trial`: the first complete trial whose value no later one beats; null before any completes. */
export function bestTrial<T extends RankableTrial>(trials: Iterable<T>, direction: Direction): T | null {
  let best: T | null = null;
  for (const trial of trials) {
    if (trial.state !== 'complete' || trial.value === null) continue;
    if (best === null || isBetter(direction, trial.value, best.value as number)) best = trial;
  }
  return best;
}

/** Where a state's trials stand in a ranking: complete, then pruned (by last value), then the rest by number. */
export const RANK_STATE_ORDER: Readonly<Record<TrialState, number>> = { complete: 0, pruned: 1, fail: 2, running: 3, waiting: 4 };

/** Whether a trial gets a rank: it has a value to be judged by (complete, or pruned at a reported value). */
export function isRanked(trial: RankableTrial): boolean {
  return (trial.state === 'complete' || trial.state === 'pruned') && trial.value !== null && !Number.isNaN(trial.value);
}

/**
 * Orders two trials for a leaderboard: complete ones best first, then pruned ones by their last
 * value, then failed, running and waiting ones; NaN and missing values last within their state; ties
 * go to the earlier trial.
 */
export function compareTrials(direction: Direction): (a: RankableTrial, b: RankableTrial) => number {
  const sign = direction === 'minimize' ? 1 : -1;
  return (a, b) => {
    const byState = RANK_STATE_ORDER[a.state] - RANK_STATE_ORDER[b.state];
    if (byState !== 0) return byState;
    if (a.state === 'complete' || a.state === 'pruned') {
      const aValued = isRanked(a);
      const bValued = isRanked(b);
      if (aValued !== bValued) return aValued ? -1 : 1;
      if (aValued && a.value !== b.value) return sign * ((a.value as number) < (b.value as number) ? -1 : 1);
    }
    return a.number - b.number;
  };
}

/**
 * Every trial in leaderboard order (see `compareTrials`), the best trial first even in the one case
 * where the comparison alone would not put it there (a NaN complete trial that came before any number).
 */
/** The `count` best complete trials, best first: what "the top 10" means wherever a view lists them. */
export function topCompleteTrials<T extends RankableTrial>(trials: readonly T[], direction: Direction, count = 10): T[] {
  return rankTrials(trials, direction).filter((trial) => trial.state === 'complete').slice(0, count);
}

export function rankTrials<T extends RankableTrial>(trials: readonly T[], direction: Direction): T[] {
  const ranked = [...trials].sort(compareTrials(direction));
  const best = bestTrial(trials, direction);
  if (best !== null && ranked[0] !== best) {
    ranked.splice(ranked.indexOf(best), 1);
    ranked.unshift(best);
  }
  return ranked;
}
