/**
 * What our SIMD kernels need of the tfjs wasm backend: its WebAssembly memory (to import into their
 * own module) and each tensor's byte offset in it. Null for the threaded build, whose memory is shared
 * (a module importing it would have to declare it shared), and wherever the layout is not as expected.
 */
import type * as tfjs from '@tensorflow/tfjs';

/** The WebAssembly API as used here (the project's TypeScript libraries do not declare it). */
interface WebAssemblyApi {
  readonly Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBufferLike };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export interface WasmHeapBackend {
  readonly wasm?: { readonly asm?: { readonly memory?: unknown } };
  readonly dataIdMap: { get(id: tfjs.DataId): { memoryOffset: number } | undefined };
}

export interface WasmHeap {
  readonly memory: object;
  offset(t: tfjs.TensorInfo): number | undefined;
}

export function wasmHeap(backend: unknown): WasmHeap | null {
  const wasm = backend as WasmHeapBackend;
  const memory = wasm.wasm?.asm?.memory;
  if (!(memory instanceof webAssembly.Memory) || !(memory.buffer instanceof ArrayBuffer)) return null;
  return { memory, offset: (t) => wasm.dataIdMap.get(t.dataId)?.memoryOffset };
}
