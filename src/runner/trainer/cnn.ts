/**
 * The convolutional network: `conv_blocks` blocks (each with its own filters and kernel size) of convolution → [batch norm] → activation →
 * pooling, then an optional dense layer and a linear output layer. A sample shaped [h, w, c] gets 2-D
 * convolutions; [length, c] or [length] gets 1-D ones. A 2-D block with max pooling, no batch norm and
 * a non-decreasing activation is one PooledConv2D layer, which pools before the bias and activation:
 * the same function on a quarter of the values (pooledConv.ts).
 */
import type * as tfjs from '@tensorflow/tfjs';
import { activationId, addActivationAndDropout, addHiddenDense, addOutputLayer, kernelRegularizer, seededDropout, seededInitializer, type BuildContext } from './layers';
import type { CnnArchitecture } from './params';
import { MONOTONE_ACTIVATIONS, pooledConv2d } from './pooledConv';

export function buildCnn(ctx: BuildContext, arch: CnnArchitecture, inputShape: readonly number[], outputs: number): tfjs.Sequential {
  const { tf } = ctx;
  if (inputShape.length < 1 || inputShape.length > 3) throw new Error(`cnn input_shape must be [h, w, channels], [length, channels] or [length], got [${inputShape.join(', ')}]`);
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [...inputShape] }));
  if (inputShape.length === 1) model.add(tf.layers.reshape({ targetShape: [inputShape[0] as number, 1] }));
  const twoD = inputShape.length === 3;
  // The spatial size after each pooling; pooling stops once a side is down to 1.
  let spatial = twoD ? inputShape.slice(0, 2) : inputShape.slice(0, 1);
  for (const { filters, kernelSize } of arch.blocks) {
    const pools = spatial.every((side) => side >= 2);
    if (twoD && pools && arch.pooling === 'max' && !arch.batchNorm && MONOTONE_ACTIVATIONS.has(arch.activation)) {
      model.add(pooledConv2d(ctx, { filters, kernelSize, activation: arch.activation, l2: arch.l2 }));
      spatial = spatial.map((side) => Math.floor(side / 2));
      continue;
    }
    const convolution = {
      filters,
      kernelSize,
      padding: 'same' as const,
      useBias: !arch.batchNorm,
      activation: arch.batchNorm ? ('linear' as const) : activationId(arch.activation),
      kernelInitializer: seededInitializer(ctx),
      kernelRegularizer: kernelRegularizer(ctx, arch.l2),
    };
    model.add(twoD ? tf.layers.conv2d(convolution) : tf.layers.conv1d(convolution));
    addActivationAndDropout(model, ctx, arch, false);
    if (pools) {
      model.add(poolingLayer(tf, arch.pooling, twoD));
      spatial = spatial.map((side) => Math.floor(side / 2));
    }
  }
  model.add(tf.layers.flatten());
  if (arch.dropout > 0) model.add(seededDropout(ctx, arch.dropout));
  if (arch.denseUnits > 0) {
    addHiddenDense(model, ctx, arch, arch.denseUnits);
  }
  addOutputLayer(model, ctx, arch.l2, outputs);
  return model;
}

function poolingLayer(tf: BuildContext['tf'], pooling: CnnArchitecture['pooling'], twoD: boolean): tfjs.layers.Layer {
  const options = { poolSize: 2, strides: 2 };
  if (twoD) return pooling === 'max' ? tf.layers.maxPooling2d(options) : tf.layers.averagePooling2d(options);
  return pooling === 'max' ? tf.layers.maxPooling1d(options) : tf.layers.averagePooling1d(options);
}
