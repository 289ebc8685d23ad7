/**
 * One Adam update of one variable as a WebAssembly SIMD loop over the wasm backend's heap, with the
 * float32 operations of TensorFlow.js's AdamOptimizer in its order, so each result rounds as there:
 *   m ← m·β1 + g·(1−β1);  v ← v·β2 + g²·(1−β2)
 *   w′ = (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε) · (−lr) + w
 * tfjs runs that as 13 kernels per variable, ~10 µs of call overhead each; this is one pass.
 * m and v are updated in place (the optimizer owns them alone); w′ goes to a fresh tensor, since the
 * backend caches packed weights by tensor and the old weights must stay as they were.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { webAssembly, wasmHeap } from './wasmSimdHeap';
import { F32, I32, moduleBytes, op, V128 } from './wasmSimdModule';

/** The step's float32 constants, as tfjs's scalars hold them. */
export interface AdamConstants {
  readonly beta1: number;
  readonly oneMinusBeta1: number;
  readonly beta2: number;
  readonly oneMinusBeta2: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ, the bias corrections of this step. */
  readonly correction1: number;
  readonly correction2: number;
  readonly epsilon: number;
  readonly negativeRate: number;
}

/** Writes w′ into `out` and updates m and v; false when a tensor is not on this heap (the caller falls back). */
export type SimdAdam = (w: tfjs.TensorInfo, g: tfjs.TensorInfo, m: tfjs.TensorInfo, v: tfjs.TensorInfo, out: tfjs.TensorInfo, c: AdamConstants) => boolean;

// Parameters and locals of the function, by index.
const [W, G, M, V, OUT, BYTES] = [0, 1, 2, 3, 4, 5];
const [B1, OB1, B2, OB2, C1, C2, EPS, NLR] = [6, 7, 8, 9, 10, 11, 12, 13];
const I = 14;
const [VB1, VOB1, VB2, VOB2, VC1, VC2, VEPS, VNLR, GV, MV, VV] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];

const at = (base: number): number[] => [...op.get(base), ...op.get(I), ...op.i32Add];

const BODY = [
  ...[[B1, VB1], [OB1, VOB1], [B2, VB2], [OB2, VOB2], [C1, VC1], [C2, VC2], [EPS, VEPS], [NLR, VNLR]].map(([scalar, vector]) => [...op.get(scalar as number), ...op.f32x4Splat, ...op.set(vector as number)]),
  op.i32(0), op.set(I),
  op.loop,
  at(G), op.load, op.set(GV),
  at(M), at(M), op.load, op.get(VB1), op.f32x4Mul, op.get(GV), op.get(VOB1), op.f32x4Mul, op.f32x4Add, op.tee(MV), op.store,
  at(V), at(V), op.load, op.get(VB2), op.f32x4Mul, op.get(GV), op.get(GV), op.f32x4Mul, op.get(VOB2), op.f32x4Mul, op.f32x4Add, op.tee(VV), op.store,
  at(OUT),
  op.get(MV), op.get(VC1), op.f32x4Div,
  op.get(VV), op.get(VC2), op.f32x4Div, op.f32x4Sqrt, op.get(VEPS), op.f32x4Add,
  op.f32x4Div, op.get(VNLR), op.f32x4Mul, at(W), op.load, op.f32x4Add, op.store,
  op.get(I), op.i32(16), op.i32Add, op.tee(I), op.get(BYTES), op.i32Ne, op.brIf(0),
  op.end,
];

type Kernel = (w: number, g: number, m: number, v: number, out: number, bytes: number, ...constants: number[]) => void;

/** The kernel bound to this backend's heap, or null where it cannot run (no WebAssembly SIMD). */
export function simdAdam(backend: unknown): SimdAdam | null {
  const heap = wasmHeap(backend);
  if (heap === null) return null;
  let kernel: Kernel;
  try {
    const params = [I32, I32, I32, I32, I32, I32, ...Array<number>(8).fill(F32)];
    const bytes = moduleBytes([{ name: 'adam', params, locals: [I32, ...Array<number>(11).fill(V128)], body: BODY }], heap.shared);
    kernel = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory: heap.memory } }).exports.adam as Kernel;
  } catch {
    return null;
  }
  return (w, g, m, v, out, c) => {
    const offsets = [w, g, m, v, out].map((t) => heap.offset(t));
    if (offsets.some((o) => o === undefined)) return false;
    const [wAt, gAt, mAt, vAt, outAt] = offsets as [number, number, number, number, number];
    const size = w.shape.reduce((a, b) => a * b, 1);
    const vectors = size - (size % 4);
    const constants = [c.beta1, c.oneMinusBeta1, c.beta2, c.oneMinusBeta2, c.correction1, c.correction2, c.epsilon, c.negativeRate];
    if (vectors > 0) kernel(wAt, gAt, mAt, vAt, outAt, 4 * vectors, ...constants);
    // The last 1–3 values (a tensor ends where its size does) with the same float32 roundings.
    if (vectors < size) {
      const f32 = new Float32Array((heap.memory as { buffer: ArrayBufferLike }).buffer);
      const [wi, gi, mi, vi, oi] = [wAt, gAt, mAt, vAt, outAt].map((byte) => byte / 4) as [number, number, number, number, number];
      const r = Math.fround;
      for (let k = vectors; k < size; k++) {
        const grad = f32[gi + k] as number;
        const mk = r(r((f32[mi + k] as number) * c.beta1) + r(grad * c.oneMinusBeta1));
        const vk = r(r((f32[vi + k] as number) * c.beta2) + r(r(grad * grad) * c.oneMinusBeta2));
        f32[mi + k] = mk;
        f32[vi + k] = vk;
        f32[oi + k] = r(r(r(mk / c.correction1) / r(r(Math.sqrt(r(vk / c.correction2))) + c.epsilon)) * c.negativeRate) + (f32[wi + k] as number);
      }
    }
    return true;
  };
}
