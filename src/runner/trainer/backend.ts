/**
 * Loads the fastest TensorFlow.js backend this machine has: native TensorFlow with CUDA, native
 * TensorFlow, WebAssembly, then plain JavaScript. The native packages are optional dependencies
 * whose install downloads libtensorflow and often fails, so their absence is an ordinary outcome
 * here, never an error, unless the user pinned that backend.
 */
import { createRequire } from 'node:module';
import type * as tfjs from '@tensorflow/tfjs';
import type { Backend } from '../../core';
import { addMissingWasmKernels } from './wasmKernels';
import { useThreadedWasm, wantedWasmThreads } from './wasmThreads';

export type Tf = typeof tfjs;
export type LoadedBackendName = Exclude<Backend, 'auto'>;

export interface LoadedBackend {
  readonly tf: Tf;
  readonly backend: LoadedBackendName;
  /** Each backend attempted, in order, with its outcome: `wasm (@tensorflow/tfjs-backend-wasm): loaded`. */
  readonly tried: string[];
}

interface Candidate {
  readonly backend: LoadedBackendName;
  readonly packageName: string;
  /** The name the package registers its backend under with tf.setBackend. */
  readonly registeredAs: string;
  readonly hint: string;
}

const NATIVE_HINT = 'its install downloads libtensorflow, which needs internet access (or TFJS_NODE_BASE_URI pointing at a mirror); use backend: wasm or auto meanwhile';
const CANDIDATES: readonly Candidate[] = [
  { backend: 'tensorflow-gpu', packageName: '@tensorflow/tfjs-node-gpu', registeredAs: 'tensorflow', hint: `it needs CUDA and cuDNN, and ${NATIVE_HINT}` },
  { backend: 'tensorflow', packageName: '@tensorflow/tfjs-node', registeredAs: 'tensorflow', hint: NATIVE_HINT },
  { backend: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', registeredAs: 'wasm', hint: 'reinstall the extension\'s dependencies (npm ci)' },
  { backend: 'cpu', packageName: '@tensorflow/tfjs', registeredAs: 'cpu', hint: 'reinstall the extension\'s dependencies (npm ci)' },
];

// The packages are `external` in the bundle, so they resolve from node_modules at run time.
const requireAtRunTime = createRequire(__filename);

export class BackendError extends Error {
  override name = 'BackendError';
}

/** `auto` tries every backend in order of speed; a pinned backend that cannot load is an error. */
export async function loadBackend(preference: Backend): Promise<LoadedBackend> {
  const candidates = preference === 'auto' ? CANDIDATES : CANDIDATES.filter((c) => c.backend === preference);
  const tried: string[] = [];
  for (const candidate of candidates) {
    const label = `${candidate.backend} (${candidate.packageName})`;
    try {
      const tf = await activate(candidate);
      tried.push(`${label}: loaded`);
      return { tf, backend: candidate.backend, tried };
    } catch (error) {
      const reason = failureReason(error, candidate.packageName);
      tried.push(`${label}: ${reason}`);
      if (preference !== 'auto') {
        throw new BackendError(`backend '${preference}' needs ${candidate.packageName}, which ${reason === 'not installed' ? 'is not installed' : `failed to load: ${reason}`}; ${candidate.hint}`);
      }
    }
  }
  throw new BackendError(`no TensorFlow.js backend could be loaded:\n  ${tried.join('\n  ')}`);
}

async function activate(candidate: Candidate): Promise<Tf> {
  // libtensorflow logs its CPU features to stderr on load unless told not to.
  if (candidate.registeredAs === 'tensorflow') process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  const loaded = quietly(() => requireAtRunTime(candidate.packageName) as unknown);
  // The native packages re-export the whole tf namespace; the others register into @tensorflow/tfjs.
  const tf = candidate.registeredAs === 'tensorflow' ? (loaded as Tf) : (requireAtRunTime('@tensorflow/tfjs') as Tf);
  // Production mode skips debug checks and the "install tfjs-node to speed things up" banner.
  tf.enableProdMode();
  if (candidate.backend === 'wasm') useThreadedWasm(tf, wantedWasmThreads());
  const switched = await tf.setBackend(candidate.registeredAs);
  if (!switched || tf.getBackend() !== candidate.registeredAs) throw new Error(`tf.setBackend('${candidate.registeredAs}') did not take effect`);
  await tf.ready();
  if (candidate.backend === 'wasm') addMissingWasmKernels(tf);
  return tf;
}

function failureReason(error: unknown, packageName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // Missing outright, rather than present with a dependency (e.g. libtensorflow.so) that is missing.
  if (code === 'MODULE_NOT_FOUND' && message.includes(`'${packageName}'`)) return 'not installed';
  return message.split('\n')[0] ?? message;
}

/** Runs `load` with console output muted: native packages greet the user on import. */
function quietly<T>(load: () => T): T {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const mute = (): void => {};
  console.log = mute;
  console.info = mute;
  console.warn = mute;
  try {
    return load();
  } finally {
    Object.assign(console, saved);
  }
}
