// Every hyperparameter of the table reaches the model, the optimizer or the training loop.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import { MODEL_PARAMS, type ModelParam } from '../../../src/core/models/modelParams';
import { Rng } from '../../../src/core/rng';
import { buildCnn, buildMlp, createOptimizer, loadBackend, resolveParams, type Tf } from '../../../src/runner/trainer';
import { FoldSession } from '../../../src/runner/trainer/foldSession';
import type { CnnArchitecture } from '../../../src/runner/trainer/params';
import { scaleFold } from '../../../src/runner/trainer/scaling';
import { exampleData } from './helpers';

let tf: Tf;
before(async () => {
  ({ tf } = await loadBackend('wasm'));
});

type Params = Record<string, ParamValue>;

function build(model: 'mlp' | 'cnn', params: Params, seed = 1) {
  const { architecture } = resolveParams(model, params);
  const ctx = { tf, rng: new Rng(seed) };
  return architecture.kind === 'mlp' ? buildMlp(ctx, architecture, 4, 3) : buildCnn(ctx, architecture, [8, 8, 1], 10);
}

/** The layers after the input, which the builders declare explicitly. */
function layersOf(model: ReturnType<typeof build>) {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

/** Layer class names in order, e.g. Dense, BatchNormalization, Activation. */
function layerClasses(model: ReturnType<typeof build>): string[] {
  return layersOf(model).map((layer) => layer.getClassName());
}

function configOf(model: ReturnType<typeof build>, index: number): Record<string, unknown> {
  return layersOf(model)[index]?.getConfig() as Record<string, unknown>;
}

/** Everything a parameter could change, without the names and seeds that differ between any two builds. */
function fingerprint(model: 'mlp' | 'cnn', params: Params): string {
  const { training } = resolveParams(model, params);
  const built = build(model, params);
  const optimizer = createOptimizer(tf, training);
  const strip = (key: string, value: unknown): unknown => (key === 'name' || key === 'seed' ? undefined : value);
  const text = JSON.stringify({ layers: built.layers.map((l) => [l.getClassName(), l.getConfig()]), optimizer: [optimizer.getClassName(), optimizer.getConfig()], training }, strip);
  built.dispose();
  optimizer.dispose();
  return text;
}

function otherValue(param: ModelParam): ParamValue {
  switch (param.type) {
    case 'bool':
      return !param.default;
    case 'choice':
      return param.choices.find((c) => c !== param.default) as string;
    case 'int':
      return param.default + 1 <= param.max ? param.default + 1 : param.default - 1;
    case 'float':
      return param.default === 0 ? 0.25 : param.default / 2;
  }
}

describe('hyperparameters reach the model', () => {
  for (const model of ['mlp', 'cnn'] as const) {
    it(`${model}: changing any one parameter changes the model, the optimizer or the training settings`, () => {
      for (const [name, param] of Object.entries(MODEL_PARAMS[model])) {
        // An optimizer's own settings only mean something to it (nesterov with momentum).
        const base: Params = param.onlyWith ? { [param.onlyWith.param]: param.onlyWith.values[0] ?? '', ...(name === 'nesterov' ? { momentum: 0.9 } : {}) } : {};
        assert.notEqual(fingerprint(model, { ...base, [name]: otherValue(param) }), fingerprint(model, base), `${model}.${name}`);
      }
    });
  }

  it('mlp: units set the width, layers the depth, batch_norm and dropout add their layers', () => {
    const count = (params: Params) => build('mlp', params).countParams();
    assert.equal(count({ layers: 1, units: 8 }), 4 * 8 + 8 + 8 * 3 + 3);
    assert.equal(count({ layers: 1, units: 16 }), 4 * 16 + 16 + 16 * 3 + 3);
    assert.deepEqual(layerClasses(build('mlp', { layers: 3 })), ['Dense', 'Dense', 'Dense', 'Dense']);
    assert.deepEqual(layerClasses(build('mlp', { layers: 0 })), ['Dense']);
    assert.deepEqual(layerClasses(build('mlp', { layers: 1, batch_norm: true, dropout: 0.3 })), ['Dense', 'BatchNormalization', 'Activation', 'SeededDropout', 'Dense']);
    const withNorm = build('mlp', { layers: 1, batch_norm: true, activation: 'elu' });
    assert.equal(configOf(withNorm, 0).useBias, false);
    assert.equal(configOf(withNorm, 2).activation, 'elu');
    assert.equal(configOf(build('mlp', { layers: 1, activation: 'hard_sigmoid' }), 0).activation, 'hardSigmoid');
    assert.equal(configOf(build('mlp', { layers: 1, dropout: 0.3 }), 1).rate, 0.3);
    assert.deepEqual(configOf(build('mlp', { layers: 1, l2: 0.01 }), 0).kernelRegularizer, { className: 'L1L2', config: { l1: 0, l2: 0.01 } });
    assert.equal(configOf(build('mlp', { layers: 1 }), 0).kernelRegularizer, null);
  });

  it('dropout is active in training only, with a fresh mask for every batch', () => {
    const model = build('mlp', { layers: 1, units: 64, dropout: 0.5 });
    const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0.5, 2, 1]]);
    const run = (training: boolean) => tf.tidy(() => Array.from((model.apply(x, { training }) as typeof x).dataSync()));
    assert.notDeepEqual(run(true), run(true));
    assert.deepEqual(run(false), run(false));
    x.dispose();
    model.dispose();
  });

  it('cnn: blocks, filters (doubling), kernel size, pooling and the dense layer', () => {
    const model = build('cnn', { conv_blocks: 3, filters: 4, kernel_size: 2, pooling: 'avg', dense_units: 12 });
    assert.deepEqual(layerClasses(model), ['Conv2D', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dense']);
    assert.deepEqual([0, 2, 4].map((i) => configOf(model, i).filters), [4, 8, 16]);
    assert.deepEqual(configOf(model, 0).kernelSize, [2, 2]);
    assert.equal(configOf(model, 7).units, 12);
    // Max pooling with a non-decreasing activation and no batch norm: one PooledConv2D layer per block.
    // 8×8 halves to 1×1 after three blocks; a fourth block has nothing left to pool.
    assert.deepEqual(layerClasses(build('cnn', { conv_blocks: 4, dense_units: 0 })), ['PooledConv2D', 'PooledConv2D', 'PooledConv2D', 'Conv2D', 'Flatten', 'Dense']);
    assert.deepEqual(layerClasses(build('cnn', { conv_blocks: 1, dense_units: 0, dropout: 0.2 })), ['PooledConv2D', 'Flatten', 'SeededDropout', 'Dense']);
    const pooled = build('cnn', { conv_blocks: 2, filters: 4, kernel_size: 2, activation: 'elu', l2: 0.01 });
    assert.deepEqual([0, 1].map((i) => configOf(pooled, i).filters), [4, 8]);
    assert.deepEqual([configOf(pooled, 0).kernelSize, configOf(pooled, 0).activation, configOf(pooled, 0).l2], [2, 'elu', 0.01]);
    assert.equal(pooled.countParams(), 2 * 2 * 1 * 4 + 4 + 2 * 2 * 4 * 8 + 8 + 2 * 2 * 8 * 64 + 64 + 64 * 10 + 10);
    const penalties = pooled.calculateLosses();
    assert.equal(penalties.length, 4, 'each kernel has its l2 penalty');
    tf.dispose(penalties);
    // Not with batch norm, average pooling or an activation that can decrease.
    assert.deepEqual(layerClasses(build('cnn', { conv_blocks: 1, dense_units: 0, batch_norm: true })), ['Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Flatten', 'Dense']);
    assert.deepEqual(layerClasses(build('cnn', { conv_blocks: 1, dense_units: 0, activation: 'swish' })), ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    const { architecture } = resolveParams('cnn', { conv_blocks: 1 });
    assert.equal(architecture.kind, 'cnn');
    const flat = buildCnn({ tf, rng: new Rng(1) }, architecture as CnnArchitecture, [64], 10);
    assert.deepEqual(layerClasses(flat).slice(0, 3), ['Reshape', 'Conv1D', 'MaxPooling1D']);
  });

  it('the optimizer, its learning rate and sgd momentum', () => {
    const optimizer = (params: Params) => createOptimizer(tf, resolveParams('mlp', params).training);
    const names = ['adam', 'adamax', 'sgd', 'rmsprop', 'adagrad', 'adadelta'].map((name) => optimizer({ optimizer: name }).getClassName());
    assert.deepEqual(names, ['Adam', 'Adamax', 'SGD', 'RMSProp', 'Adagrad', 'Adadelta']);
    const momentum = optimizer({ optimizer: 'sgd', momentum: 0.9, learning_rate: 0.05 });
    assert.equal(momentum.getClassName(), 'Momentum');
    assert.deepEqual(momentum.getConfig(), { learningRate: 0.05, momentum: 0.9, useNesterov: false });
    assert.equal(optimizer({ learning_rate: 0.02 }).getConfig().learningRate, 0.02);
  });

  it('batch_size sets the number of gradient steps per epoch', async () => {
    const data = await exampleData('iris', 'species', 0.2);
    const [first] = data.folds;
    assert.ok(first);
    const fold = scaleFold(first, data.task);
    for (const [batchSize, steps] of [[10, 12], [32, 4], [500, 1]]) {
      const session = new FoldSession(tf, fold, { task: 'classification', outputs: 3, sampleShape: [4] }, resolveParams('mlp', { batch_size: batchSize as number }), 1);
      session.startEpoch();
      let taken = 0;
      for (; !session.epochDone; taken++) session.step();
      session.finishEpoch();
      session.dispose();
      assert.equal(taken, steps, `batch_size ${batchSize}`);
    }
  });

  it('rejects unknown parameters and values out of range, as config validation does', () => {
    assert.throws(() => resolveParams('mlp', { unitz: 3 }), /mlp has no parameter 'unitz'; did you mean 'units'\?/);
    assert.throws(() => resolveParams('mlp', { dropout: 1 }), /dropout must be in \[0, 1\), got 1/);
    assert.throws(() => resolveParams('cnn', { pooling: 'mean' }), /pooling cannot be "mean"/);
  });
});
