// Sampler benchmark: regret after --trials trials over --seeds seeds for random, TPE, multivariate
// TPE and QMC on the problems of bench/problems.mjs, beside Optuna 3.1 on the same problems when
// /usr/bin/python3 has optuna (bench/optuna_samplers.py, run in a parallel process), plus the time
// per ask() at 1,000 completed trials.
//   npm run bench:samplers -- [--seeds 10] [--trials 100] [--problems branin,mixed] [--samplers tpe,gp] [--no-optuna] [--no-timing]
// gp has no Optuna 3.1 counterpart: its ratio is to Optuna's TPE, and its ask() is timed at 300 trials.
import { createRequire } from 'node:module';
import { selectProblems } from './problems.mjs';
import { optunaVersion, PYTHON, runPythonPeer } from './pythonPeer.mjs';

const { createStudy } = createRequire(import.meta.url)('../dist/core.js');
const SAMPLERS = [
  { key: 'random', label: 'random', spec: 'random' },
  { key: 'tpe', label: 'tpe', spec: 'tpe' },
  { key: 'tpe-mv', label: 'tpe multivariate', spec: { type: 'tpe', multivariate: true } },
  { key: 'gp', label: 'gp (vs optuna tpe)', spec: 'gp', optuna: 'tpe', timingTrials: 300 },
  { key: 'qmc', label: 'qmc (sobol)', spec: 'qmc' },
  // rf is SMAC-style (no Optuna counterpart): set beside Optuna's TPE, its ask() timed at 300 trials.
  { key: 'rf', label: 'rf (vs optuna tpe)', spec: 'rf', optuna: 'tpe', timingTrials: 300 },
];
/** What bench/optuna_samplers.py can run. */
const OPTUNA_SAMPLERS = ['random', 'tpe', 'tpe-mv'];
/** The 6-parameter space of the ask() timing: one of each kind of parameter. */
const TIMING_SPACE = {
  lr: { float: [1e-5, 1], log: true },
  layers: { int: [1, 8] },
  units: { int: [16, 512], log: true },
  act: ['relu', 'tanh', 'sigmoid', 'elu'],
  dropout: { float: [0, 0.5], step: 0.05 },
  x: { float: [-5, 10] },
};

function unknownSampler(key) {
  throw new Error(`unknown sampler '${key}' (known: ${SAMPLERS.map((s) => s.key).join(', ')})`);
}

function parseArgs(argv) {
  const options = { seeds: 10, trials: 100, problems: [], samplers: [], optuna: true, timing: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seeds') options.seeds = Number(argv[++i]);
    else if (flag === '--trials') options.trials = Number(argv[++i]);
    else if (flag === '--problems') options.problems = argv[++i].split(',').filter(Boolean);
    else if (flag === '--samplers') options.samplers = argv[++i].split(',').filter(Boolean);
    else if (flag === '--no-optuna') options.optuna = false;
    else if (flag === '--no-timing') options.timing = false;
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

/** Starts Optuna's half of the benchmark in its own process; resolves to its parsed results. */
function startOptuna(options, problems, samplers) {
  const optunaKeys = [...new Set(samplers.map((s) => s.optuna ?? s.key))].filter((key) => OPTUNA_SAMPLERS.includes(key));
  if (optunaKeys.length === 0) return Promise.resolve({ results: {} });
  return runPythonPeer('optuna_samplers.py', ['--seeds', String(options.seeds), '--trials', String(options.trials), '--problems', problems.map((p) => p.name).join(','), '--samplers', optunaKeys.join(',')]);
}

async function regret(problem, sampler, seed, trials) {
  const study = await createStudy({ name: `${problem.name}-${seed}`, space: problem.space, direction: 'minimize', sampler, seed });
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    await study.tell(trial, problem.evaluate(trial.params));
  }
  return study.bestTrial.value - problem.optimum;
}

/** Mean ms per ask() over 50 asks once `completed` trials are complete. */
async function askTime(sampler, completed) {
  const study = await createStudy({ name: 'timing', space: TIMING_SPACE, sampler, seed: 1 });
  const objective = (p) => (Math.log10(p.lr) + 2.5) ** 2 + (p.layers - 3) ** 2 + p.dropout + Math.abs(p.x) + (p.act === 'relu' ? 0 : 1);
  for (let i = 0; i < completed; i++) {
    const trial = await study.ask();
    await study.tell(trial, objective(trial.params));
  }
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const trial = await study.ask();
    total += performance.now() - start;
    await study.tell(trial, objective(trial.params));
  }
  return total / 50;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stdError = (xs) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1) / xs.length);
const fmt = (x) => (x === undefined ? '' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

function printTable(problems, samplers, ours, theirs) {
  const header = ['problem', 'sampler', 'mean ± se', 'median', theirs ? 'optuna mean ± se' : '', theirs ? 'optuna median' : '', theirs ? 'ratio' : ''];
  const rows = [header];
  for (const problem of problems) {
    for (const { key, label, optuna: versus } of samplers) {
      const mine = ours[problem.name][key];
      const other = theirs?.[problem.name]?.[versus ?? key]?.regrets;
      const ratio = other ? mean(mine) / mean(other) : undefined;
      // Marks where Tuneboard's TPE mean regret is worse than Optuna's, and whether by more than two
      // combined standard errors (regrets are heavy-tailed: at 10 seeds most gaps are seed noise).
      const gap = other && key !== 'random' ? (mean(mine) - mean(other)) / Math.hypot(stdError(mine), stdError(other)) : 0;
      const worse = gap > 2 ? '  << worse (> 2 se)' : gap > 0 ? '  < worse (within 2 se)' : '';
      rows.push([problem.label, label, `${fmt(mean(mine))} ± ${fmt(stdError(mine))}`, fmt(median(mine)), other ? `${fmt(mean(other))} ± ${fmt(stdError(other))}` : '', other ? fmt(median(other)) : '', ratio === undefined ? '' : `${ratio.toFixed(2)}${worse}`]);
    }
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  if (theirs) console.log('ratio = Tuneboard mean / Optuna mean. Regrets are heavy-tailed: with few seeds, gaps within ~2 se are seed noise (try --seeds 100).');
}

const options = parseArgs(process.argv.slice(2));
const problems = selectProblems(options.problems);
const samplers = options.samplers.length ? options.samplers.map((key) => SAMPLERS.find((s) => s.key === key) ?? unknownSampler(key)) : SAMPLERS;
const version = options.optuna ? optunaVersion() : null;
if (options.optuna && !version) console.log(`(${PYTHON} has no optuna: printing Tuneboard's figures only; apt-get install python3-optuna)`);
const optuna = version ? startOptuna(options, problems, samplers) : null;

console.log(`Mean regret after ${options.trials} trials over ${options.seeds} seeds${version ? `; Optuna ${version} alongside` : ''}`);
const ours = {};
const started = performance.now();
for (const problem of problems) {
  ours[problem.name] = {};
  for (const { key, spec } of samplers) {
    ours[problem.name][key] = [];
    for (let seed = 1; seed <= options.seeds; seed++) ours[problem.name][key].push(await regret(problem, spec, seed, options.trials));
  }
}
console.log(`(Tuneboard: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
const theirs = optuna ? (await optuna).results : null;
printTable(problems, samplers, ours, theirs);
// Timed once Optuna's process is done, so the two do not share the CPU.
if (options.timing) {
  for (const { key, spec, timingTrials = 1000 } of samplers.filter((s) => s.key !== 'random')) {
    console.log(`ask() at ${timingTrials.toLocaleString('en')} complete trials, 6 params (${Object.keys(TIMING_SPACE).join(', ')}), ${key}: ${(await askTime(spec, timingTrials)).toFixed(2)} ms`);
  }
}
