/**
 * Kernels the TensorFlow.js wasm backend (4.22) lacks for training. It has no Conv2DBackpropFilter,
 * the filter gradient of every 2-D and 1-D convolution, so a cnn could predict but not learn. It does
 * have the 3-D version: a 2-D convolution is a 3-D one of depth 1, so we register the missing kernel
 * as that, on the same memory with a depth axis added to the shapes. (Checked against the cpu
 * backend in test/unit/trainer.)
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';

type TensorInfo = tfjs.TensorInfo;
type KernelAttrs = Parameters<Parameters<Tf['registerKernel']>[0]['kernelFunc']>[0]['attrs'];

const MISSING = 'Conv2DBackpropFilter';
const SUBSTITUTE = 'Conv3DBackpropFilterV2';

export function addMissingWasmKernels(tf: Tf): void {
  if (tf.getKernel(MISSING, 'wasm') !== undefined) return;
  const conv3dFilterGrad = tf.getKernel(SUBSTITUTE, 'wasm');
  if (conv3dFilterGrad === undefined) return;
  tf.registerKernel({
    kernelName: MISSING,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      const { strides, pad, dataFormat, filterShape } = attrs as unknown as {
        strides: [number, number] | number;
        pad: 'valid' | 'same' | number | unknown[];
        dataFormat: 'NHWC' | 'NCHW';
        filterShape: [number, number, number, number];
      };
      const [strideHeight, strideWidth] = typeof strides === 'number' ? [strides, strides] : strides;
      // With strides > 1 the wasm 3-D kernel disagrees with the cpu backend; our models use stride 1.
      if (dataFormat !== 'NHWC' || Array.isArray(pad) || strideHeight !== 1 || strideWidth !== 1) {
        throw new Error(`${MISSING} on wasm supports stride 1, NHWC data and 'same', 'valid' or numeric padding only`);
      }
      // Depth 1 in front of height: [n, h, w, c] → [n, 1, h, w, c]; the data is laid out identically.
      const withDepth = (t: TensorInfo): TensorInfo => ({ dataId: t.dataId, dtype: t.dtype, shape: [t.shape[0] as number, 1, ...t.shape.slice(1)] });
      const gradient = conv3dFilterGrad.kernelFunc({
        inputs: { x: withDepth(x), dy: withDepth(dy) },
        backend,
        attrs: { strides: [1, 1, 1], pad, filterShape: [1, ...filterShape] } as unknown as KernelAttrs,
      }) as TensorInfo;
      return { dataId: gradient.dataId, dtype: gradient.dtype, shape: [...filterShape] };
    },
  });
}
