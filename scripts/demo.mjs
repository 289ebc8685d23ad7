// `npm run demo`: a real study end to end. Tunes an MLP on the handwritten digits (TPE after 10 random
// trials, median pruning, 2 workers) into the example's own journal, starting afresh, then prints the
// leaderboard, the best parameters, how far the search got past its random start, and what to run next.
// The journal is where `tuneboard show|best <config>` look: examples/digits/.tuneboard/ (git-ignored).
//   npm run demo [-- <tuneboard run options>]      e.g. npm run demo -- --trials 20
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { formatSearchSummary, searchSummary } from './demoSummary.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const cli = join(repoRoot, 'dist', 'cli.js');
// TUNEBOARD_DEMO_CONFIG: the test runs the demo on a copy of the config in a temp folder.
const configPath = resolve(process.env.TUNEBOARD_DEMO_CONFIG ?? join(repoRoot, 'examples', 'digits', 'digits-mlp.tune.yaml'));
const extra = process.argv.slice(2);

const config = parseYaml(readFileSync(configPath, 'utf8'));
const journal = resolve(dirname(configPath), config.search?.storage ?? join('.tuneboard', `${config.name}.jsonl`));
const startup = config.search?.sampler?.n_startup_trials ?? 10;
// Paths as a reader types them from the repository root (npm runs scripts there).
const shown = (file) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));

function tuneboard(args, options = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout;
}

if (!existsSync(cli)) {
  console.error('demo: dist/cli.js is missing; run `npm run build` (npm run demo builds first)');
  process.exit(2);
}

// A fresh study each time: the previous demo's journal and trial logs go (a resumed study would have
// its budget spent already and run nothing).
for (const stale of [journal, `${journal}.lock`, join(dirname(journal), 'logs', config.name)]) rmSync(stale, { recursive: true, force: true });

tuneboard(['run', configPath, ...extra]);
console.log('');
tuneboard(['show', configPath, '--top', '5']);
console.log('\nBest parameters (tuneboard best --format yaml):');
tuneboard(['best', configPath, '--format', 'yaml']);

const trials = JSON.parse(tuneboard(['export', configPath, '--json'], { capture: true }));
const direction = config.objective?.direction ?? 'minimize';
const metric = config.objective?.metric ?? 'value';
const extraMetric = metric === 'val_loss' ? 'val_accuracy' : 'val_loss';
const summary = searchSummary(trials, { direction, startup });
console.log(`\n${formatSearchSummary(summary, { metric, extra: extraMetric, startup, total: trials.length }).join('\n')}`);

const cfg = shown(configPath);
console.log(`
The journal is ${shown(journal)} (Optuna reads it with JournalStorage(JournalFileBackend(path)), JournalFileStorage before 4.0). Next:
  node dist/cli.js show ${cfg} --all               every trial, pruned ones with their reason
  node dist/cli.js best ${cfg} --format python     the best params as a Python dict (json | yaml | args | python)
  node dist/cli.js importance ${cfg}               which params mattered (fANOVA)
  node dist/cli.js export ${cfg} --csv -o trials.csv`);
