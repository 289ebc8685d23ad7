/** Pieces both model builders use: seeded initialisers and dropout, hidden-layer blocks, the output layer. */
import type * as tfjs from '@tensorflow/tfjs';
import type { Rng } from '../../core';
import type { Tf } from './backend';
import type { Activation, LayerSettings } from './params';

type ActivationIdentifier = NonNullable<Parameters<Tf['layers']['activation']>[0]>['activation'];

/** Keras names (as configs write them) → TensorFlow.js identifiers. */
const ACTIVATION_IDS: Readonly<Record<Activation, ActivationIdentifier>> = {
  relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', tanh: 'tanh', sigmoid: 'sigmoid', hard_sigmoid: 'hardSigmoid',
  softplus: 'softplus', softsign: 'softsign', swish: 'swish', mish: 'mish', gelu: 'gelu', linear: 'linear',
};

/** What a builder needs besides the architecture: the library and a seeded stream for weights and dropout. */
export interface BuildContext {
  readonly tf: Tf;
  readonly rng: Rng;
}

export function activationId(activation: Activation): ActivationIdentifier {
  return ACTIVATION_IDS[activation];
}

/** Glorot uniform (Keras's default) with a seed of its own, so equal seeds give equal weights. */
export function seededInitializer(ctx: BuildContext): ReturnType<Tf['initializers']['glorotUniform']> {
  return ctx.tf.initializers.glorotUniform({ seed: ctx.rng.nextUint32() });
}

export function kernelRegularizer(ctx: BuildContext, l2: number): ReturnType<Tf['regularizers']['l2']> | undefined {
  return l2 > 0 ? ctx.tf.regularizers.l2({ l2 }) : undefined;
}

/**
 * After a dense or convolution layer without activation: batch normalisation (when asked), the
 * activation, and dropout. Without batch normalisation the activation is fused into that layer instead.
 */
export function addActivationAndDropout(model: tfjs.Sequential, ctx: BuildContext, settings: LayerSettings, dropout: boolean): void {
  if (settings.batchNorm) {
    model.add(ctx.tf.layers.batchNormalization({}));
    model.add(ctx.tf.layers.activation({ activation: activationId(settings.activation) }));
  }
  if (dropout && settings.dropout > 0) model.add(seededDropout(ctx, settings.dropout));
}

/** A hidden dense layer with its activation (after batch norm when on) and dropout. */
export function addHiddenDense(model: tfjs.Sequential, ctx: BuildContext, settings: LayerSettings, units: number): void {
  model.add(
    ctx.tf.layers.dense({
      units,
      // Batch norm has its own shift, so the dense layer needs no bias before it.
      useBias: !settings.batchNorm,
      activation: settings.batchNorm ? 'linear' : activationId(settings.activation),
      kernelInitializer: seededInitializer(ctx),
      kernelRegularizer: kernelRegularizer(ctx, settings.l2),
    }),
  );
  addActivationAndDropout(model, ctx, settings, true);
}

/** The output layer: logits (softmax lives in the loss) or the regression value. */
export function addOutputLayer(model: tfjs.Sequential, ctx: BuildContext, l2: number, outputs: number): void {
  model.add(ctx.tf.layers.dense({ units: outputs, kernelInitializer: seededInitializer(ctx), kernelRegularizer: kernelRegularizer(ctx, l2) }));
}

/**
 * Dropout with a fresh seed per call. TensorFlow.js's own layer takes one fixed seed and so would
 * drop the same units in every batch; without a seed it uses Math.random and is not reproducible.
 */
export function seededDropout(ctx: BuildContext, rate: number): tfjs.layers.Layer {
  const { tf, rng } = ctx;
  class SeededDropout extends tf.layers.Layer {
    static readonly className = 'SeededDropout';
    readonly rate = rate;

    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor {
      const input = Array.isArray(inputs) ? (inputs[0] as tfjs.Tensor) : inputs;
      if (kwargs.training !== true) return input;
      return tf.dropout(input, rate, undefined, rng.nextUint32());
    }

    override computeOutputShape(shape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return shape;
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), rate };
    }
  }
  return new SeededDropout({});
}
