/**
 * A trial's parameters (space and fixed values, by their config names) → the typed settings the
 * model builders and the training loop read. Values are checked with the same rules config validation
 * uses, so a trial started through the API fails just as clearly.
 *
 * Each value is the trial's own, else the shared one, else MODEL_PARAMS's default: hidden layer i's
 * units are units_i, else units, else 64. A parameter a conditional space left inactive is absent
 * from the trial, so it falls back the same way; `sgd.learning_rate` (a branch's own copy) sets
 * learning_rate.
 */
import {
  checkModelParams,
  categoricalDistribution,
  MODEL_PARAMS,
  modelParamOf,
  perLayerName,
  type ACTIVATIONS,
  type ModelKind,
  type OPTIMIZERS,
  type ParamValue,
  type POOLINGS,
  type REGRESSION_LOSSES,
} from '../../core';

export type Activation = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type Pooling = (typeof POOLINGS)[number];
export type RegressionLoss = (typeof REGRESSION_LOSSES)[number];

/** What one hidden layer uses after its dense or convolution step. */
export interface LayerSettings {
  readonly activation: Activation;
  readonly dropout: number;
  readonly l2: number;
  readonly batchNorm: boolean;
}

export interface DenseLayer extends LayerSettings {
  readonly units: number;
}

export interface MlpArchitecture {
  readonly kind: 'mlp';
  /** One entry per hidden layer, in order; none for a linear model. */
  readonly hidden: readonly DenseLayer[];
  /** The output layer's L2 penalty. */
  readonly l2: number;
}

export interface ConvBlock {
  readonly filters: number;
  readonly kernelSize: number;
}

export interface CnnArchitecture extends LayerSettings {
  readonly kind: 'cnn';
  readonly blocks: readonly ConvBlock[];
  readonly pooling: Pooling;
  readonly denseUnits: number;
}

export type Architecture = MlpArchitecture | CnnArchitecture;

/** Each optimizer with exactly the settings its tf.train constructor takes. */
export type OptimizerSettings =
  | { readonly name: 'sgd'; readonly momentum: number; readonly nesterov: boolean }
  | { readonly name: 'adam'; readonly beta1: number; readonly beta2: number; readonly epsilon: number }
  | { readonly name: 'adamax'; readonly beta1: number; readonly beta2: number; readonly epsilon: number; readonly decay: number }
  | { readonly name: 'rmsprop'; readonly rho: number; readonly momentum: number; readonly epsilon: number; readonly centered: boolean }
  | { readonly name: 'adagrad'; readonly initialAccumulatorValue: number }
  | { readonly name: 'adadelta'; readonly rho: number; readonly epsilon: number };

export interface TrainingSettings {
  readonly learningRate: number;
  readonly optimizer: OptimizerSettings;
  readonly batchSize: number;
  readonly epochs: number;
  /** Epochs without improvement before stopping; 0 = never stop early. */
  readonly patience: number;
  readonly loss: RegressionLoss;
}

export interface ResolvedParams {
  readonly architecture: Architecture;
  readonly training: TrainingSettings;
}

export class ParamError extends Error {
  override name = 'ParamError';
}

export function resolveParams(model: ModelKind, params: Readonly<Record<string, ParamValue>>): ResolvedParams {
  const asSpace = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, categoricalDistribution([value])]));
  const errors = checkModelParams(model, asSpace).filter((f) => f.severity !== 'warning');
  if (errors.length > 0) throw new ParamError(errors.map((e) => e.message).join('; '));
  const values = new TrialValues(model, params);
  return { architecture: model === 'mlp' ? mlpArchitecture(values) : cnnArchitecture(values), training: trainingSettings(values) };
}

/** The trial's values by the table's names (`units`, `units_2`), with the fallbacks above. */
class TrialValues {
  private readonly byName = new Map<string, ParamValue>();

  constructor(
    private readonly model: ModelKind,
    params: Readonly<Record<string, ParamValue>>,
  ) {
    for (const [spaceName, value] of Object.entries(params)) {
      const ref = modelParamOf(model, spaceName);
      if (ref !== null) this.byName.set(ref.layer === null ? ref.name : perLayerName(ref.name, ref.layer), value);
    }
  }

  /** The shared value, else the default (for the optimizer in use, where that differs: rho). */
  value(name: string): ParamValue {
    const param = MODEL_PARAMS[this.model][name];
    if (param === undefined) throw new ParamError(`${this.model} has no parameter '${name}'`);
    const given = this.byName.get(name);
    if (given !== undefined) return given;
    const optimizer = param.onlyWith ? this.byName.get(param.onlyWith.param) ?? MODEL_PARAMS[this.model][param.onlyWith.param]?.default : undefined;
    const byOptimizer = param.type === 'float' && typeof optimizer === 'string' ? param.defaultWith?.[optimizer] : undefined;
    return byOptimizer ?? param.default;
  }

  /** Layer `layer`'s own value, undefined when the trial has none. */
  own(name: string, layer: number): ParamValue | undefined {
    return this.byName.get(perLayerName(name, layer));
  }

  /** Layer `layer`'s own value, else the shared one, else the default. */
  ofLayer(name: string, layer: number): ParamValue {
    return this.own(name, layer) ?? this.value(name);
  }

  num(name: string): number {
    return this.value(name) as number;
  }

  bool(name: string): boolean {
    return this.value(name) as boolean;
  }
}

function mlpArchitecture(values: TrialValues): MlpArchitecture {
  const hidden = Array.from({ length: values.num('layers') }, (_, i): DenseLayer => ({
    units: values.ofLayer('units', i) as number,
    activation: values.ofLayer('activation', i) as Activation,
    dropout: values.ofLayer('dropout', i) as number,
    l2: values.num('l2'),
    batchNorm: values.bool('batch_norm'),
  }));
  return { kind: 'mlp', hidden, l2: values.num('l2') };
}

function cnnArchitecture(values: TrialValues): CnnArchitecture {
  const filters = values.num('filters');
  const filtersParam = MODEL_PARAMS.cnn.filters;
  const mostFilters = filtersParam?.type === 'int' ? filtersParam.max : Infinity;
  const blocks = Array.from({ length: values.num('conv_blocks') }, (_, i): ConvBlock => ({
    // Without filters_i, each block doubles the first block's filters, up to the most a block may have.
    filters: (values.own('filters', i) as number | undefined) ?? Math.min(mostFilters, Math.max(filters, filters * 2 ** i)),
    kernelSize: values.ofLayer('kernel_size', i) as number,
  }));
  return {
    kind: 'cnn',
    blocks,
    pooling: values.value('pooling') as Pooling,
    denseUnits: values.num('dense_units'),
    activation: values.value('activation') as Activation,
    dropout: values.num('dropout'),
    l2: values.num('l2'),
    batchNorm: values.bool('batch_norm'),
  };
}

function trainingSettings(values: TrialValues): TrainingSettings {
  return {
    learningRate: values.num('learning_rate'),
    optimizer: optimizerSettings(values),
    batchSize: values.num('batch_size'),
    epochs: values.num('epochs'),
    patience: values.num('patience'),
    loss: values.value('loss') as RegressionLoss,
  };
}

function optimizerSettings(values: TrialValues): OptimizerSettings {
  const name = values.value('optimizer') as OptimizerName;
  const num = (param: string): number => values.num(param);
  switch (name) {
    case 'sgd':
      return { name, momentum: num('momentum'), nesterov: values.bool('nesterov') };
    case 'adam':
      return { name, beta1: num('beta1'), beta2: num('beta2'), epsilon: num('epsilon') };
    case 'adamax':
      return { name, beta1: num('beta1'), beta2: num('beta2'), epsilon: num('epsilon'), decay: num('decay') };
    case 'rmsprop':
      return { name, rho: num('rho'), momentum: num('momentum'), epsilon: num('epsilon'), centered: values.bool('centered') };
    case 'adagrad':
      return { name, initialAccumulatorValue: num('initial_accumulator_value') };
    case 'adadelta':
      return { name, rho: num('rho'), epsilon: num('epsilon') };
  }
}
