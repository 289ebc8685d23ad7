// Run by wasmKernels.test.ts in a child process with TUNEBOARD_WASM_THREADS=2: loads the wasm backend
// (which must then have a 2-thread pool), computes a convolution's gradients (the filter's by our SIMD
// loop on the shared heap), a matrix product and a max pooling gradient (SIMD too),
// prints them with the thread count as JSON, and returns without process.exit (the pool must not keep
// the process alive).
import type * as tfjs from '@tensorflow/tfjs';
import { loadBackend, wasmThreadCount } from '../../../src/runner/trainer';

void (async () => {
  const { tf } = await loadBackend('wasm');
  const values = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));
  const result = tf.tidy(() => {
    const x = tf.tensor4d(values(4 * 12 * 12 * 3, (i) => Math.sin(i)), [4, 12, 12, 3]);
    const filter = tf.tensor4d(values(3 * 3 * 3 * 8, (i) => Math.cos(0.7 * i)), [3, 3, 3, 8]);
    const [dx, dFilter] = tf.grads((a: tfjs.Tensor, f: tfjs.Tensor) => tf.sum(tf.square(tf.conv2d(a as tfjs.Tensor4D, f as tfjs.Tensor4D, 1, 'same'))))([x, filter]);
    const a = tf.tensor2d(values(64 * 200, (i) => Math.sin(0.1 * i)), [64, 200]);
    const b = tf.tensor2d(values(200 * 30, (i) => Math.cos(0.2 * i)), [200, 30]);
    const pooled = tf.tensor4d(values(2 * 8 * 6 * 4, (i) => Math.sin(1.3 * i)), [2, 8, 6, 4]);
    const dPooled = tf.grad((t: tfjs.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tfjs.Tensor4D, 2, 2, 'valid'), 2)))(pooled);
    return [dx, dFilter, tf.matMul(a, b), dPooled].map((t) => Array.from(t?.dataSync() ?? []));
  });
  console.log(JSON.stringify({ threads: wasmThreadCount(), backend: tf.getBackend(), result }));
})();
