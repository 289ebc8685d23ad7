// Sampler benchmark: regret after --trials trials over --seeds seeds for random, TPE (today's Optuna
// defaults, and `compat: optuna31`), QMC and gp on the problems of bench/problems.mjs, beside Optuna
// 3.1 on the same problems when /usr/bin/python3 has optuna (bench/optuna_samplers.py, run in a
// parallel process), plus the time per ask() at 1,000 completed trials.
//   npm run bench:samplers -- [--seeds 10] [--trials 100] [--problems branin,mixed] [--samplers tpe,gp] [--no-optuna] [--no-timing]
// TUNEBOARD_OPTUNA_CURRENT=/dir/holding/optuna (e.g. a checkout of Optuna's repository) adds that
// Optuna's default TPESampler as a second peer, run in a third process: our default tpe follows
// today's Optuna, so its row is read against that column; the tpe (optuna31) rows against 3.1.
// Each peer column gives its mean ± standard error and the gap in combined standard errors
// (positive: Tuneboard's mean regret is higher).
// gp has no Optuna 3.1 counterpart: it is set beside Optuna's TPE, and its ask() is timed at 300 trials.
import { createRequire } from 'node:module';
import { selectProblems } from './problems.mjs';
import { OPTUNA_CURRENT, optunaVersion, PYTHON, runPythonPeer } from './pythonPeer.mjs';

const { createStudy } = createRequire(import.meta.url)('../dist/core.js');
/**
 * Our samplers and their peers: `optuna` names the run of bench/optuna_samplers.py on Optuna 3.1 set
 * beside each, `current` the one on the current Optuna (TUNEBOARD_OPTUNA_CURRENT).
 */
const SAMPLERS = [
  { key: 'random', label: 'random', spec: 'random', optuna: 'random' },
  { key: 'tpe', label: 'tpe', spec: 'tpe', optuna: 'tpe', current: 'tpe' },
  { key: 'tpe-31', label: 'tpe (optuna31)', spec: { type: 'tpe', compat: 'optuna31' }, optuna: 'tpe' },
  { key: 'tpe-31-mv', label: 'tpe (optuna31) multivariate', spec: { type: 'tpe', compat: 'optuna31', multivariate: true }, optuna: 'tpe-mv' },
  { key: 'gp', label: 'gp (vs optuna tpe)', spec: 'gp', optuna: 'tpe', current: 'tpe', timingTrials: 300 },
  { key: 'qmc', label: 'qmc (sobol)', spec: 'qmc' },
  // rf is SMAC-style (no Optuna counterpart): set beside Optuna's TPE, its ask() timed at 300 trials,
  // also without the categorical param (a numeric space takes its local quadratic mean: the slower path).
  { key: 'rf', label: 'rf (vs optuna tpe)', spec: 'rf', optuna: 'tpe', timingTrials: 300, numericTiming: true },
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
/** The same without its categorical param. */
const NUMERIC_TIMING_SPACE = Object.fromEntries(Object.entries(TIMING_SPACE).filter(([name]) => name !== 'act'));

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

/**
 * Starts one Optuna's half of the benchmark in its own process (the installed Optuna, or the one in
 * `optunaPath`), running the samplers' `peer` keys; resolves to its parsed results.
 */
function startOptuna(options, problems, samplers, peer, optunaPath = null) {
  const optunaKeys = [...new Set(samplers.map((s) => s[peer]))].filter((key) => OPTUNA_SAMPLERS.includes(key));
  if (optunaKeys.length === 0) return Promise.resolve({ results: {} });
  const args = ['--seeds', String(options.seeds), '--trials', String(options.trials), '--problems', problems.map((p) => p.name).join(','), '--samplers', optunaKeys.join(',')];
  return runPythonPeer('optuna_samplers.py', args, optunaPath);
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
async function askTime(sampler, completed, space = TIMING_SPACE) {
  const study = await createStudy({ name: 'timing', space, sampler, seed: 1 });
  const objective = (p) => (Math.log10(p.lr) + 2.5) ** 2 + (p.layers - 3) ** 2 + p.dropout + Math.abs(p.x) + (p.act === undefined || p.act === 'relu' ? 0 : 1);
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

/** (ours − theirs) in combined standard errors: positive when Tuneboard's mean regret is higher. */
const gapInSe = (mine, other) => (mean(mine) - mean(other)) / Math.hypot(stdError(mine), stdError(other));

/** `peers`: [{ name, key (the sampler field naming its run), results }], one column pair each. */
function printTable(problems, samplers, ours, peers) {
  const header = ['problem', 'sampler', 'mean ± se', 'median', ...peers.flatMap(({ name }) => [`${name} mean ± se`, 'gap (se)'])];
  const rows = [header];
  for (const problem of problems) {
    for (const sampler of samplers) {
      const mine = ours[problem.name][sampler.key];
      const cells = peers.flatMap(({ key, results }) => {
        const other = results[problem.name]?.[sampler[key]]?.regrets;
        if (!other) return ['', ''];
        const gap = gapInSe(mine, other);
        // Regrets are heavy-tailed: at 10 seeds most gaps are seed noise; 2 se marks a likely real one.
        return [`${fmt(mean(other))} ± ${fmt(stdError(other))}`, `${gap >= 0 ? '+' : ''}${gap.toFixed(1)}${gap > 2 ? ' worse' : ''}`];
      });
      rows.push([problem.label, sampler.label, `${fmt(mean(mine))} ± ${fmt(stdError(mine))}`, fmt(median(mine)), ...cells]);
    }
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  if (peers.length) console.log('gap = (Tuneboard mean − Optuna mean) / combined standard error; positive: Tuneboard worse. Regrets are heavy-tailed: gaps within ~2 se are seed noise (try --seeds 100).');
}

const options = parseArgs(process.argv.slice(2));
const problems = selectProblems(options.problems);
const samplers = options.samplers.length ? options.samplers.map((key) => SAMPLERS.find((s) => s.key === key) ?? unknownSampler(key)) : SAMPLERS;
const version = options.optuna ? optunaVersion() : null;
if (options.optuna && !version) console.log(`(${PYTHON} has no optuna: no Optuna 3.1 column; apt-get install python3-optuna)`);
const currentVersion = options.optuna && OPTUNA_CURRENT ? optunaVersion(OPTUNA_CURRENT) : null;
if (OPTUNA_CURRENT && options.optuna && !currentVersion) console.log(`(TUNEBOARD_OPTUNA_CURRENT=${OPTUNA_CURRENT} holds no importable optuna package: no current Optuna column)`);
const optuna = version ? startOptuna(options, problems, samplers, 'optuna') : null;
const current = currentVersion ? startOptuna(options, problems, samplers, 'current', OPTUNA_CURRENT) : null;

const alongside = [version && `Optuna ${version}`, currentVersion && `Optuna ${currentVersion} (default TPESampler)`].filter(Boolean).join(' and ');
console.log(`Mean regret after ${options.trials} trials over ${options.seeds} seeds${alongside ? `; ${alongside} alongside` : ''}`);
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
const peers = [];
if (optuna) peers.push({ name: `optuna ${version}`, key: 'optuna', results: (await optuna).results });
if (current) peers.push({ name: `optuna ${currentVersion}`, key: 'current', results: (await current).results });
printTable(problems, samplers, ours, peers);
// Timed once Optuna's processes are done, so they do not share the CPU.
if (options.timing) {
  for (const { key, spec, timingTrials = 1000, numericTiming } of samplers.filter((s) => s.key !== 'random')) {
    for (const space of numericTiming ? [TIMING_SPACE, NUMERIC_TIMING_SPACE] : [TIMING_SPACE]) {
      const names = Object.keys(space);
      console.log(`ask() at ${timingTrials.toLocaleString('en')} complete trials, ${names.length} params (${names.join(', ')}), ${key}: ${(await askTime(spec, timingTrials, space)).toFixed(2)} ms`);
    }
  }
}
