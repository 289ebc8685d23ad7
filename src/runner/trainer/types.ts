/** The contract between a trial worker and the TensorFlow.js trainer. */
import type { Backend, ModelKind, ParamValue } from '../../core';
import type { PreparedData } from '../data/types';

/** Set up once per worker: the backend is loaded and the data prepared before the first trial. */
export interface TrainerSetup {
  readonly model: ModelKind;
  readonly backend: Backend;
  readonly data: PreparedData;
  /** For cnn: the shape of one sample, e.g. [8, 8, 1]; its product must equal the feature count. */
  readonly inputShape?: readonly number[];
}

export interface TrainRequest {
  /** Every parameter of the trial (space and fixed); names come from MODEL_PARAMS. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The metric the study optimises, e.g. `val_accuracy`. */
  readonly metric: string;
  readonly direction: 'minimize' | 'maximize';
  /** Seeds weight initialisation and shuffling. */
  readonly seed: number;
}

/** After each epoch: the metrics averaged over folds (`loss`, `val_loss`, `val_accuracy`, …). */
export interface EpochReport {
  readonly epoch: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface TrainResult {
  /** The objective at the best epoch (what early stopping keeps), averaged over folds. */
  readonly value: number;
  /** Every metric at that epoch, averaged over folds. */
  readonly metrics: Readonly<Record<string, number>>;
  /** The objective per fold at that epoch (one entry for a hold-out split). */
  readonly foldValues: readonly number[];
  readonly bestEpoch: number;
  readonly epochsRun: number;
  /** True when training ended because `shouldStop` said so. */
  readonly stopped: boolean;
  readonly parameterCount: number;
}

export interface TrainHooks {
  onEpoch(report: EpochReport): void;
  /** Polled between epochs (and batches); true ends training early, e.g. when the trial is pruned. */
  shouldStop(): boolean;
}

export interface Trainer {
  /** The TensorFlow.js backend in use: tensorflow-gpu, tensorflow, wasm or cpu. */
  readonly backend: Exclude<Backend, 'auto'>;
  train(request: TrainRequest, hooks: TrainHooks): Promise<TrainResult>;
  dispose(): void;
}
