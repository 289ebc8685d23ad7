/**
 * A trial the journal shows RUNNING may belong to a run that was killed outright: its process is gone
 * and only the next run of the study closes it (src/runner/staleTrials.ts). The tree must not show
 * such a study as running forever, so it asks the same question: is the recorded process alive here?
 */
import { hostname } from 'node:os';
import { type FrozenTrial, trialRunner } from '../../core';

/** True when the trial's runner was on this machine and its process no longer exists. */
export function isOrphaned(trial: FrozenTrial): boolean {
  if (trial.state !== 'running') return false;
  const runner = trialRunner(trial);
  if (runner === null || runner.host !== hostname()) return false;
  try {
    process.kill(runner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
