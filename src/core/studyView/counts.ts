/** How many trials are in each state, and how much of the budget they used: the `n/N` every view shows. */
import { isFinished, type TrialState } from '../trial';
import { usesBudget, wasInterrupted, type AttrTrial } from './trialAttrs';

export interface StateCounts extends Readonly<Record<TrialState, number>> {
  /** Failed trials whose run was stopped (`fail` counts them too): they are re-run and use no budget. */
  readonly interrupted: number;
  readonly total: number;
}

export function countStates(trials: Iterable<AttrTrial>): StateCounts {
  const counts = { complete: 0, pruned: 0, fail: 0, running: 0, waiting: 0, interrupted: 0, total: 0 };
  for (const trial of trials) {
    counts[trial.state] += 1;
    counts.total += 1;
    if (wasInterrupted(trial)) counts.interrupted += 1;
  }
  return counts;
}

/** A study's progress against its budget (`search.trials`), by the rule the runner stops by. */
export interface BudgetProgress {
  /** Finished trials that used budget: the `n` of `n/N`. */
  readonly done: number;
  /** Trials using budget, running ones included: what the runner compares with the budget. */
  readonly used: number;
  readonly running: number;
  /** The `N`, or null for a study with no trial budget (a timeout, or no config). */
  readonly budget: number | null;
  /** Trials the runner may still start (enqueued ones may run past it); null without a budget. */
  readonly remaining: number | null;
}

export function budgetProgress(trials: Iterable<AttrTrial>, budget: number | null): BudgetProgress {
  let done = 0;
  let used = 0;
  let running = 0;
  for (const trial of trials) {
    if (trial.state === 'running') running += 1;
    if (!usesBudget(trial)) continue;
    used += 1;
    if (isFinished(trial.state)) done += 1;
  }
  return { done, used, running, budget, remaining: budget === null ? null : Math.max(0, budget - used) };
}

/**
 * `12/60`; `60/60 +1` once enqueued trials ran past the budget; `12 trials` without one. The one
 * spelling of n/N: the tree, status bar, notification, leaderboard header and CLI all print this.
 */
export function formatProgress(progress: Pick<BudgetProgress, 'done' | 'budget'>): string {
  const { done, budget } = progress;
  if (budget === null) return `${done} ${done === 1 ? 'trial' : 'trials'}`;
  return done > budget ? `${budget}/${budget} +${done - budget}` : `${done}/${budget}`;
}

/** 0..1 of the budget done, for progress bars; null without a budget. */
export function progressFraction(progress: Pick<BudgetProgress, 'done' | 'budget'>): number | null {
  if (progress.budget === null) return null;
  return progress.budget > 0 ? Math.min(1, progress.done / progress.budget) : 1;
}
