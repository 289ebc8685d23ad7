/**
 * Identity on wasm without a copy. TensorFlow.js clones every tensor it saves for the backward pass
 * (engine.saveTensorsForBackwardMode) and wasm's Identity copies the data, so a training step copied
 * each saved activation once more (three [64,28,28,16] copies per step in the Fashion-MNIST cnn).
 * Tensor data is never written after a kernel made it (variables take a new tensor's data on assign),
 * so a clone can share it with a reference count, as the cpu backend's Identity and wasm's own Reshape do.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { KernelFunc, WasmBackend } from './wasmKernelTypes';

export function identityWithoutCopy(original: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tfjs.TensorInfo };
    // Strings live outside the heap; wasm's kernel handles them.
    if (x.dtype === 'string') return original(args);
    (args.backend as unknown as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
