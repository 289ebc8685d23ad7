/** The validated form of a `*.tune.yaml` file: everything the study process needs, with defaults filled in. */
import type { PrunerSpec } from '../pruners/spec';
import type { SearchSpace, SpaceConditions } from '../samplers/sampler';
import type { SamplerSpec } from '../samplers/spec';
import type { Direction } from '../trial';

export interface Objective {
  /** The metric the trial reports, e.g. `val_accuracy` or `value`. */
  readonly metric: string;
  readonly direction: Direction;
}

/** A bound on a reported metric (`constraints:`): the trial is feasible when every bound holds. */
export interface Constraint {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

export type ModelKind = 'mlp' | 'cnn';
export type Backend = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type DataFormat = 'csv' | 'jsonl';

/** A hold-out fraction in (0, 1), or k-fold cross-validation. */
export type ValidationConfig = number | { readonly kfold: number };

/** A table: one column is the target, the others the features. */
export interface TableDataConfig {
  /** As written: relative to the config's folder. parseConfig (pure) does not look at the file; src/configChecks/ does. */
  readonly path: string;
  readonly target: string;
  readonly validation?: ValidationConfig;
  /** Absent: inferred from the file extension by the trainer. */
  readonly format?: DataFormat;
  readonly images?: never;
  readonly labels?: never;
  readonly limit?: never;
}

/** Images and their class labels as a pair of IDX files (MNIST's format), `.gz` or plain. */
export interface IdxDataConfig {
  /** idx3-ubyte images (n × rows × cols), relative to the config's folder. */
  readonly images: string;
  /** idx1-ubyte labels (n class indices), relative to the config's folder. */
  readonly labels: string;
  readonly validation?: ValidationConfig;
  /** Only the first `limit` images and labels are read: a documented subset of a large set. */
  readonly limit?: number;
  readonly path?: never;
  readonly target?: never;
  readonly format?: never;
}

/** Told apart by their keys (`path` or `images`; the other form's keys are `never`), so a table config reads as it always did. */
export type DataConfig = TableDataConfig | IdxDataConfig;

export function isIdxData(data: DataConfig): data is IdxDataConfig {
  return data.images !== undefined;
}

/** The built-in TensorFlow.js trainer. */
export interface ModelTrialConfig {
  readonly kind: 'model';
  readonly model: ModelKind;
  readonly data: DataConfig;
  readonly backend: Backend;
  readonly inputShape?: readonly number[];
  readonly timeoutSeconds?: number;
}

/** Any program, run without a shell; `${param}` in an argument is replaced by the trial's value. */
export interface CommandTrialConfig {
  readonly kind: 'command';
  readonly command: readonly string[];
  /** Relative to the config's folder; absent means the config's folder itself. */
  readonly cwd?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly metrics: 'stdout';
  readonly timeoutSeconds?: number;
}

export type TrialConfig = ModelTrialConfig | CommandTrialConfig;

export interface ApplyTarget {
  /** Relative to the config's folder. */
  readonly file: string;
  /** Space parameter → the name it has in that file, where the two differ. */
  readonly map: Readonly<Record<string, string>>;
}

/** The `search:` section. */
export interface SearchSettings {
  readonly sampler: SamplerSpec;
  readonly pruner: PrunerSpec;
  /** Budget: number of trials and/or wall-clock seconds; neither means "until stopped" (grid: until exhausted). */
  readonly trials?: number;
  readonly timeoutSeconds?: number;
  /** Concurrent trials; absent means the runner's default (the number of cores). */
  readonly parallel?: number;
  readonly seed?: number;
  /** How often a trial whose host died (its lease on a shared journal ran out) is run again; default 1. */
  readonly retries?: number;
  /** GPU ids of this host: one trial on each at a time, started with CUDA_VISIBLE_DEVICES set to it. */
  readonly gpus?: readonly string[];
}

/**
 * The files a config names, as far as their own sections are valid: known even when another section
 * has an error, so a missing data file or target column is reported beside that error, not after it.
 */
export interface ConfigFileReferences {
  readonly trial?: TrialConfig;
  readonly apply: readonly ApplyTarget[];
}

export interface StudyConfig extends SearchSettings {
  readonly name: string;
  /** One per objective, in order; more than one makes a multi-objective study. */
  readonly objectives: readonly Objective[];
  readonly constraints: readonly Constraint[];
  readonly space: SearchSpace;
  /** `grid: N` per parameter, for the grid sampler. */
  readonly gridPoints: Readonly<Record<string, number>>;
  /** When each conditional param is active; empty for a flat space (see activeParams.ts). */
  readonly conditions: SpaceConditions;
  readonly trial: TrialConfig;
  readonly apply: readonly ApplyTarget[];
  /** Journal path relative to the config's folder: as written, or `.tuneboard/<name>.jsonl`. */
  readonly storage: string;
}
