// Multi-objective pruning benchmark (issue 15): the Fashion-MNIST study (examples/fashion-mnist: a CNN,
// val_accuracy ↑ against parameter_count ↓, nsga2) run twice per seed through the real CLI, without
// pruning and with pareto_asha: epochs trained (every step reported, pruned trials' included), wall
// time, the Pareto front and its hypervolume, and the pruned run's share of each. The two live runs
// sample different trials once pruning changes what nsga2 sees, so each unpruned run is also replayed
// through pareto_asha (its own curves, trials in number order, one at a time): the same trials, pruning
// alone, shows what the rule itself costs in hypervolume.
//   npm run bench:multiobjective -- --section pruning [--seeds 7] [--trials 16] [--limit 3000] [--epochs 5] [--parallel 2]
//   node bench/moPruning.mjs [same flags]          (after node scripts/build.mjs)
// Figures (seeds 7, 8, 9; 2 shared cores): see docs/algorithms.md §2.4 — pareto_asha trained 66 % of the
// epochs in 65 % of the wall time with no loss of front hypervolume (105 %); replayed on the unpruned
// runs' own trials it kept 99.5 % of the hypervolume for 63 % of the epochs.
// A documented subset so both runs together take about a quarter of an hour on 2 cores: the first
// 3,000 training images (2,400 to train, 600 held out), 16 trials of up to 5 epochs, nsga2 generations
// of 8. Hypervolume is core's frontHypervolume over each run's complete trials from the reference point
// (val_accuracy 0, 1.1 × the largest parameter_count either run trained: at exactly the largest, the
// largest model's accuracy would add nothing), divided by the reference box (1 × that count) so it
// reads as a share in [0, 1].
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { createPruner, frontHypervolume, HISTORY_ATTR, openStorage, paretoFront } = createRequire(import.meta.url)('../dist/core.js');
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'dist', 'cli.js');
const EXAMPLE = join(HERE, '..', 'examples', 'fashion-mnist', 'fashion-mnist.tune.yaml');
/** The pruner compared with none: rungs at epochs 1 and 3 of 5, the top third by Pareto front going on. */
const PARETO_ASHA = '{ type: pareto_asha, min_resource: 1, reduction_factor: 3 }';
const PARETO_ASHA_SPEC = { type: 'pareto_asha', min_resource: 1, reduction_factor: 3 };
/** The replays of each unpruned run: the live setting, and a gentler η for comparison. */
const REPLAYS = [
  { label: 'replay: pareto_asha η=3', spec: PARETO_ASHA_SPEC },
  { label: 'replay: pareto_asha η=2', spec: { ...PARETO_ASHA_SPEC, reduction_factor: 2 } },
];

export function parseArgs(argv) {
  const options = { seeds: [7], trials: 16, limit: 3000, epochs: 5, parallel: 2 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seeds') {
      options.seeds = argv[++i].split(',').map(Number);
      if (!options.seeds.every(Number.isSafeInteger)) throw new Error('--seeds needs integers, e.g. 7,8,9');
      continue;
    }
    const value = Number(argv[++i]);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer`);
    if (flag === '--trials') options.trials = value;
    else if (flag === '--limit') options.limit = value;
    else if (flag === '--epochs') options.epochs = value;
    else if (flag === '--parallel') options.parallel = value;
    else throw new Error(`unknown flag ${flag} (flags: --seeds, --trials, --limit, --epochs, --parallel)`);
  }
  return options;
}

/** The example config with the benchmark's subset, and `pruner` under search:. */
function fashionConfig(pruner, seed, options) {
  const example = readFileSync(EXAMPLE, 'utf8');
  const replaced = example
    .replace(/^( {2}sampler: .*)$/m, `$1\n  pruner: ${pruner}`)
    .replace(/^( {2}seed: ).*$/m, `$1${seed}`)
    .replace(/^( {2}trials: ).*$/m, `$1${options.trials}`)
    .replace(/^( {2}epochs: ).*$/m, `$1${options.epochs}`)
    .replace(/^( {4}limit: ).*$/m, `$1${options.limit}`)
    .replace(/^( {2}timeout: ).*$/m, '$130m');
  if (!replaced.includes(`pruner: ${pruner}`) || !replaced.includes(`limit: ${options.limit}`)) throw new Error(`${EXAMPLE} no longer has the lines this benchmark rewrites`);
  return replaced;
}

async function readStudy(journal) {
  const storage = await openStorage(journal);
  try {
    const [study] = storage.getStudies();
    return { directions: study.directions, trials: storage.getTrials(study.id) };
  } finally {
    await storage.close();
  }
}

/** The largest parameter_count a run trained: complete trials' values, pruned ones' per-epoch history. */
function largestParameterCount(trials) {
  let largest = 0;
  for (const trial of trials) {
    if (trial.values) largest = Math.max(largest, trial.values[1]);
    for (const [, count] of trial.systemAttrs[HISTORY_ATTR]?.parameter_count ?? []) largest = Math.max(largest, count);
  }
  return largest;
}

function runStudy(label, pruner, seed, options, dir) {
  const config = join(dir, `fashion-${label}-${seed}.tune.yaml`);
  writeFileSync(config, fashionConfig(pruner, seed, options));
  const journal = join(dir, `${label}-${seed}.jsonl`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'run', config, '--plain', '--parallel', String(options.parallel), '--storage', journal], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`tuneboard run (${label}) failed:\n${run.stderr}\n${run.stdout.slice(-2000)}`);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`mo pruning bench: ${label}, seed ${seed} done in ${seconds.toFixed(0)} s\n`);
  return { label, journal, seconds };
}

/**
 * The unpruned run's trials replayed through pareto_asha in number order, each to the end of its curve
 * or to the step it would have been pruned at: the trials it keeps, with their final values, and the
 * epochs it would have trained.
 */
export function replayPruned(trials, directions, metrics, spec = PARETO_ASHA_SPEC) {
  const pruner = createPruner(spec);
  const done = [];
  const study = { name: 'replay', direction: directions[0], directions, searchSpace: {}, getTrials: () => done };
  let epochs = 0;
  for (const original of trials.filter((t) => t.state === 'complete')) {
    const history = original.systemAttrs[HISTORY_ATTR];
    const steps = history[metrics[0]].map(([step]) => step);
    let current = { ...original, state: 'running', values: null, value: null, intermediateValues: new Map(), systemAttrs: {} };
    let pruned = false;
    for (const [i, step] of steps.entries()) {
      const vector = metrics.map((metric) => history[metric][i][1]);
      current = { ...current, intermediateValues: new Map([...current.intermediateValues, [step, vector[0]]]) };
      epochs += 1;
      const decision = pruner.prune({ ...study, getTrials: () => [...done, current] }, current, vector);
      current = { ...current, systemAttrs: { ...current.systemAttrs, ...decision.systemAttrs } };
      if (decision.prune) {
        pruned = true;
        break;
      }
    }
    done.push(pruned ? { ...current, state: 'pruned' } : { ...current, state: 'complete', values: original.values, value: original.value });
  }
  return { trials: done, epochs };
}

export async function main(argv) {
  const options = parseArgs(argv);
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-mo-pruning-'));
  const runs = [];
  try {
    for (const seed of options.seeds) {
      for (const [label, pruner] of [['none', 'none'], ['pareto_asha', PARETO_ASHA]]) {
        const run = runStudy(label, pruner, seed, options, dir);
        runs.push({ ...run, seed, ...(await readStudy(run.journal)) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const reference = [0, Math.ceil(1.1 * Math.max(...runs.map((run) => largestParameterCount(run.trials))))];
  const metrics = ['val_accuracy', 'parameter_count'];
  const rows = [];
  const row = (label, seed, trials, directions, epochs, seconds) => {
    const count = (state) => trials.filter((t) => t.state === state).length;
    const front = paretoFront(trials, directions);
    return {
      label,
      seed,
      trials: `${count('complete')}/${count('pruned')}/${count('fail')}`,
      epochs,
      seconds,
      front: front.map((t) => `#${t.number} ${t.values[0].toFixed(3)}/${t.values[1]}`),
      hypervolume: frontHypervolume(trials, directions, reference) / reference[1],
    };
  };
  for (const run of runs) {
    const epochs = run.trials.reduce((sum, t) => sum + t.intermediateValues.size, 0);
    rows.push(row(run.label, run.seed, run.trials, run.directions, epochs, run.seconds));
    if (run.label !== 'none') continue;
    for (const { label, spec } of REPLAYS) {
      const replay = replayPruned(run.trials, run.directions, metrics, spec);
      rows.push(row(label, run.seed, replay.trials, run.directions, replay.epochs, null));
    }
  }
  const ratio = (a, b) => `${((a / b) * 100).toFixed(0)}%`;
  const table = [['seed', 'pruner', 'complete/pruned/failed', 'epochs', 'epochs %', 'wall s', 'front', 'hypervolume', 'hv %']];
  for (const r of rows) {
    const base = rows.find((other) => other.seed === r.seed && other.label === 'none');
    table.push([String(r.seed), r.label, r.trials, String(r.epochs), ratio(r.epochs, base.epochs), r.seconds === null ? '-' : r.seconds.toFixed(0), String(r.front.length), r.hypervolume.toFixed(4), ratio(r.hypervolume, base.hypervolume)]);
  }
  const mean = (label, key) => rows.filter((r) => r.label === label).reduce((sum, r) => sum + r[key], 0) / options.seeds.length;
  for (const label of ['pareto_asha', ...REPLAYS.map((replay) => replay.label)]) {
    table.push(['mean', label, '', mean(label, 'epochs').toFixed(1), ratio(mean(label, 'epochs'), mean('none', 'epochs')), '', '', mean(label, 'hypervolume').toFixed(4), ratio(mean(label, 'hypervolume'), mean('none', 'hypervolume'))]);
  }
  console.log(`\nFashion-MNIST CNN (val_accuracy ↑, parameter_count ↓), nsga2, seeds ${options.seeds.join(', ')}, ${options.trials} trials × up to ${options.epochs} epochs on the first ${options.limit} images, parallel ${options.parallel}; pareto_asha = ${PARETO_ASHA}.`);
  console.log(`Hypervolume reference: val_accuracy 0, parameter_count ${reference[1]} (1.1 × the largest any run trained); shown ÷ ${reference[1]}. % columns: of the same seed's unpruned run.`);
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  console.log(table.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n'));
  for (const r of rows) console.log(`front (seed ${r.seed}, ${r.label}): ${r.front.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
