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
import { webAssembly, wasmHeap, type WasmHeap } from './wasmSimdHeap';
import { I32, moduleBytes, op, V128 } from './wasmSimdModule';

export interface StridedOperand {
  readonly tensor: tfjs.TensorInfo;
  /** Elements from one row of A to the next, and from one column to the next. */
  readonly strideM: number;
  readonly strideK: number;
}

/** c [M, N] = A·b for b [K, N]; false when SIMD cannot run or the shape does not fit (the caller falls back). */
export type SimdMatMul = (a: StridedOperand, b: tfjs.TensorInfo, c: tfjs.TensorInfo, m: number, k: number, n: number) => boolean;

// Parameters and locals of the function, by index. The sum over k runs as three nested loops (counts
// K1, K2, K3; A advances S1, S2, S3 bytes per step of each, B one row per innermost step), so that a
// convolution's filter gradient can walk the positions of a padded image as one k.
const [A, SM, B, C, M4, N8, ROW_B, K1, S1, K2, S2, K3, S3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [NB, MB, AP, BP, A1, A2, A3, CP, P1, P2, C1, C2, C3] = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const [B0, B1, AV] = [26, 27, 28];
const ACC = [29, 30, 31, 32, 33, 34, 35, 36];

const zero = [op.f32(0), op.f32x4Splat];
/** acc[2r], acc[2r+1] += splat(A at `address`) · (b0, b1). */
const rowUpdate = (address: number[], r: number): number[][] => [
  address, op.load32Splat(0), op.set(AV),
  op.get(ACC[2 * r] as number), op.get(AV), op.get(B0), op.f32x4Mul, op.f32x4Add, op.set(ACC[2 * r] as number),
  op.get(ACC[2 * r + 1] as number), op.get(AV), op.get(B1), op.f32x4Mul, op.f32x4Add, op.set(ACC[2 * r + 1] as number),
];
const countDown = (counter: number): (readonly number[])[] => [op.get(counter), op.i32(1), op.i32Sub, op.tee(counter), op.brIf(0)];

/** The tile's 4 rows of 8 columns at CP (rows ROW_B apart): `value(acc, address)` stored at each. */
const eachTileCell = (value: (acc: number, address: number[]) => number[]): number[][] =>
  [0, 1, 2, 3].flatMap((r) => [
    [...op.get(CP), ...op.i32(r), ...op.get(ROW_B), ...op.i32Mul, ...op.i32Add, ...op.tee(A1), ...value(ACC[2 * r] as number, [...op.get(A1)]), ...op.store],
    [...op.get(A1), ...op.i32(16), ...op.i32Add, ...op.tee(A1), ...value(ACC[2 * r + 1] as number, [...op.get(A1)]), ...op.store],
  ]);

const BODY = [
  op.i32(0), op.set(NB),
  op.loop, // each strip of 8 columns
  op.i32(0), op.set(MB),
  op.loop, // each block of 4 rows
  // The tile at row MB·4, column NB·8 of C, zeroed: each outer k loop adds its partial sums to it,
  // which keeps float32 rounding small over long sums (a filter gradient sums 12,544 positions).
  op.get(C), op.get(MB), op.i32(4), op.i32Mul, op.get(ROW_B), op.i32Mul, op.i32Add, op.get(NB), op.i32(32), op.i32Mul, op.i32Add, op.set(CP),
  ...eachTileCell(() => zero.flat()),
  op.get(A), op.get(MB), op.get(SM), op.i32Mul, op.i32(4), op.i32Mul, op.i32Add, op.set(P1),
  op.get(B), op.get(NB), op.i32(32), op.i32Mul, op.i32Add, op.set(BP),
  op.get(K1), op.set(C1),
  op.loop,
  ...ACC.map((acc) => [...zero.flat(), ...op.set(acc)]),
  op.get(P1), op.set(P2),
  op.get(K2), op.set(C2),
  op.loop,
  op.get(P2), op.set(AP),
  op.get(K3), op.set(C3),
  op.loop, // each k
  op.get(BP), op.load, op.set(B0),
  op.get(BP), op.i32(16), op.i32Add, op.load, op.set(B1),
  ...rowUpdate([...op.get(AP)], 0),
  ...rowUpdate([...op.get(AP), ...op.get(SM), ...op.i32Add, ...op.tee(A1)], 1),
  ...rowUpdate([...op.get(A1), ...op.get(SM), ...op.i32Add, ...op.tee(A2)], 2),
  ...rowUpdate([...op.get(A2), ...op.get(SM), ...op.i32Add, ...op.tee(A3)], 3),
  op.get(AP), op.get(S3), op.i32Add, op.set(AP),
  op.get(BP), op.get(ROW_B), op.i32Add, op.set(BP),
  ...countDown(C3),
  op.end,
  op.get(P2), op.get(S2), op.i32Add, op.set(P2),
  ...countDown(C2),
  op.end,
  ...eachTileCell((acc, address) => [...address, ...op.load, ...op.get(acc), ...op.f32x4Add]),
  op.get(P1), op.get(S1), op.i32Add, op.set(P1),
  ...countDown(C1),
  op.end,
  op.get(MB), op.i32(1), op.i32Add, op.tee(MB), op.get(M4), op.i32Ne, op.brIf(0),
  op.end,
  op.get(NB), op.i32(1), op.i32Add, op.tee(NB), op.get(N8), op.i32Ne, op.brIf(0),
  op.end,
];

/**
 * The raw loop, addresses and strides in bytes: c[m, n] (rows ROW_B apart, M4·4 × N8·8) = Σ over the
 * three k loops of A(m) · b[k, n], A(m) at the running A address + m·strideM.
 */
export type StridedKernel = (a: number, strideM: number, b: number, c: number, m4: number, n8: number, rowBytes: number, k1: number, s1: number, k2: number, s2: number, k3: number, s3: number) => void;

/** The compiled loop and the heap it works on, or null where WebAssembly SIMD cannot run. */
export function stridedKernel(backend: unknown): { kernel: StridedKernel; heap: WasmHeap } | null {
  const heap = wasmHeap(backend);
  if (heap === null) return null;
  try {
    const bytes = moduleBytes([{ name: 'matMul', params: Array<number>(13).fill(I32), locals: [...Array<number>(13).fill(I32), ...Array<number>(11).fill(V128)], body: BODY }], heap.shared);
    return { kernel: new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory: heap.memory } }).exports.matMul as StridedKernel, heap };
  } catch {
    return null;
  }
}

/** The kernel bound to this backend's heap, or null where it cannot run (no WebAssembly SIMD). */
export function simdMatMul(backend: unknown): SimdMatMul | null {
  const compiled = stridedKernel(backend);
  if (compiled === null) return null;
  const { kernel, heap } = compiled;
  return (a, b, c, m, k, n) => {
    const [aAt, bAt, cAt] = [heap.offset(a.tensor), heap.offset(b), heap.offset(c)];
    if (aAt === undefined || bAt === undefined || cAt === undefined || k === 0) return false;
    const [m4, n8] = [Math.floor(m / 4), Math.floor(n / 8)];
    if (m4 > 0 && n8 > 0) kernel(aAt, 4 * a.strideM, bAt, cAt, m4, n8, 4 * n, 1, 0, 1, 0, k, 4 * a.strideK);
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
