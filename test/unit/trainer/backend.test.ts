// Which TensorFlow.js backend loads, in what order, what a pinned backend that cannot load says,
// and the kernel we add so that convolutions can train on wasm.
import assert from 'node:assert/strict';
import type * as tfjs from '@tensorflow/tfjs';
import { describe, it } from 'node:test';
import { BackendError, createTrainer, loadBackend } from '../../../src/runner/trainer';
import { exampleData, recordingHooks, subset, untimed } from './helpers';

describe('trainer backend', () => {
  // First, while the cpu backend is unused: it greets on its first tensor.
  it('keeps the "install tfjs-node" banner and other tfjs chatter off the console', async () => {
    const said: unknown[] = [];
    const saved = { warn: console.warn, log: console.log };
    console.warn = (...args: unknown[]) => said.push(args);
    console.log = (...args: unknown[]) => said.push(args);
    try {
      const { tf } = await loadBackend('cpu');
      tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync());
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(said, []);
    await loadBackend('wasm');
  });

  it('auto tries native TensorFlow (gpu, then cpu) and lands on wasm when they are not installed', async () => {
    const { backend, tried, tf } = await loadBackend('auto');
    assert.equal(backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.deepEqual(tried, [
      'tensorflow-gpu (@tensorflow/tfjs-node-gpu): not installed',
      'tensorflow (@tensorflow/tfjs-node): not installed',
      'wasm (@tensorflow/tfjs-backend-wasm): loaded',
    ]);
  });

  it('a pinned backend that cannot load is an error naming its package', async () => {
    await assert.rejects(loadBackend('tensorflow'), (error: Error) => {
      assert.ok(error instanceof BackendError);
      assert.match(error.message, /^backend 'tensorflow' needs @tensorflow\/tfjs-node, which is not installed; its install downloads libtensorflow/);
      return true;
    });
    await assert.rejects(loadBackend('tensorflow-gpu'), /needs @tensorflow\/tfjs-node-gpu, which is not installed; it needs CUDA/);
    await assert.rejects(createTrainer({ model: 'mlp', backend: 'tensorflow', data: await exampleData('iris', 'species', 0.2) }), /tfjs-node/);
  });

  it('pins cpu and wasm, and trains reproducibly on cpu too', async () => {
    const data = subset(await exampleData('iris', 'species', 0.2), 60, 30);
    const trainer = await createTrainer({ model: 'mlp', backend: 'cpu', data });
    assert.equal(trainer.backend, 'cpu');
    const request = { params: { epochs: 3, dropout: 0.2 }, metric: 'val_loss', direction: 'minimize' as const, seed: 5 };
    assert.deepEqual(untimed(await trainer.train(request, recordingHooks())), untimed(await trainer.train(request, recordingHooks())));
    assert.equal((await loadBackend('wasm')).tf.getBackend(), 'wasm');
  });

  it('trains convolutions on wasm: our filter and input gradient kernels agree with the cpu backend', async () => {
    const { tf } = await loadBackend('wasm');
    type Shape = [number, number, number, number];
    const cases: { x: Shape; filter: Shape; pad: 'same' | 'valid' }[] = [
      { x: [2, 8, 8, 1], filter: [3, 3, 1, 4], pad: 'same' },
      { x: [3, 7, 9, 2], filter: [2, 4, 2, 3], pad: 'same' },
      { x: [2, 6, 6, 3], filter: [3, 3, 3, 2], pad: 'valid' },
      { x: [4, 1, 16, 2], filter: [1, 5, 2, 3], pad: 'same' },
    ];
    for (const { x: xShape, filter: filterShape, pad } of cases) {
      const gradients: Float32Array[][] = [];
      for (const backend of ['wasm', 'cpu']) {
        await tf.setBackend(backend);
        gradients.push(tf.tidy(() => {
          const x = tf.tensor4d(Float32Array.from({ length: xShape.reduce((a, b) => a * b) }, (_, i) => Math.sin(i)), xShape);
          const filter = tf.tensor4d(Float32Array.from({ length: filterShape.reduce((a, b) => a * b) }, (_, i) => Math.cos(0.7 * i)), filterShape);
          const loss = (input: tfjs.Tensor, f: tfjs.Tensor) => tf.sum(tf.square(tf.conv2d(input as typeof x, f as typeof filter, 1, pad)));
          return tf.grads(loss)([x, filter]).map((g) => g.dataSync() as Float32Array);
        }));
      }
      const [wasm, cpu] = gradients as [Float32Array[], Float32Array[]];
      ['input', 'filter'].forEach((name, k) => {
        const [ours, reference] = [wasm[k] as Float32Array, cpu[k] as Float32Array];
        assert.equal(ours.length, reference.length);
        const worst = Math.max(...ours.map((v, i) => Math.abs(v - (reference[i] as number)) / Math.max(1, Math.abs(reference[i] as number))));
        assert.ok(worst < 1e-4, `${JSON.stringify(xShape)} ${JSON.stringify(filterShape)} ${pad}: ${name} gradient differs by ${worst}`);
      });
    }
    await tf.setBackend('wasm');
  });
});
