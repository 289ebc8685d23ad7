/**
 * Adam on the wasm backend as one kernel per variable (wasmSimdAdam.ts) instead of tfjs's 13, with
 * tf.train.adam's semantics: the same float32 constants (β, 1 − β, ε and −lr rounded as its scalars
 * are, β^t accumulated in float32), the same operations in the same order, the moments starting at
 * zero. Per step the MLP 784-128-10 ran ~52 Adam kernels, each ~10 µs of call overhead.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';
import { simdAdam, type AdamConstants, type SimdAdam } from './wasmSimdAdam';
import type { WasmBackend } from './wasmKernelTypes';

const KERNEL = 'TuneboardFusedAdam';

export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** Per backend instance: its compiled kernel, or null where WebAssembly SIMD cannot run. */
const compiled = new WeakMap<object, SimdAdam | null>();

function kernelFor(backend: object): SimdAdam | null {
  if (!compiled.has(backend)) compiled.set(backend, simdAdam(backend));
  return compiled.get(backend) ?? null;
}

/** The fused Adam when the active backend is wasm with SIMD, else null (the caller uses tf.train.adam). */
export function fusedAdam(tf: Tf, settings: AdamSettings): tfjs.Optimizer | null {
  if (tf.getBackend() !== 'wasm' || kernelFor(tf.backend()) === null) return null;
  if (tf.getKernel(KERNEL, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: KERNEL,
      backendName: 'wasm',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { w, g, m, v } = inputs as Record<'w' | 'g' | 'm' | 'v', tfjs.TensorInfo>;
        const out = (backend as unknown as WasmBackend).makeOutput([...w.shape], 'float32');
        if (kernelFor(backend)?.(w, g, m, v, out, attrs as unknown as AdamConstants) !== true) {
          (backend as unknown as WasmBackend).disposeData(out.dataId);
          throw new Error('the fused Adam kernel found a tensor outside the wasm heap');
        }
        return out;
      },
    });
  }
  return new (fusedAdamClass(tf))(settings);
}

type FusedAdamClass = new (settings: AdamSettings) => tfjs.Optimizer;

// tfjs is loaded at run time (backend.ts), so the class extends the Optimizer of that instance.
const classes = new WeakMap<Tf, FusedAdamClass>();

function fusedAdamClass(tf: Tf): FusedAdamClass {
  const known = classes.get(tf);
  if (known) return known;
  const r = Math.fround;
  class FusedAdam extends tf.Optimizer {
    /** Adam's own name (serialisation, getClassName): it is Adam, computed in fewer kernels. */
    static get className(): string {
      return 'Adam';
    }

    private readonly moments = new Map<string, { m: tfjs.Tensor; v: tfjs.Tensor }>();
    /** β1^t and β2^t for the next step, in float32 as tfjs's accBeta variables. */
    private accBeta1: number;
    private accBeta2: number;

    constructor(private readonly settings: AdamSettings) {
      super();
      this.accBeta1 = r(settings.beta1);
      this.accBeta2 = r(settings.beta2);
    }

    applyGradients(variableGradients: tfjs.NamedTensorMap | { name: string; tensor: tfjs.Tensor }[]): void {
      const { learningRate, beta1, beta2, epsilon } = this.settings;
      const constants: AdamConstants = {
        beta1: r(beta1),
        oneMinusBeta1: r(1 - beta1),
        beta2: r(beta2),
        oneMinusBeta2: r(1 - beta2),
        correction1: r(1 - this.accBeta1),
        correction2: r(1 - this.accBeta2),
        epsilon: r(epsilon),
        negativeRate: r(-learningRate),
      };
      const pairs = Array.isArray(variableGradients) ? variableGradients.map((n) => [n.name, n.tensor] as const) : Object.entries(variableGradients);
      const variables = tf.engine().registeredVariables;
      tf.tidy(() => {
        for (const [name, gradient] of pairs) {
          const variable = variables[name];
          if (gradient == null || variable === undefined) continue;
          let state = this.moments.get(name);
          if (state === undefined) {
            state = { m: tf.keep(tf.zerosLike(variable)), v: tf.keep(tf.zerosLike(variable)) };
            this.moments.set(name, state);
          }
          const inputs = { w: variable, g: gradient, m: state.m, v: state.v };
          variable.assign(tf.engine().runKernel<tfjs.Tensor>(KERNEL, inputs, { ...constants }));
        }
      });
      this.accBeta1 = r(this.accBeta1 * constants.beta1);
      this.accBeta2 = r(this.accBeta2 * constants.beta2);
      this.incrementIterations();
    }

    override dispose(): void {
      for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
      this.moments.clear();
      super.dispose();
    }

    getConfig(): tfjs.serialization.ConfigDict {
      const { learningRate, beta1, beta2, epsilon } = this.settings;
      return { learningRate, beta1, beta2, epsilon };
    }
  }
  classes.set(tf, FusedAdam);
  return FusedAdam;
}
