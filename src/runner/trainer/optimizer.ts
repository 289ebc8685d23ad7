/** The optimizer a trial asked for, with its own settings, as TensorFlow.js's tf.train builds it. */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend';
import { fusedAdam } from './fusedAdam';
import type { TrainingSettings } from './params';

/**
 * Adam on wasm is our fused kernel (fusedAdam.ts: the same values, one kernel per variable instead of 13).
 * sgd with momentum > 0 is tf.train.momentum (Nesterov's when asked); without momentum nesterov changes nothing.
 */
export function createOptimizer(tf: Tf, training: TrainingSettings): tfjs.Optimizer {
  const lr = training.learningRate;
  const o = training.optimizer;
  switch (o.name) {
    case 'adam':
      return fusedAdam(tf, { learningRate: lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon }) ?? tf.train.adam(lr, o.beta1, o.beta2, o.epsilon);
    case 'adamax':
      return tf.train.adamax(lr, o.beta1, o.beta2, o.epsilon, o.decay);
    case 'sgd':
      return o.momentum > 0 ? tf.train.momentum(lr, o.momentum, o.nesterov) : tf.train.sgd(lr);
    case 'rmsprop':
      // TensorFlow.js calls rho `decay`.
      return tf.train.rmsprop(lr, o.rho, o.momentum, o.epsilon, o.centered);
    case 'adagrad':
      return tf.train.adagrad(lr, o.initialAccumulatorValue);
    case 'adadelta':
      return tf.train.adadelta(lr, o.rho, o.epsilon);
  }
}
