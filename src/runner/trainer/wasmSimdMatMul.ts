/**
 * C = A·B as a WebAssembly SIMD loop over the wasm backend's heap, with A read through strides so
 * that A = xᵀ needs no transposed copy: C[m, n] = Σ_k A(m, k) · B[k, n], A(m, k) at a + m·strideM + k·strideK,
 * B and C row-major. Tiles of 4 rows × 8 columns (8 accumulators); the last rows and columns that do
 * not fill a tile in JavaScript, summed in float32 in the same order.
 * Why: XNNPACK packs B (the weights in a dense layer's forward pass, dy in its weight gradient) anew
 * whenever B is a new tensor, which in training it is on every step (the optimizer assigns new
 * weights): ~0.5 ms of a [64,784]·[784,128] product's ~1.4 ms on this machine.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { webAssembly, wasmHeap } from './wasmSimdHeap';
import { I32, moduleBytes, op, V128 } from './wasmSimdModule';

export interface StridedOperand {
  readonly tensor: tfjs.TensorInfo;
  /** Elements from one row of A to the next, and from one column to the next. */
  readonly strideM: number;
  readonly strideK: number;
}

/** c [M, N] = A·b for b [K, N]; false when SIMD cannot run or the shape does not fit (the caller falls back). */
export type SimdMatMul = (a: StridedOperand, b: tfjs.TensorInfo, c: tfjs.TensorInfo, m: number, k: number, n: number) => boolean;

// Parameters and locals of the function, by index.
const [A, SM, SK, B, C, M4, N8, K, ROW_B] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [NB, MB, AP, BP, KK, A1, A2, A3, CP] = [9, 10, 11, 12, 13, 14, 15, 16, 17];
const [B0, B1, AV] = [18, 19, 20];
const ACC = [21, 22, 23, 24, 25, 26, 27, 28];

const zero = [op.f32(0), op.f32x4Splat];
/** acc[2r], acc[2r+1] += splat(A at `address`) · (b0, b1). */
const rowUpdate = (address: number[], r: number): number[][] => [
  address, op.load32Splat(0), op.set(AV),
  op.get(ACC[2 * r] as number), op.get(AV), op.get(B0), op.f32x4Mul, op.f32x4Add, op.set(ACC[2 * r] as number),
  op.get(ACC[2 * r + 1] as number), op.get(AV), op.get(B1), op.f32x4Mul, op.f32x4Add, op.set(ACC[2 * r + 1] as number),
];

const BODY = [
  op.i32(0), op.set(NB),
  op.loop, // each strip of 8 columns
  op.i32(0), op.set(MB),
  op.loop, // each block of 4 rows
  ...ACC.map((acc) => [...zero.flat(), ...op.set(acc)]),
  op.get(A), op.get(MB), op.get(SM), op.i32Mul, op.i32(4), op.i32Mul, op.i32Add, op.set(AP),
  op.get(B), op.get(NB), op.i32(32), op.i32Mul, op.i32Add, op.set(BP),
  op.get(K), op.set(KK),
  op.loop, // each k
  op.get(BP), op.load, op.set(B0),
  op.get(BP), op.i32(16), op.i32Add, op.load, op.set(B1),
  ...rowUpdate([...op.get(AP)], 0),
  ...rowUpdate([...op.get(AP), ...op.get(SM), ...op.i32Add, ...op.tee(A1)], 1),
  ...rowUpdate([...op.get(A1), ...op.get(SM), ...op.i32Add, ...op.tee(A2)], 2),
  ...rowUpdate([...op.get(A2), ...op.get(SM), ...op.i32Add, ...op.tee(A3)], 3),
  op.get(AP), op.get(SK), op.i32Add, op.set(AP),
  op.get(BP), op.get(ROW_B), op.i32Add, op.set(BP),
  op.get(KK), op.i32(1), op.i32Sub, op.tee(KK), op.brIf(0),
  op.end,
  // Store the tile: row MB·4 + r, columns NB·8 …
  op.get(C), op.get(MB), op.i32(4), op.i32Mul, op.get(ROW_B), op.i32Mul, op.i32Add, op.get(NB), op.i32(32), op.i32Mul, op.i32Add, op.set(CP),
  ...[0, 1, 2, 3].map((r) => [
    ...op.get(CP), ...op.get(ACC[2 * r] as number), ...op.store,
    ...op.get(CP), ...op.i32(16), ...op.i32Add, ...op.get(ACC[2 * r + 1] as number), ...op.store,
    ...op.get(CP), ...op.get(ROW_B), ...op.i32Add, ...op.set(CP),
  ]),
  op.get(MB), op.i32(1), op.i32Add, op.tee(MB), op.get(M4), op.i32Ne, op.brIf(0),
  op.end,
  op.get(NB), op.i32(1), op.i32Add, op.tee(NB), op.get(N8), op.i32Ne, op.brIf(0),
  op.end,
];

// strideM, strideK and rowBytes (of B and C) in bytes.
type Kernel = (a: number, strideM: number, strideK: number, b: number, c: number, m4: number, n8: number, k: number, rowBytes: number) => void;

/** The kernel bound to this backend's heap, or null where it cannot run (no WebAssembly SIMD). */
export function simdMatMul(backend: unknown): SimdMatMul | null {
  const heap = wasmHeap(backend);
  if (heap === null) return null;
  let kernel: Kernel;
  try {
    const bytes = moduleBytes([{ name: 'matMul', params: Array<number>(9).fill(I32), locals: [...Array<number>(9).fill(I32), ...Array<number>(11).fill(V128)], body: BODY }], heap.shared);
    kernel = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory: heap.memory } }).exports.matMul as Kernel;
  } catch {
    return null;
  }
  return (a, b, c, m, k, n) => {
    const [aAt, bAt, cAt] = [heap.offset(a.tensor), heap.offset(b), heap.offset(c)];
    if (aAt === undefined || bAt === undefined || cAt === undefined || k === 0) return false;
    const [m4, n8] = [Math.floor(m / 4), Math.floor(n / 8)];
    if (m4 > 0 && n8 > 0) kernel(aAt, 4 * a.strideM, 4 * a.strideK, bAt, cAt, m4, n8, k, 4 * n);
    if (m4 * 4 < m || n8 * 8 < n) {
      const f32 = new Float32Array((heap.memory as { buffer: ArrayBufferLike }).buffer);
      const [ai, bi, ci] = [aAt / 4, bAt / 4, cAt / 4];
      const r = Math.fround;
      const entry = (i: number, j: number): void => {
        let sum = 0;
        for (let kk = 0; kk < k; kk++) sum = r(sum + r((f32[ai + i * a.strideM + kk * a.strideK] as number) * (f32[bi + kk * n + j] as number)));
        f32[ci + i * n + j] = sum;
      };
      // The columns right of the last full strip (every row), then the rows below the last full block.
      for (let i = 0; i < m; i++) for (let j = n8 * 8; j < n; j++) entry(i, j);
      for (let i = m4 * 4; i < m; i++) for (let j = 0; j < n8 * 8; j++) entry(i, j);
    }
    return true;
  };
}
