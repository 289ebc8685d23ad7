/**
 * A running trial whose run is gone (its process died on this host, or its host stopped renewing its
 * heartbeat on a shared journal) is failed as interrupted, so it uses no budget, and its params are
 * enqueued again, `search.retries` times at most along its chain of retries. Both ways of noticing
 * such a trial (staleTrials.ts at start, trialHeartbeats.ts while running) end here.
 */
import { INTERRUPTED, OPTUNA_FAILED_TRIAL_ATTR, OPTUNA_RETRY_HISTORY_ATTR, RETRIED_FROM_ATTR, type FrozenTrial, type Study, type TrialHandle } from '../core';

export interface StaleTrialRetry {
  /** `search.retries`: how many times a trial's params may run again after the first run. */
  readonly retries: number;
  /** Runs `fn` under the journal lock (the runner's batch: one append), so the fail and its retry land together. */
  readonly locked?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface StaleOutcome {
  /** The number of the trial enqueued to run its params again, or null when search.retries is used up. */
  readonly retry: number | null;
  /** How many times these params have run, this trial included. */
  readonly runs: number;
}

/**
 * Fails `trial` with reason `interrupted: <reason>` and enqueues its params again unless its chain of
 * retries has used `search.retries`. Null when the trial was no longer running under the lock (another
 * process finished or failed it first, and retried it): nothing is written then.
 */
export async function failAndRetry(study: Study, trial: FrozenTrial, reason: string, options: StaleTrialRetry): Promise<StaleOutcome | null> {
  const locked = options.locked ?? ((fn) => fn());
  return locked(async () => {
    await study.refresh();
    if (study.trials[trial.number]?.state !== 'running') return null;
    await study.tell(trial, { state: 'fail', error: `${INTERRUPTED}: ${reason}` });
    const earlier = retryChain(trial, study.trials);
    if (earlier.length >= options.retries) return { retry: null, runs: earlier.length + 1 };
    // As Optuna's RetryFailedTrialCallback writes them: `failed_trial` names the first trial of the chain,
    // `retry_history` every run so far (what its static retry_history() returns for the retry).
    const retry = await study.enqueue(trial.params, {
      systemAttrs: { [RETRIED_FROM_ATTR]: trial.number, [OPTUNA_FAILED_TRIAL_ATTR]: earlier[0] ?? trial.number, [OPTUNA_RETRY_HISTORY_ATTR]: [...earlier, trial.number] },
    });
    return { retry: retry.number, runs: earlier.length + 1 };
  });
}

/** The numbers of the earlier runs of a trial's params, oldest first (empty for an original trial). */
export function retryChain(trial: FrozenTrial, trials: readonly FrozenTrial[]): number[] {
  const chain: number[] = [];
  let from = trial.systemAttrs[RETRIED_FROM_ATTR];
  while (typeof from === 'number' && chain.length < 100) {
    chain.unshift(from);
    from = trials[from]?.systemAttrs[RETRIED_FROM_ATTR];
  }
  return chain;
}

/**
 * Why a trial this process runs can no longer be recorded by it: another process finished it (failed
 * it as stale while this host was cut off or frozen). Null while it is still running in the journal
 * as last read; call it under the journal lock to act on it.
 */
export function finishedElsewhere(study: Study, handle: TrialHandle): FrozenTrial | null {
  const trial = study.trials[handle.number];
  return trial !== undefined && trial.id === handle.id && trial.state !== 'running' ? trial : null;
}
