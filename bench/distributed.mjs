// Distributed benchmark (issue 12): trials per second with 1, 2, 4 and 8 worker processes on one
// Redis, Tuneboard's Redis journal beside Optuna 3.1's JournalRedisStorage with the same process
// counts, then ask() latency with 1,000 and 10,000 trials in the log, and the issue's targets.
//   npm run bench:distributed -- [--procs 1,2,4,8] [--trials 800] [--repeats 3] [--sizes 1000,10000] [--asks 300] [--sampler random|tpe] [--no-optuna] [--cpu-prof DIR]
// (--cpu-prof: each Tuneboard worker writes a V8 CPU profile into DIR, to see where a trial's CPU goes.)
// It starts its own redis-server (no persistence) on a free loopback port and stops it after. Each run
// gets a fresh prefix; each process runs trials/procs ask/tell rounds of a trivial objective (x² + y²)
// and waits at a barrier after opening the study, so process start-up and the first replay are not timed:
// throughput = trials / (last process's end − first process's start), the median of --repeats runs (the
// two sides alternate, so a busy moment on the machine hits both). For context, it also runs the largest
// process count with an objective that sleeps 20 ms, where the processes no longer queue for the journal.
// The engine and the Redis journal are bundled from src/ into a temporary file (dist/ has no Redis entry
// point for scripts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const PYTHON = '/usr/bin/python3';
const REDIS_SERVER = '/usr/bin/redis-server';
const require = createRequire(import.meta.url);
const Redis = require('ioredis');

/** Both sides: the same space, the same objective (bench/distributedWorker.mjs, bench/optuna_redis_bench.py). */
const SPACE = { x: { float: [-5, 5] }, y: { float: [-5, 5] } };
const DISTRIBUTION = JSON.stringify({ name: 'FloatDistribution', attributes: { step: null, low: -5, high: 5, log: false } });
const STUDY = 'bench';
const WORKER_TIMEOUT_MS = 120_000;
/** The objective time of the unsaturated run, and its trials per process. */
const SLOW_OBJECTIVE_MS = 20;
const SLOW_TRIALS_PER_PROCESS = 40;
/** The issue's targets. */
const OVERHEAD_TARGET_MS = 5;
const LATENCY_RATIO_TARGET = 2;

function parseArgs(argv) {
  const options = { procs: [1, 2, 4, 8], trials: 800, repeats: 3, sizes: [1000, 10_000], asks: 300, sampler: 'random', optuna: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--procs') options.procs = argv[++i].split(',').map(Number);
    else if (flag === '--trials') options.trials = Number(argv[++i]);
    else if (flag === '--repeats') options.repeats = Number(argv[++i]);
    else if (flag === '--sizes') options.sizes = argv[++i].split(',').map(Number);
    else if (flag === '--asks') options.asks = Number(argv[++i]);
    else if (flag === '--sampler') options.sampler = argv[++i];
    else if (flag === '--no-optuna') options.optuna = false;
    else if (flag === '--cpu-prof') options.cpuProf = argv[++i];
    else throw new Error(`unknown flag ${flag}`);
  }
  if (!['random', 'tpe'].includes(options.sampler)) throw new Error(`--sampler must be random or tpe, not ${options.sampler}`);
  return options;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server (as test/fixtures/redisServer.ts starts one): returns its port and a stop(). */
async function startRedis(dir) {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  await client.connect().catch(() => undefined);
  await Promise.race([client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error(`redis-server on port ${port} did not answer`)), 10_000))]);
  const stop = async () => {
    client.disconnect();
    if (child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  };
  return { port, client, stop };
}

/** createStudy and openJournalStorage in one CommonJS file, for the workers to require. */
async function bundleEngine(dir) {
  const outfile = join(dir, 'engine.cjs');
  await esbuild.build({
    stdin: { contents: "export { createStudy } from './src/core';\nexport { openJournalStorage } from './src/redis/openJournal';\n", resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-distributed-engine.ts' },
    outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['@tensorflow/*'], logLevel: 'warning',
  });
  return outfile;
}

const timestamp = (ms) => new Date(ms).toISOString().replace('Z', '000');

/**
 * Writes a log straight into Redis in JournalRedisStorage's layout: the study, then `trials` complete
 * trials as Tuneboard writes them (CREATE_TRIAL with params, then SET_TRIAL_STATE_VALUES). Both sides
 * read the same kind of log; with trials = 0 it only creates the study.
 */
async function writeLog(client, prefix, trials) {
  const worker = 'bench-fill';
  const ops = [JSON.stringify({ op_code: 0, worker_id: worker, study_name: STUDY, directions: [1] })];
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < trials; i++) {
    const x = ((i * 7919) % 1000) / 100 - 5;
    const y = ((i * 104729) % 1000) / 100 - 5;
    ops.push(JSON.stringify({ op_code: 4, worker_id: worker, study_id: 0, datetime_start: timestamp(t0 + i * 1000), state: 0, params: { x, y }, distributions: { x: DISTRIBUTION, y: DISTRIBUTION }, user_attrs: {}, system_attrs: {} }));
    ops.push(JSON.stringify({ op_code: 6, worker_id: worker, trial_id: i, state: 1, values: [x * x + y * y], datetime_complete: timestamp(t0 + i * 1000 + 500) }));
  }
  for (let from = 0; from < ops.length; from += 2000) {
    const pairs = ops.slice(from, from + 2000).flatMap((op, i) => [`${prefix}:log:${from + i}`, op]);
    await client.mset(...pairs);
  }
  await client.set(`${prefix}:log_number`, ops.length - 1);
}

/** Starts one worker process; `ready` resolves when it has opened the study, `done` to its JSON result. */
function startWorker(side, context, args) {
  const child = side === 'tuneboard'
    ? spawn(process.execPath, [...(context.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', context.cpuProf] : []), join(HERE, 'distributedWorker.mjs'), JSON.stringify({ engine: context.engine, url: `${context.url}?prefix=${args.prefix}`, study: STUDY, space: SPACE, sampler: context.sampler, ...args })], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(PYTHON, [join(HERE, 'optuna_redis_bench.py'), args.mode, context.url, args.prefix, STUDY, context.sampler, String(args.seed), String(args.mode === 'latency' ? args.asks : args.trials), String(args.sleepMs ?? 0)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onReady = null;
  const ready = new Promise((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop();
      if (code === 0) resolve(JSON.parse(last));
      else reject(new Error(`${side} worker exited with ${code ?? signal}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
  done.catch(() => onReady()); // a worker that dies before `ready` must not hang the barrier
  return { ready, done, go: () => child.stdin.end('go\n') };
}

/** One run: `procs` processes of one side on a fresh prefix, `total` trials in all; the objective sleeps `sleepMs`. */
async function throughputRun(side, procs, total, sleepMs, context) {
  const prefix = `tp-${side}-${context.sampler}-${procs}-${sleepMs}-${context.run++}`;
  await writeLog(context.client, prefix, 0);
  const share = Array.from({ length: procs }, (_, i) => Math.floor(total / procs) + (i < total % procs ? 1 : 0));
  const workers = share.map((trials, i) => startWorker(side, context, { mode: 'throughput', prefix, seed: 1000 + i, trials, sleepMs }));
  await Promise.all(workers.map((w) => w.ready));
  const redisCpuBefore = await redisCpuMs(context.client);
  for (const worker of workers) worker.go();
  const results = await Promise.all(workers.map((w) => w.done));
  const redisCpu = (await redisCpuMs(context.client)) - redisCpuBefore;
  const wallMs = Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start));
  const check = await checkLog(context, prefix, total);
  return {
    perSecond: (total / wallMs) * 1000,
    // CPU time per trial: the workers' own (in their timed rounds) and redis-server's over the run.
    cpuMs: (results.reduce((sum, r) => sum + r.cpuMs, 0) + redisCpu) / total,
    // Each process's wall time per trial, less the objective's own time: what the storage (and the
    // contention for it) costs a trial; the mean over the processes.
    overheadMs: results.reduce((sum, r) => sum + (r.end - r.start - r.objectiveMs) / r.trials, 0) / results.length,
    check,
  };
}

/** redis-server's CPU time so far (INFO cpu: user + system, all its threads), in ms. */
async function redisCpuMs(client) {
  const info = await client.info('cpu');
  const field = (name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Reads the log back with Tuneboard's replay: every trial complete, numbers 0…n−1. Returns a problem or ''. */
async function checkLog(context, prefix, expected) {
  const storage = await context.engineModule.openJournalStorage(`${context.url}?prefix=${prefix}`, { readOnly: true });
  try {
    const trials = storage.getTrials(storage.findStudy(STUDY)?.id ?? -1);
    const complete = trials.filter((t) => t.state === 'complete').length;
    const numbered = trials.every((t, i) => t.number === i);
    return complete === expected && trials.length === expected && numbered ? '' : `${prefix}: ${trials.length} trials, ${complete} complete, numbers ${numbered ? 'in order' : 'NOT unique'} (expected ${expected})`;
  } finally {
    await storage.close();
  }
}

async function latencyRun(side, size, context) {
  const prefix = `lat-${side}-${context.sampler}-${size}`;
  await writeLog(context.client, prefix, size);
  const worker = startWorker(side, context, { mode: 'latency', prefix, seed: 1, asks: context.asks });
  worker.go();
  const result = await worker.done;
  if (result.trialsBefore !== size) throw new Error(`${side} opened ${result.trialsBefore} trials in ${prefix}, not ${size}`);
  const sorted = [...result.asks].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { openMs: result.openMs, median: at(0.5), p95: at(0.95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

function version(command, args, pattern) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) return null;
  return pattern.exec(result.stdout)?.[1] ?? result.stdout.trim();
}

function printTable(header, rows, align) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

const fixed = (x, digits) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(digits));
const ratioText = (x) => (x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(2)}×`);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const redisVersion = version(REDIS_SERVER, ['--version'], /v=(\S+)/);
  if (!redisVersion) {
    console.log(`${REDIS_SERVER} is not installed (apt-get install redis-server): nothing to measure.`);
    return;
  }
  const optunaVersion = options.optuna ? version(PYTHON, ['-c', 'import optuna, redis; print(optuna.__version__, redis.__version__)'], /^(.*)$/m) : null;
  if (options.optuna && !optunaVersion) console.log(`(${PYTHON} lacks optuna or redis: Tuneboard's figures only; apt-get install python3-optuna python3-redis)`);
  const sides = optunaVersion ? ['tuneboard', 'optuna'] : ['tuneboard'];
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-distributed-'));
  let redis = null;
  try {
    const engine = await bundleEngine(dir);
    redis = await startRedis(dir);
    const context = { engine, engineModule: require(engine), url: `redis://127.0.0.1:${redis.port}/0`, client: redis.client, sampler: options.sampler, asks: options.asks, cpuProf: options.cpuProf, run: 0 };
    const samplerName = options.sampler === 'random' ? 'RandomSampler' : 'TPESampler';
    const [optuna, redisPy] = optunaVersion ? optunaVersion.split(' ') : [];
    console.log('Distributed Tuneboard on one Redis, beside Optuna\'s JournalRedisStorage (issue 12)');
    console.log(`machine: ${cpus().length} cores (load average ${loadavg()[0].toFixed(1)} at the start) · node ${process.version} · redis-server ${redisVersion} (loopback, no persistence)${optunaVersion ? ` · Optuna ${optuna}, redis-py ${redisPy}` : ''}`);
    console.log(`objective x² + y², x, y ∈ [-5, 5] (trivial) · ${samplerName} on both sides · params sampled by ask() on both (Optuna: ask(fixed_distributions))`);
    const started = performance.now();

    // Throughput at each process count, the two sides one after the other (never sharing the CPU).
    const runs = new Map(options.procs.map((procs) => [procs, Object.fromEntries(sides.map((side) => [side, []]))]));
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (const procs of options.procs) {
        for (const side of repeat % 2 ? [...sides].reverse() : sides) runs.get(procs)[side].push(await throughputRun(side, procs, options.trials, 0, context));
      }
    }
    const summary = (results) => ({ perSecond: median(results.map((r) => r.perSecond)), overheadMs: median(results.map((r) => r.overheadMs)), cpuMs: median(results.map((r) => r.cpuMs)), check: results.map((r) => r.check).filter(Boolean).join('; ') });
    const throughput = options.procs.map((procs) => ({ procs, ...Object.fromEntries(sides.map((side) => [side, summary(runs.get(procs)[side])])) }));
    console.log(`\n### Throughput: ${options.trials} trials per run split evenly over the processes, ${samplerName}, fresh prefix per run, median of ${options.repeats} runs`);
    console.log('(timed from the first trial\'s start to the last one\'s end; every process has opened the study and waits at a barrier first)\n');
    printTable(
      ['processes', 'Tuneboard trials/s', 'Optuna trials/s', 'ratio', 'Tuneboard overhead ms/trial', 'Optuna overhead ms/trial', 'Tuneboard CPU ms/trial', 'Optuna CPU ms/trial'],
      throughput.map((r) => [String(r.procs), fixed(r.tuneboard.perSecond, 0), fixed(r.optuna?.perSecond, 0), ratioText(r.tuneboard.perSecond / r.optuna?.perSecond), fixed(r.tuneboard.overheadMs, 2), fixed(r.optuna?.overheadMs, 2), fixed(r.tuneboard.cpuMs, 2), fixed(r.optuna?.cpuMs, 2)]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    );
    console.log('\noverhead = each process\'s wall time per trial (its last trial\'s end − its first one\'s start, ÷ its trials) − the objective\'s own time, mean over the processes;');
    console.log(`with more processes than cores (${cpus().length}) it includes waiting for the CPU as well as for the journal lock / Redis.`);
    console.log('CPU ms/trial = the workers\' CPU time in their timed rounds plus redis-server\'s over the run, ÷ the trials (what the machine spends per trial).');
    for (const problem of throughput.flatMap((r) => sides.map((side) => r[side].check)).filter(Boolean)) console.log(`LOG CHECK FAILED: ${problem}`);

    // The same at the largest count, but with an objective that takes a while: the processes no longer queue.
    const most = Math.max(...options.procs);
    const slow = {};
    for (const side of sides) slow[side] = await throughputRun(side, most, most * SLOW_TRIALS_PER_PROCESS, SLOW_OBJECTIVE_MS, context);
    console.log(`\nFor context (not the issue's measure): ${most} processes, an objective that sleeps ${SLOW_OBJECTIVE_MS} ms, ${SLOW_TRIALS_PER_PROCESS} trials each:`);
    console.log(`overhead ms/trial Tuneboard ${fixed(slow.tuneboard.overheadMs, 2)}${slow.optuna ? `, Optuna ${fixed(slow.optuna.overheadMs, 2)}` : ''}`);
    for (const problem of sides.map((side) => slow[side].check).filter(Boolean)) console.log(`LOG CHECK FAILED: ${problem}`);

    // ask() latency with the log already holding `size` complete trials.
    const latency = [];
    for (const size of options.sizes) {
      const row = { size };
      for (const side of sides) row[side] = await latencyRun(side, size, context);
      latency.push(row);
    }
    console.log(`\n### ask() latency: a fresh process opens a log of N complete trials (2 records each), then ${options.asks} ask() calls, each followed by an untimed tell (${samplerName})\n`);
    const latencyCells = (r) => sides.flatMap((side) => [fixed(r[side].openMs, 0), fixed(r[side].median, 2), fixed(r[side].p95, 2), fixed(r[side].mean, 2)]);
    const header = ['trials in log', ...sides.flatMap((side) => { const name = side === 'tuneboard' ? 'Tuneboard' : 'Optuna'; return [`${name} open+replay ms`, `${name} ask median ms`, `${name} ask p95 ms`, `${name} ask mean ms`]; })];
    const rows = latency.map((r) => [r.size.toLocaleString('en'), ...latencyCells(r)]);
    const first = latency[0];
    const last = latency[latency.length - 1];
    if (latency.length > 1) {
      rows.push([`ratio ${last.size.toLocaleString('en')} / ${first.size.toLocaleString('en')}`, ...sides.flatMap((side) => ['', ratioText(last[side].median / first[side].median), ratioText(last[side].p95 / first[side].p95), ratioText(last[side].mean / first[side].mean)])]);
    }
    printTable(header, rows, header.map(() => 'r'));

    // The issue's targets, for Tuneboard.
    console.log('\n### Targets\n');
    if (optunaVersion) {
      const behind = throughput.filter((r) => r.tuneboard.perSecond < r.optuna.perSecond);
      console.log(`${behind.length === 0 ? 'PASS' : 'FAIL'}  throughput at least Optuna's at every process count: ${throughput.map((r) => `${r.procs}: ${ratioText(r.tuneboard.perSecond / r.optuna.perSecond)}`).join(', ')}`);
    } else {
      console.log('SKIP  throughput at least Optuna\'s at every process count (no Optuna)');
    }
    const at8 = throughput.find((r) => r.procs === 8) ?? throughput[throughput.length - 1];
    console.log(`${at8.tuneboard.overheadMs < OVERHEAD_TARGET_MS ? 'PASS' : 'FAIL'}  per-trial storage overhead under ${OVERHEAD_TARGET_MS} ms at ${at8.procs} processes: ${fixed(at8.tuneboard.overheadMs, 2)} ms`);
    if (latency.length > 1) {
      const ratio = last.tuneboard.median / first.tuneboard.median;
      console.log(`${ratio <= LATENCY_RATIO_TARGET ? 'PASS' : 'FAIL'}  ask() with ${last.size.toLocaleString('en')} trials within ${LATENCY_RATIO_TARGET}× of ${first.size.toLocaleString('en')} (median): ${ratioText(ratio)} (p95 ${ratioText(last.tuneboard.p95 / first.tuneboard.p95)})`);
    }
    console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
