/**
 * Convolution gradients for the TensorFlow.js wasm backend (4.22). It has no Conv2DBackpropFilter
 * (the filter gradient of every 2-D and 1-D convolution), so a cnn could predict but not learn, and
 * its Conv2DBackpropInput is a plain loop. For stride 1 both gradients are themselves convolutions,
 * which wasm runs fast (XNNPACK):
 *   dW[kh, kw, ci, co] = Σ_{n,i,j} xPadded[n, i + kh, j + kw, ci] · dy[n, i, j, co]
 *     = conv2d(xPadded with batch and channels swapped, dy as the filter), transposed back;
 *   dx[n, h, w, ci] = Σ_{kh,kw,co} dy[n, h + padTop − kh, w + padLeft − kw, co] · W[kh, kw, ci, co]
 *     = conv2d(dy padded by the rest of the kernel, W flipped with its channels swapped).
 * Both are checked against the cpu backend in test/unit/trainer; other strides keep wasm's own kernel.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';

type TensorInfo = tfjs.TensorInfo;
type KernelArgs = Parameters<Parameters<Tf['registerKernel']>[0]['kernelFunc']>[0];
type KernelFunc = (args: KernelArgs) => TensorInfo;
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
  const conv = (backend: KernelArgs['backend'], x: TensorInfo, filter: TensorInfo): TensorInfo =>
    run('Conv2D', backend, { x, filter }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined });
  const stride1 = (a: ConvGradientAttrs): boolean => a.dataFormat === 'NHWC' && (a.strides === 1 || (Array.isArray(a.strides) && a.strides[0] === 1 && a.strides[1] === 1));

  const filterGradient: KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as ConvGradientAttrs & { filterShape: Shape4 };
    if (!stride1(a)) throw new Error('Conv2DBackpropFilter on wasm supports stride 1 and NHWC data only');
    const { padInfo } = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, 1, 1, a.pad, a.dimRoundingMode);
    return withTemporaries(backend, (keep) => {
      const paddings = [[0, 0], [padInfo.top, padInfo.bottom], [padInfo.left, padInfo.right], [0, 0]];
      const padded = paddings.flat().some((p) => p !== 0) ? keep(run('PadV2', backend, { x }, { paddings, constantValue: 0 })) : x;
      const channelsAsBatch = keep(run('Transpose', backend, { x: padded }, { perm: [3, 1, 2, 0] }));
      const dyAsFilter = keep(run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
      const gradient = keep(conv(backend, channelsAsBatch, dyAsFilter));
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
    const paddings = [[0, 0], [top, height + kh - 1 - outHeight - top], [left, width + kw - 1 - outWidth - left], [0, 0]];
    return withTemporaries(backend, (keep) => {
      const padded = keep(run('PadV2', backend, { x: dy }, { paddings, constantValue: 0 }));
      const flipped = keep(run('Reverse', backend, { x: filter }, { dims: [0, 1] }));
      const swapped = keep(run('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] }));
      return conv(backend, padded, swapped);
    });
  };

  if (own('Conv2DBackpropFilter') === undefined) tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: filterGradient });
  if (ownInputGradient !== undefined && !isOurs(ownInputGradient)) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: markOurs(inputGradient) });
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
