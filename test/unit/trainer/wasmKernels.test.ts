// The kernels we put into the wasm backend (src/runner/trainer/wasmKernels.ts) against the cpu
// backend: the same values, gradients included, on shapes that reach every path (transposes,
// batches and broadcasting; overlapping, padded and odd-sized pooling windows with ties), and a
// training run that ends where the cpu backend's does.
import assert from 'node:assert/strict';
import type * as tfjs from '@tensorflow/tfjs';
import { after, before, describe, it } from 'node:test';
import { createTrainer, loadBackend, type Tf } from '../../../src/runner/trainer';
import { exampleData, recordingHooks, subset } from './helpers';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});
after(async () => {
  await tf.setBackend('wasm');
});

/** `compute` on wasm and on cpu; each output's largest difference, relative to max(1, |cpu value|). */
async function onBothBackends(compute: () => tfjs.Tensor[]): Promise<{ wasm: Float32Array[]; cpu: Float32Array[]; worst: number[] }> {
  const results: Float32Array[][] = [];
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    results.push(tf.tidy(() => compute().map((t) => t.dataSync() as Float32Array)));
  }
  await tf.setBackend('wasm');
  const [wasm, cpu] = results as [Float32Array[], Float32Array[]];
  const worst = wasm.map((ours, k) => {
    const reference = cpu[k] as Float32Array;
    assert.equal(ours.length, reference.length);
    // Equal values (infinities too) differ by 0.
    return Math.max(0, ...ours.map((v, i) => (Object.is(v, reference[i]) ? 0 : Math.abs(v - (reference[i] as number)) / Math.max(1, Math.abs(reference[i] as number)))));
  });
  return { wasm, cpu, worst };
}

const values = (shape: number[], f: (i: number) => number): Float32Array => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i));

describe('wasm kernels agree with the cpu backend', () => {
  it('BatchMatMul with either operand transposed, batched and broadcast, and its gradients', async () => {
    const cases: { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [];
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        cases.push({ a: transposeA ? [7, 5] : [5, 7], b: transposeB ? [3, 7] : [7, 3], transposeA, transposeB });
        cases.push({ a: transposeA ? [2, 7, 5] : [2, 5, 7], b: transposeB ? [2, 3, 7] : [2, 7, 3], transposeA, transposeB });
        // Rows in fours and columns in eights: the SIMD product (wasmBatchMatMul.ts), as a matrix and a batch of one.
        cases.push({ a: transposeA ? [20, 12] : [12, 20], b: transposeB ? [16, 20] : [20, 16], transposeA, transposeB });
        cases.push({ a: transposeA ? [1, 20, 12] : [1, 12, 20], b: transposeB ? [1, 16, 20] : [1, 20, 16], transposeA, transposeB });
        // Rows and columns beyond the last whole 4×8 tile (summed in JavaScript).
        cases.push({ a: transposeA ? [20, 13] : [13, 20], b: transposeB ? [10, 20] : [20, 10], transposeA, transposeB });
      }
    }
    for (const { a: aShape, b: bShape, transposeA, transposeB } of cases) {
      const { worst } = await onBothBackends(() => {
        const a = tf.tensor(values(aShape, (i) => Math.sin(i)), aShape);
        const b = tf.tensor(values(bShape, (i) => Math.cos(0.3 * i)), bShape);
        const product = (x: tfjs.Tensor, y: tfjs.Tensor) => tf.matMul(x as tfjs.Tensor3D, y as tfjs.Tensor3D, transposeA, transposeB);
        const [da, db] = tf.grads((x: tfjs.Tensor, y: tfjs.Tensor) => tf.sum(tf.square(product(x, y))))([a, b]);
        return [product(a, b), da as tfjs.Tensor, db as tfjs.Tensor];
      });
      assert.ok(Math.max(...worst) < 1e-5, `${JSON.stringify(aShape)}${transposeA ? 'ᵀ' : ''} × ${JSON.stringify(bShape)}${transposeB ? 'ᵀ' : ''}: differs by ${worst}`);
      // A batch of one broadcast against three (TensorFlow.js has no gradient for that, on any backend).
      const broadcast = await onBothBackends(() => {
        const a = tf.tensor(values([3, ...aShape.slice(-2)], (i) => Math.sin(i)), [3, ...aShape.slice(-2)]);
        const b = tf.tensor(values([1, ...bShape.slice(-2)], (i) => Math.cos(0.3 * i)), [1, ...bShape.slice(-2)]);
        return [tf.matMul(a as tfjs.Tensor3D, b as tfjs.Tensor3D, transposeA, transposeB)];
      });
      assert.ok(Math.max(...broadcast.worst) < 1e-5, `broadcast ${transposeA} ${transposeB}: differs by ${broadcast.worst}`);
    }
  });

  it('_FusedMatMul with a bias and a linear or relu activation, and its gradients', async () => {
    for (const [m, k, n] of [[12, 20, 16], [13, 20, 10], [3, 5, 2]] as const) {
      for (const activation of ['linear', 'relu'] as const) {
        const { worst } = await onBothBackends(() => {
          const a = tf.tensor2d(values([m, k], (i) => Math.sin(i)), [m, k]);
          const b = tf.tensor2d(values([k, n], (i) => Math.cos(0.3 * i)), [k, n]);
          const bias = tf.tensor1d(values([n], (i) => 0.5 - 0.1 * i));
          const product = (x: tfjs.Tensor, y: tfjs.Tensor, z: tfjs.Tensor) => tf.fused.matMul({ a: x as tfjs.Tensor2D, b: y as tfjs.Tensor2D, bias: z, activation });
          const [da, db, dBias] = tf.grads((x: tfjs.Tensor, y: tfjs.Tensor, z: tfjs.Tensor) => tf.sum(tf.square(product(x, y, z))))([a, b, bias]);
          return [product(a, b, bias), da as tfjs.Tensor, db as tfjs.Tensor, dBias as tfjs.Tensor];
        });
        assert.ok(Math.max(...worst) < 1e-5, `[${m},${k}]·[${k},${n}] ${activation}: differs by ${worst}`);
      }
    }
  });

  it('MaxPoolGrad: 2×2 stride 2 (even and odd sizes), overlapping and padded windows, ties and -Infinity', async () => {
    const cases: { x: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same' }[] = [
      { x: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
      // Channels in fours: the SIMD kernel, odd sizes too.
      { x: [2, 8, 6, 4], size: 2, stride: 2, pad: 'valid' },
      { x: [3, 7, 9, 8], size: 2, stride: 2, pad: 'valid' },
      { x: [2, 7, 9, 2], size: 2, stride: 2, pad: 'valid' },
      { x: [2, 7, 9, 2], size: 2, stride: 2, pad: 'same' },
      { x: [2, 6, 6, 2], size: 3, stride: 1, pad: 'same' },
      { x: [1, 5, 5, 1], size: 3, stride: 2, pad: 'same' },
    ];
    // Rounded values tie often, as after a relu; a few are -Infinity, and a whole window of them gets no gradient.
    const input = (i: number) => (i % 17 === 5 ? -Infinity : Math.round(2 * Math.sin(1.3 * i)));
    for (const { x: xShape, size, stride, pad } of cases) {
      const { worst } = await onBothBackends(() => {
        const x = tf.tensor4d(values(xShape, input), xShape);
        const pooled = (t: tfjs.Tensor) => tf.maxPool(t as tfjs.Tensor4D, size, stride, pad);
        const y = pooled(x);
        const dy = tf.tensor(values(y.shape, (i) => 1 + Math.cos(i)), y.shape);
        return [y, tf.grad((t: tfjs.Tensor) => tf.sum(tf.mul(pooled(t), dy)))(x)];
      });
      assert.ok(Math.max(...worst) < 1e-6, `${JSON.stringify(xShape)} ${size}×${size} stride ${stride} ${pad}: differs by ${worst}`);
    }
    // A window of -Infinity only: nothing to pass the gradient to, on either backend.
    const { wasm } = await onBothBackends(() => [tf.grad((t: tfjs.Tensor) => tf.sum(tf.maxPool(t as tfjs.Tensor4D, 2, 2, 'valid')))(tf.fill([1, 2, 2, 1], -Infinity))]);
    assert.deepEqual(Array.from(wasm[0] as Float32Array), [0, 0, 0, 0]);
    const simd = await onBothBackends(() => [tf.grad((t: tfjs.Tensor) => tf.sum(tf.maxPool(t as tfjs.Tensor4D, 2, 2, 'valid')))(tf.fill([1, 2, 2, 4], -Infinity))]);
    assert.deepEqual(Array.from(simd.wasm[0] as Float32Array), Array<number>(16).fill(0));
  });

  it('Sum over the leading axes (bias gradients) in JavaScript, with and without keepDims, any number of columns; other sums as before', async () => {
    const shapes = [[64, 5, 5, 16], [7, 3], [2, 3, 4, 5, 6], [1, 9], [5, 19]];
    for (const shape of shapes) {
      const leading = shape.slice(0, -1).map((_, i) => i);
      const { worst } = await onBothBackends(() => {
        const x = tf.tensor(values(shape, (i) => Math.sin(0.37 * i)), shape);
        return [tf.sum(x, leading), tf.sum(x, leading, true), tf.sum(x, [...leading].reverse()), tf.sum(x, -1), tf.sum(x)];
      });
      assert.ok(Math.max(...worst) < 1e-5, `${JSON.stringify(shape)}: differs by ${worst}`);
    }
    // The bias gradient of a dense layer on a batch, through autodiff.
    const { worst } = await onBothBackends(() => {
      const x = tf.tensor2d(values([6, 4], (i) => Math.cos(i)), [6, 4]);
      const bias = tf.tensor1d([0.1, -0.2, 0.3, 0.4]);
      return [tf.grad((b: tfjs.Tensor) => tf.sum(tf.square(tf.add(x, b))))(bias)];
    });
    assert.ok(worst[0] as number < 1e-5, `bias gradient differs by ${worst}`);
  });

  it('Identity shares the data: a clone outlives its original, and a saved activation its layer', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    x.dispose();
    assert.deepEqual(Array.from(copy.dataSync()), [1, 2, 3]);
    copy.dispose();
    // Relu saves its input for the gradient (through a clone); the gradient still reads it after tidy.
    const { worst } = await onBothBackends(() => {
      const v = tf.tensor1d([-1, 0.5, 2, -3]);
      return [tf.grad((t: tfjs.Tensor) => tf.sum(tf.mul(tf.relu(t), tf.tensor1d([1, 2, 3, 4]))))(v)];
    });
    assert.equal(worst[0], 0);
  });

  it('Conv2DBackpropFilter by im2col (few input channels), strided products (channels in fours) and convolution (others), and Conv2DBackpropInput, padded or not', async () => {
    const cases: { x: [number, number, number, number]; filter: [number, number, number, number]; pad: 'same' | 'valid' }[] = [
      { x: [3, 10, 9, 1], filter: [3, 3, 1, 5], pad: 'same' },
      // Output channels in fours: the SIMD loop (any filter size, asymmetric or no padding).
      { x: [3, 10, 9, 1], filter: [3, 3, 1, 8], pad: 'same' },
      { x: [2, 7, 6, 2], filter: [2, 3, 2, 4], pad: 'same' },
      { x: [2, 9, 8, 3], filter: [5, 5, 3, 4], pad: 'valid' },
      { x: [2, 6, 7, 4], filter: [2, 3, 4, 3], pad: 'valid' },
      { x: [2, 6, 6, 6], filter: [3, 3, 6, 4], pad: 'same' },
      // Input channels in fours and output channels in eights: a strided SIMD product per tap (odd sizes, asymmetric or no padding).
      { x: [3, 7, 9, 8], filter: [3, 3, 8, 8], pad: 'same' },
      { x: [2, 6, 7, 8], filter: [2, 3, 8, 16], pad: 'same' },
      { x: [2, 9, 8, 12], filter: [3, 2, 12, 8], pad: 'valid' },
    ];
    for (const { x: xShape, filter: filterShape, pad } of cases) {
      const { worst } = await onBothBackends(() => {
        const x = tf.tensor4d(values(xShape, (i) => Math.sin(0.7 * i)), xShape);
        const filter = tf.tensor4d(values(filterShape, (i) => Math.cos(0.4 * i)), filterShape);
        return tf.grads((a: tfjs.Tensor, f: tfjs.Tensor) => tf.sum(tf.square(tf.conv2d(a as tfjs.Tensor4D, f as tfjs.Tensor4D, 1, pad))))([x, filter]);
      });
      assert.ok(Math.max(...worst) < 1e-4, `${JSON.stringify(xShape)} ${JSON.stringify(filterShape)} ${pad}: input and filter gradients differ by ${worst}`);
    }
  });

  it('a cnn trained on wasm follows the cpu backend epoch by epoch, to the same accuracy', async () => {
    const data = subset(await exampleData('digits', 'digit', 0.2), 256, 128);
    const request = { params: { conv_blocks: 2, filters: 8, dense_units: 32, epochs: 4, batch_size: 32, learning_rate: 0.003 }, metric: 'val_accuracy', direction: 'maximize' as const, seed: 2 };
    const runs = [];
    for (const backend of ['wasm', 'cpu'] as const) {
      const trainer = await createTrainer({ model: 'cnn', backend, data, inputShape: [8, 8, 1] });
      const hooks = recordingHooks();
      await trainer.train(request, hooks);
      runs.push(hooks.reports);
    }
    await tf.setBackend('wasm');
    const [wasm, cpu] = runs as [typeof runs[0], typeof runs[0]];
    assert.equal(wasm.length, 4);
    wasm.forEach((report, e) => {
      const reference = cpu[e]?.metrics ?? {};
      assert.ok(Math.abs((report.metrics.loss ?? NaN) - (reference.loss ?? NaN)) < 1e-3 * Math.max(1, reference.loss ?? 0), `epoch ${e + 1} loss ${report.metrics.loss} vs ${reference.loss}`);
      assert.ok(Math.abs((report.metrics.val_accuracy ?? NaN) - (reference.val_accuracy ?? NaN)) <= 1 / 128 + 1e-9, `epoch ${e + 1} val_accuracy ${report.metrics.val_accuracy} vs ${reference.val_accuracy}`);
    });
    assert.ok((wasm[3]?.metrics.val_accuracy ?? 0) > 0.6, `learns: ${wasm[3]?.metrics.val_accuracy}`);
  });
});

describe('the threaded wasm build (TUNEBOARD_WASM_THREADS)', () => {
  it('runs with a 2-thread pool and our SIMD kernels on its shared heap, computes what the cpu backend does, and lets the process exit', async () => {
    const { spawnSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'threadedWasmChild.ts')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, TUNEBOARD_WASM_THREADS: '2' } });
    assert.equal(child.status, 0, `the child exits by itself: ${child.stderr}${child.error?.message ?? ''}`);
    const { threads, backend, result } = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { threads: number; backend: string; result: number[][] };
    assert.equal(backend, 'wasm');
    assert.equal(threads, 2);
    const { cpu } = await onBothBackends(() => {
      const x = tf.tensor4d(values([4, 12, 12, 3], (i) => Math.sin(i)), [4, 12, 12, 3]);
      const filter = tf.tensor4d(values([3, 3, 3, 8], (i) => Math.cos(0.7 * i)), [3, 3, 3, 8]);
      const [dx, dFilter] = tf.grads((a: tfjs.Tensor, f: tfjs.Tensor) => tf.sum(tf.square(tf.conv2d(a as tfjs.Tensor4D, f as tfjs.Tensor4D, 1, 'same'))))([x, filter]);
      const a = tf.tensor2d(values([64, 200], (i) => Math.sin(0.1 * i)), [64, 200]);
      const b = tf.tensor2d(values([200, 30], (i) => Math.cos(0.2 * i)), [200, 30]);
      const pooled = tf.tensor4d(values([2, 8, 6, 4], (i) => Math.sin(1.3 * i)), [2, 8, 6, 4]);
      const dPooled = tf.grad((t: tfjs.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tfjs.Tensor4D, 2, 2, 'valid'), 2)))(pooled);
      return [dx as tfjs.Tensor, dFilter as tfjs.Tensor, tf.matMul(a, b), dPooled];
    });
    cpu.forEach((reference, k) => {
      const ours = result[k] ?? [];
      assert.equal(ours.length, reference.length);
      const worst = Math.max(...ours.map((v, i) => Math.abs(v - (reference[i] as number)) / Math.max(1, Math.abs(reference[i] as number))));
      assert.ok(worst < 1e-4, `output ${k} differs by ${worst}`);
    });
  });
});
