/**
 * The built-in TensorFlow.js trainer (`trial.model: mlp | cnn`). A worker creates one per process:
 * the backend is loaded and the folds scaled once, then `train` runs one trial after another.
 */
import type { ModelKind } from '../../core';
import type { PreparedData } from '../data/types';
import { loadBackend, type LoadedBackendName, type Tf } from './backend';
import type { FoldShape } from './foldSession';
import { resolveParams } from './params';
import { scaleFold, type ScaledFold } from './scaling';
import { trainFolds } from './train';
import type { TrainHooks, Trainer, TrainerSetup, TrainRequest, TrainResult } from './types';

export type { Trainer, TrainerSetup, TrainRequest, TrainResult, TrainHooks, EpochReport } from './types';
export { loadBackend, BackendError, type LoadedBackend, type LoadedBackendName, type Tf } from './backend';
export { resolveParams, ParamError, type ResolvedParams } from './params';
export { TrainingError } from './train';
export { buildMlp } from './mlp';
export { buildCnn } from './cnn';
export { createOptimizer } from './optimizer';
export { wasmThreadCount } from './wasmThreads';
export { reportedMetrics } from './metrics';
// bench/trainData.mjs reads Fashion-MNIST with the data loader's own IDX reader.
export { decodeIdx, idxBytes } from '../data/idxFile';

export async function createTrainer(setup: TrainerSetup): Promise<Trainer> {
  const shape = foldShape(setup.model, setup.data, setup.inputShape);
  const { tf, backend } = await loadBackend(setup.backend);
  return new TfTrainer(tf, backend, setup.model, shape, setup.data);
}

class TfTrainer implements Trainer {
  private readonly folds: readonly ScaledFold[];
  private busy = false;

  constructor(
    private readonly tf: Tf,
    readonly backend: LoadedBackendName,
    private readonly model: ModelKind,
    private readonly shape: FoldShape,
    data: PreparedData,
  ) {
    // Scaled once per worker: every trial trains on the same folds.
    this.folds = data.folds.map((fold) => scaleFold(fold, data.task));
  }

  async train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult> {
    if (this.busy) throw new Error('this trainer is already running a trial; use one worker per concurrent trial');
    const params = resolveParams(this.model, request.params);
    this.busy = true;
    try {
      return await trainFolds(this.tf, this.folds, this.shape, params, request, hooks);
    } finally {
      this.busy = false;
    }
  }

  /** Each trial frees its own tensors; what is left (the backend itself) lives as long as the process. */
  dispose(): void {
    this.tf.disposeVariables();
  }
}

/** An mlp takes each sample flat; a cnn takes input_shape, else the data's own sample shape (IDX images). */
function foldShape(model: ModelKind, data: PreparedData, configShape: readonly number[] | undefined): FoldShape {
  const inputShape = configShape ?? data.sampleShape;
  if (data.folds.length === 0) throw new Error('the data has no folds to train on');
  if (data.task === 'classification' && data.classes.length < 2) {
    throw new Error(`classification needs at least 2 classes, the target has ${data.classes.length}`);
  }
  const outputs = data.task === 'classification' ? data.classes.length : 1;
  if (model === 'mlp' || inputShape === undefined) return { task: data.task, outputs, sampleShape: [data.featureCount] };
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (size !== data.featureCount) {
    throw new Error(`input_shape [${inputShape.join(', ')}] holds ${size} values, but each row has ${data.featureCount} features (${data.featureNames.slice(0, 3).join(', ')}…)`);
  }
  return { task: data.task, outputs, sampleShape: [...inputShape] };
}
