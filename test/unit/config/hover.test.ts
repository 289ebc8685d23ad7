// Hover over the examples: a key's doc (the same text the JSON schema gives), a sampler's or
// pruner's option by the type written, a model parameter's meaning and range, an enum value's
// meaning, and where a `${name}` of a command comes from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configHover } from '../../../src/core/config/hover';
import { COMMAND_CONFIG, DIGITS, IRIS, offsetOf } from './cursorAt';

function hoverText(text: string, word: string, into = 1): string | null {
  return configHover(text, offsetOf(text, word, into))?.markdown ?? null;
}

describe('configHover', () => {
  it('explains a key with its doc and marks the key', () => {
    const offset = offsetOf(IRIS, 'sampler:');
    assert.deepEqual(configHover(IRIS, offset), {
      markdown: "**sampler**: How the next trial's parameters are chosen (default tpe). A name, or a map with type and options.",
      range: [offset - 1, offset - 1 + 'sampler'.length],
    });
    assert.equal(hoverText(IRIS, 'target:'), '**target**: The column to predict.');
    assert.equal(hoverText(COMMAND_CONFIG, 'metrics:'), '**metrics**: Where metrics come from: stdout lines like `val_loss=0.31 step=4`, or JSON lines.');
  });

  it('explains an option by the sampler or pruner it belongs to', () => {
    assert.equal(hoverText(IRIS, 'reduction_factor'), '**reduction_factor**: Keep 1/reduction_factor of the trials at each rung (default 4).');
    assert.equal(hoverText(DIGITS, 'n_startup_trials: 8'), '**n_startup_trials**: Random trials before TPE takes over (Optuna default 10).');
    assert.equal(hoverText(DIGITS, 'n_startup_trials: 5'), '**n_startup_trials**: Finished trials needed before any pruning (default 5).');
  });

  it('explains a model parameter by what the trainer does with it, and the keys of a range by its kind', () => {
    assert.equal(hoverText(IRIS, 'units:'), '**units**: units in each hidden layer; units_i: hidden layer i\'s own (from 0) (int in [1, 8192], default 64)');
    assert.equal(hoverText(DIGITS, 'kernel_size'), '**kernel_size**: width of the convolution window (square for images); kernel_size_i: conv block i\'s own (from 0) (int in [1, 15], default 3)');
    assert.equal(hoverText(IRIS, 'log: true }\n  units'), '**log**: Sample on a log scale (needs low > 0).');
    assert.equal(hoverText(IRIS, 'log: true }\n  layers'), '**log**: Sample on a log scale (needs low > 0, i.e. ≥ 1).');
    assert.equal(hoverText(COMMAND_CONFIG, 'l2:'), '**l2**: { float: [low, high] }, { int: [low, high] }, a list of choices, { choice: … } (branches), or a fixed value.');
  });

  it('explains enum values: samplers, pruners, directions, models, backends', () => {
    assert.equal(hoverText(IRIS, 'tpe'), '**tpe**: Tree-structured Parzen Estimator, as in Optuna (with several objectives, its multi-objective TPE; with constraints, feasible trials first).');
    assert.equal(hoverText(IRIS, 'asha'), '**asha**: Asynchronous successive halving (ASHA): promote the top 1/reduction_factor at each rung.');
    assert.equal(hoverText(IRIS, 'maximize'), '**maximize**: Higher is better: scores such as val_accuracy.');
    assert.equal(hoverText(DIGITS, 'model: cnn', 8), '**cnn**: Convolutional network: `conv_blocks` blocks of convolution, activation and pooling, then a dense layer; give `input_shape`.');
    assert.equal(hoverText(IRIS, 'auto'), '**auto**: The fastest backend that loads: tensorflow-gpu, then tensorflow, then wasm, then cpu.');
  });

  it('shows how a `${name}` of a command is defined in the space', () => {
    const offset = offsetOf(COMMAND_CONFIG, '${l2}', 3);
    assert.deepEqual(configHover(COMMAND_CONFIG, offset), {
      markdown: "**${l2}**: the trial's value of space parameter `l2`: `{ float: [1.0e-6, 1.0e-1], log: true }`",
      range: [offset - 3, offset + 2],
    });
    const missing = COMMAND_CONFIG.replace('"${l2}"', '"${l3}"');
    assert.equal(hoverText(missing, '${l3}', 3), '**${l3}**: not a space parameter');
  });

  it('says nothing over free text, unknown keys, or a file that is no YAML map', () => {
    assert.equal(hoverText(IRIS, 'iris-mlp'), null);
    assert.equal(hoverText(IRIS.replace('seed: 7', 'sed: 7'), 'sed'), null);
    assert.equal(configHover('- a\n- b\n', 1), null);
    assert.equal(configHover('', 0), null);
  });
});
