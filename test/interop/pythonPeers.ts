/**
 * The Python peers the interop tests run against: Debian's python3 with its optuna (and redis,
 * sklearn) packages. CI installs them, so there a missing peer is a failure; on a laptop, a skip.
 *
 * TUNEBOARD_OPTUNA_CURRENT=/dir/holding/optuna runs every peer on a current Optuna instead (a source
 * checkout: the directory holding its `optuna/` package), first on PYTHONPATH of this process, so
 * every python3 a test starts imports it. Tests whose rules changed since 3.1 read `optunaMajor`;
 * optuna_storages.py opens journals under either version's names.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** The current Optuna the peers run on, or null for the installed one (3.1 from Debian). */
export const OPTUNA_CURRENT = process.env.TUNEBOARD_OPTUNA_CURRENT || null;
// This folder goes on PYTHONPATH too, so `python3 -c` snippets import its helpers (optuna_storages.py).
for (const dir of [__dirname, OPTUNA_CURRENT]) {
  if (dir && !(process.env.PYTHONPATH ?? '').split(':').includes(dir)) process.env.PYTHONPATH = process.env.PYTHONPATH ? `${dir}:${process.env.PYTHONPATH}` : dir;
}

/** A skip reason when `modules` do not import (outside CI), else false. */
export function peerSkip(modules: readonly string[], packages: string): string | false {
  const found = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' }).status === 0;
  if (found) return false;
  if (OPTUNA_CURRENT) throw new Error(`TUNEBOARD_OPTUNA_CURRENT=${OPTUNA_CURRENT}: ${modules.join(', ')} do not import with it on PYTHONPATH`);
  return !process.env.CI ? `${packages} is not installed (apt-get install ${packages})` : false;
}

/** The skip reason of every test that needs Optuna (3.1, or the current one). */
export const optunaSkip = peerSkip(['optuna'], 'python3-optuna');

/** The peer's Optuna version ('3.1.0', '5.0.0.dev'), or null without one. */
export const OPTUNA_VERSION: string | null = optunaSkip === false ? spawnSync(PYTHON, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8' }).stdout.trim() || null : null;

/** The peer's major version (3 for Debian's 3.1), or null without one. */
export const optunaMajor: number | null = OPTUNA_VERSION === null ? null : Number(OPTUNA_VERSION.split('.')[0]);
