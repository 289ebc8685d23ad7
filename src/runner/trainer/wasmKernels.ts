/**
 * Kernels of the TensorFlow.js wasm backend (4.22) that training needs and wasm lacks or runs slowly
 * (measured in docs/trainer-performance.md):
 * - Conv2DBackpropFilter, which wasm lacks (so a cnn could predict but not learn). For stride 1 it
 *   is a convolution, which wasm runs fast (XNNPACK):
 *     dW[kh, kw, ci, co] = Σ_{n,i,j} xPadded[n, i + kh, j + kw, ci] · dy[n, i, j, co]
 *       = conv2d(xPadded with batch and channels swapped, dy as the filter), transposed back;
 *   with few input channels (an image's first layer) im2col and one matrix product instead, and with
 *   channels in fours and eights one strided SIMD product per tap (wasmFilterGradProduct.ts).
 * - Conv2DBackpropInput, a plain loop in wasm; for stride 1 also a convolution:
 *     dx[n, h, w, ci] = Σ_{kh,kw,co} dy[n, h + padTop − kh, w + padLeft − kw, co] · W[kh, kw, ci, co]
 *       = conv2d(dy padded by the rest of the kernel, W flipped with its channels swapped).
 * - BatchMatMul: with a transposed operand (every dense layer's backward pass) wasm falls back to a
 *   scalar loop, and XNNPACK repacks a new right operand on every call: wasmBatchMatMul.ts (and
 *   _FusedMatMul, the same product with a bias).
 * - MaxPoolGrad: 2×2 stride 2 as a SIMD loop (wasmSimdMaxPoolGrad.ts), else a single pass in
 *   JavaScript over the wasm heap, ~3× quicker than wasm's own.
 * - Sum over every axis but the last (each bias gradient): wasmColumnSums.ts.
 * - Identity (every tensor saved for the backward pass is cloned): shared data, wasmIdentity.ts.
 * Each is checked against the cpu backend in test/unit/trainer; other strides keep wasm's own kernel.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';
import { sumOverLeadingAxes } from './wasmColumnSums';
import { identityWithoutCopy } from './wasmIdentity';
import { batchMatMul, fusedMatMul } from './wasmBatchMatMul';
import { simdFilterGradProduct, type SimdFilterGradProduct } from './wasmFilterGradProduct';
import type { KernelArgs, KernelFunc, WasmBackend } from './wasmKernelTypes';
import { paddedPlanes, simdFilterGrad, type SimdFilterGrad } from './wasmSimdFilterGrad';
import { simdMaxPoolGrad, type SimdMaxPoolGrad } from './wasmSimdMaxPoolGrad';

type TensorInfo = tfjs.TensorInfo;
type Shape4 = [number, number, number, number];

interface ConvGradientAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape?: Shape4;
  readonly inputShape?: Shape4;
}

export function addMissingWasmKernels(tf: Tf): void {
  const own = (name: string): KernelFunc | undefined => tf.getKernel(name, 'wasm')?.kernelFunc as KernelFunc | undefined;
  const run = (name: string, backend: KernelArgs['backend'], inputs: Record<string, TensorInfo>, attrs: object): TensorInfo => {
    const kernel = own(name);
    if (kernel === undefined) throw new Error(`the wasm backend has no ${name} kernel`);
    return kernel({ inputs, backend, attrs } as KernelArgs);
  };
  /** Runs `compute` with a list for its intermediate results, freed afterwards. */
  const withTemporaries = (backend: KernelArgs['backend'], compute: (keep: (t: TensorInfo) => TensorInfo) => TensorInfo): TensorInfo => {
    const temporaries: TensorInfo[] = [];
    try {
      return compute((t) => (temporaries.push(t), t));
    } finally {
      for (const t of temporaries) (backend as { disposeData(id: tfjs.DataId): void }).disposeData(t.dataId);
    }
  };
  // Padding as XNNPACK's own (explicit, per side) rather than a padded copy of the input (PadV2).
  const conv = (backend: KernelArgs['backend'], x: TensorInfo, filter: TensorInfo, [top, bottom, left, right]: readonly number[] = [0, 0, 0, 0]): TensorInfo =>
    run('Conv2D', backend, { x, filter }, { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined });
  const stride1 = (a: ConvGradientAttrs): boolean => a.dataFormat === 'NHWC' && (a.strides === 1 || (Array.isArray(a.strides) && a.strides[0] === 1 && a.strides[1] === 1));

  // The SIMD filter gradient, compiled on first use (false: it cannot run here).
  let simdFilter: SimdFilterGrad | false | undefined;
  let simdProduct: SimdFilterGradProduct | false | undefined;
  const filterGradient: KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as ConvGradientAttrs & { filterShape: Shape4 };
    if (!stride1(a)) throw new Error('Conv2DBackpropFilter on wasm supports stride 1 and NHWC data only');
    const { padInfo } = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, 1, 1, a.pad, a.dimRoundingMode);
    // Few input channels (an image's first layer): the convolution below would get a batch of 1–4 and
    // a filter the size of the image, which XNNPACK runs at a few GFLOP/s; im2col and one matrix
    // product (patchesᵀ·dy) are 5× faster. With 16 channels both take the same time, and the
    // convolution needs far less memory than the patch matrix.
    const [kh, kw, inChannels] = a.filterShape;
    const [, outHeight, outWidth] = dy.shape as Shape4;
    const positions = (x.shape[0] as number) * outHeight * outWidth;
    if (inChannels <= 4 && kh * kw * inChannels * positions <= IM2COL_MAX_VALUES) {
      return withTemporaries(backend, (keep) => {
        const wasm = backend as unknown as WasmBackend;
        simdFilter ??= simdFilterGrad(backend) ?? false;
        if (simdFilter !== false && a.filterShape[3] % 4 === 0) {
          // The SIMD loop (wasmSimdFilterGrad.ts) on a padded, channels-first copy of the input.
          const [paddedHeight, paddedWidth] = [outHeight + kh - 1, outWidth + kw - 1];
          const planes = keep(wasm.makeOutput([inChannels, x.shape[0] as number, paddedHeight, paddedWidth], 'float32'));
          const out = wasm.makeOutput([...a.filterShape], 'float32');
          paddedPlanes(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(planes), x.shape, padInfo.top, padInfo.left, paddedHeight, paddedWidth);
          if (simdFilter(planes, dy, out, kh, kw, { batch: x.shape[0] as number, outHeight, outWidth, paddedWidth, inChannels, outChannels: a.filterShape[3] })) return out;
          keep(out);
        }
        const outChannels = a.filterShape[3];
        // Channels first, so each patch row is copied from contiguous runs of one channel.
        const channelsFirst = inChannels === 1 ? x : keep(run('Transpose', backend, { x }, { perm: [3, 0, 1, 2] }));
        const patches = keep(wasm.makeOutput([1, kh * kw * inChannels, positions], 'float32'));
        im2colTransposed(wasm.typedArrayFromHeap(channelsFirst), wasm.typedArrayFromHeap(patches), x.shape as Shape4, kh, kw, outHeight, outWidth, padInfo.top, padInfo.left);
        const dy2d = keep(run('Reshape', backend, { x: dy }, { shape: [1, positions, outChannels] }));
        const gradient = keep(run('BatchMatMul', backend, { a: patches, b: dy2d }, { transposeA: false, transposeB: false }));
        return run('Reshape', backend, { x: gradient }, { shape: a.filterShape });
      });
    }
    // Channels in fours and eights: one strided SIMD product per tap (wasmFilterGradProduct.ts).
    simdProduct ??= simdFilterGradProduct(backend) ?? false;
    const product = simdProduct === false ? null : simdProduct(backend as unknown as WasmBackend, x, dy, { kernelHeight: kh, kernelWidth: kw, top: padInfo.top, left: padInfo.left });
    if (product !== null) return product;
    return withTemporaries(backend, (keep) => {
      const channelsAsBatch = keep(run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] }));
      const dyAsFilter = keep(run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
      const gradient = keep(conv(backend, channelsAsBatch, dyAsFilter, [padInfo.top, padInfo.bottom, padInfo.left, padInfo.right]));
      return run('Transpose', backend, { x: gradient }, { perm: [1, 2, 0, 3] });
    });
  };

  const ownInputGradient = own('Conv2DBackpropInput');
  const inputGradient: KernelFunc = (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = args.attrs as unknown as ConvGradientAttrs & { inputShape: Shape4 };
    if (!stride1(a) && ownInputGradient) return ownInputGradient(args);
    if (!stride1(a)) throw new Error('Conv2DBackpropInput on wasm supports stride 1 and NHWC data only');
    const { backend } = args;
    const [kh, kw] = filter.shape as Shape4;
    const { padInfo } = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as Shape4, 1, 1, a.pad, a.dimRoundingMode);
    const [height, width] = [a.inputShape[1], a.inputShape[2]];
    const [outHeight, outWidth] = [dy.shape[1] as number, dy.shape[2] as number];
    const top = kh - 1 - padInfo.top;
    const left = kw - 1 - padInfo.left;
    // Enough padding after, too, that the valid convolution gives back the input's height and width.
    const padding = [top, height + kh - 1 - outHeight - top, left, width + kw - 1 - outWidth - left];
    return withTemporaries(backend, (keep) => {
      const flipped = keep(run('Reverse', backend, { x: filter }, { dims: [0, 1] }));
      const swapped = keep(run('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] }));
      return conv(backend, dy, swapped, padding);
    });
  };

  if (own('Conv2DBackpropFilter') === undefined) tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: filterGradient });
  replace('Conv2DBackpropInput', () => inputGradient);
  replace('BatchMatMul', (original) => batchMatMul(original, run));
  replace('_FusedMatMul', (original) => fusedMatMul(original, run));
  replace('MaxPoolGrad', (original) => maxPoolGradient(tf, original));
  replace('Sum', (original) => sumOverLeadingAxes(tf, original));
  replace('Identity', identityWithoutCopy);

  /** Puts `make(wasm's own kernel)` in place of wasm's own kernel, once however often the backend loads. */
  function replace(name: string, make: (original: KernelFunc) => KernelFunc): void {
    const original = own(name);
    if (original === undefined || isOurs(original)) return;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: markOurs(make(original)) });
  }
}

/**
 * The gradient of max pooling (NHWC, no dilation): each output's gradient goes to the first largest
 * input of its window, as the cpu backend does. wasm's own kernel takes ~17 ms per batch of the
 * Fashion-MNIST cnn; this single pass over the input takes about a tenth of that.
 */
function maxPoolGradient(tf: Tf, original: KernelFunc): KernelFunc {
  // The SIMD kernel, compiled on first use (false: it cannot run here).
  let simd: SimdMaxPoolGrad | false | undefined;
  return (args) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as unknown as { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
    if (input.dtype !== 'float32' || input.shape.length !== 4) return original(args);
    const info = tf.backend_util.computePool2DInfo(input.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput([...input.shape], 'float32');
    // Views only after the last allocation: a growing heap detaches earlier ones.
    const dx = backend.typedArrayFromHeap(out);
    const x = backend.typedArrayFromHeap(input);
    const g = backend.typedArrayFromHeap(dy);
    const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
    const { top, left } = info.padInfo;
    if (filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth) {
      // Odd heights or widths leave a last row or column outside every window.
      if (inHeight !== 2 * outHeight || inWidth !== 2 * outWidth) dx.fill(0);
      simd ??= simdMaxPoolGrad(args.backend) ?? false;
      if (simd === false || !simd(input, dy, out, { batch: batchSize, height: inHeight, width: inWidth, channels, outHeight, outWidth })) maxPoolGradient2x2(x, g, dx, batchSize, inHeight, inWidth, channels, outHeight, outWidth);
      return out;
    }
    dx.fill(0);
    // Channel by channel within each window, so no per-window state needs resetting.
    for (let n = 0; n < batchSize; n++) {
      for (let r = 0; r < outHeight; r++) {
        const r0 = r * strideHeight - top;
        const rFrom = Math.max(0, r0);
        const rTo = Math.min(inHeight, r0 + filterHeight);
        for (let c = 0; c < outWidth; c++) {
          const c0 = c * strideWidth - left;
          const cFrom = Math.max(0, c0);
          const cTo = Math.min(inWidth, c0 + filterWidth);
          const o = ((n * outHeight + r) * outWidth + c) * channels;
          for (let d = 0; d < channels; d++) {
            let best = -Infinity;
            let where = -1;
            for (let xr = rFrom; xr < rTo; xr++) {
              for (let i = ((n * inHeight + xr) * inWidth + cFrom) * channels + d, end = i + (cTo - cFrom) * channels; i < end; i += channels) {
                const v = x[i] as number;
                if (v > best) {
                  best = v;
                  where = i;
                }
              }
            }
            if (where >= 0) dx[where] = (dx[where] as number) + (g[o + d] as number);
          }
        }
      }
    }
    return out;
  };
}

/** The largest patch matrix (values) im2col builds: 8M floats, 32 MB. */
const IM2COL_MAX_VALUES = 8 * 1024 * 1024;

/**
 * The patches of a stride-1 convolution's input as a matrix with one row per filter tap (kh, kw, ci
 * in the filter's order) and one column per output position (n, row, column): zero where the window
 * hangs over the padding. `x` is channels-first, [channels, batch, height, width].
 */
function im2colTransposed(x: Float32Array, out: Float32Array, [batch, height, width, channels]: Shape4, kh: number, kw: number, outHeight: number, outWidth: number, top: number, left: number): void {
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      // The output columns whose input column (c − left + j) lies inside the image.
      const cFrom = Math.max(0, left - j);
      const cTo = Math.min(outWidth, width + left - j);
      for (let ci = 0; ci < channels; ci++) {
        let o = ((i * kw + j) * channels + ci) * batch * outHeight * outWidth;
        for (let n = 0; n < batch; n++) {
          for (let r = 0; r < outHeight; r++, o += outWidth) {
            const xr = r - top + i;
            // Plain loops: typed-array fill costs more than it saves on runs this short.
            if (xr < 0 || xr >= height || cFrom >= cTo) {
              for (let c = 0; c < outWidth; c++) out[o + c] = 0;
              continue;
            }
            for (let c = 0; c < cFrom; c++) out[o + c] = 0;
            for (let c = cTo; c < outWidth; c++) out[o + c] = 0;
            const from = ((ci * batch + n) * height + xr) * width - left + j;
            for (let c = cFrom; c < cTo; c++) out[o + c] = x[from + c] as number;
          }
        }
      }
    }
  }
}

/**
 * The common case, 2×2 windows with stride 2, all inside the input: the windows do not overlap, so
 * each input gets either its window's gradient or zero, written once.
 */
function maxPoolGradient2x2(x: Float32Array, g: Float32Array, dx: Float32Array, batchSize: number, height: number, width: number, channels: number, outHeight: number, outWidth: number): void {
  const rowStep = width * channels;
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let r = 0; r < outHeight; r++) {
      let p = (n * height + 2 * r) * rowStep;
      for (let c = 0; c < outWidth; c++, p += 2 * channels) {
        for (let d = 0; d < channels; d++, o++) {
          const i00 = p + d;
          const i01 = i00 + channels;
          const i10 = i00 + rowStep;
          const i11 = i10 + channels;
          const v00 = x[i00] as number;
          const v01 = x[i01] as number;
          const v10 = x[i10] as number;
          const v11 = x[i11] as number;
          // The first largest in row-major order, as the cpu backend picks it; NaN never wins.
          let best = -Infinity;
          let k = -1;
          if (v00 > best) {
            best = v00;
            k = 0;
          }
          if (v01 > best) {
            best = v01;
            k = 1;
          }
          if (v10 > best) {
            best = v10;
            k = 2;
          }
          if (v11 > best) k = 3;
          const grad = g[o] as number;
          dx[i00] = k === 0 ? grad : 0;
          dx[i01] = k === 1 ? grad : 0;
          dx[i10] = k === 2 ? grad : 0;
          dx[i11] = k === 3 ? grad : 0;
        }
      }
    }
  }
}

/** Loading the backend twice must not wrap our kernel around itself. */
const OURS = Symbol('tuneboard kernel');
function markOurs(kernel: KernelFunc): KernelFunc {
  return Object.assign(kernel, { [OURS]: true });
}
function isOurs(kernel: KernelFunc): boolean {
  return (kernel as KernelFunc & { [OURS]?: boolean })[OURS] === true;
}
