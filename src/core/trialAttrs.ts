/**
 * The trial attributes Tuneboard's study runner records beside Optuna's own, by name, and the rule for
 * which trials use the budget. The runner writes them; the CLI, the Studies tree and the leaderboard
 * read them, so every side spells them the same.
 */
import { FAIL_REASON_ATTR } from './study';
import type { FrozenTrial } from './trial';

/** User attr: the final metrics of a complete trial, `{ name: value }`. */
export const METRICS_ATTR = 'metrics';
/** User attr: the value of each fold of a k-fold trial. */
export const FOLD_VALUES_ATTR = 'fold_values';
/** User attr: the TensorFlow.js backend that trained the trial. */
export const BACKEND_ATTR = 'backend';
/** System attr: every metric reported per step, `{ name: [[step, value], …] }` (the intermediate values hold only the objective). */
export const HISTORY_ATTR = 'tuneboard:history';
/** System attr: the absolute path of the trial's log file. */
export const LOG_ATTR = 'tuneboard:log';
/** How the fail reason of a trial stopped with its study starts. */
export const INTERRUPTED = 'interrupted';

/** True for a trial failed because its run was stopped: it is re-run on resume, so it does not use budget. */
export function wasInterrupted(trial: FrozenTrial): boolean {
  const reason = trial.systemAttrs[FAIL_REASON_ATTR];
  return trial.state === 'fail' && typeof reason === 'string' && reason.startsWith(INTERRUPTED);
}

/** Whether a trial counts towards `search.trials`: all but interrupted ones and enqueued ones not yet started. */
export function usesBudget(trial: FrozenTrial): boolean {
  return trial.state !== 'waiting' && !wasInterrupted(trial);
}
