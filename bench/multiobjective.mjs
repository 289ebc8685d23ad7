// Multi-objective benchmark (issue 15): front hypervolume after 100 and --trials trials over --seeds
// seeds on ZDT1-3 (30-d), DTLZ2 and C2-DTLZ2 (3 objectives; the latter constrained) and the
// low-dimensional ZDT1 (4-d), DTLZ2 (5-d), TNK and BNH (2-d, constrained), for Tuneboard's
// samplers beside Optuna 3.1's NSGAIISampler, multi-objective TPESampler and RandomSampler, run in a
// parallel process (bench/optuna_multiobjective.py) on the same functions (bench/moProblems.mjs).
//   npm run bench:multiobjective -- [--seeds 20] [--trials 300] [--problems zdt1,dtlz2] [--samplers nsga2,tpe] [--no-optuna]
//   npm run bench:multiobjective -- --section pruning [flags of bench/moPruning.mjs]   (the Fashion-MNIST study, with and without pareto_asha)
// Both sides' hypervolumes are computed here by one rule (core's frontHypervolume over feasible trials,
// which matches Optuna's WFG), from the reference point each problem declares.
import { createRequire } from 'node:module';
import { selectMoProblems } from './moProblems.mjs';
import { optunaVersion, PYTHON, runPythonPeer } from './pythonPeer.mjs';

const { createStudy, frontHypervolume } = createRequire(import.meta.url)('../dist/core.js');
/** Ours, each beside the Optuna sampler it is compared with (gp has none in 3.1: it is compared with the best of those run). */
const SAMPLERS = [
  { key: 'random', spec: 'random', optuna: 'random' },
  { key: 'nsga2', spec: 'nsga2', optuna: 'nsga2' },
  { key: 'tpe', spec: 'tpe', optuna: 'tpe' },
  { key: 'gp', spec: 'gp', optuna: null },
];
const CHECKPOINT = 100;

function parseArgs(argv) {
  const options = { seeds: 20, trials: 300, problems: [], samplers: [], optuna: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seeds') options.seeds = Number(argv[++i]);
    else if (flag === '--trials') options.trials = Number(argv[++i]);
    else if (flag === '--problems') options.problems = argv[++i].split(',').filter(Boolean);
    else if (flag === '--samplers') options.samplers = argv[++i].split(',').filter(Boolean);
    else if (flag === '--no-optuna') options.optuna = false;
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

function startOptuna(options, problems, samplers) {
  const keys = [...new Set(samplers.map((s) => s.optuna).filter(Boolean))];
  return runPythonPeer('optuna_multiobjective.py', ['--seeds', String(options.seeds), '--trials', String(options.trials), '--problems', problems.map((p) => p.name).join(','), '--samplers', keys.join(',')]);
}

/** One run of ours: its trials as [values, constraints] pairs; null (with why) when the sampler refuses the study. */
async function run(problem, spec, seed, trials) {
  const directions = Array.from({ length: problem.objectives }, () => 'minimize');
  let study;
  try {
    study = await createStudy({ name: `${problem.name}-${seed}`, space: problem.space, directions, sampler: spec, seed });
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    const { values, constraints } = problem.evaluate(trial.params);
    await study.tell(trial, values, constraints ? { constraints } : {});
  }
  const result = study.trials.map((t) => [t.values, t.systemAttrs.constraints ?? null]);
  await study.close();
  return { trials: result };
}

/** Hypervolume of the first `n` trials' feasible front. */
function hypervolumeAt(problem, pairs, n) {
  const trials = pairs.slice(0, n).map(([values, constraints], number) => ({ number, state: 'complete', values, value: values[0], systemAttrs: constraints ? { constraints } : {} }));
  return frontHypervolume(trials, Array.from({ length: problem.objectives }, () => 'minimize'), problem.reference, { feasibleOnly: true });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const stdError = (xs) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1) / xs.length);
const fmt = (xs) => (xs ? `${mean(xs).toFixed(3)} ± ${stdError(xs).toFixed(3)}` : '–');
/** Our mean minus theirs, in combined standard errors (positive: ours is larger, i.e. better). */
const gap = (ours, theirs) => (mean(ours) - mean(theirs)) / (Math.hypot(stdError(ours), stdError(theirs)) || 1);

/** The Optuna sampler with the largest mean hypervolume after `n` trials on `problem`, of those run. */
function bestOptuna(problem, theirs, n) {
  const runs = Object.entries(theirs?.[problem.name] ?? {});
  const scored = runs.map(([name, { runs }]) => [name, mean(runs.map((pairs) => hypervolumeAt(problem, pairs, n)))]);
  return scored.sort((a, b) => b[1] - a[1])[0]?.[0];
}

function printTable(problems, samplers, ours, theirs, options) {
  const at = [CHECKPOINT, options.trials].filter((n, i, all) => n <= options.trials && all.indexOf(n) === i);
  const header = ['problem', 'sampler', ...at.flatMap((n) => [`HV@${n} Tuneboard`, `HV@${n} Optuna`, 'gap (se)'])];
  const rows = [header];
  const verdicts = [];
  const refusals = new Map();
  for (const problem of problems) {
    for (const { key, optuna } of samplers) {
      const mine = ours[problem.name][key];
      if (mine.refused) {
        refusals.set(key, mine.refused.replace(/^study '[^']*': /, '').replace(/has \d+;/, 'has several;'));
        continue;
      }
      const cells = [problem.label, key];
      for (const n of at) {
        const values = mine.runs.map((pairs) => hypervolumeAt(problem, pairs, n));
        const rival = optuna ?? bestOptuna(problem, theirs, n);
        const versus = rival ? theirs?.[problem.name]?.[rival]?.runs.map((pairs) => hypervolumeAt(problem, pairs, n)) : undefined;
        const g = versus ? gap(values, versus) : undefined;
        cells.push(fmt(values), versus && !optuna ? `${fmt(versus)} (${rival})` : fmt(versus), g === undefined ? '' : g.toFixed(1));
        if (g === undefined || key === 'random') continue;
        if (optuna) verdicts.push({ ok: g >= -2, text: `${key} on ${problem.label} at ${n} trials: ${g.toFixed(1)} se from Optuna's ${optuna}` });
        // gp's target: ahead of every Optuna sampler at 100 trials where the space is small.
        else if (problem.lowDimensional && n === CHECKPOINT) {
          verdicts.push({ ok: mean(values) > mean(versus), text: `${key} on ${problem.label} at ${n} trials: ${(mean(values) / mean(versus)).toFixed(3)}× the best Optuna sampler's (${rival}), ${g.toFixed(1)} se` });
        }
      }
      rows.push(cells);
    }
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows.slice(1)) console.log(`| ${row.map((cell, c) => (cell ?? '').padEnd(widths[c])).join(' | ')} |`);
  for (const [key, why] of refusals) console.log(`\n${key}: not run (${why})`);
  console.log('\nHV = hypervolume of the feasible Pareto front (larger is better), mean ± standard error over the seeds; gap = (Tuneboard − Optuna) in combined standard errors.');
  if (verdicts.length > 0) {
    console.log('\n### Targets (nsga2 and tpe within noise of Optuna\'s: gap ≥ −2 se; gp ahead of every Optuna sampler at 100 trials on the low-dimensional problems)\n');
    for (const v of verdicts) console.log(`${v.ok ? 'PASS' : 'FAIL'}  ${v.text}`);
  }
}

/** The samplers' front hypervolumes, side by side with Optuna's. */
async function hypervolumeSection(argv) {
  const options = parseArgs(argv);
  const problems = selectMoProblems(options.problems);
  const samplers = options.samplers.length ? options.samplers.map((key) => SAMPLERS.find((s) => s.key === key) ?? (() => { throw new Error(`unknown sampler '${key}' (known: ${SAMPLERS.map((s) => s.key).join(', ')})`); })()) : SAMPLERS;
  const version = options.optuna ? optunaVersion() : null;
  if (options.optuna && !version) console.log(`(${PYTHON} has no optuna: printing Tuneboard's figures only; apt-get install python3-optuna)`);
  const optuna = version ? startOptuna(options, problems, samplers) : null;
  console.log(`## Front hypervolume over ${options.seeds} seeds, ${options.trials} trials${version ? `; Optuna ${version} alongside (its own process)` : ''}\n`);
  const ours = {};
  const started = performance.now();
  for (const problem of problems) {
    ours[problem.name] = {};
    for (const { key, spec } of samplers) {
      const runs = [];
      let refused = null;
      for (let seed = 1; seed <= options.seeds && refused === null; seed++) {
        const result = await run(problem, spec, seed, options.trials);
        if (result.refused) refused = result.refused;
        else runs.push(result.trials);
      }
      ours[problem.name][key] = refused === null ? { runs } : { refused };
      process.stderr.write(`tuneboard ${problem.name} ${key}: ${((performance.now() - started) / 1000).toFixed(0)} s so far\n`);
    }
  }
  console.log(`(Tuneboard: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const theirs = optuna ? (await optuna).results : null;
  printTable(problems, samplers, ours, theirs, options);
}

// `--section pruning`: the Fashion-MNIST study with and without pareto_asha (bench/moPruning.mjs).
const argv = process.argv.slice(2);
const at = argv.indexOf('--section');
const section = at >= 0 ? argv[at + 1] : 'hypervolume';
const rest = at >= 0 ? argv.filter((_, i) => i !== at && i !== at + 1) : argv;
if (section === 'hypervolume') await hypervolumeSection(rest);
else if (section === 'pruning') await (await import('./moPruning.mjs')).main(rest);
else throw new Error(`unknown section '${section}' (known: hypervolume, pruning)`);
