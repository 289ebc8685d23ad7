/**
 * BatchMatMul on wasm, for the products a dense layer trains with: y = x·W, dW = xᵀ·dy, dx = dy·Wᵀ.
 * - wasm's own kernel is fast (XNNPACK) only without transposes; with either operand transposed it
 *   falls back to a scalar loop, 5–10× slower, so a transposed operand is transposed explicitly first.
 * - XNNPACK packs the right operand anew whenever it is a new tensor, which in training it is every
 *   step (new weights after each update, a new dy). Single products (no batch) of at least 4 rows
 *   and 8 columns therefore run our SIMD loop (wasmSimdMatMul.ts), which reads Aᵀ through strides
 *   and needs no packing: [64,784]·[784,128] 0.30 ms against 0.72–0.86 with a fresh
 *   right operand, [64,784]ᵀ·[64,128] 0.29 against 0.54–0.58 (CPU ms, best rounds).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { KernelArgs, KernelFunc, WasmBackend } from './wasmKernelTypes';
import { simdMatMul, type SimdMatMul } from './wasmSimdMatMul';

type TensorInfo = tfjs.TensorInfo;
export type Run = (name: string, backend: KernelArgs['backend'], inputs: Record<string, TensorInfo>, attrs: object) => TensorInfo;

/**
 * The most multiply-adds outside whole 4×8 tiles that we finish in JavaScript (~4 ns each): more, and
 * XNNPACK is quicker even with its packing ([64,128]·[128,10]: 31 µs against 78 with its two last
 * columns, 16k multiply-adds, in JavaScript).
 */
const MAX_TAIL_WORK = 2048;

export function batchMatMul(original: KernelFunc, run: Run): KernelFunc {
  const product = simdProduct(run);
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const ours = product(args.backend, a, b, transposeA, transposeB);
    if (ours !== null) return ours;
    if (!transposeA && !transposeB) return original(args);
    return withTransposed(run, args.backend, a, b, transposeA, transposeB, (left, right) =>
      original({ ...args, inputs: { a: left, b: right }, attrs: { ...args.attrs, transposeA: false, transposeB: false } } as KernelArgs),
    );
  };
}

/**
 * _FusedMatMul (a dense layer's product, bias and activation in one kernel) the same way when the
 * activation is linear (as TensorFlow.js fuses it while recording gradients) or relu and the bias a
 * vector: our product, then the bias and activation in one pass.
 */
export function fusedMatMul(original: KernelFunc, run: Run): KernelFunc {
  const product = simdProduct(run);
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
    const { transposeA, transposeB, activation } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
    const vectorBias = bias === undefined || (bias.shape.length === 1 && bias.dtype === 'float32');
    if (preluActivationWeights !== undefined || !vectorBias || (activation !== 'linear' && activation !== 'relu')) return original(args);
    const out = product(args.backend, a, b, transposeA, transposeB);
    if (out === null) return original(args);
    const values = (args.backend as unknown as WasmBackend).typedArrayFromHeap(out);
    const shift = bias === undefined ? null : (args.backend as unknown as WasmBackend).typedArrayFromHeap(bias);
    const n = out.shape[out.shape.length - 1] as number;
    // A bias of one value broadcasts over every column.
    const biasAt = shift === null ? () => 0 : shift.length === 1 ? () => shift[0] as number : (j: number) => shift[j] as number;
    for (let i = 0; i < values.length; i += n) {
      for (let j = 0; j < n; j++) {
        const v = (values[i + j] as number) + biasAt(j);
        values[i + j] = activation === 'relu' && v < 0 ? 0 : v;
      }
    }
    return out;
  };
}

/** Our product of a and b (either transposed), or null where wasm's own kernel is the one to run. */
function simdProduct(run: Run): (backend: KernelArgs['backend'], a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) => TensorInfo | null {
  // The SIMD kernel, compiled on first use (false: it cannot run here).
  let simd: SimdMatMul | false | undefined;
  return (backend, a, b, transposeA, transposeB) => {
    if (!single(a) || !single(b) || a.dtype !== 'float32' || b.dtype !== 'float32' || (transposeA && transposeB)) return null;
    const [rowsA, colsA] = a.shape.slice(-2) as [number, number];
    const [m, k] = transposeA ? [colsA, rowsA] : [rowsA, colsA];
    const n = b.shape[b.shape.length - (transposeB ? 2 : 1)] as number;
    const tailWork = (m * (n % 8) + (m % 4) * (n - (n % 8))) * k;
    if (m < 4 || n < 8 || k === 0 || tailWork > MAX_TAIL_WORK) return null;
    simd ??= simdMatMul(backend) ?? false;
    if (simd === false) return null;
    const kernel = simd;
    return withTransposed(run, backend, a, b, false, transposeB, (_, right) => {
      const leading = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
      const out = (backend as unknown as WasmBackend).makeOutput([...leading, m, n], 'float32');
      // A(m, k) = a[m, k] (strides k, 1) or, transposed, a[k, m] (strides 1, m).
      if (kernel({ tensor: a, strideM: transposeA ? 1 : k, strideK: transposeA ? m : 1 }, right, out, m, k, n)) return out;
      (backend as unknown as WasmBackend).disposeData(out.dataId);
      return null;
    });
  };
}

/** `use` on a and b with the asked operands transposed into temporary copies, freed afterwards. */
function withTransposed<T>(run: Run, backend: KernelArgs['backend'], a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean, use: (a: TensorInfo, b: TensorInfo) => T): T {
  const temporaries: TensorInfo[] = [];
  const swapLast = (t: TensorInfo): TensorInfo => {
    const perm = t.shape.map((_, i) => i);
    const last = perm.length - 1;
    [perm[last - 1], perm[last]] = [last, last - 1];
    const swapped = run('Transpose', backend, { x: t }, { perm });
    temporaries.push(swapped);
    return swapped;
  };
  try {
    return use(transposeA ? swapLast(a) : a, transposeB ? swapLast(b) : b);
  } finally {
    for (const t of temporaries) (backend as unknown as WasmBackend).disposeData(t.dataId);
  }
}

/** A matrix, or a batch of one (every leading dimension 1). */
function single(t: TensorInfo): boolean {
  return t.shape.length >= 2 && t.shape.slice(0, -2).every((d) => d === 1);
}
