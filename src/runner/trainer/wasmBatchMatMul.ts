/**
 * BatchMatMul on wasm, for the products a dense layer trains with: y = x·W, dW = xᵀ·dy, dx = dy·Wᵀ.
 * - wasm's own kernel is fast (XNNPACK) only without transposes; with either operand transposed it
 *   falls back to a scalar loop, 5–10× slower, so a transposed operand is transposed explicitly first.
 * - XNNPACK packs the right operand anew whenever it is a new tensor, which in training it is every
 *   step (new weights after each update, a new dy). Single products (no batch) whose rows come in
 *   fours and columns in eights therefore run our SIMD loop (wasmSimdMatMul.ts), which reads Aᵀ
 *   through strides and needs no packing: [64,784]·[784,128] 0.30 ms against 0.72–0.86 with a fresh
 *   right operand, [64,784]ᵀ·[64,128] 0.29 against 0.54–0.58 (CPU ms, best rounds).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { KernelArgs, KernelFunc, WasmBackend } from './wasmKernelTypes';
import { simdMatMul, type SimdMatMul } from './wasmSimdMatMul';

type TensorInfo = tfjs.TensorInfo;
export type Run = (name: string, backend: KernelArgs['backend'], inputs: Record<string, TensorInfo>, attrs: object) => TensorInfo;

export function batchMatMul(original: KernelFunc, run: Run): KernelFunc {
  // The SIMD kernel, compiled on first use (false: it cannot run here).
  let simd: SimdMatMul | false | undefined;
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const { backend } = args;
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
      if (single(a) && single(b) && a.dtype === 'float32' && b.dtype === 'float32' && !(transposeA && transposeB)) {
        const [rowsA, colsA] = a.shape.slice(-2) as [number, number];
        const [m, k] = transposeA ? [colsA, rowsA] : [rowsA, colsA];
        const n = b.shape[b.shape.length - (transposeB ? 2 : 1)] as number;
        if (m % 4 === 0 && n % 8 === 0) {
          simd ??= simdMatMul(backend) ?? false;
          if (simd !== false) {
            const right = transposeB ? swapLast(b) : b;
            const leading = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
            const out = (backend as unknown as WasmBackend).makeOutput([...leading, m, n], 'float32');
            // A(m, k) = a[m, k] (strides k, 1) or, transposed, a[k, m] (strides 1, m).
            if (simd({ tensor: a, strideM: transposeA ? 1 : k, strideK: transposeA ? m : 1 }, right, out, m, k, n)) return out;
            (backend as unknown as WasmBackend).disposeData(out.dataId);
          }
        }
      }
      if (!transposeA && !transposeB) return original(args);
      const left = transposeA ? swapLast(a) : a;
      const right = transposeB ? swapLast(b) : b;
      return original({ ...args, inputs: { a: left, b: right }, attrs: { ...args.attrs, transposeA: false, transposeB: false } } as KernelArgs);
    } finally {
      for (const t of temporaries) (backend as unknown as WasmBackend).disposeData(t.dataId);
    }
  };
}

/** A matrix, or a batch of one (every leading dimension 1). */
function single(t: TensorInfo): boolean {
  return t.shape.length >= 2 && t.shape.slice(0, -2).every((d) => d === 1);
}
