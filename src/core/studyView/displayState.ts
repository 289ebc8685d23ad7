/**
 * The state a person reads for a trial. Optuna has one FAIL state for a trial that crashed and for one
 * that was running when its study was stopped (Tuneboard records the latter with a fail reason starting
 * `interrupted`). Users read them differently: a failure needs a look, a stop they asked for does not,
 * and an interrupted trial used no budget. So every view (the Studies tree, the leaderboard's state
 * cell and filter, `tuneboard show`) shows the display state from here, never `trial.state` itself.
 */
import type { TrialState } from '../trial';
import { failReason, INTERRUPTED, type AttrTrial } from './trialAttrs';

export type DisplayState = 'complete' | 'pruned' | 'failed' | 'stopped' | 'running' | 'waiting';

/** In the order views list them (filter chips, counts). */
export const DISPLAY_STATES: readonly DisplayState[] = ['complete', 'pruned', 'failed', 'stopped', 'running', 'waiting'];

/**
 * From a trial's Optuna state and fail reason: for views that hold a flattened trial (the leaderboard's
 * rows carry `failReason`, not attrs). The same rule as `wasInterrupted`.
 */
export function displayStateOf(state: TrialState, reason: string | null): DisplayState {
  if (state !== 'fail') return state;
  return reason?.startsWith(INTERRUPTED) === true ? 'stopped' : 'failed';
}

export function displayState(trial: AttrTrial): DisplayState {
  return displayStateOf(trial.state, failReason(trial));
}

/** The word a user reads for a display state (its id is that word). */
export function displayStateLabel(state: DisplayState): string {
  return state;
}

/** One sentence on what a state means, for tooltips and filter titles. */
export const DISPLAY_STATE_MEANINGS: Readonly<Record<DisplayState, string>> = {
  complete: 'finished and reported its objective',
  pruned: 'stopped early by the pruner, which judged it would not beat the others',
  failed: 'ended with an error (see its reason and log)',
  stopped: 'was running when its study was stopped; it used no budget and Resume runs another trial in its place',
  running: 'running now',
  waiting: 'enqueued, to run next',
};

/** `{ complete: 3, failed: 1, stopped: 2, … }`: how many trials a view shows in each display state. */
export function countDisplayStates(trials: Iterable<AttrTrial>): Record<DisplayState, number> {
  const counts: Record<DisplayState, number> = { complete: 0, pruned: 0, failed: 0, stopped: 0, running: 0, waiting: 0 };
  for (const trial of trials) counts[displayState(trial)] += 1;
  return counts;
}

/**
 * Whether the study's last run was stopped while trials ran (by the user, `tuneboard stop`, or an error
 * that ended the run): the trial it started last is a stopped one, and nothing runs now. Resume is then
 * what the user wants, so the editor offers it where it would otherwise offer Tune.
 */
export function lastRunStopped(trials: Iterable<AttrTrial & { readonly number: number }>): boolean {
  let newestStarted: (AttrTrial & { readonly number: number }) | null = null;
  for (const trial of trials) {
    if (trial.state === 'running') return false;
    if (trial.state !== 'waiting' && (newestStarted === null || trial.number > newestStarted.number)) newestStarted = trial;
  }
  return newestStarted !== null && displayState(newestStarted) === 'stopped';
}
