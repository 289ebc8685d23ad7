/**
 * What each key of a `*.tune.yaml` and each allowed value of an enum key means, in one place: the
 * editor's hover and completion show these texts, the parser takes its lists of keys and values from
 * them (so nothing is accepted without a doc; `satisfies` makes a value table name every member of its
 * type), and test/unit/config/keyDocs.test.ts checks that schema/tune.schema.json says the same for
 * users of the YAML extension. Sampler and pruner options live in samplerDocs.ts.
 */
import type { Direction } from '../trial';
import type { Backend, DataFormat, ModelKind } from './types';

export const TOP_LEVEL_DOCS = {
  name: 'Study name (default: the file name without .tune.yaml). Names the journal file.',
  objective: 'The metric to optimise: a name (minimised), or { metric, direction }; a list of them for several objectives (a Pareto front).',
  constraints: 'Bounds on reported metrics, e.g. [{ metric: inference_ms, max: 2 }]: a trial is feasible when all hold; only feasible trials can be best.',
  search: 'How to search: sampler, budget, parallelism, seed and pruner.',
  space: 'The parameters to tune: name → range, list of choices, or fixed value.',
  trial: 'What one trial runs: the built-in trainer (model, data) or your command.',
  apply: 'Files where "apply best params" writes the best values.',
  storage: 'Journal file, relative to the config (default .tuneboard/<name>.jsonl).',
} as const;

export const OBJECTIVE_DOCS = {
  metric: 'Metric the trial reports, e.g. val_loss or val_accuracy.',
  direction: 'minimize (default) or maximize.',
} as const;

export const CONSTRAINT_DOCS = {
  metric: 'Metric the trial reports, e.g. inference_ms or parameter_count.',
  max: 'The largest value a feasible trial may report.',
  min: 'The smallest value a feasible trial may report.',
} as const;

/** In the order `unknown key` messages list them. */
export const SEARCH_DOCS = {
  sampler: "How the next trial's parameters are chosen (default tpe). A name, or a map with type and options.",
  trials: 'Number of trials to run (the budget).',
  timeout: 'Stop starting new trials after this long.',
  parallel: 'Trials run at the same time (default: the number of cores).',
  seed: 'Seed for the sampler: the same seed gives the same trials.',
  pruner: 'Stops unpromising trials early from their intermediate values (default none).',
  retries: 'On a Redis journal: how often a trial whose host died (its heartbeat lease ran out) is failed as stale and run again with the same params (default 1).',
  gpus: 'GPU ids of this host (as CUDA_VISIBLE_DEVICES takes them): one trial on each at a time, started with CUDA_VISIBLE_DEVICES set to it; --gpus overrides.',
} as const;

export const SPACE_PARAM_DOC = '{ float: [low, high] }, { int: [low, high] }, a list of choices, { choice: … } (branches), or a fixed value.';

/** Keys that say when a parameter is in a trial at all; a trial without it has no value for it (as an Optuna define-by-run objective that never suggests it). */
export const CONDITION_DOCS = {
  when: 'Only in trials where other parameters take these values: { model: cnn }, { model: [cnn, rnn] } (any of them); several keys must all hold. The parents must be choices or ints.',
  each: 'One copy per layer: each: layers (an int parameter with a range within 0–64) makes name_0 … name_{max−1}; name_i is in a trial when layers > i.',
} as const;

/** A `{ choice: … }` parameter's keys. */
export const CHOICE_DOCS = {
  choice: 'A list of values (as [a, b], but it can take when/each), or a map of branch → the parameters that branch opens (null for none), e.g. { sgd: { momentum: { float: [0.0, 0.99] } }, adam: null }. A name repeated in sibling branches with a different range becomes <branch>.<name>.',
  ...CONDITION_DOCS,
} as const;

/** The keys of a `{ float: … }` or `{ int: … }` range; log and step read differently for each kind. */
export const RANGE_DOCS = {
  float: {
    float: '[low, high], both inclusive; low < high.',
    log: 'Sample on a log scale (needs low > 0).',
    step: 'Only values low, low+step, … are tried; step must divide high − low. Not with log.',
    grid: 'For the grid sampler: try this many evenly spaced points (log-spaced with log). Not with step.',
    ...CONDITION_DOCS,
  },
  int: {
    int: '[low, high], both inclusive, whole numbers; low < high.',
    log: 'Sample on a log scale (needs low > 0, i.e. ≥ 1).',
    step: 'Only values low, low+step, … are tried; step must divide high − low.',
    grid: 'For the grid sampler: try this many evenly spaced points (log-spaced with log). Not with step.',
    ...CONDITION_DOCS,
  },
} as const;

const TRIAL_TIMEOUT_DOC = 'Per trial: a trial running longer is stopped and marked failed.';

/** The built-in trainer's trial keys. */
export const MODEL_TRIAL_DOCS = {
  model: 'mlp: dense layers; cnn: convolutions (give input_shape for a table; IDX images bring theirs).',
  data: 'The training data. The file is read when a trial runs, not when the config is validated.',
  backend: 'TensorFlow.js backend (default auto: the fastest that loads).',
  timeout: TRIAL_TIMEOUT_DOC,
  input_shape: 'Shape of one example, e.g. [8, 8, 1] for 8×8 grey images (default for IDX images: their own [rows, cols, 1]).',
} as const;

/** A command trial's keys. */
export const COMMAND_TRIAL_DOCS = {
  command: 'The argv list, run without a shell, e.g. [python, train.py, --lr, "${lr}"]; ${param} becomes the trial\'s value, and $${ stays a literal ${ (e.g. "$${HOME}" passes ${HOME}).',
  cwd: "Working directory, relative to the config (default: the config's folder).",
  env: 'Extra environment variables.',
  metrics: 'Where metrics come from: stdout lines like `val_loss=0.31 step=4`, or JSON lines.',
  timeout: TRIAL_TIMEOUT_DOC,
} as const;

/** A table (path, target, format) or IDX images and labels (images, labels, limit); validation for both. */
export const DATA_DOCS = {
  path: 'A table: CSV or JSON Lines file, relative to the config (or give images and labels instead).',
  target: 'The column to predict.',
  images: 'IDX images instead of a table (idx3-ubyte as MNIST ships them; .gz too), relative to the config: n images of rows × cols pixels 0–255, scaled to [0, 1]. Give labels with it.',
  labels: 'IDX labels (idx1-ubyte; .gz too), relative to the config: one class index per image, in the same order.',
  validation: 'A hold-out fraction in (0, 1) such as 0.2, or { kfold: 5 } for cross-validation.',
  limit: 'With images and labels: read only the first N of each, a subset that trains in minutes.',
  format: 'Format of the table file (default: from the extension).',
} as const;

/** Keys of one form of data only: a config holding some of one form is offered (and allowed) no key of the other. */
export const TABLE_DATA_KEYS: readonly (keyof typeof DATA_DOCS)[] = ['path', 'target', 'format'];
export const IDX_DATA_KEYS: readonly (keyof typeof DATA_DOCS)[] = ['images', 'labels', 'limit'];

export const VALIDATION_DOCS = { kfold: 'Number of folds.' } as const;

export const APPLY_ENTRY_DOCS = {
  file: 'File to edit, relative to the config; it must exist and lie inside the workspace folder (symlinks followed).',
  map: "Space parameter → the name it has in that file, where they differ. A dotted path names a nested key (optimizer.lr is optimizer: { lr: … }), an attribute chain, or a function's parameter (warmup.lr is the lr default of def warmup); without one only top-level keys and plain names match.",
} as const;

/** The keys of a docs table, in its order: the parser's lists of known keys. */
export function keysOf(docs: Readonly<Record<string, string>>): string[] {
  return Object.keys(docs);
}

/** The four ways to write a space parameter, as the schema's alternatives describe them. */
export const DISTRIBUTION_FORM_DOCS = {
  float: 'A continuous range [low, high].',
  int: 'An integer range [low, high].',
  choices: 'Categorical: one of these choices.',
  choice: 'A choice whose values open branches of parameters, or a list of choices with when/each.',
  fixed: 'A fixed value, passed to every trial.',
} as const;

export const DIRECTION_DOCS = {
  minimize: 'Lower is better: losses and errors such as val_loss or mae.',
  maximize: 'Higher is better: scores such as val_accuracy.',
} as const satisfies Record<Direction, string>;

export const MODEL_DOCS = {
  mlp: 'Multilayer perceptron: `layers` dense hidden layers of `units` each, for tabular data.',
  cnn: 'Convolutional network: `conv_blocks` blocks of convolution, activation and pooling, then a dense layer; give `input_shape`.',
} as const satisfies Record<ModelKind, string>;

export const BACKEND_DOCS = {
  auto: 'The fastest backend that loads: tensorflow-gpu, then tensorflow, then wasm, then cpu.',
  'tensorflow-gpu': 'Native TensorFlow with CUDA (@tensorflow/tfjs-node-gpu).',
  tensorflow: 'Native TensorFlow on the CPU (@tensorflow/tfjs-node).',
  wasm: 'WebAssembly (@tensorflow/tfjs-backend-wasm): no native install needed.',
  cpu: 'Plain JavaScript (@tensorflow/tfjs): the slowest, but always available.',
} as const satisfies Record<Backend, string>;

export const FORMAT_DOCS = {
  csv: 'Values separated by commas (tabs in a .tsv file), with a header row naming the columns.',
  jsonl: 'JSON Lines: one object per line, its keys the columns.',
} as const satisfies Record<DataFormat, string>;

export const METRICS_SOURCE_DOCS = {
  stdout: 'The program prints its metrics: lines like `val_loss=0.31 step=4`, or one JSON object per line.',
} as const;

export const QMC_TYPE_DOCS = {
  sobol: 'Sobol sequence (default): best with a power-of-two budget.',
  halton: 'Halton sequence.',
} as const;

export const BOOLEAN_DOCS = { true: 'On.', false: 'Off.' } as const;

/** The allowed values of a table, in its order, typed as the table's keys. */
export function valuesOf<T extends string>(docs: Readonly<Record<T, string>>): T[] {
  return Object.keys(docs) as T[];
}
