/** Summaries of a study's trials for events and logs. */
import { FAIL_REASON_ATTR, type Study } from '../core/study';
import type { FrozenTrial } from '../core/trial';
import type { BestSoFar } from '../protocol/studyEvents';

export function bestSoFar(study: Study): BestSoFar | null {
  const best = study.bestTrial;
  return best && best.value !== null ? { number: best.number, value: best.value, params: best.params } : null;
}

export function countStates(trials: readonly FrozenTrial[]): Record<'complete' | 'pruned' | 'fail', number> {
  const counts = { complete: 0, pruned: 0, fail: 0 };
  for (const trial of trials) if (trial.state === 'complete' || trial.state === 'pruned' || trial.state === 'fail') counts[trial.state] += 1;
  return counts;
}

export function describeOutcomeReason(trial: FrozenTrial, prunedAtStep: number | null): string | null {
  if (trial.state === 'pruned') return `pruned at step ${prunedAtStep ?? '?'}`;
  if (trial.state !== 'fail') return null;
  const reason = trial.systemAttrs[FAIL_REASON_ATTR];
  return typeof reason === 'string' ? reason : 'failed';
}
