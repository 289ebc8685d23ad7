/**
 * Sum over every axis but the last ([n, …, c] → [c]), which every bias gradient asks for, as one pass
 * in JavaScript over the wasm heap. wasm's own Sum transposes first (1.1 ms for a [64,28,28,16]
 * gradient); a matrix product with a row of ones (our earlier kernel) repacks the whole tensor as
 * XNNPACK weights on every call (2.1 ms); this loop takes 0.34 ms. Other reductions keep wasm's kernel.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';
import type { KernelFunc, WasmBackend } from './wasmKernelTypes';

export function sumOverLeadingAxes(tf: Tf, original: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tfjs.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return original(args);
    const channels = x.shape[rank - 1] as number;
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels], 'float32');
    // Views only after the last allocation: a growing heap detaches earlier ones.
    columnSums(backend.typedArrayFromHeap(x), channels, backend.typedArrayFromHeap(out));
    return out;
  };
}

/**
 * out[k] = Σ_i values[i · columns + k]. Eight columns per pass, each in a local (a double, so long
 * sums lose less than float32 would): V8 keeps them in registers, where an accumulator array would
 * cost a load and a store per value.
 */
export function columnSums(values: Float32Array, columns: number, out: Float32Array): void {
  const end = values.length;
  let k = 0;
  for (; k + 8 <= columns; k += 8) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (let i = k; i < end; i += columns) {
      a0 += values[i] as number;
      a1 += values[i + 1] as number;
      a2 += values[i + 2] as number;
      a3 += values[i + 3] as number;
      a4 += values[i + 4] as number;
      a5 += values[i + 5] as number;
      a6 += values[i + 6] as number;
      a7 += values[i + 7] as number;
    }
    out[k] = a0;
    out[k + 1] = a1;
    out[k + 2] = a2;
    out[k + 3] = a3;
    out[k + 4] = a4;
    out[k + 5] = a5;
    out[k + 6] = a6;
    out[k + 7] = a7;
  }
  for (; k < columns; k++) {
    let a = 0;
    for (let i = k; i < end; i += columns) a += values[i] as number;
    out[k] = a;
  }
}
