// Trainer benchmark: training samples per second of Tuneboard's trainer against a bare TensorFlow.js
// loop (model.fit on the same model, data, batch size and epochs, with the same validation pass each
// epoch) for every backend that loads here, the trainer's overhead over it, and PyTorch on one and two
// threads (bench/torch_train.py, Debian's python3-torch; skipped with a note when it is missing) on
// the same network, data, batch size and epochs. Workloads: the example CSVs (digits and iris MLPs, a
// digits CNN) and a 6,000-image Fashion-MNIST subset (bench/trainData.mjs) with a CNN and an MLP.
// Backend wasm-2t is wasm with a 2-thread XNNPACK pool (TUNEBOARD_WASM_THREADS=2, wasmThreads.ts).
//   npm run bench:train -- [--section throughput,parallel] [--backends wasm,cpu] [--workloads fashion]
//                          [--repeats 3] [--trials 16] [--no-torch]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FASHION_DIR, fashionAvailable, loadClassification, loadFashion, subset, writeForTorch } from './trainData.mjs';

const require = createRequire(import.meta.url);
const { createTrainer, loadBackend, buildMlp, buildCnn, resolveParams, createOptimizer, wasmThreadCount } = require('../dist/trainer.js');
const { Rng } = require('../dist/core.js');
const HERE = dirname(fileURLToPath(import.meta.url));
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

const FASHION_CNN = { conv_blocks: 2, filters: 16, kernel_size: 3, pooling: 'max', dense_units: 64, batch_size: 64, learning_rate: 1e-3 };
const csv = (file, target) => () => loadClassification(file, target);
/**
 * name → data, model and the trial's parameters. `epochs` is per backend (and for torch) so each run
 * takes about a second or more; `rows` caps the training rows on slow backends (validation: a quarter
 * as many), which keeps samples/s comparable while the cpu backend finishes in reasonable time.
 */
const WORKLOADS = [
  { name: 'digits mlp 64-128-10', load: csv('digits/data/digits.csv', 'digit'), model: 'mlp', params: { layers: 1, units: 128, batch_size: 64, learning_rate: 1e-3 }, epochs: { wasm: 20, cpu: 5, torch: 20, default: 20 } },
  { name: 'iris mlp 4-32-3', load: csv('iris/data/iris.csv', 'species'), model: 'mlp', params: { layers: 1, units: 32, batch_size: 16, learning_rate: 1e-2 }, epochs: { wasm: 150, cpu: 150, torch: 150, default: 150 } },
  { name: 'digits cnn 8×8 16-32-64', load: csv('digits/data/digits.csv', 'digit'), model: 'cnn', inputShape: [8, 8, 1], params: FASHION_CNN, epochs: { wasm: 3, cpu: 1, torch: 10, default: 3 }, rows: { cpu: 192 } },
  { name: 'fashion cnn 28×28 16-32-64', fashion: true, load: () => loadFashion(), model: 'cnn', inputShape: [28, 28, 1], params: FASHION_CNN, epochs: { wasm: 1, cpu: 1, torch: 3, default: 2 }, rows: { cpu: 128 } },
  { name: 'fashion mlp 784-128-10', fashion: true, load: () => loadFashion(), model: 'mlp', params: { layers: 1, units: 128, batch_size: 64, learning_rate: 1e-3 }, epochs: { wasm: 3, cpu: 1, torch: 10, default: 3 }, rows: { cpu: 1600 } },
];
const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'wasm-2t', 'cpu'];

function parseArgs(argv) {
  const options = { sections: ['throughput', 'parallel'], backends: BACKENDS, repeats: 3, torch: true, workloads: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--section') options.sections = argv[++i].split(',').filter(Boolean);
    else if (flag === '--backends') options.backends = argv[++i].split(',').filter(Boolean);
    else if (flag === '--workloads') options.workloads = argv[++i].split(',').filter(Boolean);
    else if (flag === '--repeats') options.repeats = Number(argv[++i]);
    else if (flag === '--trials') options.trials = Number(argv[++i]);
    else if (flag === '--no-torch') options.torch = false;
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

/** The trainer's setup for a workload: cnn rows are shaped by input_shape. */
function setupFor(workload, backend, data) {
  return { model: workload.model, backend, data, ...(workload.inputShape ? { inputShape: workload.inputShape } : {}) };
}

/** 'wasm-2t': the wasm backend with a 2-thread pool (TUNEBOARD_WASM_THREADS=2), measured in a child process. */
const WASM_THREADED = 'wasm-2t';

/** Our trainer and the bare loop on one backend: `repeats` runs of each, alternating. */
async function measure(tf, backend, workload, full, repeats) {
  await tf.setBackend(backend === 'tensorflow-gpu' ? 'tensorflow' : backend);
  const data = workload.rows?.[backend] ? subset(full, workload.rows[backend]) : full;
  const epochs = workload.epochs[backend] ?? workload.epochs.default;
  // A short warm-up of each on a few rows, then alternate so drift hits both alike.
  const warm = subset(data, 4 * (workload.params.batch_size ?? 32));
  await timeTrainer(workload, backend, warm, 1);
  await timeFit(tf, workload, warm, 1);
  const ours = [];
  const bare = [];
  for (let r = 0; r < repeats; r++) {
    ours.push(await timeTrainer(workload, backend, data, epochs));
    bare.push(await timeFit(tf, workload, data, epochs));
  }
  return { data: { trainCount: data.folds[0].trainCount, subset: data !== full }, epochs, ours, bare };
}

/** `measure` on wasm in a child process whose wasm backend has a 2-thread pool. */
function measureInChild(workload, repeats) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure-child', workload.name, String(repeats)], { encoding: 'utf8', env: { ...process.env, TUNEBOARD_WASM_THREADS: '2' } });
  if (child.status !== 0) throw new Error(`${WASM_THREADED} child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

async function measureChild(name, repeats) {
  const { tf } = await loadBackend('wasm');
  const threads = wasmThreadCount();
  if (threads < 2) throw new Error(`the threaded wasm build did not start (${threads} thread)`);
  const workload = WORKLOADS.find((w) => w.name === name);
  console.log(JSON.stringify(await measure(tf, 'wasm', workload, workload.load(), repeats)));
}

/** Our trainer: one trial of `epochs` epochs. Seconds and the last epoch's validation accuracy. */
async function timeTrainer(workload, backend, data, epochs) {
  const trainer = await createTrainer(setupFor(workload, backend, data));
  let accuracy = NaN;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await trainer.train({ params: { ...workload.params, epochs }, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, { onEpoch(report) { accuracy = report.metrics.val_accuracy; }, shouldStop: () => false });
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpuStarted), accuracy };
}

/** The bare loop: the same model compiled and trained with model.fit, validating each epoch. Seconds. */
async function timeFit(tf, workload, data, epochs) {
  const { architecture, training } = resolveParams(workload.model, workload.params);
  const fold = data.folds[0];
  const classes = data.classes.length;
  const sampleShape = workload.inputShape ?? [data.featureCount];
  const ctx = { tf, rng: new Rng(1) };
  const model = workload.model === 'mlp' ? buildMlp(ctx, architecture, data.featureCount, classes) : buildCnn(ctx, architecture, sampleShape, classes);
  const optimizer = createOptimizer(tf, training);
  model.compile({ optimizer, loss: (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits), metrics: ['accuracy'] });
  const tensors = tf.tidy(() => ({
    x: tf.tensor(fold.xTrain, [fold.trainCount, ...sampleShape]),
    y: tf.oneHot(tf.tensor1d(fold.yTrain, 'int32'), classes).toFloat(),
    xVal: tf.tensor(fold.xVal, [fold.valCount, ...sampleShape]),
    yVal: tf.oneHot(tf.tensor1d(fold.yVal, 'int32'), classes).toFloat(),
  }));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const history = await model.fit(tensors.x, tensors.y, { batchSize: training.batchSize, epochs, shuffle: true, validationData: [tensors.xVal, tensors.yVal], verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpuStarted);
  tf.dispose(Object.values(tensors));
  model.dispose();
  optimizer.dispose();
  const accuracy = history.history.val_acc ?? history.history.val_accuracy ?? [];
  return { seconds, cpuSeconds, accuracy: accuracy[accuracy.length - 1] ?? NaN };
}

/** CPU seconds of this process (all its threads) since `start`: what other processes on a busy machine disturb least. */
function cpuSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** PyTorch on `threads` threads: samples/s (median of `repeats`) and validation accuracy, or a reason it did not run. */
function timeTorch(workload, dataDir, threads, repeats) {
  const p = workload.params;
  const args = [join(HERE, 'torch_train.py'), '--data', dataDir, '--model', workload.model, '--threads', String(threads), '--repeats', String(repeats), '--epochs', String(workload.epochs.torch), '--batch', String(p.batch_size), '--lr', String(p.learning_rate)];
  if (workload.model === 'mlp') args.push('--layers', String(p.layers), '--units', String(p.units));
  else args.push('--input-shape', workload.inputShape.join(','), '--conv-blocks', String(p.conv_blocks), '--filters', String(p.filters), '--kernel', String(p.kernel_size), '--dense', String(p.dense_units));
  const result = spawnSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
  if (result.status !== 0) throw new Error(`torch_train.py failed: ${(result.stderr || result.error?.message || '').trim().split('\n').pop()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function torchMissing() {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'PyTorch is not installed (apt-get install python3-torch)';
}

async function throughputSection(options) {
  console.log('Training throughput: samples/s (training rows × epochs ÷ wall time, validation included), median of', options.repeats);
  console.log('overhead = our time ÷ model.fit time − 1 (negative: faster than model.fit); ×torch = torch samples/s ÷ ours (how many times slower)');
  console.log('cpu columns: the same from CPU seconds instead of wall time (per process, all threads), which a busy machine skews less\n');
  const missingTorch = options.torch ? torchMissing() : '--no-torch';
  if (missingTorch) console.log(`PyTorch columns skipped: ${missingTorch}`);
  const workloads = WORKLOADS.filter((w) => !options.workloads || options.workloads.some((name) => w.name.includes(name)));
  const rows = [['workload', 'backend', 'epochs', 'tuneboard', 'tfjs fit', 'overhead', 'torch 1T', 'torch 2T', '×1T', '×2T', 'cpu overhead', 'cpu ×1T', 'val acc ours/fit/torch']];
  const loaded = [];
  for (const backend of options.backends) {
    if (backend === WASM_THREADED) {
      loaded.push({ backend, tf: null });
      continue;
    }
    try {
      loaded.push({ backend, tf: (await loadBackend(backend)).tf });
    } catch (error) {
      console.log(`${backend}: skipped (${error.message.split(';')[0]})`);
    }
  }
  for (const workload of workloads) {
    if (workload.fashion && !fashionAvailable()) {
      console.log(`${workload.name}: skipped (no Fashion-MNIST in ${FASHION_DIR}; apt-get install dataset-fashion-mnist)`);
      continue;
    }
    const full = workload.load();
    const torch = [null, null];
    if (!missingTorch) {
      const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-torch-'));
      try {
        writeForTorch(dir, full);
        for (const [k, threads] of [1, 2].entries()) torch[k] = timeTorch(workload, dir, threads, options.repeats);
      } catch (error) {
        console.log(`${workload.name}: PyTorch failed (${error.message})`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    for (const { backend, tf } of loaded) {
      const threaded = backend === WASM_THREADED;
      const { data, epochs, ours, bare } = threaded ? measureInChild(workload, options.repeats) : await measure(tf, backend, workload, full, options.repeats);
      const samples = data.trainCount * epochs;
      const [oursRun, bareRun] = [medianBy(ours), medianBy(bare)];
      const oursRate = samples / oursRun.seconds;
      const percent = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;
      const overhead = percent(oursRun.seconds / bareRun.seconds);
      const versus = (t) => (t ? `${(t.samplesPerSecond / oursRate).toFixed(1)}×` : '–');
      const cpuOverhead = percent(median(ours.map((r) => r.cpuSeconds)) / median(bare.map((r) => r.cpuSeconds)));
      const cpuVersus = torch[0] ? `${(torch[0].samplesPerCpuSecond / (samples / median(ours.map((r) => r.cpuSeconds)))).toFixed(1)}×` : '–';
      const accuracies = [oursRun.accuracy, bareRun.accuracy, torch[0]?.valAccuracy].map((a) => (a === undefined || Number.isNaN(a) ? '–' : a.toFixed(2))).join('/');
      rows.push([workload.name, backend, `${epochs}${data.subset ? ` (${data.trainCount} rows)` : ''}`, rate(oursRate), rate(samples / bareRun.seconds), overhead,
        torch[0] ? rate(torch[0].samplesPerSecond) : '–', torch[1] ? rate(torch[1].samplesPerSecond) : '–', versus(torch[0]), versus(torch[1]), cpuOverhead, cpuVersus, accuracies]);
      console.log(`  measured ${workload.name} on ${backend}`);
    }
  }
  console.log(`\n${table(rows)}`);
  // Other processes on the machine skew every column, torch 2T (OpenMP spin-waits) most.
  console.log(`\nLoad average (1 min) at the end: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores.`);
  if (!missingTorch) console.log(`\nPyTorch: ${PYTHON} (bench/torch_train.py), same network, data, batch size and epochs (${workloads.map((w) => w.epochs.torch).join('/')}); 1T/2T = torch.set_num_threads(1/2).`);
}

/**
 * Trials per minute of one study with `parallel: 1` against `parallel: 2`: the same iris MLP config
 * (5-fold, every trial the same size; only the learning rate is tuned, so trial cost does not depend
 * on what the sampler picks), run through the real CLI. The clock runs from study-started to
 * study-finished (workers loading included), read from `--json` events.
 */
async function parallelSection(options) {
  const { writeFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'tuneboard-bench-parallel-'));
  const trials = options.trials ?? 16;
  const config = join(dir, 'iris-parallel.tune.yaml');
  writeFileSync(
    config,
    `name: iris-parallel
objective: { metric: val_accuracy, direction: maximize }
search: { sampler: random, trials: ${trials}, seed: 1, pruner: none }
space:
  learning_rate: { float: [1.0e-3, 1.0e-1], log: true }
  units: 32
  layers: 2
  epochs: 30
trial:
  model: mlp
  data: { path: ${JSON.stringify(join(HERE, '..', 'examples', 'iris', 'data', 'iris.csv'))}, target: species, validation: { kfold: 5 } }
`,
  );
  const rows = [];
  for (const parallel of [1, 2]) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(HERE, '..', 'dist', 'cli.js'), 'run', config, '--json', '--parallel', String(parallel), '--storage', join(dir, `p${parallel}.jsonl`)], { encoding: 'utf8' });
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`tuneboard run --parallel ${parallel} failed:\n${result.stderr}`);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const finished = events.find((e) => e.type === 'study-finished');
    const backend = events.find((e) => e.type === 'worker-ready')?.backend ?? '?';
    const seconds = finished.elapsedMs / 1000;
    rows.push({ parallel, backend, complete: finished.counts.complete, seconds, wall, perMinute: (finished.counts.complete / seconds) * 60 });
  }
  rmSync(dir, { recursive: true, force: true });

  // The machine's own ceiling: the same bare tfjs loop in one process, then in two at once.
  const { spawn } = await import('node:child_process');
  const bare = (count) =>
    Promise.all(
      Array.from({ length: count }, () => new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--bare-loop-child'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out).samplesPerSecond) : reject(new Error(`bare loop exited ${code}`))));
      })),
    ).then((rates) => rates.reduce((a, b) => a + b, 0));
  const one = await bare(1);
  const two = await bare(2);

  console.log(`\nTrials per minute, one study of ${trials} iris MLP trials (5-fold, 30 epochs), parallel 1 vs 2 (target ≥ 1.7×)`);
  console.log(table([
    ['parallel', 'backend', 'trials', 'study s', 'process s', 'trials/min', 'speed-up'],
    ...rows.map((r) => [String(r.parallel), r.backend, String(r.complete), r.seconds.toFixed(1), r.wall.toFixed(1), r.perMinute.toFixed(1), `${(r.perMinute / rows[0].perMinute).toFixed(2)}×`]),
  ]));
  console.log(`\nThe machine's ceiling, measured alongside: a bare tfjs-wasm model.fit loop (iris mlp) in 1 process ${rate(one)} samples/s,`);
  console.log(`in 2 processes at once ${rate(two)} samples/s together: ${(two / one).toFixed(2)}× — the most any runner can get from 2 workers here.`);
  console.log(`Runner efficiency: ${((rows[1].perMinute / rows[0].perMinute) / (two / one) * 100).toFixed(0)}% of that ceiling.`);
}

const SECTIONS = { throughput: throughputSection, parallel: parallelSection };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The run with the median time. */
function medianBy(runs) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function rate(samplesPerSecond) {
  return samplesPerSecond >= 1000 ? `${(samplesPerSecond / 1000).toFixed(1)}k` : samplesPerSecond.toFixed(0);
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Child mode for the parallel section: one bare model.fit on iris, printing its samples/s. */
async function bareLoopChild() {
  const { tf } = await loadBackend('wasm');
  const workload = WORKLOADS[1];
  const data = workload.load();
  await timeFit(tf, workload, data, 5);
  const { seconds } = await timeFit(tf, workload, data, BARE_LOOP_EPOCHS);
  console.log(JSON.stringify({ samplesPerSecond: (data.folds[0].trainCount * BARE_LOOP_EPOCHS) / seconds }));
}
const BARE_LOOP_EPOCHS = 300;

if (process.argv[2] === '--measure-child') {
  await measureChild(process.argv[3], Number(process.argv[4]));
  process.exit(0);
}
if (process.argv[2] === '--bare-loop-child') {
  await bareLoopChild();
  process.exit(0);
}
const options = parseArgs(process.argv.slice(2));
for (const name of options.sections) {
  const section = SECTIONS[name];
  if (!section) throw new Error(`unknown section ${name} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  await section(options);
}
