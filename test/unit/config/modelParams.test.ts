// The built-in models' parameter table and how config validation applies it to a model trial's space.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { checkModelParams, MODEL_PARAMS } from '../../../src/core/models/modelParams';
import { formatKeyPath } from '../../../src/core/problems';
import type { SearchSpace } from '../../../src/core/samplers/sampler';

function messagesOf(model: 'mlp' | 'cnn', space: SearchSpace): string[] {
  return checkModelParams(model, space).map((f) => `${f.param}${f.severity ? ` (${f.severity})` : ''}: ${f.message}`);
}

describe('model parameters: the table', () => {
  it('gives every parameter a description and a default that its own rules accept', () => {
    for (const [model, table] of Object.entries(MODEL_PARAMS)) {
      for (const [name, param] of Object.entries(table)) {
        assert.ok(param.description.length > 10, `${model}.${name} has a description`);
        const fixed: SearchSpace = { [name]: categoricalDistribution([param.default]) };
        assert.deepEqual(messagesOf(model as 'mlp' | 'cnn', fixed).filter((m) => !m.includes('(warning)')), [], `${model}.${name} default`);
      }
    }
  });

  it('shares the training parameters and keeps the architectures apart', () => {
    for (const name of ['learning_rate', 'optimizer', 'batch_size', 'epochs', 'patience', 'dropout', 'l2', 'batch_norm', 'activation']) {
      assert.ok(name in MODEL_PARAMS.mlp && name in MODEL_PARAMS.cnn, name);
    }
    assert.ok(!('conv_blocks' in MODEL_PARAMS.mlp) && !('units' in MODEL_PARAMS.cnn));
  });
});

describe('model parameters: checking a space', () => {
  it('accepts ranges inside the limits, fixed values and lists of choices', () => {
    const space: SearchSpace = {
      learning_rate: floatDistribution(1e-4, 1e-1, { log: true }),
      units: intDistribution(8, 256, { log: true }),
      layers: categoricalDistribution([1, 2, 3]),
      batch_size: categoricalDistribution([16, 32, 64]),
      epochs: categoricalDistribution([40]),
      dropout: floatDistribution(0, 0.5, { step: 0.05 }),
      l2: intDistribution(0, 1),
      activation: categoricalDistribution(['relu', 'tanh', 'gelu', 'swish']),
      optimizer: categoricalDistribution(['adam', 'sgd']),
      momentum: floatDistribution(0, 0.9),
      batch_norm: categoricalDistribution([true, false]),
      loss: categoricalDistribution(['mae']),
    };
    assert.deepEqual(messagesOf('mlp', space), []);
  });

  it('flags unknown names with a did-you-mean, and names of the other model', () => {
    assert.deepEqual(messagesOf('mlp', { unit: intDistribution(1, 8), x: floatDistribution(0, 1) }).map((m) => m.split(' (parameters')[0]), [
      "unit: mlp has no parameter 'unit'; did you mean 'units'?",
      "x: mlp has no parameter 'x'",
    ]);
    assert.match(messagesOf('cnn', { units: intDistribution(1, 8) })[0] ?? '', /cnn has no parameter 'units'/);
    assert.match(messagesOf('cnn', { dense_unit: intDistribution(1, 8) })[0] ?? '', /did you mean 'dense_units'/);
  });

  it('flags ranges and choices outside what a parameter allows', () => {
    assert.deepEqual(messagesOf('mlp', {
      dropout: floatDistribution(0, 1.5),
      learning_rate: floatDistribution(0, 0.1),
      units: floatDistribution(8, 64),
      layers: categoricalDistribution([1, 2.5]),
      optimizer: categoricalDistribution(['adam', 'adamw']),
      activation: categoricalDistribution([1]),
      batch_norm: categoricalDistribution(['yes']),
      epochs: categoricalDistribution(['many']),
      l2: floatDistribution(-1, 0),
    }), [
      'dropout: dropout must be in [0, 1), got [0, 1.5]',
      'learning_rate: learning_rate must be in (0, 10], got [0, 0.1]',
      'units: units takes whole numbers: write { int: [8, 64] } instead of float',
      'layers: layers takes whole numbers, got 2.5',
      "optimizer: optimizer cannot be \"adamw\"; did you mean 'adam'? (choices: adam, adamax, sgd, rmsprop, adagrad, adadelta)",
      'activation: activation cannot be 1 (choices: relu, relu6, elu, selu, tanh, sigmoid, hard_sigmoid, softplus, softsign, swish, mish, gelu, linear)',
      'batch_norm: batch_norm is true or false: write [true, false] to tune it, or a fixed true or false',
      'epochs: epochs must be a number in [1, 100000], got "many"',
      'l2: l2 must be ≥ 0, got [-1, 0]',
    ]);
    assert.deepEqual(messagesOf('cnn', { pooling: categoricalDistribution(['max', 'mean']), kernel_size: intDistribution(0, 3) }), [
      'pooling: pooling cannot be "mean" (choices: max, avg)',
      'kernel_size: kernel_size must be in [1, 15], got [0, 3]',
    ]);
  });

  it('warns when momentum is tuned but sgd is never picked', () => {
    assert.match(messagesOf('mlp', { momentum: floatDistribution(0, 0.9) })[0] ?? '', /^momentum \(warning\): momentum only applies when optimizer is sgd/);
    assert.match(messagesOf('mlp', { momentum: floatDistribution(0, 0.9), optimizer: categoricalDistribution(['adam']) })[0] ?? '', /warning/);
    assert.deepEqual(messagesOf('mlp', { momentum: floatDistribution(0, 0.9), optimizer: categoricalDistribution(['sgd']) }), []);
  });
});

describe('model parameters in a config', () => {
  const config = (space: string, objective = 'objective: { metric: val_accuracy, direction: maximize }', trial = 'trial:\n  model: mlp\n  data: { path: d.csv, target: y }\n') =>
    parseConfig(`${objective}\nspace:\n${space}${trial}`, 't.tune.yaml').problems.map((p) => `${p.severity} ${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)}`);

  it('reports each finding at its space parameter, unknown names on the name', () => {
    assert.deepEqual(config('  units: { float: [1, 8] }\n  unitz: 3\n'), ['error 3:10 space.units', 'error 4:3 space.unitz']);
  });

  it('reports an unused momentum as a warning that does not stop the study', () => {
    const text = 'objective: val_loss\nspace:\n  momentum: { float: [0, 0.9] }\ntrial:\n  model: mlp\n  data: { path: d.csv, target: y }\n';
    const { config: parsed, problems } = parseConfig(text, 't.tune.yaml');
    assert.ok(parsed);
    assert.deepEqual(problems.map((p) => `${p.severity} ${formatKeyPath(p.path)}`), ['warning search', 'warning space.momentum']);
  });

  it('checks the objective metric of a model trial in both forms, but not of a command trial', () => {
    assert.deepEqual(config('  units: { int: [1, 8] }\n', 'objective: val_los'), ['error 1:12 objective']);
    assert.deepEqual(config('  units: { int: [1, 8] }\n', 'objective: { metric: f1 }'), ['error 1:22 objective.metric']);
    const command = 'trial:\n  command: [python, t.py]\n';
    assert.deepEqual(config('  anything: { int: [1, 8] }\n', 'objective: f1', command).filter((p) => p.startsWith('error')), []);
  });
});
