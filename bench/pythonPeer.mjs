// The Python Optuna side of a benchmark, run in its own process beside Tuneboard's: what version
// /usr/bin/python3 has (null without optuna), and a script's JSON result once it exits.
//
// TUNEBOARD_OPTUNA_CURRENT=/dir/holding/optuna names a second, current Optuna (a source checkout or
// an unpacked wheel: the directory that holds its `optuna/` package). It runs on the same python3
// with that directory first on PYTHONPATH; benches that compare against today's Optuna use it as an
// extra peer. Only Optuna 3.1 installs from Debian here.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
/** The directory of the current Optuna, or null when the variable is unset or empty. */
export const OPTUNA_CURRENT = process.env.TUNEBOARD_OPTUNA_CURRENT || null;
const HERE = dirname(fileURLToPath(import.meta.url));

/** The environment that makes python3 import the Optuna in `optunaPath` (null: the installed one). */
function pythonEnv(optunaPath) {
  if (!optunaPath) return process.env;
  const inherited = process.env.PYTHONPATH;
  return { ...process.env, PYTHONPATH: inherited ? `${optunaPath}:${inherited}` : optunaPath };
}

/** The version of the installed Optuna, or of the one in `optunaPath`; null when it does not import. */
export function optunaVersion(optunaPath = null) {
  const result = spawnSync(PYTHON, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8', env: pythonEnv(optunaPath) });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Starts bench/<script> with `args` (its progress goes to stderr), on the Optuna in `optunaPath` when
 * given; resolves to its stdout parsed as JSON.
 */
export function runPythonPeer(script, args, optunaPath = null) {
  const child = spawn(PYTHON, [join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: pythonEnv(optunaPath) });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${script} exited with ${code}`))));
  });
}
