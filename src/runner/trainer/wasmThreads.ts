/**
 * The wasm backend with a thread pool, in Node. `@tensorflow/tfjs-backend-wasm` 4.22 never loads its
 * threaded build there (its WASM_HAS_MULTITHREAD_SUPPORT flag is false whenever IS_NODE, tfjs issue
 * 3830), so `setThreadsCount` does nothing. The threaded build itself runs in Node (Emscripten's glue
 * starts its pthreads as worker_threads), given its worker script as a file (tfjs hands it a Blob URL,
 * which worker_threads cannot load). tfjs also caps the XNNPACK pool at half the logical cores the
 * module reports (one on a 2-vCPU machine), so the module is told twice the wanted count.
 * Only XNNPACK kernels (convolutions, matrix products, some element-wise ops) split their work; the
 * JavaScript kernels in wasmKernels.ts and the per-kernel overhead stay on the calling thread.
 *
 * Opt-in with TUNEBOARD_WASM_THREADS=n (n ≥ 2) in the worker's environment: with `parallel` trials
 * already filling the cores, more threads only contend. Must run before the wasm backend first
 * initialises; afterwards the process keeps the backend it has.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tf } from './backend';

interface EmscriptenModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread?: { runningWorkers: { unref(): void }[] };
}

/** What we use of the global WebAssembly (the project's TypeScript libraries leave it out). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: unknown; module: unknown }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

interface WasmPackage {
  BackendWasm: new (module: unknown) => unknown;
  setThreadsCount(count: number): void;
  getThreadsCount(): number;
}

// The packages are `external` in the bundle, so they resolve from node_modules at run time.
const requireAtRunTime = createRequire(__filename);

/** The thread count asked for in the environment, or 1. */
export function wantedWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.TUNEBOARD_WASM_THREADS ?? 1);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 8) : 1;
}

/**
 * Registers the threaded wasm build as the `wasm` backend, unless the backend is already running.
 * If the threaded build fails to start, the single-threaded one is used after all.
 */
export function useThreadedWasm(tf: Tf, threads: number): void {
  const engine = tf.engine() as unknown as { registry: Record<string, unknown> };
  if (threads < 2 || engine.registry.wasm !== undefined) return;
  const fallback = tf.findBackendFactory('wasm');
  if (fallback === null) return;
  const wasmPackage = requireAtRunTime('@tensorflow/tfjs-backend-wasm') as WasmPackage;
  const root = dirname(requireAtRunTime.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const glue = join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const binary = join(root, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm');
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    try {
      const factory = requireAtRunTime(glue) as (config: object) => Promise<EmscriptenModule>;
      const { wasmWorkerContents } = requireAtRunTime(join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
      const worker = workerFile(wasmWorkerContents);
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(binary);
      const module = await factory({
        locateFile: (path: string) => (path.endsWith('.worker.js') ? worker : binary),
        mainScriptUrlOrBlob: glue,
        instantiateWasm(imports: { env: Record<string, unknown> }, receive: (instance: unknown, module: unknown) => void) {
          // tfjs uses half the cores the module reports (one per physical core, it assumes).
          imports.env.emscripten_num_logical_cores = () => 2 * threads;
          void WebAssembly.instantiate(bytes, imports).then(({ instance, module: compiled }) => receive(instance, compiled));
          return {};
        },
      });
      const tfjsApi = {
        init: module.cwrap('init', null, []),
        initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
        getThreadsCount: module.cwrap('get_threads_count', 'number', []),
        registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
        disposeData: module.cwrap('dispose_data', null, ['number']),
        dispose: module.cwrap('dispose', null, []),
      };
      Object.assign(module, { tfjs: tfjsApi });
      wasmPackage.setThreadsCount(threads);
      const backend = new wasmPackage.BackendWasm(module) as ReturnType<Parameters<Tf['registerBackend']>[1]>;
      // The pool's threads wait for work for the life of the process; they must not keep it alive.
      for (const worker of module.PThread?.runningWorkers ?? []) worker.unref();
      return backend;
    } catch {
      return fallback();
    }
  }, 2);
}

/** Threads currently in the wasm backend's pool (1 without the threaded build). */
export function wasmThreadCount(): number {
  const count = (requireAtRunTime('@tensorflow/tfjs-backend-wasm') as WasmPackage).getThreadsCount();
  return count > 0 ? count : 1;
}

/** The pthread worker script as a file (once per content), since worker_threads loads files, not Blob URLs. */
function workerFile(contents: string): string {
  // The script comes as a JavaScript string whose "\n" escapes tfjs turns back into escapes for its Blob.
  const script = contents.replace(/\n/g, '\\n');
  const path = join(tmpdir(), `tuneboard-tfjs-wasm-worker-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(path)) {
    // Written aside and renamed, so a worker process starting at the same time never reads half of it.
    writeFileSync(`${path}.${process.pid}`, script);
    renameSync(`${path}.${process.pid}`, path);
  }
  return path;
}
