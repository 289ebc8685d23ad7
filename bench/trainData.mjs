// Data for the trainer benchmark (bench/train.mjs): the example CSV files, Fashion-MNIST read from its
// IDX files, and the hand-off of one split to the PyTorch side (bench/torch_train.py).
//
// Fashion-MNIST comes from Debian's `dataset-fashion-mnist` (Zalando, MIT licence; not committed: it
// is large). The benchmark takes a fixed subset: the first 6,000 images of `train-images-idx3-ubyte.gz`
// with their labels, pixels scaled to [0, 1], split 80/20 (4,800 training and 1,200 validation images)
// after a seeded shuffle. The files are read by the product's IDX reader (src/runner/data/idxFile.ts);
// the split stays the benchmark's own, so its figures compare with earlier runs.
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Rng } = require('../dist/core.js');
const { decodeIdx, idxBytes } = require('../dist/trainer.js');
const HERE = dirname(fileURLToPath(import.meta.url));

export const FASHION_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
export const FASHION_SUBSET = 6000;
const HOLD_OUT = 0.2;

/** The first `limit` items of an IDX file (gzipped or not) of `role` ('images' or 'labels'). */
export function readIdx(path, role, limit = Infinity) {
  const { dims, values } = decodeIdx(idxBytes(readFileSync(path), path), path, role, limit);
  return { shape: dims, values };
}

export function fashionAvailable() {
  return existsSync(join(FASHION_DIR, 'train-images-idx3-ubyte.gz')) && existsSync(join(FASHION_DIR, 'train-labels-idx1-ubyte.gz'));
}

/** The benchmark's Fashion-MNIST subset as prepared data: 784 features in [0, 1], 10 classes. */
export function loadFashion(count = FASHION_SUBSET) {
  const images = readIdx(join(FASHION_DIR, 'train-images-idx3-ubyte.gz'), 'images', count);
  const labels = readIdx(join(FASHION_DIR, 'train-labels-idx1-ubyte.gz'), 'labels', count);
  const width = images.shape[1] * images.shape[2];
  const x = Float32Array.from(images.values, (v) => v / 255);
  const y = Float32Array.from(labels.values);
  return splitRows(x, y, width, Array.from({ length: 10 }, (_, i) => String(i)), (i) => `px${i}`);
}

/**
 * A CSV of numbers with a class column, much as prepareData makes it: classes indexed in sorted order,
 * features standardised on the training rows, a seeded (unstratified) 80/20 split.
 */
export function loadClassification(file, target) {
  const [header, ...lines] = readFileSync(join(HERE, '..', 'examples', file), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const targetIndex = columns.indexOf(target);
  const rows = lines.map((line) => line.split(','));
  const classes = [...new Set(rows.map((r) => r[targetIndex]))].sort();
  const featureCount = columns.length - 1;
  const x = Float32Array.from(rows.flatMap((r) => r.filter((_, c) => c !== targetIndex).map(Number)));
  const y = Float32Array.from(rows.map((r) => classes.indexOf(r[targetIndex])));
  const featureNames = columns.filter((c) => c !== target);
  const data = splitRows(x, y, featureCount, classes, (i) => featureNames[i]);
  const [fold] = data.folds;
  standardise(fold.xTrain, fold.xVal, featureCount);
  return data;
}

/** A seeded shuffle of the rows, then the first 20% for validation and the rest for training. */
function splitRows(x, y, width, classes, featureName) {
  const count = y.length;
  const order = Array.from({ length: count }, (_, i) => i);
  const rng = new Rng(1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const valCount = Math.round(count * HOLD_OUT);
  const pick = (indices) => {
    const xs = new Float32Array(indices.length * width);
    indices.forEach((row, k) => xs.set(x.subarray(row * width, (row + 1) * width), k * width));
    return { x: xs, y: Float32Array.from(indices, (row) => y[row]) };
  };
  const train = pick(order.slice(valCount));
  const val = pick(order.slice(0, valCount));
  const fold = { xTrain: train.x, yTrain: train.y, xVal: val.x, yVal: val.y, trainCount: count - valCount, valCount };
  return { task: 'classification', featureNames: Array.from({ length: width }, (_, i) => featureName(i)), featureCount: width, classes, sampleCount: count, folds: [fold] };
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

/** The first `trainCount` training and a quarter as many validation rows: a smaller copy for slow backends. */
export function subset(data, trainCount) {
  const [fold] = data.folds;
  const train = Math.min(trainCount, fold.trainCount);
  const val = Math.min(Math.max(1, Math.round(train / 4)), fold.valCount);
  const width = data.featureCount;
  const small = { xTrain: fold.xTrain.slice(0, train * width), yTrain: fold.yTrain.slice(0, train), xVal: fold.xVal.slice(0, val * width), yVal: fold.yVal.slice(0, val), trainCount: train, valCount: val };
  return { ...data, folds: [small], sampleCount: train + val };
}

/** Writes the split as raw little-endian float32 files plus a JSON description, for torch_train.py. */
export function writeForTorch(dir, data) {
  const [fold] = data.folds;
  for (const name of ['xTrain', 'yTrain', 'xVal', 'yVal']) writeFileSync(join(dir, `${name}.f32`), Buffer.from(fold[name].buffer, fold[name].byteOffset, fold[name].byteLength));
  writeFileSync(join(dir, 'data.json'), JSON.stringify({ featureCount: data.featureCount, classes: data.classes.length, trainCount: fold.trainCount, valCount: fold.valCount }));
}
