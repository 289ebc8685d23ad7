/**
 * One cnn block as one layer: 2-D convolution (stride 1, same padding) → 2×2 max pooling → bias →
 * activation. It computes what Conv2D (with bias and activation) → MaxPooling2D does, pooling first
 * so the bias, the activation and their gradients run on a quarter of the values.
 *
 * Why that holds: the bias is one constant per channel and every activation in MONOTONE_ACTIVATIONS
 * is non-decreasing, so the largest of f(z + b) over a window is f(max z + b), exactly, in float too
 * (rounding is monotone). The gradient is the same but for ties: where the standard order's activation
 * makes a window's values equal (relu's zeros), its max pool passes the gradient to the first of them
 * and the activation's derivative then zeroes it (relu, relu6) or nearly (a saturated sigmoid or
 * tanh); pooling first passes it to the true largest input.
 *
 * Its own layer rather than Layers' Conv2D without bias: Conv2D always runs tf.fused.conv2d, whose
 * gradient with a linear activation computes the input's gradient eagerly, even for the first layer,
 * whose input needs none (4 ms a batch in the Fashion-MNIST cnn); tf.conv2d's gradient is lazy.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { activationId, kernelRegularizer, seededInitializer, type BuildContext } from './layers';
import type { Activation } from './params';

/** Activations that never decrease, so they commute with max pooling. */
export const MONOTONE_ACTIVATIONS: ReadonlySet<Activation> = new Set<Activation>(['relu', 'relu6', 'elu', 'selu', 'tanh', 'sigmoid', 'hard_sigmoid', 'softplus', 'softsign', 'linear']);

export interface PooledConvSettings {
  readonly filters: number;
  readonly kernelSize: number;
  readonly activation: Activation;
  readonly l2: number;
}

export function pooledConv2d(ctx: BuildContext, settings: PooledConvSettings): tfjs.layers.Layer {
  const { tf } = ctx;
  const { filters, kernelSize } = settings;
  // Drawn now, in the builder's order, so equal seeds give the weights a Conv2D layer would get.
  const kernelInitializer = seededInitializer(ctx);
  const regularizer = kernelRegularizer(ctx, settings.l2);
  // The activation as Keras defines it (Layers' own Activation layer), applied inside this one.
  const activation = tf.layers.activation({ activation: activationId(settings.activation) });
  class PooledConv2D extends tf.layers.Layer {
    static readonly className = 'PooledConv2D';
    private kernel: tfjs.LayerVariable | null = null;
    private bias: tfjs.LayerVariable | null = null;

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
      const channels = shape[3];
      if (shape.length !== 4 || typeof channels !== 'number') throw new Error(`PooledConv2D needs [batch, height, width, channels] input, got [${shape.join(', ')}]`);
      this.kernel = this.addWeight('kernel', [kernelSize, kernelSize, channels, filters], 'float32', kernelInitializer, regularizer);
      // Zeros, as Conv2D initialises its bias.
      this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const input = (Array.isArray(inputs) ? inputs[0] : inputs) as tfjs.Tensor4D;
        if (this.kernel === null || this.bias === null) throw new Error('PooledConv2D used before it was built');
        const convolved = tf.conv2d(input, this.kernel.read() as tfjs.Tensor4D, 1, 'same');
        const pooled = tf.maxPool(convolved, 2, 2, 'valid');
        return activation.apply(tf.add(pooled, this.bias.read())) as tfjs.Tensor;
      });
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      const [batch, height, width] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
      const half = (side: number | null | undefined): number | null => (typeof side === 'number' ? Math.floor(side / 2) : null);
      return [batch ?? null, half(height), half(width), filters];
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), filters, kernelSize, activation: activationId(settings.activation), pooling: 'max', l2: settings.l2 };
    }
  }
  return new PooledConv2D({});
}
