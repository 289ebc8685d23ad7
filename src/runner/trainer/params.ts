/**
 * A trial's parameters (space and fixed values, by their config names) → the typed settings the
 * model builders and the training loop read, defaults filled in from MODEL_PARAMS. Values are checked
 * with the same rules config validation uses, so a trial started through the API fails just as clearly.
 */
import { type ACTIVATIONS, categoricalDistribution, checkModelParams, MODEL_PARAMS, type ModelKind, type OPTIMIZERS, type ParamValue, type POOLINGS, type REGRESSION_LOSSES } from '../../core';

export type Activation = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type Pooling = (typeof POOLINGS)[number];
export type RegressionLoss = (typeof REGRESSION_LOSSES)[number];

/** What every hidden layer shares. */
export interface LayerSettings {
  readonly activation: Activation;
  readonly dropout: number;
  readonly l2: number;
  readonly batchNorm: boolean;
}

export interface MlpArchitecture extends LayerSettings {
  readonly kind: 'mlp';
  readonly layers: number;
  readonly units: number;
}

export interface CnnArchitecture extends LayerSettings {
  readonly kind: 'cnn';
  readonly convBlocks: number;
  readonly filters: number;
  readonly kernelSize: number;
  readonly pooling: Pooling;
  readonly denseUnits: number;
}

export type Architecture = MlpArchitecture | CnnArchitecture;

export interface TrainingSettings {
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  readonly momentum: number;
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

  const table = MODEL_PARAMS[model];
  const valueOf = (name: string): ParamValue => {
    const param = table[name];
    if (param === undefined) throw new ParamError(`${model} has no parameter '${name}'`);
    return Object.hasOwn(params, name) ? (params[name] as ParamValue) : param.default;
  };
  const num = (name: string): number => valueOf(name) as number;
  const str = <T extends string>(name: string): T => valueOf(name) as T;
  const layer: LayerSettings = { activation: str('activation'), dropout: num('dropout'), l2: num('l2'), batchNorm: valueOf('batch_norm') as boolean };
  const architecture: Architecture =
    model === 'mlp'
      ? { kind: 'mlp', layers: num('layers'), units: num('units'), ...layer }
      : {
          kind: 'cnn',
          convBlocks: num('conv_blocks'),
          filters: num('filters'),
          kernelSize: num('kernel_size'),
          pooling: str('pooling'),
          denseUnits: num('dense_units'),
          ...layer,
        };
  const training: TrainingSettings = {
    learningRate: num('learning_rate'),
    optimizer: str('optimizer'),
    momentum: num('momentum'),
    batchSize: num('batch_size'),
    epochs: num('epochs'),
    patience: num('patience'),
    loss: str('loss'),
  };
  return { architecture, training };
}
