/**
 * The Python peers the interop tests run against: Debian's python3 with its optuna (and redis,
 * sklearn) packages. CI installs them, so there a missing peer is a failure; on a laptop, a skip.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** A skip reason when `modules` do not import (outside CI), else false. */
export function peerSkip(modules: readonly string[], packages: string): string | false {
  const found = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' }).status === 0;
  return !found && !process.env.CI ? `${packages} is not installed (apt-get install ${packages})` : false;
}

/** The skip reason of every test that needs Optuna 3.1. */
export const optunaSkip = peerSkip(['optuna'], 'python3-optuna');
