// The classification loss and sums of the wasm backend (src/runner/trainer/wasmCrossEntropy.ts)
// against tfjs's softmax cross-entropy, argMax count and their gradients on the cpu backend.
import assert from 'node:assert/strict';
import type * as tfjs from '@tensorflow/tfjs';
import { after, before, describe, it } from 'node:test';
import { loadBackend, type Tf } from '../../../src/runner/trainer';
import { wasmCrossEntropy } from '../../../src/runner/trainer/wasmCrossEntropy';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});
after(async () => {
  await tf.setBackend('wasm');
});

const N = 7;
const CLASSES = 5;
/** Logits with a tie for the largest in row 2 (argMax takes the first) and large values in row 4. */
function logitsValues(): Float32Array {
  const x = Float32Array.from({ length: N * CLASSES }, (_, i) => 3 * Math.sin(1.7 * i + 0.4));
  x.set([1, 2.5, 0, 2.5, -1], 2 * CLASSES);
  x.set([80, 95, 60, 94.5, 70], 4 * CLASSES);
  return x;
}
const LABELS = Int32Array.from([0, 1, 3, 2, 1, 4, 0]);
/** The weights multiplying the logits, so the gradient reaches them through a matrix product as in a model. */
const SCALE = Float32Array.from({ length: CLASSES }, (_, i) => 1 + 0.1 * i);

describe('the wasm classification loss', () => {
  it('gives the cross-entropy sum, the correct count, the mean loss and its gradient as tfjs on cpu', async () => {
    await tf.setBackend('cpu');
    const reference = tf.tidy(() => {
      const scale = tf.tensor1d(SCALE);
      const labels = tf.tensor1d(LABELS, 'int32');
      const target = tf.oneHot(labels, CLASSES).toFloat();
      const logitsOf = (s: tfjs.Tensor): tfjs.Tensor => tf.mul(tf.tensor2d(logitsValues(), [N, CLASSES]), s);
      const crossEntropy = tf.losses.softmaxCrossEntropy(target, logitsOf(scale), undefined, 0, tf.Reduction.SUM);
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logitsOf(scale), 1), labels), 'float32'));
      const gradient = tf.grad((s: tfjs.Tensor) => tf.div(tf.losses.softmaxCrossEntropy(target, logitsOf(s), undefined, 0, tf.Reduction.SUM), N))(scale);
      return { sums: [crossEntropy.dataSync()[0], correct.dataSync()[0]], mean: (crossEntropy.dataSync()[0] as number) / N, gradient: gradient.dataSync() as Float32Array };
    });
    await tf.setBackend('wasm');
    const fused = wasmCrossEntropy(tf) ?? assert.fail('no fused loss on wasm');
    const ours = tf.tidy(() => {
      const scale = tf.tensor1d(SCALE);
      const labels = tf.tensor1d(LABELS, 'int32');
      const logitsOf = (s: tfjs.Tensor): tfjs.Tensor => tf.mul(tf.tensor2d(logitsValues(), [N, CLASSES]), s);
      const { sums, meanLoss } = fused(logitsOf(scale), labels);
      const gradient = tf.grad((s: tfjs.Tensor) => fused(logitsOf(s), labels).meanLoss())(scale);
      return { sums: [...sums.dataSync()], mean: meanLoss().dataSync()[0] as number, gradient: gradient.dataSync() as Float32Array };
    });
    const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b)), `${what}: ${a} against ${b}`);
    close(ours.sums[0] as number, reference.sums[0] as number, 'cross-entropy sum');
    assert.equal(ours.sums[1], reference.sums[1], 'correct predictions');
    close(ours.mean, reference.mean, 'mean loss');
    ours.gradient.forEach((g, i) => close(g, reference.gradient[i] as number, `gradient ${i}`));
    assert.ok(Math.max(...ours.gradient.map(Math.abs)) > 1e-3, 'the gradient is not zero');
  });

  it('runs three kernels for a training step\'s loss, sums and gradient, and none off wasm', async () => {
    await tf.setBackend('wasm');
    const fused = wasmCrossEntropy(tf) ?? assert.fail('no fused loss on wasm');
    const logits = tf.tensor2d(logitsValues(), [N, CLASSES]);
    const labels = tf.tensor1d(LABELS, 'int32');
    const profile = await tf.profile(() => {
      tf.dispose(tf.grad((x: tfjs.Tensor) => {
        const { sums, meanLoss } = fused(x, labels);
        sums.dispose();
        return meanLoss();
      })(logits));
    });
    assert.deepEqual(profile.kernelNames.filter((n) => n.startsWith('Tuneboard')).sort(), ['TuneboardCrossEntropyGradient', 'TuneboardCrossEntropyMean', 'TuneboardCrossEntropySums']);
    tf.dispose([logits, labels]);
    await tf.setBackend('cpu');
    assert.equal(wasmCrossEntropy(tf), null);
    await tf.setBackend('wasm');
  });
});
