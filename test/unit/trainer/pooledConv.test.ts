// PooledConv2D (src/runner/trainer/pooledConv.ts) pools before its bias and activation; it must
// compute what Conv2D (bias, activation) → MaxPooling2D computes, gradients included, on the cpu
// backend (the reference) and on wasm.
import assert from 'node:assert/strict';
import type * as tfjs from '@tensorflow/tfjs';
import { after, before, describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng';
import { loadBackend, type Tf } from '../../../src/runner/trainer';
import { activationId } from '../../../src/runner/trainer/layers';
import { pooledConv2d } from '../../../src/runner/trainer/pooledConv';
import type { Activation } from '../../../src/runner/trainer/params';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});
after(async () => {
  await tf.setBackend('wasm');
});

const values = (shape: number[], f: (i: number) => number): Float32Array => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i));

/** Output, input gradient, kernel gradient and bias gradient of a loss through `layer`. */
function outputsAndGradients(layer: (x: tfjs.Tensor, kernel: tfjs.Tensor, bias: tfjs.Tensor) => tfjs.Tensor, xShape: number[], kernelShape: number[]): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor(values(xShape, (i) => Math.sin(0.71 * i) + 0.3 * Math.cos(0.13 * i)), xShape);
    const kernel = tf.tensor(values(kernelShape, (i) => 0.5 * Math.cos(0.37 * i)), kernelShape);
    const bias = tf.tensor1d(values([kernelShape[3] as number], (i) => 0.2 * Math.sin(2.1 * i + 1)));
    const y = layer(x, kernel, bias);
    const weights = tf.tensor(values(y.shape, (i) => 1 + Math.cos(0.9 * i)), y.shape);
    const grads = tf.grads((a: tfjs.Tensor, k: tfjs.Tensor, b: tfjs.Tensor) => tf.sum(tf.mul(layer(a, k, b), weights)))([x, kernel, bias]);
    return [y, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

describe('PooledConv2D equals Conv2D → MaxPooling2D', () => {
  const cases: { x: number[]; kernel: number[]; activation: Activation }[] = [
    { x: [2, 8, 8, 1], kernel: [3, 3, 1, 4], activation: 'relu' },
    { x: [2, 7, 9, 3], kernel: [2, 2, 3, 5], activation: 'relu' },
    { x: [1, 6, 6, 2], kernel: [3, 3, 2, 3], activation: 'elu' },
    { x: [1, 6, 6, 2], kernel: [3, 3, 2, 3], activation: 'tanh' },
    { x: [1, 6, 6, 2], kernel: [3, 3, 2, 3], activation: 'sigmoid' },
    { x: [1, 6, 6, 2], kernel: [3, 3, 2, 3], activation: 'linear' },
  ];
  for (const backend of ['cpu', 'wasm']) {
    it(`on ${backend}: values and gradients (input, kernel, bias) for relu, elu, tanh, sigmoid and linear, odd sizes too`, async () => {
      await tf.setBackend(backend);
      for (const { x: xShape, kernel: kernelShape, activation } of cases) {
        const [kh, , , filters] = kernelShape as [number, number, number, number];
        const layer = pooledConv2d({ tf, rng: new Rng(1) }, { filters, kernelSize: kh, activation, l2: 0 });
        layer.build(xShape);
        const [kernelVar, biasVar] = layer.weights;
        const ours = outputsAndGradients((x, k, b) => {
          // The layer reads its own variables; give them the inputs' values, differentiably.
          (kernelVar as unknown as { read(): tfjs.Tensor }).read = () => k;
          (biasVar as unknown as { read(): tfjs.Tensor }).read = () => b;
          return layer.apply(x) as tfjs.Tensor;
        }, xShape, kernelShape);
        const standard = outputsAndGradients((x, k, b) => {
          const act = tf.layers.activation({ activation: activationId(activation) });
          const convolved = act.apply(tf.add(tf.conv2d(x as tfjs.Tensor4D, k as tfjs.Tensor4D, 1, 'same'), b)) as tfjs.Tensor4D;
          return tf.maxPool(convolved, 2, 2, 'valid');
        }, xShape, kernelShape);
        ours.forEach((got, k) => {
          const want = standard[k] as Float32Array;
          assert.equal(got.length, want.length);
          const worst = Math.max(...got.map((v, i) => Math.abs(v - (want[i] as number)) / Math.max(1, Math.abs(want[i] as number))));
          assert.ok(worst < 1e-5, `${activation} ${JSON.stringify(xShape)} output ${k} (value, dx, dkernel, dbias) differs by ${worst}`);
        });
        for (const weight of layer.weights) weight.dispose();
      }
    });
  }
});
