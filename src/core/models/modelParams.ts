/**
 * The hyperparameters the built-in trainer understands, per model: type, allowed values, default and
 * what each does. Config validation checks a study's space against this table (checkModelParams.ts),
 * the trainer reads its defaults from it, and editors show the descriptions as hover text.
 *
 * A space may name a parameter three ways: `units`; `units_2`, hidden layer 2's own units (for the
 * parameters with `perLayer`, as `each: layers` writes them); `sgd.learning_rate`, a branch's own copy
 * when sibling branches give it different ranges. modelParamOf reads all three.
 */
import type { ModelKind } from '../config/types';
import { eachCopyName, eachCopyOf } from '../space/names';

/** The parameter that counts the layers a per-layer parameter has one value for. */
export type LayerCount = 'layers' | 'conv_blocks';

interface ParamInfo {
  readonly description: string;
  /** Only meaningful when another parameter takes one of these values (beta1 only with adam or adamax). */
  readonly onlyWith?: { readonly param: string; readonly values: readonly string[] };
  /** Also written per layer, `<name>_<i>` for layer i (from 0), counted by this parameter. */
  readonly perLayer?: LayerCount;
}

export interface FloatParam extends ParamInfo {
  readonly type: 'float';
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is excluded (learning_rate > 0). */
  readonly minExclusive?: boolean;
  /** Whether `max` itself is excluded (dropout < 1). */
  readonly maxExclusive?: boolean;
  readonly default: number;
  /** A different default for some values of the `onlyWith` parameter (rho: 0.95 with adadelta), as TensorFlow.js has it. */
  readonly defaultWith?: Readonly<Record<string, number>>;
}

export interface IntParam extends ParamInfo {
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface ChoiceParam extends ParamInfo {
  readonly type: 'choice';
  readonly choices: readonly string[];
  readonly default: string;
}

export interface BoolParam extends ParamInfo {
  readonly type: 'bool';
  readonly default: boolean;
}

export type ModelParam = FloatParam | IntParam | ChoiceParam | BoolParam;

export const OPTIMIZERS = ['adam', 'adamax', 'sgd', 'rmsprop', 'adagrad', 'adadelta'] as const;
/** The activations TensorFlow.js layers provide, by their Keras names. */
export const ACTIVATIONS = ['relu', 'relu6', 'elu', 'selu', 'tanh', 'sigmoid', 'hard_sigmoid', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'linear'] as const;
export const REGRESSION_LOSSES = ['mse', 'mae'] as const;
export const POOLINGS = ['max', 'avg'] as const;

const withOptimizer = (...values: (typeof OPTIMIZERS)[number][]): ParamInfo['onlyWith'] => ({ param: 'optimizer', values });

/**
 * What each `tf.train.*` optimizer of @tensorflow/tfjs 4 takes besides the learning rate, by its Keras
 * name, with TensorFlow.js's defaults (its epsilon default is the backend's, 1e-7 on every backend the
 * trainer loads). sgd with momentum > 0 is tf.train.momentum.
 */
const OPTIMIZER_PARAMS: Readonly<Record<string, ModelParam>> = {
  momentum: {
    type: 'float', min: 0, max: 1, maxExclusive: true, default: 0, onlyWith: withOptimizer('sgd', 'rmsprop'),
    description: 'momentum of sgd (0 is plain sgd) and of rmsprop; other optimizers ignore it',
  },
  nesterov: { type: 'bool', default: false, onlyWith: withOptimizer('sgd'), description: 'Nesterov momentum for sgd (with momentum > 0); other optimizers ignore it' },
  beta1: { type: 'float', min: 0, max: 1, maxExclusive: true, default: 0.9, onlyWith: withOptimizer('adam', 'adamax'), description: 'decay rate of the first-moment (mean gradient) estimate of adam and adamax' },
  beta2: { type: 'float', min: 0, max: 1, maxExclusive: true, default: 0.999, onlyWith: withOptimizer('adam', 'adamax'), description: 'decay rate of the second-moment estimate of adam and adamax' },
  epsilon: {
    type: 'float', min: 0, minExclusive: true, max: 1, default: 1e-7, onlyWith: withOptimizer('adam', 'adamax', 'rmsprop', 'adadelta'),
    description: 'added to the denominator of adam, adamax, rmsprop and adadelta for numerical stability',
  },
  rho: {
    type: 'float', min: 0, max: 1, maxExclusive: true, default: 0.9, defaultWith: { adadelta: 0.95 }, onlyWith: withOptimizer('rmsprop', 'adadelta'),
    description: 'decay rate of the squared-gradient average of rmsprop (default 0.9) and adadelta (default 0.95)',
  },
  centered: { type: 'bool', default: false, onlyWith: withOptimizer('rmsprop'), description: 'centered rmsprop: divides by the estimated variance of the gradient rather than its mean square' },
  decay: {
    type: 'float', min: 0, max: Infinity, default: 0, onlyWith: withOptimizer('adamax'),
    description: 'learning-rate decay of adamax: step t (from 0) takes learning_rate / (1 + decay · t)',
  },
  initial_accumulator_value: { type: 'float', min: 0, max: Infinity, default: 0.1, onlyWith: withOptimizer('adagrad'), description: 'starting value of adagrad\'s sums of squared gradients' },
};

const TRAINING_PARAMS: Readonly<Record<string, ModelParam>> = {
  learning_rate: { type: 'float', min: 0, minExclusive: true, max: 10, default: 1e-3, description: 'step size of the optimizer' },
  optimizer: { type: 'choice', choices: OPTIMIZERS, default: 'adam', description: 'the gradient-descent variant that updates the weights' },
  ...OPTIMIZER_PARAMS,
  batch_size: { type: 'int', min: 1, max: 65536, default: 32, description: 'samples per gradient step' },
  epochs: { type: 'int', min: 1, max: 100000, default: 20, description: 'passes over the training data (at most, with patience)' },
  patience: { type: 'int', min: 0, max: 100000, default: 0, description: 'early stopping: epochs without improvement of the objective before training stops (0 = off)' },
  loss: { type: 'choice', choices: REGRESSION_LOSSES, default: 'mse', description: 'regression loss: mean squared or mean absolute error (classification always uses cross-entropy)' },
};

const ACTIVATION: ChoiceParam = { type: 'choice', choices: ACTIVATIONS, default: 'relu', description: 'activation function of the hidden layers' };
const DROPOUT: FloatParam = { type: 'float', min: 0, max: 1, maxExclusive: true, default: 0, description: 'fraction of hidden units dropped at random while training' };
const SHARED_LAYER_PARAMS: Readonly<Record<string, ModelParam>> = {
  l2: { type: 'float', min: 0, max: Infinity, default: 0, description: 'L2 penalty on the weights (0 = none)' },
  batch_norm: { type: 'bool', default: false, description: 'batch normalisation before each hidden activation' },
};

/** `param` also written per layer: `<name>_i` sets layer i's own value, overriding the shared one. */
function perLayer<P extends ModelParam>(name: string, param: P, count: LayerCount): P {
  const layer = count === 'layers' ? 'hidden layer' : 'conv block';
  return { ...param, perLayer: count, description: `${param.description}; ${name}_i: ${layer} i's own (from 0)` };
}

export const MODEL_PARAMS: Readonly<Record<ModelKind, Readonly<Record<string, ModelParam>>>> = {
  mlp: {
    layers: { type: 'int', min: 0, max: 32, default: 2, description: 'number of hidden layers (0 = a linear model)' },
    units: perLayer('units', { type: 'int', min: 1, max: 8192, default: 64, description: 'units in each hidden layer' }, 'layers'),
    activation: perLayer('activation', ACTIVATION, 'layers'),
    dropout: perLayer('dropout', DROPOUT, 'layers'),
    ...SHARED_LAYER_PARAMS,
    ...TRAINING_PARAMS,
  },
  cnn: {
    conv_blocks: { type: 'int', min: 1, max: 8, default: 2, description: 'convolution blocks (convolution, activation, pooling)' },
    filters: perLayer(
      'filters',
      { type: 'int', min: 1, max: 1024, default: 32, description: 'filters of the first block; each further block doubles them (up to 1024)' },
      'conv_blocks',
    ),
    kernel_size: perLayer('kernel_size', { type: 'int', min: 1, max: 15, default: 3, description: 'width of the convolution window (square for images)' }, 'conv_blocks'),
    pooling: { type: 'choice', choices: POOLINGS, default: 'max', description: 'pooling after each block (size 2, skipped once the map is 1 wide)' },
    dense_units: { type: 'int', min: 0, max: 8192, default: 64, description: 'units of the dense layer after the blocks (0 = none)' },
    activation: ACTIVATION,
    dropout: { ...DROPOUT, description: 'fraction of values dropped at random while training, after the blocks and after the dense layer' },
    ...SHARED_LAYER_PARAMS,
    ...TRAINING_PARAMS,
  },
};

/** What a space or trial name means to the trainer. */
export interface ModelParamRef {
  /** The table's name: `units` for `units_2` and for `sgd.units`. */
  readonly name: string;
  readonly param: ModelParam;
  /** The layer a per-layer name sets (`units_2` → 2); null for the shared parameter. */
  readonly layer: number | null;
}

/**
 * `units`, `units_2` (per layer) or `<branch>.units` (a branch's own copy: the table's names hold no
 * `.`, so what follows the last one is the name); null for a name the model does not have.
 */
export function modelParamOf(model: ModelKind, spaceName: string): ModelParamRef | null {
  const table = MODEL_PARAMS[model];
  const name = spaceName.slice(spaceName.lastIndexOf('.') + 1);
  if (Object.hasOwn(table, name)) return { name, param: table[name] as ModelParam, layer: null };
  const copy = eachCopyOf(name);
  const param = copy !== null && Object.hasOwn(table, copy.name) ? table[copy.name] : undefined;
  if (copy === null || param?.perLayer === undefined) return null;
  return { name: copy.name, param, layer: copy.index };
}

/** `units_2`: hidden layer 2's own units (`units_i` in prose), the name `each:` gives layer 2's copy. */
export const perLayerName = eachCopyName;

/** The most layers a per-layer parameter can have a value for (32 hidden layers, 8 conv blocks). */
export function maxLayers(model: ModelKind, count: LayerCount): number {
  const counter = MODEL_PARAMS[model][count];
  return counter?.type === 'int' ? counter.max : 0;
}

/**
 * The metrics a model trial reports each epoch; which of the first eight exist depends on the task, the
 * last three (what the model costs: src/runner/trainer/metrics.ts) are reported for every task.
 */
export const MODEL_METRICS = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mae', 'val_mae', 'mse', 'val_mse', 'parameter_count', 'train_seconds', 'inference_ms'] as const;

/** `in [0, 1)`, `> 0 and ≤ 10`, `≥ 0`. */
export function describeRange(param: FloatParam | IntParam): string {
  const minExclusive = param.type === 'float' && param.minExclusive === true;
  const maxExclusive = param.type === 'float' && param.maxExclusive === true;
  if (param.max === Infinity) return `${minExclusive ? '>' : '≥'} ${param.min}`;
  return `in ${minExclusive ? '(' : '['}${param.min}, ${param.max}${maxExclusive ? ')' : ']'}`;
}
