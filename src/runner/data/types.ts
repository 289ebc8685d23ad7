/**
 * The data contract between the loader/splitter (this folder) and the TensorFlow.js trainer: a table
 * read from CSV or JSON Lines (or images from IDX files), and the numeric folds made from it once per
 * worker.
 */

export type Task = 'classification' | 'regression';

/** A cell as read: numbers stay numbers, empty cells are null. */
export type Cell = number | string | boolean | null;

/** A file read into columns and rows; `lines[i]` is the 1-based line in `file` that row i came from. */
export interface Table {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly lines: readonly number[];
}

/** One train/validation split, features row-major (`count × featureCount`). */
export interface PreparedFold {
  readonly xTrain: Float32Array;
  /** Classification: the class index; regression: the target value. */
  readonly yTrain: Float32Array;
  readonly xVal: Float32Array;
  readonly yVal: Float32Array;
  readonly trainCount: number;
  readonly valCount: number;
}

export interface PreparedData {
  readonly task: Task;
  /** Columns after one-hot encoding (e.g. `colour=red`), in the order of the feature vector. */
  readonly featureNames: readonly string[];
  readonly featureCount: number;
  /** Classification labels; the class index in `y` points here. Empty for regression. */
  readonly classes: readonly string[];
  readonly sampleCount: number;
  /** The shape of one sample when the data has one (IDX images: [rows, cols, channels]); absent for tables. */
  readonly sampleShape?: readonly number[];
  /** One fold for a hold-out split, k for k-fold. */
  readonly folds: readonly PreparedFold[];
  /** Things worth telling the user that did not stop preparation (a class rarer than k, an ID-like column). */
  readonly warnings?: readonly string[];
}

export interface PrepareOptions {
  readonly target: string;
  /** Hold-out fraction (default 0.2) or k-fold. */
  readonly validation?: number | { readonly kfold: number };
  /** Same seed, same splits. */
  readonly seed: number;
}
