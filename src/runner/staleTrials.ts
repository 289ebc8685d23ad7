/**
 * Trials left RUNNING in a journal by a run that is gone (killed, machine crash). Each trial records
 * which process runs it (`tuneboard:runner`, written in the same append that starts it); on start, a
 * run fails the ones whose process no longer exists on this host as interrupted, so they neither block
 * the budget nor look alive forever, and runs their params again as the heartbeat sweep does for another
 * host's (staleTrialRetry.ts: `search.retries`, `retried_from`). Trials run by other hosts, or by
 * Python Optuna, are left alone.
 */
import { type JsonValue, type Study, trialRunner } from '../core';
import { isProcessAlive, thisProcess } from './processIdentity';
import { failAndRetry, type StaleOutcome, type StaleTrialRetry } from './staleTrialRetry';

/** The `tuneboard:runner` attr value for a trial this process starts. */
export function runnerIdentity(): JsonValue {
  const { host, pid } = thisProcess();
  return { host, pid };
}

export interface ClosedTrial extends StaleOutcome {
  readonly number: number;
}

/** Closes this host's orphaned running trials and enqueues their retries; returns what it closed. */
export async function closeStaleTrials(study: Study, retry: StaleTrialRetry): Promise<ClosedTrial[]> {
  const here = thisProcess();
  const closed: ClosedTrial[] = [];
  for (const trial of study.getTrials(['running'])) {
    const runner = trialRunner(trial);
    // A journal cannot hold a live trial of ours before we start one: our own pid there is a reused one.
    if (runner === null || runner.host !== here.host || (runner.pid !== here.pid && isProcessAlive(runner.pid))) continue;
    // Null: another run closed it first (two runs starting at once, or a heartbeat sweep on a shared journal).
    const outcome = await failAndRetry(study, trial, `the run that started it (pid ${runner.pid}) stopped without finishing it`, retry);
    if (outcome !== null) closed.push({ number: trial.number, ...outcome });
  }
  return closed;
}
