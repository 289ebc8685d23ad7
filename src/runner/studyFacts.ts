/** Summaries of a study's trials for events and logs. */
import { countStates, failReason, type FrozenTrial, type Study } from '../core';
import type { BestSoFar, FrontSoFar } from '../protocol/studyEvents';

/** The best trial so far; null for a multi-objective study, which has a front (`bestTrials`), not one best. */
export function bestSoFar(study: Study): BestSoFar | null {
  if (study.isMultiObjective) return null;
  const best = study.bestTrial;
  return best && best.value !== null ? { number: best.number, value: best.value, params: best.params } : null;
}

/** A multi-objective study's Pareto front so far; null for a single-objective study (it has a best). */
export function frontSoFar(study: Study): FrontSoFar | null {
  return study.isMultiObjective ? { trials: study.bestTrials.map((trial) => trial.number) } : null;
}

/** The finished states' counts, as the study-finished event carries them. */
export function finishedCounts(trials: readonly FrozenTrial[]): Record<'complete' | 'pruned' | 'fail', number> {
  const { complete, pruned, fail } = countStates(trials);
  return { complete, pruned, fail };
}

export function describeOutcomeReason(trial: FrozenTrial, prunedAtStep: number | null): string | null {
  if (trial.state === 'pruned') return `pruned at step ${prunedAtStep ?? '?'}`;
  if (trial.state !== 'fail') return null;
  return failReason(trial) ?? 'failed';
}
