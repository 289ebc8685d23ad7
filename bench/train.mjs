// Trainer benchmark: training samples per second of Tuneboard's trainer against a bare TensorFlow.js
// loop (model.fit on the same model, data, batch size and epochs, with the same validation pass each
// epoch) for every backend that loads here, and the trainer's overhead over it.
//   npm run bench:train -- [--section throughput,parallel] [--backends wasm,cpu] [--repeats 3] [--trials 16]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { createTrainer, loadBackend, buildMlp, resolveParams, createOptimizer } = require('../dist/trainer.js');
const { Rng } = require('../dist/core.js');
const HERE = dirname(fileURLToPath(import.meta.url));

/** name → data set and the trial's parameters; `epochs` is per backend, so each run takes about a second. */
const WORKLOADS = [
  { name: 'digits mlp 64-128-10', file: 'digits/data/digits.csv', target: 'digit', params: { layers: 1, units: 128, batch_size: 64, learning_rate: 1e-3 }, epochs: { wasm: 20, cpu: 5, default: 20 } },
  { name: 'iris mlp 4-32-3', file: 'iris/data/iris.csv', target: 'species', params: { layers: 1, units: 32, batch_size: 16, learning_rate: 1e-2 }, epochs: { wasm: 150, cpu: 150, default: 150 } },
];
const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

function parseArgs(argv) {
  const options = { sections: ['throughput', 'parallel'], backends: BACKENDS, repeats: 3 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--section') options.sections = argv[++i].split(',').filter(Boolean);
    else if (flag === '--backends') options.backends = argv[++i].split(',').filter(Boolean);
    else if (flag === '--repeats') options.repeats = Number(argv[++i]);
    else if (flag === '--trials') options.trials = Number(argv[++i]);
    else throw new Error(`unknown flag ${flag}`);
  }
  return options;
}

/**
 * A CSV of numbers with a class column, much as prepareData makes it: classes indexed in sorted order,
 * features standardised on the training rows, a seeded (unstratified) 80/20 split.
 */
function loadClassification(file, target) {
  const [header, ...lines] = readFileSync(join(HERE, '..', 'examples', file), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const targetIndex = columns.indexOf(target);
  const rows = lines.map((line) => line.split(','));
  const classes = [...new Set(rows.map((r) => r[targetIndex]))].sort();
  const featureCount = columns.length - 1;
  const order = rows.map((_, i) => i);
  const rng = new Rng(1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const valCount = Math.round(rows.length * 0.2);
  const pick = (indices) => ({
    x: Float32Array.from(indices.flatMap((i) => rows[i].filter((_, c) => c !== targetIndex).map(Number))),
    y: Float32Array.from(indices.map((i) => classes.indexOf(rows[i][targetIndex]))),
  });
  const train = pick(order.slice(valCount));
  const val = pick(order.slice(0, valCount));
  standardise(train.x, val.x, featureCount);
  const fold = { xTrain: train.x, yTrain: train.y, xVal: val.x, yVal: val.y, trainCount: rows.length - valCount, valCount };
  return { task: 'classification', featureNames: columns.filter((c) => c !== target), featureCount, classes, sampleCount: rows.length, folds: [fold] };
}

function standardise(xTrain, xVal, width) {
  for (let j = 0; j < width; j++) {
    let sum = 0;
    let squares = 0;
    const n = xTrain.length / width;
    for (let i = j; i < xTrain.length; i += width) sum += xTrain[i];
    const mean = sum / n;
    for (let i = j; i < xTrain.length; i += width) squares += (xTrain[i] - mean) ** 2;
    const scale = Math.sqrt(squares / n) || 1;
    for (const x of [xTrain, xVal]) for (let i = j; i < x.length; i += width) x[i] = (x[i] - mean) / scale;
  }
}

/** Our trainer: one trial of `epochs` epochs. Seconds. */
async function timeTrainer(backend, data, params, epochs) {
  const trainer = await createTrainer({ model: 'mlp', backend, data });
  const started = performance.now();
  await trainer.train({ params: { ...params, epochs }, metric: 'val_accuracy', direction: 'maximize', seed: 1 }, { onEpoch() {}, shouldStop: () => false });
  return (performance.now() - started) / 1000;
}

/** The bare loop: the same model compiled and trained with model.fit, validating each epoch. Seconds. */
async function timeFit(tf, data, params, epochs) {
  const { architecture, training } = resolveParams('mlp', params);
  const fold = data.folds[0];
  const classes = data.classes.length;
  const model = buildMlp({ tf, rng: new Rng(1) }, architecture, data.featureCount, classes);
  const optimizer = createOptimizer(tf, training);
  model.compile({ optimizer, loss: (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits), metrics: ['accuracy'] });
  const tensors = tf.tidy(() => ({
    x: tf.tensor2d(fold.xTrain, [fold.trainCount, data.featureCount]),
    y: tf.oneHot(tf.tensor1d(fold.yTrain, 'int32'), classes).toFloat(),
    xVal: tf.tensor2d(fold.xVal, [fold.valCount, data.featureCount]),
    yVal: tf.oneHot(tf.tensor1d(fold.yVal, 'int32'), classes).toFloat(),
  }));
  const started = performance.now();
  await model.fit(tensors.x, tensors.y, { batchSize: training.batchSize, epochs, shuffle: true, validationData: [tensors.xVal, tensors.yVal], verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  tf.dispose(Object.values(tensors));
  model.dispose();
  optimizer.dispose();
  return seconds;
}

async function throughputSection(options) {
  console.log('Training throughput: samples/s (training rows × epochs ÷ wall time, validation included), median of', options.repeats);
  console.log('overhead = our time ÷ model.fit time − 1 (negative: faster than model.fit)\n');
  const rows = [['backend', 'workload', 'epochs', 'tuneboard', 'tfjs fit', 'overhead']];
  for (const backend of options.backends) {
    let tf;
    try {
      ({ tf } = await loadBackend(backend));
    } catch (error) {
      console.log(`${backend}: skipped (${error.message.split(';')[0]})`);
      continue;
    }
    for (const workload of WORKLOADS) {
      const data = loadClassification(workload.file, workload.target);
      const epochs = workload.epochs[backend] ?? workload.epochs.default;
      const samples = data.folds[0].trainCount * epochs;
      // A short warm-up of each, then alternate so drift hits both alike.
      await timeTrainer(backend, data, workload.params, 1);
      await timeFit(tf, data, workload.params, 1);
      const ours = [];
      const bare = [];
      for (let r = 0; r < options.repeats; r++) {
        ours.push(await timeTrainer(backend, data, workload.params, epochs));
        bare.push(await timeFit(tf, data, workload.params, epochs));
      }
      const [oursSeconds, bareSeconds] = [median(ours), median(bare)];
      const overhead = (oursSeconds / bareSeconds - 1) * 100;
      rows.push([backend, workload.name, String(epochs), rate(samples / oursSeconds), rate(samples / bareSeconds), `${overhead >= 0 ? '+' : ''}${overhead.toFixed(0)}%`]);
    }
  }
  console.log(`\n${table(rows)}`);
}

/**
 * Trials per minute of one study with `parallel: 1` against `parallel: 2`: the same iris MLP config
 * (5-fold, every trial the same size; only the learning rate is tuned, so trial cost does not depend
 * on what the sampler picks), run through the real CLI. The clock runs from study-started to
 * study-finished (workers loading included), read from `--json` events.
 */
async function parallelSection(options) {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
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
  const data = loadClassification(workload.file, workload.target);
  await timeFit(tf, data, workload.params, 5);
  const seconds = await timeFit(tf, data, workload.params, BARE_LOOP_EPOCHS);
  console.log(JSON.stringify({ samplesPerSecond: (data.folds[0].trainCount * BARE_LOOP_EPOCHS) / seconds }));
}
const BARE_LOOP_EPOCHS = 300;

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
