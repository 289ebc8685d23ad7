/**
 * Trials left RUNNING in a journal by a run that is gone (killed, machine crash). Each trial records
 * which process runs it; on start, a run closes the ones whose process no longer exists on this
 * host as failed with reason `interrupted`, so they neither block the budget nor look alive forever.
 * Trials run by other hosts, or by Python Optuna, are left alone.
 */
import { hostname } from 'node:os';
import { INTERRUPTED, type JsonValue, type Study } from '../core';

/** System attr naming the process that runs a trial. */
export const RUNNER_ATTR = 'tuneboard:runner';

export function runnerIdentity(): JsonValue {
  return { host: hostname(), pid: process.pid };
}

/** Closes this host's orphaned running trials; returns their numbers. */
export async function closeStaleTrials(study: Study): Promise<number[]> {
  const closed: number[] = [];
  for (const trial of study.getTrials(['running'])) {
    const runner = trial.systemAttrs[RUNNER_ATTR];
    if (!isRunner(runner) || runner.host !== hostname() || processAlive(runner.pid)) continue;
    await study.tell(trial, { state: 'fail', error: `${INTERRUPTED}: the run that started it (pid ${runner.pid}) stopped without finishing it` });
    closed.push(trial.number);
  }
  return closed;
}

function isRunner(value: JsonValue | undefined): value is { host: string; pid: number } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.host === 'string' && typeof value.pid === 'number';
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // a journal cannot hold a live trial of ours before we start one
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
