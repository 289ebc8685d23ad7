/**
 * The filter gradient of a stride-1 convolution with few input channels (an image's first layer) as
 * a WebAssembly SIMD loop:
 *   dW[kh, kw, ci, co] = Σ_{n,i,j} xPadded[ci][n, i + kh, j + kw] · dy[n, i, j, co]
 * four output channels at a time, one accumulator per filter tap, over every position. XNNPACK's
 * matrix product (our im2col path) repacks dy, its right operand, on every call: ~2 ms of its ~3 ms
 * for [64,28,28,1] → 16, where this loop reads dy once per four output channels.
 *
 * The code is generated per filter size (taps unrolled, their offsets constant) and compiled once.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { I32, moduleBytes, op, V128 } from './wasmSimdModule';
import { webAssembly, wasmHeap } from './wasmSimdHeap';

// Parameters, then i32 locals, then v128 locals (DV, then one accumulator per tap).
const [X, DY, OUT, N, OH, OW, WPB, CO4, TAP_STRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [CV, IMG, I, J, P, D, X_ROW] = [9, 10, 11, 12, 13, 14, 15];
const ROW = (a: number): number => 16 + a; // a · WPB, for kernel rows 1 … kh − 1 (locals 17 …)

function body(kh: number, kw: number): (readonly number[])[] {
  const dv = 16 + kh;
  const acc = (t: number): number => dv + 1 + t;
  const taps = kh * kw;
  const code: (readonly number[])[] = [];
  for (let a = 1; a < kh; a++) code.push(op.i32(a), op.get(WPB), op.i32Mul, op.set(ROW(a)));
  code.push(op.i32(0), op.set(CV));
  code.push(op.loop); // four output channels at a time
  for (let t = 0; t < taps; t++) code.push(op.f32(0), op.f32x4Splat, op.set(acc(t)));
  code.push(op.get(X), op.set(X_ROW), op.get(DY), op.get(CV), op.i32Add, op.set(D), op.get(N), op.set(IMG));
  code.push(op.loop); // each image
  code.push(op.get(OH), op.set(I));
  code.push(op.loop); // each output row
  code.push(op.get(X_ROW), op.set(P), op.get(OW), op.set(J));
  code.push(op.loop); // each output position
  code.push(op.get(D), op.load, op.set(dv));
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const t = a * kw + b;
      code.push(op.get(acc(t)), op.get(P));
      if (a > 0) code.push(op.get(ROW(a)), op.i32Add);
      code.push(op.load32Splat(4 * b), op.get(dv), op.f32x4Mul, op.f32x4Add, op.set(acc(t)));
    }
  }
  code.push(op.get(P), op.i32(4), op.i32Add, op.set(P), op.get(D), op.get(CO4), op.i32Add, op.set(D));
  code.push(op.get(J), op.i32(1), op.i32Sub, op.tee(J), op.brIf(0), op.end);
  code.push(op.get(X_ROW), op.get(WPB), op.i32Add, op.set(X_ROW));
  code.push(op.get(I), op.i32(1), op.i32Sub, op.tee(I), op.brIf(0), op.end);
  // The padded plane has kh − 1 more rows than the output.
  if (kh > 1) code.push(op.get(X_ROW), op.get(ROW(kh - 1)), op.i32Add, op.set(X_ROW));
  code.push(op.get(IMG), op.i32(1), op.i32Sub, op.tee(IMG), op.brIf(0), op.end);
  for (let t = 0; t < taps; t++) code.push(op.get(OUT), op.i32(t), op.get(TAP_STRIDE), op.i32Mul, op.i32Add, op.get(CV), op.i32Add, op.get(acc(t)), op.store);
  code.push(op.get(CV), op.i32(16), op.i32Add, op.tee(CV), op.get(CO4), op.i32Ne, op.brIf(0), op.end);
  return code;
}

type Kernel = (x: number, dy: number, out: number, n: number, oh: number, ow: number, wpb: number, co4: number, tapStride: number) => void;

export interface FilterGradShape {
  readonly batch: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** The padded input's width (outWidth + kw − 1). */
  readonly paddedWidth: number;
  readonly inChannels: number;
  readonly outChannels: number;
}

/**
 * dW (at `out`, [kh, kw, ci, co]) from `planes`, the input padded and channels first ([ci][n][outHeight +
 * kh − 1][paddedWidth]), and dy; false when SIMD cannot run here or co is not a multiple of 4.
 */
export type SimdFilterGrad = (planes: tfjs.TensorInfo, dy: tfjs.TensorInfo, out: tfjs.TensorInfo, kh: number, kw: number, shape: FilterGradShape) => boolean;

export function simdFilterGrad(backend: unknown): SimdFilterGrad | null {
  const heap = wasmHeap(backend);
  if (heap === null) return null;
  const kernels = new Map<string, Kernel | null>();
  const kernelFor = (kh: number, kw: number): Kernel | null => {
    const key = `${kh}x${kw}`;
    if (!kernels.has(key)) {
      try {
        const bytes = moduleBytes([{ name: 'filterGrad', params: Array<number>(9).fill(I32), locals: [...Array<number>(7 + kh).fill(I32), ...Array<number>(1 + kh * kw).fill(V128)], body: body(kh, kw) }], heap.shared);
        kernels.set(key, new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory: heap.memory } }).exports.filterGrad as Kernel);
      } catch {
        kernels.set(key, null);
      }
    }
    return kernels.get(key) ?? null;
  };
  return (planes, dy, out, kh, kw, { batch, outHeight, outWidth, paddedWidth, inChannels, outChannels }) => {
    const [xAt, dyAt, outAt] = [heap.offset(planes), heap.offset(dy), heap.offset(out)];
    const kernel = outChannels % 4 === 0 && batch * outHeight * outWidth > 0 ? kernelFor(kh, kw) : null;
    if (kernel === null || xAt === undefined || dyAt === undefined || outAt === undefined) return false;
    const plane = 4 * batch * (outHeight + kh - 1) * paddedWidth;
    for (let ci = 0; ci < inChannels; ci++) kernel(xAt + ci * plane, dyAt, outAt + 4 * ci * outChannels, batch, outHeight, outWidth, 4 * paddedWidth, 4 * outChannels, 4 * inChannels * outChannels);
    return true;
  };
}



/**
 * The input as the SIMD loop reads it: channels first, zero-padded, [ci][n][paddedHeight][paddedWidth]
 * from NHWC `x`, so the loop needs no bounds checks.
 */
export function paddedPlanes(x: Float32Array, out: Float32Array, [batch, height, width, channels]: readonly number[], top: number, left: number, paddedHeight: number, paddedWidth: number): void {
  let o = 0;
  for (let ci = 0; ci < (channels as number); ci++) {
    for (let n = 0; n < (batch as number); n++) {
      for (let r = 0; r < paddedHeight; r++, o += paddedWidth) {
        const xr = r - top;
        if (xr < 0 || xr >= (height as number)) {
          out.fill(0, o, o + paddedWidth);
          continue;
        }
        const from = Math.max(0, left);
        const to = Math.min(paddedWidth, left + (width as number));
        out.fill(0, o, o + from);
        out.fill(0, o + to, o + paddedWidth);
        const base = ((n * (height as number) + xr) * (width as number) - left) * (channels as number) + ci;
        if (channels === 1) out.set(x.subarray(base + from, base + to), o + from);
        else for (let c = from; c < to; c++) out[o + c] = x[base + c * (channels as number)] as number;
      }
    }
  }
}
