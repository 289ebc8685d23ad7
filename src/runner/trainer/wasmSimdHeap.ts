/**
 * What our SIMD kernels need of the tfjs wasm backend: its WebAssembly memory (to import into their
 * own module; shared in the threaded build) and each tensor's byte offset in it. Null wherever the
 * backend's layout is not as expected.
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
  /** The memory: exported by the plain build (asm.memory), created in JavaScript by the threaded one (wasmMemory). */
  readonly wasm?: { readonly asm?: { readonly memory?: unknown }; readonly wasmMemory?: unknown };
  readonly dataIdMap: { get(id: tfjs.DataId): { memoryOffset: number } | undefined };
}

export interface WasmHeap {
  readonly memory: object;
  /** The threaded build's memory is a SharedArrayBuffer; a module must import it as shared. */
  readonly shared: boolean;
  offset(t: tfjs.TensorInfo): number | undefined;
}

export function wasmHeap(backend: unknown): WasmHeap | null {
  const wasm = backend as WasmHeapBackend;
  const memory = wasm.wasm?.asm?.memory ?? wasm.wasm?.wasmMemory;
  if (!(memory instanceof webAssembly.Memory)) return null;
  return { memory, shared: !(memory.buffer instanceof ArrayBuffer), offset: (t) => wasm.dataIdMap.get(t.dataId)?.memoryOffset };
}
