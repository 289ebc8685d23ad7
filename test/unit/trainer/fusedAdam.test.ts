// The fused Adam of the wasm backend (src/runner/trainer/fusedAdam.ts) against tf.train.adam: the
// weights after several steps agree with the cpu backend's (sizes that are not a multiple of four
// included) and, on wasm, with tf.train.adam's to the bit; the trainer uses it for adam on wasm only.
import assert from 'node:assert/strict';
import type * as tfjs from '@tensorflow/tfjs';
import { after, before, describe, it } from 'node:test';
import { loadBackend, type Tf } from '../../../src/runner/trainer';
import { fusedAdam } from '../../../src/runner/trainer/fusedAdam';
import { createOptimizer } from '../../../src/runner/trainer/optimizer';
import { resolveParams } from '../../../src/runner/trainer/params';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});
after(async () => {
  await tf.setBackend('wasm');
});

const SETTINGS = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const values = (size: number, f: (i: number) => number): Float32Array => Float32Array.from({ length: size }, (_, i) => f(i));

/**
 * `steps` Adam steps on W [n, width] and b [width] with the loss Σ (P·W)² ⊙ R + Σ b² ⊙ r, P a
 * permutation matrix: the gradients are exact in float32 on every backend, so both optimizers see the
 * same ones. W is the right operand of the product, which XNNPACK packs and caches by tensor: weights
 * written in place would leave its copy stale and the next gradient wrong.
 */
async function trainExact(backend: string, optimizer: (tf: Tf) => tfjs.Optimizer, n: number, width: number, steps: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor2d(values(n * width, (i) => 0.3 * Math.sin(i + 1)), [n, width]));
  const b = tf.variable(tf.tensor1d(values(width, (i) => 0.1 * Math.cos(i))));
  const permutation = tf.tensor2d(values(n * n, (i) => (Math.floor(i / n) === (3 * (i % n) + 1) % n ? 1 : 0)), [n, n]);
  const opt = optimizer(tf);
  for (let s = 0; s < steps; s++) {
    const r = tf.tensor2d(values(n * width, (i) => Math.cos(i + 5 * s)), [n, width]);
    const rb = tf.tensor1d(values(width, (i) => Math.sin(i - s)));
    opt.minimize(() => tf.add(tf.sum(tf.mul(tf.square(tf.matMul(permutation, w)), r)), tf.sum(tf.mul(tf.square(b), rb))) as tfjs.Scalar);
    tf.dispose([r, rb]);
  }
  const weights = [w, b].map((t) => t.dataSync() as Float32Array);
  opt.dispose();
  tf.dispose([w, b, permutation]);
  return weights;
}

/** The same with y = tanh(x·W + b)·U and a squared loss: a model's gradients, which differ between backends in the last bits. */
async function train(backend: string, optimizer: (tf: Tf) => tfjs.Optimizer, inputs: number, hidden: number, steps: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor2d(values(inputs * hidden, (i) => 0.3 * Math.sin(i + 1)), [inputs, hidden]));
  const b = tf.variable(tf.tensor1d(values(hidden, (i) => 0.1 * Math.cos(i))));
  const u = tf.variable(tf.tensor2d(values(hidden, (i) => 0.5 * Math.sin(3 * i)), [hidden, 1]));
  const x = tf.tensor2d(values(16 * inputs, (i) => Math.cos(0.7 * i)), [16, inputs]);
  const y = tf.tensor2d(values(16, (i) => Math.sin(i)), [16, 1]);
  const opt = optimizer(tf);
  for (let s = 0; s < steps; s++) {
    opt.minimize(() => tf.mean(tf.square(tf.sub(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w), b)), u), y))) as tfjs.Scalar);
  }
  const weights = [w, b, u].map((t) => t.dataSync() as Float32Array);
  opt.dispose();
  tf.dispose([w, b, u, x, y]);
  return weights;
}

function worstRelative(ours: Float32Array, reference: Float32Array): number {
  assert.equal(ours.length, reference.length);
  return Math.max(...ours.map((v, i) => Math.abs(v - (reference[i] as number)) / Math.max(1e-3, Math.abs(reference[i] as number))));
}

describe('fused Adam on wasm', () => {
  it('leaves the weights where tf.train.adam on cpu does, over 8 steps, for sizes with and without a remainder of four', async () => {
    for (const [inputs, hidden] of [[8, 16], [5, 7], [3, 1], [1, 3]] as const) {
      const ours = await trainExact('wasm', (t) => fusedAdam(t, SETTINGS) ?? assert.fail('no fused Adam on wasm'), inputs, hidden, 8);
      const reference = await trainExact('cpu', (t) => t.train.adam(SETTINGS.learningRate, SETTINGS.beta1, SETTINGS.beta2, SETTINGS.epsilon), inputs, hidden, 8);
      const initial = await trainExact('cpu', (t) => t.train.sgd(0), inputs, hidden, 0);
      ours.forEach((weights, k) => {
        const worst = worstRelative(weights, reference[k] as Float32Array);
        assert.ok(worst < 1e-6, `[${inputs}, ${hidden}] weight ${k} differs from cpu's by ${worst}`);
        // The steps moved every weight (a no-op update would pass the comparison above only by luck).
        assert.ok(worstRelative(weights, initial[k] as Float32Array) > 1e-3, `[${inputs}, ${hidden}] weight ${k} did not move`);
      });
    }
  });

  it('is what tf.train.adam on wasm computes, to the last bit, with the same gradients', async () => {
    const ours = await train('wasm', (t) => fusedAdam(t, SETTINGS) ?? assert.fail('no fused Adam on wasm'), 9, 5, 6);
    const theirs = await train('wasm', (t) => t.train.adam(SETTINGS.learningRate, SETTINGS.beta1, SETTINGS.beta2, SETTINGS.epsilon), 9, 5, 6);
    ours.forEach((weights, k) => assert.deepEqual(weights, theirs[k]));
  });

  it('runs one kernel per variable and frees its moments on dispose', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.ones([6, 3]));
    const opt = fusedAdam(tf, SETTINGS) ?? assert.fail('no fused Adam on wasm');
    const loss = (): tfjs.Scalar => tf.sum(tf.square(w));
    opt.minimize(loss);
    const gradient = tf.onesLike(w);
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => opt.applyGradients({ [w.name]: gradient }));
    assert.deepEqual(profile.kernelNames, ['TuneboardFusedAdam']);
    assert.equal(tf.memory().numTensors, before);
    opt.dispose();
    assert.equal(tf.memory().numTensors, before - 2);
    tf.dispose([w, gradient]);
  });

  it('is what the trainer uses for adam on wasm; other optimizers and the cpu backend keep tf.train', async () => {
    const training = (optimizer: string) => resolveParams('mlp', { optimizer }).training;
    await tf.setBackend('wasm');
    const adamOnWasm = createOptimizer(tf, training('adam'));
    // Not instanceof: tfjs's Optimizer classes count every optimizer as their instance.
    assert.notEqual(adamOnWasm.constructor, tf.AdamOptimizer, 'adam on wasm is the fused one');
    assert.equal(adamOnWasm.getConfig().beta2, 0.999);
    const rmspropOnWasm = createOptimizer(tf, training('rmsprop'));
    assert.equal(rmspropOnWasm.constructor, tf.RMSPropOptimizer);
    await tf.setBackend('cpu');
    const adamOnCpu = createOptimizer(tf, training('adam'));
    assert.equal(adamOnCpu.constructor, tf.AdamOptimizer);
    for (const o of [adamOnWasm, rmspropOnWasm, adamOnCpu]) o.dispose();
  });
});
