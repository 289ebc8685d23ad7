// Hover over the examples: a key's doc (the same text the JSON schema gives), a sampler's or
// pruner's option by the type written, a model parameter's meaning and range, an enum value's
// meaning, and where a `${name}` of a command comes from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configHover } from '../../../src/core/config/hover';
import { COMMAND_CONFIG, CONDITIONAL, DIGITS, IRIS, offsetOf } from './cursorAt';

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
    assert.equal(hoverText(IRIS, 'tpe'), '**tpe**: Tree-structured Parzen Estimator, as in Optuna 5 (multivariate with one objective, constant liar; with several objectives, its multi-objective TPE; with constraints, feasible trials first). compat: optuna31 reproduces Optuna 3.1.');
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

  describe('in a conditional space', () => {
    const FORMS = '{ float: [low, high] }, { int: [low, high] }, a list of choices, { choice: … } (branches), or a fixed value.';

    it('says when a parameter is active: a branch, a when:, per-layer copies, a name split across branches', () => {
      assert.equal(hoverText(CONDITIONAL, 'momentum:'), `**momentum**: ${FORMS} Active when optimizer = sgd.`);
      assert.equal(hoverText(CONDITIONAL, 'kernel_size:'), `**kernel_size**: ${FORMS} Active when model = cnn.`);
      assert.equal(hoverText(CONDITIONAL, 'units:'), `**units**: ${FORMS} One copy per layer: units_0, units_1, units_2; units_i is active when layers > i.`);
      assert.equal(hoverText(CONDITIONAL, 'lr: { float: [1.0e-5'), `**lr**: ${FORMS} As adam.lr, active when optimizer = adam.`);
      assert.equal(hoverText(CONDITIONAL, 'optimizer:'), `**optimizer**: ${FORMS}`, 'always active: nothing more to say');
      const merged = CONDITIONAL.replace('lr: { float: [1.0e-5, 1.0e-1], log: true }', 'lr: { float: [1.0e-3, 1.0], log: true }');
      assert.equal(hoverText(merged, 'lr: { float: [1.0e-3, 1.0], log: true }, beta1'), `**lr**: ${FORMS} Active when optimizer = sgd or adam.`, 'one lr for both branches, hovered at the second');
    });

    it("explains a when:'s parent and value, and each:'s count", () => {
      assert.equal(hoverText(CONDITIONAL, 'model: cnn }'), `**model**: Active only when 'model' takes the values given (it takes one of "mlp", "cnn").`);
      assert.equal(hoverText(CONDITIONAL, 'model: cnn }', 8), '**cnn**: Active when model = cnn.');
      assert.equal(hoverText(CONDITIONAL, 'each: layers', 7), '**layers**: One copy per layer: int [1, 3], so copies _0 … _2.');
    });

    it('explains when:, each: and choice: keys', () => {
      assert.match(hoverText(CONDITIONAL, 'when:') ?? '', /^\*\*when\*\*: Only in trials where other parameters take these values/);
      assert.match(hoverText(CONDITIONAL, 'each:') ?? '', /^\*\*each\*\*: One copy per layer/);
      assert.match(hoverText(CONDITIONAL, 'choice:') ?? '', /^\*\*choice\*\*: A list of values .* or a map of branch → the parameters that branch opens/);
    });

    it('explains ${name?}, a required ${name} that not every trial has, and ${lr} split across branches', () => {
      assert.equal(hoverText(CONDITIONAL, '${momentum?}', 3), "**${momentum?}**: the trial's value of space parameter `momentum`: `{ float: [0.0, 0.99] }`; it is only active when optimizer = sgd, and in a trial without it this argument and the flag before it are left out");
      const required = CONDITIONAL.replace('${momentum?}', '${momentum}');
      assert.equal(hoverText(required, '- ${momentum}', 4), "**${momentum}**: the trial's value of space parameter `momentum`: `{ float: [0.0, 0.99] }`; it is only active when optimizer = sgd, so write ${momentum?}");
      assert.equal(hoverText(CONDITIONAL, '- ${lr}', 4), "**${lr}**: the trial's value of `sgd.lr` or `adam.lr`, whichever branch the trial took: `{ float: [1.0e-3, 1.0], log: true }`");
      assert.equal(hoverText(CONDITIONAL, '- ${optimizer}', 4), "**${optimizer}**: the trial's value of space parameter `optimizer`: `one of \"sgd\", \"adam\"`");
      assert.equal(hoverText(CONDITIONAL, '- ${units_0}', 4), "**${units_0}**: the trial's value of space parameter `units_0`: `{ int: [8, 256], log: true, each: layers }`");
    });
  });
});
