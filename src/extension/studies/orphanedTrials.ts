/**
 * A trial the journal shows RUNNING may belong to a run that was killed outright: its process is gone
 * and only the next run of the study closes it (src/runner/staleTrials.ts). The tree must not show
 * such a study as running forever, so it asks the same question: is the recorded process alive here?
 */
import { hostname } from 'node:os';
import type { FrozenTrial } from '../../core/trial';

/** The attr the runner writes on every trial it starts (see RUNNER_ATTR in src/runner/staleTrials.ts). */
const RUNNER_ATTR = 'tuneboard:runner';

/** True when the trial's runner was on this machine and its process no longer exists. */
export function isOrphaned(trial: FrozenTrial): boolean {
  if (trial.state !== 'running') return false;
  const runner = trial.systemAttrs[RUNNER_ATTR];
  if (typeof runner !== 'object' || runner === null || Array.isArray(runner)) return false;
  const { host, pid } = runner as { host?: unknown; pid?: unknown };
  if (host !== hostname() || typeof pid !== 'number') return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
