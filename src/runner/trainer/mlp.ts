/** The multi-layer perceptron: its hidden dense layers (each with its own units, activation and dropout), then a linear output layer. */
import type * as tfjs from '@tensorflow/tfjs';
import { addHiddenDense, addOutputLayer, type BuildContext } from './layers';
import type { MlpArchitecture } from './params';

/**
 * `outputs` is the class count (the outputs are logits; the loss applies the softmax) or 1 for
 * regression. Each hidden layer: dense → [batch norm] → activation → [dropout].
 */
export function buildMlp(ctx: BuildContext, arch: MlpArchitecture, inputSize: number, outputs: number): tfjs.Sequential {
  const { tf } = ctx;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [inputSize] }));
  for (const layer of arch.hidden) addHiddenDense(model, ctx, layer, layer.units);
  addOutputLayer(model, ctx, arch.l2, outputs);
  return model;
}
