// Completions while a config is typed, on the examples: exact labels and insert texts, so a missing
// or extra item, or a snippet that would write broken YAML, shows here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configCompletions, type CompletionInputs } from '../../../src/core/config/completions';
import { MODEL_PARAMS } from '../../../src/core/models/modelParams';
import { COMMAND_CONFIG, CONDITIONAL, cursor, DIGITS, IRIS } from './cursorAt';

function labels(text: string, find: string, replace?: string, inputs?: CompletionInputs): string[] {
  const { text: edited, offset } = cursor(text, find, replace);
  return configCompletions(edited, offset, inputs).map((item) => item.label);
}

function inserts(text: string, find: string, replace?: string): Record<string, string> {
  const { text: edited, offset } = cursor(text, find, replace);
  return Object.fromEntries(configCompletions(edited, offset).map((item) => [item.label, item.insertText]));
}

describe('configCompletions', () => {
  it('offers every sampler after `sampler: `, each with its doc, replacing the word typed', () => {
    const { text, offset } = cursor(IRIS, '  sampler: tpe', '  sampler: t|');
    const items = configCompletions(text, offset);
    assert.deepEqual(items.map((item) => item.label), ['random', 'grid', 'tpe', 'qmc', 'gp', 'nsga2', 'rf']);
    assert.equal(items[2]?.doc, 'Tree-structured Parzen Estimator, as in Optuna 5 (multivariate with one objective, constant liar; with several objectives, its multi-objective TPE; with constraints, feasible trials first). compat: optuna31 reproduces Optuna 3.1.');
    assert.deepEqual(items[2]?.replace, [offset - 1, offset]);
    assert.deepEqual(labels(DIGITS, 'type: |tpe'), ['random', 'grid', 'tpe', 'qmc', 'gp', 'nsga2', 'rf']);
  });

  it('offers the pruners, and the options of the pruner and sampler written, less those already there', () => {
    assert.deepEqual(labels(IRIS, '{ type: |asha'), ['none', 'median', 'percentile', 'asha', 'successive_halving', 'hyperband', 'pareto_asha']);
    assert.deepEqual(inserts(IRIS, 'reduction_factor: 3 }', 'reduction_factor: 3, | }'), { min_early_stopping_rate: 'min_early_stopping_rate: ', bootstrap_count: 'bootstrap_count: ' });
    assert.deepEqual(labels(DIGITS, 'n_startup_trials: 8 }', 'n_startup_trials: 8, | }'), ['compat', 'multivariate', 'group', 'constant_liar', 'n_ei_candidates', 'prior_weight', 'consider_prior', 'consider_magic_clip', 'consider_endpoints']);
    assert.deepEqual(labels(IRIS, 'min_resource: |2'), ['auto']);
  });

  it('offers the keys a section lacks; a section key opens an indented block', () => {
    assert.deepEqual(labels(IRIS, '  seed: 7\n', '  seed: 7\n  |\n'), ['timeout', 'retries', 'gpus']);
    assert.deepEqual(inserts(IRIS, 'name: iris-mlp\n', 'name: iris-mlp\n|\n'), { constraints: 'constraints: ', apply: 'apply: ', storage: 'storage: ' });
    assert.deepEqual(inserts('name: x\n', 'name: x\n', 'name: x\n|'), { objective: 'objective: ', constraints: 'constraints: ', search: 'search:\n\t$0', space: 'space:\n\t$0', trial: 'trial:\n\t$0', apply: 'apply: ', storage: 'storage: ' });
    assert.deepEqual(labels(IRIS, '  timeout: 10m\n', '  timeout: 10m\n  |\n'), ['input_shape']);
    assert.deepEqual(labels(IRIS, 'validation: { kfold: 5 } }', 'validation: { kfold: 5 }, | }'), ['format']);
  });

  it('offers the parameters an mlp trains with under space:, with their ranges as snippets', () => {
    const items = inserts(IRIS, '  epochs: 40\n', '  epochs: 40\n  |\n');
    assert.deepEqual(items, {
      l2: 'l2: { float: [${1:0}, ${2:high}] }',
      batch_norm: 'batch_norm: [true, false]',
      optimizer: 'optimizer: [${1:adam}, ${2:adamax}]',
      momentum: 'momentum: { float: [${1:0}, ${2:high}] }',
      nesterov: 'nesterov: [true, false]',
      beta1: 'beta1: { float: [${1:0}, ${2:high}] }',
      beta2: 'beta2: { float: [${1:0}, ${2:high}] }',
      epsilon: 'epsilon: { float: [${1:low}, ${2:1}] }',
      rho: 'rho: { float: [${1:0}, ${2:high}] }',
      centered: 'centered: [true, false]',
      decay: 'decay: { float: [${1:0}, ${2:high}] }',
      initial_accumulator_value: 'initial_accumulator_value: { float: [${1:0}, ${2:high}] }',
      batch_size: 'batch_size: { int: [${1:1}, ${2:65536}] }',
      patience: 'patience: { int: [${1:0}, ${2:100000}] }',
      loss: 'loss: [${1:mse}, ${2:mae}]',
    });
    const fresh = labels(IRIS, '  epochs: 40\n', '  epochs: 40\n  un|\n');
    assert.ok(!fresh.includes('units'), 'units is written already');
    const cnn = labels(DIGITS, '  epochs: 20\n', '  epochs: 20\n  |\n');
    assert.deepEqual(cnn, Object.keys(MODEL_PARAMS.cnn).filter((name) => !['learning_rate', 'filters', 'kernel_size', 'dense_units', 'dropout', 'batch_size', 'epochs'].includes(name)));
    assert.deepEqual(labels(IRIS, '[relu, tanh, elu]', '[relu, tanh, elu, |]'), ['relu6', 'selu', 'sigmoid', 'hard_sigmoid', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'linear']);
  });

  it('offers the forms of a parameter after its name, and the keys of a range inside it', () => {
    assert.deepEqual(inserts(IRIS, '  epochs: 40\n', '  epochs: 40\n  warmup: |\n'), {
      '{ float: [low, high], log: true }': '{ float: [${1:1.0e-4}, ${2:1.0e-1}], log: true }',
      '{ float: [low, high] }': '{ float: [${1:0.0}, ${2:1.0}] }',
      '{ int: [low, high] }': '{ int: [${1:1}, ${2:10}] }',
      '[choice, …]': '[${1:a}, ${2:b}]',
      '{ choice: { branch: { … }, … } }': '{ choice: { ${1:a}: { ${2:param}: ${3:[x, y]} }, ${4:b}: null } }',
      'fixed value': '${1:value}',
    });
    assert.deepEqual(labels(IRIS, '{ int: [1, 3] }', '{ int: [1, 3], | }'), ['log', 'step', 'grid', 'when', 'each']);
    assert.deepEqual(labels(IRIS, '{ int: [8, 256], log: |true }'), ['true', 'false']);
  });

  it('offers the enum values of objective and trial, and the model metrics for a model trial', () => {
    assert.deepEqual(labels(IRIS, 'direction: |maximize'), ['minimize', 'maximize']);
    assert.deepEqual(labels(IRIS, 'metric: |val_accuracy'), ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'mae', 'val_mae', 'mse', 'val_mse', 'parameter_count', 'train_seconds', 'inference_ms']);
    assert.deepEqual(labels(COMMAND_CONFIG, 'metric: |val_loss'), [], 'a command reports any metric');
    assert.deepEqual(labels(IRIS, 'model: |mlp'), ['mlp', 'cnn']);
    assert.deepEqual(labels(IRIS, 'backend: |auto'), ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    assert.deepEqual(labels(COMMAND_CONFIG, 'metrics: |stdout'), ['stdout']);
  });

  it('offers the data file’s columns for target:, as the caller read them', () => {
    const columns = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'];
    const asked: unknown[] = [];
    const columnsOf = (data: unknown): readonly string[] => (asked.push(data), columns);
    assert.deepEqual(labels(IRIS, 'target: |species', undefined, { columnsOf }), columns);
    assert.deepEqual(asked, [{ path: 'data/iris.csv' }]);
    assert.deepEqual(labels(IRIS, 'target: |species'), [], 'no reader, no columns');
    assert.deepEqual(labels(IRIS, 'target: |species', undefined, { columnsOf: () => undefined }), [], 'not read yet');
    labels(IRIS, 'direction: |maximize', undefined, { columnsOf });
    assert.equal(asked.length, 1, 'the file is asked for only when target: is completed');
  });

  it('offers the space parameters inside ${…}, closing the brace only where it is not there yet', () => {
    assert.deepEqual(inserts(COMMAND_CONFIG, '"${|l2}"'), { learning_rate: 'learning_rate', l2: 'l2', batch_size: 'batch_size', epochs: 'epochs' });
    assert.deepEqual(inserts(COMMAND_CONFIG, '--l2, "${l2}"', '--l2, "${|"')['l2'], 'l2}');
  });

  describe('in a conditional space', () => {
    it('offers when:, each: and choice: inside a parameter, in a branch too, each with its doc', () => {
      const { text, offset } = cursor(CONDITIONAL, 'momentum: { float: [0.0, 0.99] }', 'momentum: { | }');
      const items = configCompletions(text, offset);
      assert.deepEqual(items.map((item) => item.label), ['float', 'int', 'choice', 'log', 'step', 'grid', 'when', 'each']);
      assert.match(items.find((item) => item.label === 'when')?.doc ?? '', /^Only in trials where other parameters take these values/);
      assert.deepEqual(labels(CONDITIONAL, 'step: 2, when', 'step: 2, | when'), ['log', 'grid', 'when', 'each']);
      assert.deepEqual(labels(CONDITIONAL, 'momentum: { float: [0.0, 0.99] }', 'momentum: { choice: [a, b], | }'), ['when', 'each']);
      assert.deepEqual(labels(CONDITIONAL, 'momentum: { float: [0.0, 0.99] }', 'momentum: |')[4], '{ choice: { branch: { … }, … } }');
    });

    it('inside when: { | } offers the choices and ints that can be parents (not itself); after a parent, its values', () => {
      assert.deepEqual(labels(CONDITIONAL, 'when: { model: cnn }', 'when: { | }'), ['optimizer', 'model', 'layers', 'units_0', 'units_1', 'units_2']);
      assert.deepEqual(labels(CONDITIONAL, 'when: { model: cnn }', 'when: { model: cnn, | }'), ['optimizer', 'layers', 'units_0', 'units_1', 'units_2']);
      assert.deepEqual(labels(CONDITIONAL, 'when: { model: cnn }', 'when: { model: | }'), ['mlp', 'cnn']);
      assert.deepEqual(labels(CONDITIONAL, 'when: { model: cnn }', 'when: { model: [mlp, |] }'), ['cnn'], 'a value the list holds is not offered again');
      assert.deepEqual(labels(CONDITIONAL, 'when: { model: cnn }', 'when: { layers: | }'), ['1', '2', '3']);
      assert.deepEqual(labels(CONDITIONAL, 'each: layers', 'each: |'), ['kernel_size', 'layers'], 'ints whose range lies in 0–64');
    });

    it('inside ${…} offers every parameter, name? for those some trials lack, and a name split across branches', () => {
      const { text, offset } = cursor(CONDITIONAL, '    - ${lr}', '    - ${|}');
      const items = configCompletions(text, offset);
      assert.deepEqual(items.map((item) => item.label), ['optimizer', 'sgd.lr?', 'momentum?', 'adam.lr?', 'beta1?', 'model', 'kernel_size?', 'layers', 'units_0', 'units_1?', 'units_2?', 'lr']);
      assert.equal(items.find((item) => item.label === 'momentum?')?.insertText, 'momentum?');
      assert.match(items.find((item) => item.label === 'momentum?')?.doc ?? '', /not every trial has \(it is only active when optimizer = sgd\)/);
    });

    it('an apply map may name every parameter: branch variants, per-layer copies and the name split across branches', () => {
      const withApply = `${CONDITIONAL}apply:\n  - { file: train.json, map: { units_0: first } }\n`;
      assert.deepEqual(labels(withApply, 'map: { units_0: first }', 'map: { units_0: first, | }'), ['optimizer', 'sgd.lr', 'momentum', 'adam.lr', 'beta1', 'model', 'kernel_size', 'layers', 'units_1', 'units_2', 'lr']);
    });
  });
});
