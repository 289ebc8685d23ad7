// `npm run demo`: a real study end to end. Tunes the iris MLP (5-fold cross-validation, TPE, ASHA
// pruning, 2 workers) into a fresh journal, then prints the leaderboard and the best parameters.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const config = join(import.meta.dirname, '..', 'examples', 'iris', 'iris.tune.yaml');
const storage = join(mkdtempSync(join(tmpdir(), 'tuneboard-demo-')), 'iris-mlp.jsonl');
const extra = process.argv.slice(2); // e.g. `npm run demo -- --trials 10`

function tuneboard(...args) {
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

tuneboard('run', config, '--storage', storage, ...extra);
console.log('');
tuneboard('show', storage, '--top', '5');
console.log('\nBest parameters (tuneboard best --format yaml):');
tuneboard('best', storage, '--format', 'yaml');
console.log(`\nThe journal is ${storage}; Optuna reads it with JournalStorage(JournalFileStorage(path)).`);
