/**
 * A classification batch's loss and sums on the wasm backend in three kernels instead of ~25:
 * tfjs's softmax cross-entropy is a chain of small kernels forward (max, subtract, exp, sum, log …)
 * and backward, and the count of correct predictions four more (argMax, equal, cast, sum) and a stack,
 * each ~10 µs of call overhead for a [64, 10] batch. Here one loop over the logits on the heap gives
 * the sums, one the mean cross-entropy (differentiable), and one its gradient (softmax − one-hot) / n;
 * in double precision, so the values agree with tfjs's float32 chain to its rounding.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';
import type { KernelArgs, WasmBackend } from './wasmKernelTypes';

const SUMS = 'TuneboardCrossEntropySums';
const MEAN = 'TuneboardCrossEntropyMean';
const GRADIENT = 'TuneboardCrossEntropyGradient';

/** A batch's per-sample sums (SUM_NAMES order) and its mean loss to minimise. */
export interface BatchSums {
  readonly sums: tfjs.Tensor;
  readonly meanLoss: () => tfjs.Tensor;
}

/** Sums of logits [n, classes] against int32 labels [n]; null off the wasm backend (tfjs's ops there). */
export function wasmCrossEntropy(tf: Tf): ((logits: tfjs.Tensor, labels: tfjs.Tensor) => BatchSums) | null {
  if (tf.getBackend() !== 'wasm') return null;
  if (tf.getKernel(SUMS, 'wasm') === undefined) register(tf);
  const run = (name: string, inputs: tfjs.NamedTensorMap): tfjs.Tensor => tf.engine().runKernel<tfjs.Tensor>(name, inputs, {});
  return (logits, labels) => ({ sums: run(SUMS, { logits, labels }), meanLoss: () => run(MEAN, { logits, labels }) });
}

function register(tf: Tf): void {
  const heapOf = (backend: KernelArgs['backend']): WasmBackend => backend as unknown as WasmBackend;
  const rowsOf = ({ inputs, backend }: KernelArgs): Rows => {
    const { logits, labels } = inputs as Record<'logits' | 'labels', tfjs.TensorInfo>;
    const [n, classes] = logits.shape as [number, number];
    const wasm = heapOf(backend);
    return { n, classes, x: wasm.typedArrayFromHeap(logits), labels: wasm.typedArrayFromHeap(labels) as unknown as Int32Array };
  };
  tf.registerKernel({
    kernelName: SUMS,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { crossEntropy, correct } = batchSums(rowsOf(args));
      const out = heapOf(args.backend).makeOutput([2], 'float32');
      heapOf(args.backend).typedArrayFromHeap(out).set([crossEntropy, correct]);
      return out;
    },
  });
  tf.registerKernel({
    kernelName: MEAN,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const rows = rowsOf(args);
      const mean = batchSums(rows).crossEntropy / rows.n;
      const out = heapOf(args.backend).makeOutput([], 'float32');
      heapOf(args.backend).typedArrayFromHeap(out)[0] = mean;
      return out;
    },
  });
  tf.registerKernel({
    kernelName: GRADIENT,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { logits, dy: dyInfo } = args.inputs as Record<'logits' | 'dy', tfjs.TensorInfo>;
      // The output first: allocating may grow the heap, which detaches views made before.
      const out = heapOf(args.backend).makeOutput([...logits.shape], 'float32');
      const rows = rowsOf(args);
      const dy = heapOf(args.backend).typedArrayFromHeap(dyInfo)[0] as number;
      const dx = heapOf(args.backend).typedArrayFromHeap(out);
      const scale = dy / rows.n;
      forEachRow(rows, (row, label, _max, logSumExp) => {
        const at = row * rows.classes;
        for (let j = 0; j < rows.classes; j++) dx[at + j] = scale * (Math.exp((rows.x[at + j] as number) - logSumExp) - (j === label ? 1 : 0));
      });
      return out;
    },
  });
  tf.registerGradient({
    kernelName: MEAN,
    inputsToSave: ['logits', 'labels'],
    gradFunc: (dy, saved) => {
      const [logits, labels] = saved as [tfjs.Tensor, tfjs.Tensor];
      return { logits: () => tf.engine().runKernel<tfjs.Tensor>(GRADIENT, { dy: dy as tfjs.Tensor, logits, labels }, {}) };
    },
  });
}

interface Rows {
  readonly n: number;
  readonly classes: number;
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

/** The batch's summed cross-entropy and its count of rows whose largest logit is the label. */
function batchSums(rows: Rows): { crossEntropy: number; correct: number } {
  let crossEntropy = 0;
  let correct = 0;
  forEachRow(rows, (row, label, _max, logSumExp, firstMax) => {
    crossEntropy += logSumExp - (rows.x[row * rows.classes + label] as number);
    if (firstMax === label) correct++;
  });
  return { crossEntropy, correct };
}

/** Each row's label, largest logit, log Σ exp and the first index of the largest (as argMax picks it). */
function forEachRow({ n, classes, x, labels }: Rows, visit: (row: number, label: number, max: number, logSumExp: number, firstMax: number) => void): void {
  for (let row = 0; row < n; row++) {
    const at = row * classes;
    let max = -Infinity;
    let firstMax = 0;
    for (let j = 0; j < classes; j++) {
      const value = x[at + j] as number;
      if (value > max) {
        max = value;
        firstMax = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp((x[at + j] as number) - max);
    visit(row, labels[row] as number, max, max + Math.log(sum), firstMax);
  }
}
