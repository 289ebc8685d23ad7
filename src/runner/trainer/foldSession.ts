/**
 * One fold of one trial: its model, optimizer and data tensors, stepped a batch at a time so the
 * trainer can interleave folds epoch by epoch and yield to the event loop between batches. Our own
 * batch loop (rather than model.fit) keeps the per-batch work to the gradient step and two sums.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { Rng } from '../../core';
import type { Task } from '../data/types';
import type { Tf } from './backend';
import { buildCnn } from './cnn';
import { createOptimizer } from './optimizer';
import { metricsFromSums, type Units } from './metrics';
import { buildMlp } from './mlp';
import { wasmCrossEntropy, type BatchSums } from './wasmCrossEntropy';
import type { ResolvedParams } from './params';
import type { ScaledFold } from './scaling';

/** Rows per forward pass when evaluating, to bound memory on large validation sets. */
const EVAL_CHUNK = 4096;

export interface FoldShape {
  readonly task: Task;
  /** Classes for classification, 1 for regression. */
  readonly outputs: number;
  /** The shape of one sample as the model takes it: [features] for mlp, input_shape for cnn. */
  readonly sampleShape: readonly number[];
}

export class FoldSession {
  readonly model: tfjs.Sequential;
  private readonly optimizer: tfjs.Optimizer;
  private readonly shuffleRng: Rng;
  private readonly units: Units;
  /** Values per sample (the product of the sample shape). */
  private readonly width: number;
  private readonly val: { x: tfjs.Tensor; target: tfjs.Tensor; labels: tfjs.Tensor | null };
  private readonly order: Int32Array;
  private cursor = 0;
  /** Per batch, the per-sample sums of the running epoch, still on the device. */
  private batchSums: tfjs.Tensor[] = [];
  /** The fastest validation pass so far, per sample (inference_ms). */
  private fastestInferenceMs = Infinity;
  /** Classification's loss and sums in three kernels on wasm (wasmCrossEntropy.ts); tfjs's ops elsewhere. */
  private readonly crossEntropy: ReturnType<typeof wasmCrossEntropy>;

  constructor(
    private readonly tf: Tf,
    private readonly fold: ScaledFold,
    private readonly shape: FoldShape,
    private readonly params: ResolvedParams,
    seed: number,
  ) {
    const rng = new Rng(seed);
    const ctx = { tf, rng: rng.fork() };
    this.shuffleRng = rng.fork();
    const arch = params.architecture;
    this.model = arch.kind === 'mlp' ? buildMlp(ctx, arch, shape.sampleShape[0] ?? 0, shape.outputs) : buildCnn(ctx, arch, shape.sampleShape, shape.outputs);
    this.optimizer = createOptimizer(tf, params.training);
    this.crossEntropy = wasmCrossEntropy(tf);
    this.units = { task: shape.task, loss: params.training.loss, targetScale: fold.targetScale };
    this.width = shape.sampleShape.reduce((a, b) => a * b, 1);
    const [x, target, labels] = this.upload(fold.xVal, fold.yVal, fold.valCount);
    this.val = { x, target, labels };
    this.order = Int32Array.from({ length: fold.trainCount }, (_, i) => i);
  }

  get epochDone(): boolean {
    return this.cursor >= this.order.length;
  }

  /** A fresh shuffle (Fisher–Yates with our seeded stream) and a new running sum. */
  startEpoch(): void {
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = this.shuffleRng.int(0, i);
      const swap = this.order[i] as number;
      this.order[i] = this.order[j] as number;
      this.order[j] = swap;
    }
    this.cursor = 0;
    this.disposeSums();
  }

  /**
   * One gradient step on the next batch. The batch is gathered from the training rows in JavaScript
   * and uploaded as fresh tensors: a copy of a few hundred kilobytes, where gathering on the device
   * took wasm ~1.4 ms per Fashion-MNIST batch of 64.
   */
  step(): void {
    const { tf } = this;
    const batch = this.order.subarray(this.cursor, this.cursor + this.params.training.batchSize);
    this.cursor += batch.length;
    const [xs, ys] = this.gatherRows(batch);
    tf.tidy(() => {
      const [x, target, labels] = this.upload(xs, ys, batch.length);
      this.optimizer.minimize(() => {
        const output = this.model.apply(x, { training: true }) as tfjs.Tensor;
        const { sums, meanLoss } = this.sums(output, target, labels);
        this.batchSums.push(tf.keep(sums));
        let loss = meanLoss();
        // The l2 penalties of the layers' kernels, as model.fit adds them.
        for (const penalty of this.model.calculateLosses()) loss = tf.add(loss, penalty);
        return loss as tfjs.Scalar;
      }, false);
    });
  }

  /** The epoch's training metrics (running means over its batches), the validation metrics and inference_ms. */
  finishEpoch(): Record<string, number> {
    const seen = this.cursor;
    const trainSums = this.readSums(this.batchSums);
    this.disposeSums();
    const evaluationStart = performance.now();
    const valSums: tfjs.Tensor[] = [];
    for (let start = 0; start < this.fold.valCount; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, this.fold.valCount - start);
      valSums.push(this.tf.tidy(() => this.evaluateRows(start, size)));
    }
    // Reading the sums waits for the forward passes, so the time covers them on every backend.
    const val = this.readSums(valSums);
    this.fastestInferenceMs = Math.min(this.fastestInferenceMs, (performance.now() - evaluationStart) / Math.max(1, this.fold.valCount));
    valSums.forEach((t) => t.dispose());
    return { ...metricsFromSums(trainSums, seen, this.units, ''), ...metricsFromSums(val, this.fold.valCount, this.units, 'val_'), inference_ms: this.fastestInferenceMs };
  }

  dispose(): void {
    this.disposeSums();
    this.model.dispose();
    this.optimizer.dispose();
    for (const t of [this.val.x, this.val.target, this.val.labels]) t?.dispose();
  }

  private evaluateRows(start: number, size: number): tfjs.Tensor {
    const { val } = this;
    const whole = start === 0 && size === this.fold.valCount;
    const slice = (t: tfjs.Tensor): tfjs.Tensor => (whole ? t : t.slice(start, size));
    const output = this.model.apply(slice(val.x), { training: false }) as tfjs.Tensor;
    return this.sums(output, slice(val.target), val.labels ? slice(val.labels) : null).sums;
  }

  /**
   * Per-sample sums of one batch (SUM_NAMES order) as one vector, to keep and later read in one go,
   * and the mean training loss over the batch (computed when asked: evaluation needs only the sums).
   */
  private sums(output: tfjs.Tensor, target: tfjs.Tensor, labels: tfjs.Tensor | null): BatchSums {
    const { tf } = this;
    const count = output.shape[0] as number;
    if (labels) {
      if (this.crossEntropy) return this.crossEntropy(output, labels);
      // Softmax cross-entropy on the logits is sparse categorical cross-entropy of the softmax, computed stably.
      const crossEntropy = tf.losses.softmaxCrossEntropy(target, output, undefined, 0, tf.Reduction.SUM);
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), labels), 'float32'));
      return { sums: tf.stack([crossEntropy, correct]), meanLoss: () => tf.div(crossEntropy, count) };
    }
    const error = tf.sub(output, target);
    const squared = tf.sum(tf.square(error));
    const absolute = tf.sum(tf.abs(error));
    return { sums: tf.stack([squared, absolute]), meanLoss: () => tf.div(this.units.loss === 'mse' ? squared : absolute, count) };
  }

  /** Adds the batches' sum vectors and reads them in one download. */
  private readSums(parts: readonly tfjs.Tensor[]): Float32Array {
    if (parts.length === 0) return new Float32Array(2).fill(NaN);
    const total = parts.length === 1 ? (parts[0] as tfjs.Tensor) : this.tf.addN(parts as tfjs.Tensor[]);
    const values = total.dataSync() as Float32Array;
    if (parts.length > 1) total.dispose();
    return values;
  }

  private disposeSums(): void {
    for (const t of this.batchSums) t.dispose();
    this.batchSums = [];
  }

  /** The features and targets of the given training rows, in that order. */
  private gatherRows(rows: Int32Array): [Float32Array, Float32Array] {
    const { width } = this;
    const { xTrain, yTrain } = this.fold;
    // New arrays every batch: the cpu backend keeps the array a tensor is made from.
    const xs = new Float32Array(rows.length * width);
    const ys = new Float32Array(rows.length);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] as number;
      xs.set(xTrain.subarray(row * width, (row + 1) * width), k * width);
      ys[k] = yTrain[row] as number;
    }
    return [xs, ys];
  }

  /** Features shaped per sample, and the target as the loss wants it (one-hot or a column). */
  private upload(xs: Float32Array, ys: Float32Array, count: number): [tfjs.Tensor, tfjs.Tensor, tfjs.Tensor | null] {
    const { tf, shape } = this;
    const x = tf.tensor(xs, [count, ...shape.sampleShape], 'float32');
    if (shape.task === 'regression') return [x, tf.tensor2d(ys, [count, 1]), null];
    const labels = tf.tensor1d(Int32Array.from(ys), 'int32');
    return [x, tf.tidy(() => tf.oneHot(labels, shape.outputs).toFloat()), labels];
  }
}
