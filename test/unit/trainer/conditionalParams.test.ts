// Per-layer and optimizer-specific parameters, and the ones a conditional space leaves out, as the
// built model and optimizer actually use them (read back from TensorFlow.js's own layer and optimizer configs).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import { Rng } from '../../../src/core/rng';
import { buildCnn, buildMlp, createOptimizer, loadBackend, resolveParams, type Tf } from '../../../src/runner/trainer';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});

type Params = Record<string, ParamValue>;

/** Each layer after the input as [class name, config]. */
function layersOf(model: 'mlp' | 'cnn', params: Params): [string, Record<string, unknown>][] {
  const { architecture } = resolveParams(model, params);
  const ctx = { tf, rng: new Rng(1) };
  const built = architecture.kind === 'mlp' ? buildMlp(ctx, architecture, 4, 3) : buildCnn(ctx, architecture, [16, 16, 1], 10);
  const layers = built.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l): [string, Record<string, unknown>] => [l.getClassName(), l.getConfig() as Record<string, unknown>]);
  built.dispose();
  return layers;
}

/** The optimizer's class and config as TensorFlow.js reports them. */
function optimizerOf(params: Params): [string, Record<string, unknown>] {
  const optimizer = createOptimizer(tf, resolveParams('mlp', params).training);
  const read: [string, Record<string, unknown>] = [optimizer.getClassName(), optimizer.getConfig() as Record<string, unknown>];
  optimizer.dispose();
  return read;
}

describe('per-layer parameters', () => {
  it('mlp: units_i, dropout_i and activation_i set hidden layer i; layers without them take the shared value, else the default', () => {
    const layers = layersOf('mlp', { layers: 3, units_0: 40, units_2: 8, units: 24, dropout_1: 0.25, activation_0: 'tanh' });
    const dense = layers.filter(([name]) => name === 'Dense').map(([, config]) => [config.units, config.activation]);
    assert.deepEqual(dense, [[40, 'tanh'], [24, 'relu'], [8, 'relu'], [3, 'linear']]);
    assert.deepEqual(layers.map(([name]) => name), ['Dense', 'Dense', 'SeededDropout', 'Dense', 'Dense']);
    assert.equal(layers[2]?.[1].rate, 0.25);
    // Shared dropout everywhere but where a layer has its own (0 there: none).
    const shared = layersOf('mlp', { layers: 2, dropout: 0.4, dropout_1: 0 });
    assert.deepEqual(shared.map(([name, config]) => (name === 'SeededDropout' ? config.rate : name)), ['Dense', 0.4, 'Dense', 'Dense']);
  });

  it('mlp: copies past the trial\'s layer count are not used, and layers absent from a trial (inactive) fall back to the defaults', () => {
    const layers = layersOf('mlp', { layers: 1, units_0: 12, units_1: 99, units_2: 99 });
    assert.deepEqual(layers.map(([, config]) => config.units), [12, 3]);
    assert.deepEqual(layersOf('mlp', {}).map(([, config]) => config.units), [64, 64, 3], 'the defaults: 2 hidden layers of 64');
  });

  it('cnn: filters_i and kernel_size_i set conv block i; blocks without filters_i double the shared filters', () => {
    // batch_norm keeps each block a plain Conv2D layer, whose config names its filters and kernel.
    const blocks = layersOf('cnn', { conv_blocks: 3, filters: 4, filters_1: 6, kernel_size_0: 5, kernel_size: 2, batch_norm: true, dense_units: 0 })
      .filter(([name]) => name === 'Conv2D')
      .map(([, config]) => [config.filters, config.kernelSize]);
    assert.deepEqual(blocks, [[4, [5, 5]], [6, [2, 2]], [16, [2, 2]]]);
    // The fused block (max pooling, no batch norm) takes them too.
    const pooled = layersOf('cnn', { conv_blocks: 2, filters_0: 3, filters_1: 5, kernel_size_1: 4, dense_units: 0 }).filter(([name]) => name === 'PooledConv2D');
    assert.deepEqual(pooled.map(([, config]) => [config.filters, config.kernelSize]), [[3, 3], [5, 4]]);
  });
});

describe('optimizer-specific parameters', () => {
  it('each optimizer gets its own settings, as its tf.train constructor takes them', () => {
    assert.deepEqual(optimizerOf({ optimizer: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-6, learning_rate: 0.01 }), ['Adam', { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adamax', beta1: 0.7, decay: 0.001 }), ['Adamax', { learningRate: 0.001, beta1: 0.7, beta2: 0.999, epsilon: 1e-7, decay: 0.001 }]);
    assert.deepEqual(optimizerOf({ optimizer: 'sgd', momentum: 0.9, nesterov: true }), ['Momentum', { learningRate: 0.001, momentum: 0.9, useNesterov: true }]);
    assert.deepEqual(optimizerOf({ optimizer: 'rmsprop', rho: 0.8, momentum: 0.5, epsilon: 1e-5, centered: true }), ['RMSProp', { learningRate: 0.001, decay: 0.8, momentum: 0.5, epsilon: 1e-5, centered: true }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adagrad', initial_accumulator_value: 0.5 }), ['Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.5 }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adadelta', rho: 0.9, epsilon: 1e-6 }), ['Adadelta', { learningRate: 0.001, rho: 0.9, epsilon: 1e-6 }]);
  });

  it('absent settings take TensorFlow.js\'s defaults for that optimizer (rho 0.9 for rmsprop, 0.95 for adadelta)', () => {
    assert.deepEqual(optimizerOf({ optimizer: 'rmsprop' }), ['RMSProp', { learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7, centered: false }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adadelta' }), ['Adadelta', { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adagrad' }), ['Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.1 }]);
    // What tf.train builds when given nothing but the learning rate.
    const bare = tf.train.adam(0.001);
    assert.deepEqual(optimizerOf({}), ['Adam', bare.getConfig()]);
    bare.dispose();
  });

  it('a branch copy (sgd.learning_rate) sets the parameter it copies; a setting for another optimizer is ignored', () => {
    assert.deepEqual(optimizerOf({ optimizer: 'sgd', 'sgd.learning_rate': 0.2, 'sgd.momentum': 0.5 }), ['Momentum', { learningRate: 0.2, momentum: 0.5, useNesterov: false }]);
    assert.deepEqual(optimizerOf({ optimizer: 'adam', momentum: 0.9 })[1], { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it('refuses out-of-range settings, layer indices past the model\'s most layers and two names for one setting', () => {
    assert.throws(() => resolveParams('mlp', { optimizer: 'adam', beta1: 1 }), /beta1 must be in \[0, 1\), got 1/);
    assert.throws(() => resolveParams('mlp', { units_32: 8 }), /mlp has at most 32 hidden layers/);
    assert.throws(() => resolveParams('cnn', { kernel_size_8: 3 }), /cnn has at most 8 conv blocks/);
    assert.throws(() => resolveParams('mlp', { learning_rate: 0.1, 'sgd.learning_rate': 0.2 }), /sgd.learning_rate and learning_rate both set learning_rate/);
  });
});
