// Pruning benchmark: one real TensorFlow.js study (the digits CNN example, fixed seed) run with each
// pruner, beside the same study without pruning: best validation accuracy and total epochs trained.
// Then Optuna 3.1's pruners replayed on the unpruned run's learning curves (same curves, same order),
// when /usr/bin/python3 has optuna.
//   npm run bench:pruning -- [--trials 30] [--epochs 20] [--parallel 2] [--pruners none,median,asha,hyperband]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { openStorage } = createRequire(import.meta.url)('../dist/core.js');
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'dist', 'cli.js');
const PYTHON = '/usr/bin/python3';

/**
 * The pruner settings compared, as config YAML and as Optuna keyword arguments. ASHA runs with
 * Optuna's defaults (min_resource auto, reduction factor 4): replaying the unpruned curves through
 * Optuna with min_resource 1–3 × η 2–4 put the defaults among the cheapest within 0.5 pp.
 */
const PRUNERS = {
  none: { yaml: 'none', optuna: {} },
  median: { yaml: '{ type: median, n_startup_trials: 5, n_warmup_steps: 3 }', optuna: { n_startup_trials: 5, n_warmup_steps: 3 } },
  asha: { yaml: '{ type: asha }', optuna: {} },
  hyperband: { yaml: '{ type: hyperband, min_resource: 2, max_resource: 20, reduction_factor: 3 }', optuna: { min_resource: 2, max_resource: 20, reduction_factor: 3 } },
};

function parseArgs(argv) {
  const options = { trials: 30, epochs: 20, parallel: 2, pruners: Object.keys(PRUNERS) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--trials') options.trials = Number(argv[++i]);
    else if (flag === '--epochs') options.epochs = Number(argv[++i]);
    else if (flag === '--parallel') options.parallel = Number(argv[++i]);
    else if (flag === '--pruners') options.pruners = argv[++i].split(',').filter(Boolean);
    else throw new Error(`unknown flag ${flag}`);
  }
  if (!options.pruners.includes('none')) options.pruners.unshift('none');
  return options;
}

function digitsConfig(pruner, options) {
  const example = readFileSync(join(HERE, '..', 'examples', 'digits', 'digits.tune.yaml'), 'utf8');
  return example
    .replace(/^( {2}pruner: ).*$/m, `$1${PRUNERS[pruner].yaml}`)
    .replace(/^( {2}trials: ).*$/m, `$1${options.trials}`)
    .replace(/^( {2}epochs: ).*$/m, `$1${options.epochs}`)
    .replace(/^( {2}timeout: ).*$/m, '$130m')
    .replace(/path: data\/digits\.csv/, `path: ${JSON.stringify(join(HERE, '..', 'examples', 'digits', 'data', 'digits.csv'))}`);
}

async function readStudy(journal) {
  const storage = await openStorage(journal);
  try {
    const [study] = storage.getStudies();
    return storage.getTrials(study.id);
  } finally {
    await storage.close();
  }
}

function summarise(trials) {
  const complete = trials.filter((t) => t.state === 'complete');
  return {
    best: Math.max(...complete.map((t) => t.value)),
    epochs: trials.reduce((sum, t) => sum + t.intermediateValues.size, 0),
    pruned: trials.filter((t) => t.state === 'pruned').length,
    failed: trials.filter((t) => t.state === 'fail').length,
  };
}

const options = parseArgs(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-pruning-'));
const rows = [];
let unprunedTrials = null;
try {
  for (const pruner of options.pruners) {
    const config = join(dir, `digits-${pruner}.tune.yaml`);
    writeFileSync(config, digitsConfig(pruner, options));
    const journal = join(dir, `${pruner}.jsonl`);
    const started = performance.now();
    const run = spawnSync(process.execPath, [CLI, 'run', config, '--plain', '--parallel', String(options.parallel), '--storage', journal], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tuneboard run (${pruner}) failed:\n${run.stderr}\n${run.stdout.slice(-2000)}`);
    const trials = await readStudy(journal);
    if (pruner === 'none') unprunedTrials = trials;
    rows.push({ side: 'tuneboard (live)', pruner, seconds: (performance.now() - started) / 1000, ...summarise(trials) });
    process.stderr.write(`pruning bench: ${pruner} done in ${rows.at(-1).seconds.toFixed(0)} s\n`);
  }

  const hasOptuna = spawnSync(PYTHON, ['-c', 'import optuna'], { stdio: 'ignore' }).status === 0;
  if (hasOptuna && unprunedTrials) {
    const ordered = [...unprunedTrials].filter((t) => t.state === 'complete').sort((a, b) => a.number - b.number);
    const curves = ordered.map((t) => ({ steps: [...t.intermediateValues].sort((a, b) => a[0] - b[0]), value: t.value }));
    const request = { direction: 'maximize', curves, pruners: Object.fromEntries(options.pruners.map((p) => [p, PRUNERS[p].optuna])) };
    const replay = spawnSync(PYTHON, [join(HERE, 'optuna_pruning.py')], { input: JSON.stringify(request), encoding: 'utf8' });
    if (replay.status !== 0) throw new Error(`optuna replay failed:\n${replay.stderr}`);
    for (const [pruner, result] of Object.entries(JSON.parse(replay.stdout))) rows.push({ side: 'optuna 3.1 (replay)', pruner, seconds: null, failed: 0, ...result });
  } else {
    console.log('(Optuna replay skipped: /usr/bin/python3 has no optuna)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const baseline = (side) => rows.find((r) => r.side === side && r.pruner === 'none');
const table = [['side', 'pruner', 'best val_accuracy', 'Δ best (pp)', 'epochs', 'epochs %', 'pruned', 'failed', 'wall s']];
for (const row of rows) {
  const base = baseline(row.side);
  table.push([
    row.side,
    row.pruner,
    row.best.toFixed(4),
    ((row.best - base.best) * 100).toFixed(2),
    String(row.epochs),
    `${((row.epochs / base.epochs) * 100).toFixed(0)}%`,
    String(row.pruned),
    String(row.failed),
    row.seconds === null ? '-' : row.seconds.toFixed(0),
  ]);
}
console.log(`\nDigits CNN, ${options.trials} trials × up to ${options.epochs} epochs, TPE seed 3, parallel ${options.parallel}. Target: ASHA within 0.5 pp of the unpruned best for ≤ 40% of its epochs.`);
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
console.log(table.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n'));
