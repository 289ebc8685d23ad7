/**
 * Trials left RUNNING in a journal by a run that is gone (killed, machine crash). Each trial records
 * which process runs it (`tuneboard:runner`, written in the same append that starts it); on start, a
 * run closes the ones whose process no longer exists on this host as failed with reason `interrupted`,
 * so they neither block the budget nor look alive forever. Trials run by other hosts, or by Python
 * Optuna, are left alone.
 */
import { INTERRUPTED, type JsonValue, type Study, trialRunner } from '../core';
import { isProcessAlive, thisProcess } from './processIdentity';

/** The `tuneboard:runner` attr value for a trial this process starts. */
export function runnerIdentity(): JsonValue {
  const { host, pid } = thisProcess();
  return { host, pid };
}

/** Closes this host's orphaned running trials; returns their numbers. */
export async function closeStaleTrials(study: Study): Promise<number[]> {
  const here = thisProcess();
  const closed: number[] = [];
  for (const trial of study.getTrials(['running'])) {
    const runner = trialRunner(trial);
    // A journal cannot hold a live trial of ours before we start one: our own pid there is a reused one.
    if (runner === null || runner.host !== here.host || (runner.pid !== here.pid && isProcessAlive(runner.pid))) continue;
    await study.tell(trial, { state: 'fail', error: `${INTERRUPTED}: the run that started it (pid ${runner.pid}) stopped without finishing it` });
    closed.push(trial.number);
  }
  return closed;
}
