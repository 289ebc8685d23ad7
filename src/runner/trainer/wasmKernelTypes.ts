/** The shapes our wasm kernels (wasmKernels.ts and its neighbours) share: tfjs's kernel signature and what they use of the wasm backend. */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';

export type KernelArgs = Parameters<Parameters<Tf['registerKernel']>[0]['kernelFunc']>[0];
export type KernelFunc = (args: KernelArgs) => tfjs.TensorInfo;

/** What our JavaScript kernels use of the wasm backend: its heap, seen through typed arrays, and reference counts. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): tfjs.TensorInfo;
  typedArrayFromHeap(t: tfjs.TensorInfo): Float32Array;
  disposeData(id: tfjs.DataId): void;
  incRef(id: tfjs.DataId): void;
}
