/**
 * What every view shows about a study, computed once from its trials: the best trial, counts by
 * state and progress against the budget. The Studies tree, status bar, notifications, leaderboard
 * header and the CLI all take these figures from here, so they agree at every moment.
 */
import type { Direction, FrozenTrial } from '../trial';
import { budgetProgress, countStates, formatProgress, type BudgetProgress, type StateCounts } from './counts';
import { bestTrial } from './ranking';

export interface StudyOverview {
  readonly best: FrozenTrial | null;
  readonly counts: StateCounts;
  readonly progress: BudgetProgress;
  /** `12/60`, `60/60 +1` or `12 trials`: see `formatProgress`. */
  readonly progressLabel: string;
}

export function overviewOf(trials: readonly FrozenTrial[], direction: Direction, budget: number | null): StudyOverview {
  const progress = budgetProgress(trials, budget);
  return { best: bestTrial(trials, direction), counts: countStates(trials), progress, progressLabel: formatProgress(progress) };
}
