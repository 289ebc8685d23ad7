// The Python Optuna side of a benchmark, run in its own process beside Tuneboard's: what version
// /usr/bin/python3 has (null without optuna), and a script's JSON result once it exits.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
const HERE = dirname(fileURLToPath(import.meta.url));

export function optunaVersion() {
  const result = spawnSync(PYTHON, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Starts bench/<script> with `args` (its progress goes to stderr); resolves to its stdout parsed as JSON. */
export function runPythonPeer(script, args) {
  const child = spawn(PYTHON, [join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${script} exited with ${code}`))));
  });
}
