/**
 * The hyperparameters the built-in trainer understands, per model: type, allowed values, default and
 * what each does. Config validation checks a study's space against this table, the trainer reads its
 * defaults from it, and editors can show the descriptions as hover text.
 */
import type { Distribution } from '../distributions';
import type { SearchSpace } from '../samplers/sampler';
import { suggestName } from '../suggest';
import type { ModelKind } from '../config/types';

interface ParamInfo {
  readonly description: string;
  /** Only meaningful alongside this value of another parameter (momentum only with optimizer sgd). */
  readonly onlyWith?: { readonly param: string; readonly value: string };
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

const TRAINING_PARAMS: Readonly<Record<string, ModelParam>> = {
  learning_rate: { type: 'float', min: 0, minExclusive: true, max: 10, default: 1e-3, description: 'step size of the optimizer' },
  optimizer: { type: 'choice', choices: OPTIMIZERS, default: 'adam', description: 'the gradient-descent variant that updates the weights' },
  momentum: {
    type: 'float', min: 0, max: 1, maxExclusive: true, default: 0, onlyWith: { param: 'optimizer', value: 'sgd' },
    description: 'momentum of sgd (0 is plain sgd); other optimizers ignore it',
  },
  batch_size: { type: 'int', min: 1, max: 65536, default: 32, description: 'samples per gradient step' },
  epochs: { type: 'int', min: 1, max: 100000, default: 20, description: 'passes over the training data (at most, with patience)' },
  patience: { type: 'int', min: 0, max: 100000, default: 0, description: 'early stopping: epochs without improvement of the objective before training stops (0 = off)' },
  loss: { type: 'choice', choices: REGRESSION_LOSSES, default: 'mse', description: 'regression loss: mean squared or mean absolute error (classification always uses cross-entropy)' },
};

const SHARED_LAYER_PARAMS: Readonly<Record<string, ModelParam>> = {
  activation: { type: 'choice', choices: ACTIVATIONS, default: 'relu', description: 'activation function of the hidden layers' },
  dropout: { type: 'float', min: 0, max: 1, maxExclusive: true, default: 0, description: 'fraction of hidden units dropped at random while training' },
  l2: { type: 'float', min: 0, max: Infinity, default: 0, description: 'L2 penalty on the weights (0 = none)' },
  batch_norm: { type: 'bool', default: false, description: 'batch normalisation before each hidden activation' },
};

export const MODEL_PARAMS: Readonly<Record<ModelKind, Readonly<Record<string, ModelParam>>>> = {
  mlp: {
    layers: { type: 'int', min: 0, max: 32, default: 2, description: 'number of hidden layers (0 = a linear model)' },
    units: { type: 'int', min: 1, max: 8192, default: 64, description: 'units in each hidden layer' },
    ...SHARED_LAYER_PARAMS,
    ...TRAINING_PARAMS,
  },
  cnn: {
    conv_blocks: { type: 'int', min: 1, max: 8, default: 2, description: 'convolution blocks (convolution, activation, pooling)' },
    filters: { type: 'int', min: 1, max: 1024, default: 32, description: 'filters of the first block; each further block doubles them (up to 1024)' },
    kernel_size: { type: 'int', min: 1, max: 15, default: 3, description: 'width of the convolution window (square for images)' },
    pooling: { type: 'choice', choices: POOLINGS, default: 'max', description: 'pooling after each block (size 2, skipped once the map is 1 wide)' },
    dense_units: { type: 'int', min: 0, max: 8192, default: 64, description: 'units of the dense layer after the blocks (0 = none)' },
    ...SHARED_LAYER_PARAMS,
    ...TRAINING_PARAMS,
  },
};

/**
 * The metrics a model trial reports each epoch; which of the first eight exist depends on the task, the
 * last three (what the model costs: src/runner/trainer/metrics.ts) are reported for every task.
 */
export const MODEL_METRICS = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mae', 'val_mae', 'mse', 'val_mse', 'parameter_count', 'train_seconds', 'inference_ms'] as const;

export interface ModelParamFinding {
  readonly param: string;
  readonly message: string;
  /** Absent means error; a warning is for a setting that does nothing rather than one that cannot work. */
  readonly severity?: 'warning';
  /** The model has no parameter of this name (rather than a bad distribution for one it has). */
  readonly unknown?: true;
}

/** Every space parameter the model does not know, or whose distribution strays outside what it allows. */
export function checkModelParams(model: ModelKind, space: SearchSpace): ModelParamFinding[] {
  const table = MODEL_PARAMS[model];
  const known = Object.keys(table);
  const findings: ModelParamFinding[] = [];
  for (const [name, distribution] of Object.entries(space)) {
    const param = Object.hasOwn(table, name) ? table[name] : undefined;
    if (param === undefined) {
      const hint = suggestName(name, known);
      findings.push({ param: name, unknown: true, message: `${model} has no parameter '${name}'${hint ? `; did you mean '${hint}'?` : ''} (parameters: ${known.join(', ')})` });
      continue;
    }
    const problem = distributionProblem(name, param, distribution);
    if (problem !== null) findings.push({ param: name, message: problem });
    else if (param.onlyWith && !canTake(space[param.onlyWith.param], param.onlyWith.value, table[param.onlyWith.param])) {
      const { param: other, value } = param.onlyWith;
      findings.push({ param: name, severity: 'warning', message: `${name} only applies when ${other} is ${value}, which this space never picks; it will be ignored` });
    }
  }
  return findings;
}

/** Whether a parameter distributed as `distribution` (absent: its default) can take `value`. */
function canTake(distribution: Distribution | undefined, value: string, param: ModelParam | undefined): boolean {
  if (distribution === undefined) return param?.default === value;
  return distribution.type === 'categorical' && distribution.choices.includes(value);
}

/** Why `distribution` does not fit `param`, or null when it does. */
function distributionProblem(name: string, param: ModelParam, distribution: Distribution): string | null {
  switch (param.type) {
    case 'float':
    case 'int':
      return numericProblem(name, param, distribution);
    case 'choice': {
      if (distribution.type !== 'categorical') return `${name} is one of ${param.choices.join(', ')}: write a list such as [${param.choices.slice(0, 2).join(', ')}]`;
      const bad = distribution.choices.find((c) => typeof c !== 'string' || !param.choices.includes(c));
      if (bad === undefined) return null;
      const hint = typeof bad === 'string' ? suggestName(bad, param.choices) : null;
      return `${name} cannot be ${JSON.stringify(bad)}${hint ? `; did you mean '${hint}'?` : ''} (choices: ${param.choices.join(', ')})`;
    }
    case 'bool':
      if (distribution.type === 'categorical' && distribution.choices.every((c) => typeof c === 'boolean')) return null;
      return `${name} is true or false: write [true, false] to tune it, or a fixed true or false`;
  }
}

function numericProblem(name: string, param: FloatParam | IntParam, distribution: Distribution): string | null {
  const allowed = describeRange(param);
  if (distribution.type === 'categorical') {
    const bad = distribution.choices.find((c) => typeof c !== 'number' || !inRange(param, c) || (param.type === 'int' && !Number.isInteger(c)));
    if (bad === undefined) return null;
    if (typeof bad !== 'number') return `${name} must be a number ${allowed}, got ${JSON.stringify(bad)}`;
    return param.type === 'int' && !Number.isInteger(bad) ? `${name} takes whole numbers, got ${bad}` : `${name} must be ${allowed}, got ${bad}`;
  }
  if (param.type === 'int' && distribution.type === 'float') return `${name} takes whole numbers: write { int: [${distribution.low}, ${distribution.high}] } instead of float`;
  if (!inRange(param, distribution.low) || !inRange(param, distribution.high)) return `${name} must be ${allowed}, got [${distribution.low}, ${distribution.high}]`;
  return null;
}

function inRange(param: FloatParam | IntParam, value: number): boolean {
  const aboveMin = param.type === 'float' && param.minExclusive ? value > param.min : value >= param.min;
  const belowMax = param.type === 'float' && param.maxExclusive ? value < param.max : value <= param.max;
  return aboveMin && belowMax;
}

/** `in [0, 1)`, `> 0 and ≤ 10`, `≥ 0`. */
export function describeRange(param: FloatParam | IntParam): string {
  const minExclusive = param.type === 'float' && param.minExclusive === true;
  const maxExclusive = param.type === 'float' && param.maxExclusive === true;
  if (param.max === Infinity) return `${minExclusive ? '>' : '≥'} ${param.min}`;
  return `in ${minExclusive ? '(' : '['}${param.min}, ${param.max}${maxExclusive ? ')' : ']'}`;
}
