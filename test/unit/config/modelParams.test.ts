// The built-in models' parameter table and how config validation applies it to a model trial's space.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { checkModelParams } from '../../../src/core/models/checkModelParams';
import { MODEL_PARAMS } from '../../../src/core/models/modelParams';
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

  it('is documented, every parameter and per-layer name, in docs/model-params.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'model-params.md'), 'utf8');
    for (const table of Object.values(MODEL_PARAMS)) {
      for (const [name, param] of Object.entries(table)) {
        assert.ok(doc.includes(`| \`${name}\``), `${name} has its row`);
        if (param.perLayer) assert.ok(doc.includes(`\`${name}\`, \`${name}_i\``), `${name}_i is named beside ${name}`);
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

describe('model parameters: per layer, per optimizer and per branch', () => {
  it('knows units_i, dropout_i and activation_i up to the most hidden layers, filters_i and kernel_size_i up to the most conv blocks', () => {
    const layers = categoricalDistribution([32]);
    assert.deepEqual(messagesOf('mlp', { layers, units_0: intDistribution(8, 64), units_31: intDistribution(8, 64), dropout_2: floatDistribution(0, 0.5), activation_5: categoricalDistribution(['tanh']) }), []);
    assert.deepEqual(messagesOf('mlp', { layers, units_32: intDistribution(8, 64) }), [
      'units_32: mlp has at most 32 hidden layers (layers ≤ 32), so units_32 is never used: per-layer names run from units_0 to units_31',
    ]);
    assert.deepEqual(messagesOf('cnn', { conv_blocks: categoricalDistribution([8]), filters_7: intDistribution(8, 64), kernel_size_0: categoricalDistribution([3, 5]), filters_8: intDistribution(8, 64) }), [
      'filters_8: cnn has at most 8 conv blocks (conv_blocks ≤ 8), so filters_8 is never used: per-layer names run from filters_0 to filters_7',
    ]);
    // Per layer only where that means something, and each copy within its parameter's range.
    assert.match(messagesOf('mlp', { learning_rate_0: floatDistribution(0.1, 0.2) })[0] ?? '', /^learning_rate_0: mlp has no parameter 'learning_rate_0'.*per layer: units_i, activation_i, dropout_i\)$/);
    assert.match(messagesOf('cnn', { units_0: intDistribution(8, 64) })[0] ?? '', /cnn has no parameter 'units_0'/);
    assert.deepEqual(messagesOf('mlp', { layers, dropout_1: floatDistribution(0, 1.5) }), ['dropout_1: dropout_1 must be in [0, 1), got [0, 1.5]']);
  });

  it('warns about a layer the space never has', () => {
    assert.deepEqual(messagesOf('mlp', { layers: intDistribution(1, 3), units_3: intDistribution(8, 64) }), ['units_3 (warning): units_3 only applies when layers > 3, which this space never picks; it will be ignored']);
    // Without layers in the space, the default 2 hidden layers.
    assert.deepEqual(messagesOf('mlp', { units_1: intDistribution(8, 64) }), []);
    assert.equal(messagesOf('mlp', { units_2: intDistribution(8, 64) }).length, 1);
    assert.deepEqual(messagesOf('cnn', { conv_blocks: intDistribution(1, 3), filters_2: intDistribution(8, 64) }), []);
  });

  it('knows each optimizer-specific parameter and which optimizers read it', () => {
    const all = categoricalDistribution(['adam', 'adamax', 'sgd', 'rmsprop', 'adagrad', 'adadelta']);
    const space: SearchSpace = {
      optimizer: all,
      momentum: floatDistribution(0, 0.99),
      nesterov: categoricalDistribution([true, false]),
      beta1: floatDistribution(0.8, 0.99),
      beta2: floatDistribution(0.99, 0.9999),
      epsilon: floatDistribution(1e-8, 1e-6, { log: true }),
      rho: floatDistribution(0.8, 0.99),
      centered: categoricalDistribution([true, false]),
      decay: floatDistribution(0, 0.01),
      initial_accumulator_value: floatDistribution(0.01, 1),
    };
    assert.deepEqual(messagesOf('mlp', space), []);
    assert.deepEqual(messagesOf('cnn', { optimizer: categoricalDistribution(['sgd']), beta1: floatDistribution(0.8, 0.99), centered: categoricalDistribution([true]) }), [
      'beta1 (warning): beta1 only applies when optimizer is adam or adamax, which this space never picks; it will be ignored',
      'centered (warning): centered only applies when optimizer is rmsprop, which this space never picks; it will be ignored',
    ]);
    assert.deepEqual(messagesOf('mlp', { beta1: floatDistribution(0.8, 1), epsilon: floatDistribution(0, 1e-3) }), [
      'beta1: beta1 must be in [0, 1), got [0.8, 1]',
      'epsilon: epsilon must be in (0, 1], got [0, 0.001]',
    ]);
  });

  it('a branch opened by the optimizers that read the parameter needs no warning; one opened by an optimizer that ignores it gets one', () => {
    const optimizer = categoricalDistribution(['sgd', 'adam', 'rmsprop']);
    const space: SearchSpace = { optimizer, momentum: floatDistribution(0, 0.9), beta1: floatDistribution(0.8, 0.99) };
    assert.deepEqual(messagesOf('mlp', space), [], 'flat: some optimizer reads each');
    const conditions = { momentum: [{ parent: 'optimizer', values: ['sgd', 'rmsprop'] }], beta1: [{ parent: 'optimizer', values: ['adam'] }] };
    assert.deepEqual(checkModelParams('mlp', space, conditions), []);
    const wrongBranch = { momentum: [{ parent: 'optimizer', values: ['sgd', 'adam'] }] };
    assert.deepEqual(checkModelParams('mlp', space, wrongBranch).map((f) => `${f.param} ${f.severity}: ${f.message}`), [
      'momentum warning: momentum is active when optimizer is adam, which ignores it (it applies when optimizer is sgd or rmsprop)',
    ]);
    const layerWhen = { units_2: [{ parent: 'layers', values: [2, 3] }] };
    assert.deepEqual(checkModelParams('mlp', { layers: intDistribution(1, 3), units_2: intDistribution(8, 64) }, layerWhen).map((f) => f.message), [
      'units_2 is active when layers is 2, which ignores it (it applies when layers > 2)',
    ]);
  });

  it('branch copies (sgd.learning_rate) are the parameter they copy; two unconditional names for one setting are an error', () => {
    const conditions = { 'sgd.learning_rate': [{ parent: 'optimizer', values: ['sgd'] }], 'adam.learning_rate': [{ parent: 'optimizer', values: ['adam'] }] };
    const space: SearchSpace = { optimizer: categoricalDistribution(['sgd', 'adam']), 'sgd.learning_rate': floatDistribution(0.01, 0.5), 'adam.learning_rate': floatDistribution(1e-4, 20) };
    assert.deepEqual(checkModelParams('mlp', space, conditions).map((f) => f.message), ['adam.learning_rate must be in (0, 10], got [0.0001, 20]']);
    assert.deepEqual(messagesOf('mlp', { learning_rate: floatDistribution(0.01, 0.1), 'adam.learning_rate': floatDistribution(0.01, 0.1) }), [
      'adam.learning_rate: adam.learning_rate and learning_rate both set learning_rate in every trial; keep one (branch copies such as sgd.learning_rate and adam.learning_rate are fine: one branch is taken)',
    ]);
  });
});

describe('model parameters in a conditional config', () => {
  const problemsOf = (space: string) =>
    parseConfig(`objective: val_loss\nsearch: { trials: 10 }\nspace:\n${space}trial:\n  model: mlp\n  data: { path: d.csv, target: y }\n`, 't.tune.yaml').problems.map((p) => `${p.severity} ${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)}: ${p.message}`);

  it('reports a branch parameter at its key in the branch, and the copies of each: once at the key that makes them', () => {
    const space = [
      '  optimizer:',
      '    choice:',
      '      sgd: { momentum: { float: [0.0, 0.99] }, nesterov: [true, false] }',
      '      adam:',
      '        momentum: { float: [0.0, 0.9] }',
      '        beta1: { float: [0.8, 0.999] }',
      '        betta2: 0.99',
      '  layers: { int: [1, 3] }',
      '  units: { int: [16, 9000], log: true, each: layers }',
      '',
    ].join('\n');
    assert.deepEqual(problemsOf(space), [
      'warning 8:19 space.optimizer.choice.adam.momentum: adam.momentum is active when optimizer is adam, which ignores it (it applies when optimizer is sgd or rmsprop)',
      "error 10:9 space.optimizer.choice.adam.betta2: mlp has no parameter 'betta2'; did you mean 'beta2'? (parameters: layers, units, activation, dropout, l2, batch_norm, learning_rate, optimizer, momentum, nesterov, beta1, beta2, epsilon, rho, centered, decay, initial_accumulator_value, batch_size, epochs, patience, loss; per layer: units_i, activation_i, dropout_i)",
      'error 12:10 space.units: units_0 must be in [1, 8192], got [16, 9000] (and so for units_1, units_2)',
    ]);
  });

  it('validates optimizer branches and per-layer units without a problem', () => {
    const space = [
      '  optimizer:',
      '    choice:',
      '      sgd: { momentum: { float: [0.0, 0.99] }, nesterov: [true, false], learning_rate: { float: [0.01, 0.3], log: true } }',
      '      rmsprop: { momentum: { float: [0.0, 0.9] }, rho: { float: [0.8, 0.99] }, centered: [true, false] }',
      '      adam: { beta1: { float: [0.8, 0.999] }, learning_rate: { float: [1.0e-4, 1.0e-2], log: true } }',
      '  layers: { int: [1, 3] }',
      '  units: { int: [16, 256], log: true, each: layers }',
      '  dropout: { float: [0.0, 0.5], each: layers }',
      '',
    ].join('\n');
    assert.deepEqual(problemsOf(space), []);
  });
});
