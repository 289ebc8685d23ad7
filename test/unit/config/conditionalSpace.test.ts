// Conditional spaces in a config: choice branches, when:, each:, qualified names and ${name?}, each
// read through parseConfig so every problem is checked at the line and column a user sees.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, type StudyConfig } from '../../../src/core/config';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { formatKeyPath } from '../../../src/core/problems';
import { expandArgs } from '../../../src/runner/command/expandArgs';

const FILE = 'cond.tune.yaml';

/** A command config around `space` (indented lines under `space:`, starting on line 4) and `command`. */
function configText(space: string, command = '[python, train.py]'): string {
  return `objective: loss\nsearch: { trials: 5 }\nspace:\n${space}\ntrial:\n  command: ${command}\n`;
}

/** Each error as `line:col path message`. */
function errorsOf(space: string, command?: string): string[] {
  const { problems } = parseConfig(configText(space, command), FILE);
  for (const p of problems) assert.equal(p.file, FILE);
  return problems.filter((p) => p.severity === 'error').map((p) => `${p.start?.line}:${p.start?.col} ${formatKeyPath(p.path)} ${p.message}`);
}

function configOf(space: string, command?: string): StudyConfig {
  const { config, problems } = parseConfig(configText(space, command), FILE);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  assert.ok(config);
  return config;
}

const ISSUE_EXAMPLE = [
  '  optimizer:',
  '    choice:',
  '      sgd:  { momentum: { float: [0.0, 0.99] }, nesterov: [true, false] }',
  '      adam: { beta1: { float: [0.8, 0.999] } }',
  '  model: [mlp, cnn]',
  '  kernel_size: { int: [3, 7], step: 2, when: { model: cnn } }',
  '  layers: { int: [1, 4] }',
  '  units: { int: [16, 512], log: true, each: layers }',
].join('\n');

describe('conditional space: the forms', () => {
  it("reads the issue's example: branches, when and each, parents first", () => {
    const config = configOf(ISSUE_EXAMPLE);
    assert.deepEqual(Object.keys(config.space), ['optimizer', 'momentum', 'nesterov', 'beta1', 'model', 'kernel_size', 'layers', 'units_0', 'units_1', 'units_2', 'units_3']);
    assert.deepEqual(config.space.optimizer, categoricalDistribution(['sgd', 'adam']));
    assert.deepEqual(config.space.momentum, floatDistribution(0, 0.99));
    assert.deepEqual(config.space.nesterov, categoricalDistribution([true, false]));
    assert.deepEqual(config.space.kernel_size, intDistribution(3, 7, { step: 2 }));
    assert.deepEqual(config.space.units_3, intDistribution(16, 512, { log: true }));
    assert.deepEqual(config.conditions, {
      momentum: [{ parent: 'optimizer', values: ['sgd'] }],
      nesterov: [{ parent: 'optimizer', values: ['sgd'] }],
      beta1: [{ parent: 'optimizer', values: ['adam'] }],
      kernel_size: [{ parent: 'model', values: ['cnn'] }],
      units_0: [{ parent: 'layers', values: [1, 2, 3, 4] }],
      units_1: [{ parent: 'layers', values: [2, 3, 4] }],
      units_2: [{ parent: 'layers', values: [3, 4] }],
      units_3: [{ parent: 'layers', values: [4] }],
    });
  });

  it('a flat space has no conditions', () => {
    assert.deepEqual(configOf('  x: { float: [0, 1] }\n  act: [relu, tanh]').conditions, {});
  });

  it('a parameter with the same range in sibling branches is one parameter, active in each of them', () => {
    const config = configOf('  opt: { choice: { sgd: { lr: { float: [0.001, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } }, rms: null } }');
    assert.deepEqual(Object.keys(config.space), ['opt', 'lr']);
    assert.deepEqual(config.conditions, { lr: [{ parent: 'opt', values: ['sgd', 'adam'] }] });
  });

  it('different ranges in sibling branches get qualified names <branch>.<name>', () => {
    const config = configOf('  opt: { choice: { sgd: { lr: { float: [0.01, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } } } }');
    assert.deepEqual(Object.keys(config.space), ['opt', 'sgd.lr', 'adam.lr']);
    assert.deepEqual(config.space['adam.lr'], floatDistribution(0.001, 0.1));
    assert.deepEqual(config.conditions, { 'sgd.lr': [{ parent: 'opt', values: ['sgd'] }], 'adam.lr': [{ parent: 'opt', values: ['adam'] }] });
  });

  it('a choice inside a branch opens branches of its own', () => {
    const config = configOf('  opt: { choice: { sgd: { sched: { choice: { step: { gamma: { float: [0.1, 0.9] } }, cosine: null } } }, adam: null } }');
    assert.deepEqual(Object.keys(config.space), ['opt', 'sched', 'gamma']);
    assert.deepEqual(config.space.sched, categoricalDistribution(['step', 'cosine']));
    assert.deepEqual(config.conditions, { sched: [{ parent: 'opt', values: ['sgd'] }], gamma: [{ parent: 'sched', values: ['step'] }] });
  });

  it('when: takes a list of values, and several keys must all hold', () => {
    const config = configOf('  model: [mlp, cnn, rnn]\n  act: [relu, tanh]\n  k: { int: [3, 7], when: { model: [cnn, rnn], act: relu } }');
    assert.deepEqual(config.conditions, { k: [{ parent: 'model', values: ['cnn', 'rnn'] }, { parent: 'act', values: ['relu'] }] });
  });

  it('when: on an int parent names some of its values; { choice: [...] } is a list that takes when', () => {
    const config = configOf('  n: { int: [0, 4], step: 2 }\n  k: { choice: [max, avg], when: { n: [2, 4] } }');
    assert.deepEqual(config.space.k, categoricalDistribution(['max', 'avg']));
    assert.deepEqual(config.conditions, { k: [{ parent: 'n', values: [2, 4] }] });
  });

  it('each: with when: every copy keeps the when and adds its own count', () => {
    const config = configOf('  model: [mlp, cnn]\n  layers: { int: [0, 3] }\n  units: { int: [16, 512], each: layers, when: { model: mlp } }');
    assert.deepEqual(Object.keys(config.space), ['model', 'layers', 'units_0', 'units_1', 'units_2']);
    assert.deepEqual(config.conditions.units_1, [{ parent: 'model', values: ['mlp'] }, { parent: 'layers', values: [2, 3] }]);
  });

  it('a parent written after its child still comes first', () => {
    const config = configOf('  k: { int: [3, 7], when: { model: cnn } }\n  model: [mlp, cnn]');
    assert.deepEqual(Object.keys(config.space), ['model', 'k']);
  });
});

describe('conditional space: every mistake at its place', () => {
  it('an unknown parent, with did-you-mean and a quick fix', () => {
    const { problems } = parseConfig(configText('  model: [mlp, cnn]\n  k: { int: [3, 7], when: { modle: cnn } }'), FILE);
    assert.deepEqual(problems.map((p) => `${p.start?.line}:${p.start?.col}-${p.end?.col} ${p.message}`), ["5:29-34 when: no parameter 'modle' in the space; did you mean 'model'?"]);
    assert.equal(problems[0]?.fix?.title, "Change to 'model'");
    assert.deepEqual(errorsOf('  x: { float: [0, 1] }\n  layers: { int: [1, 3] }\n  u: { int: [1, 9], each: layrs }'), [
      "6:27 space.u.each each: no parameter 'layrs' in the space; did you mean 'layers'?",
    ]);
  });

  it('an unknown parent that names a parameter split by branches lists its qualified names', () => {
    const space = '  opt: { choice: { sgd: { lr: { float: [0.01, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } } } }\n  d: { float: [0, 1], when: { lr: 0.1 } }';
    assert.deepEqual(errorsOf(space), ["5:31 space.d.when.lr when: no parameter 'lr' in the space; 'lr' differs between branches, so name one of 'sgd.lr', 'adam.lr'"]);
  });

  it('a value the parent cannot take, at that value', () => {
    assert.deepEqual(errorsOf('  model: [mlp, cnn]\n  k: { int: [3, 7], when: { model: [cnn, rnn] } }'), [
      `5:42 space.k.when.model[1] 'model' never takes "rnn" (it takes one of "mlp", "cnn"), so this condition never holds`,
    ]);
    assert.deepEqual(errorsOf('  n: { int: [0, 4], step: 2 }\n  k: { int: [3, 7], when: { n: 3 } }'), [
      "5:32 space.k.when.n 'n' never takes 3 (it takes int [0, 4] step 2), so this condition never holds",
    ]);
    assert.deepEqual(errorsOf('  model: [mlp, cnn]\n  k: { int: [3, 7], when: { model: [] } }'), [
      "5:36 space.k.when.model when: list the values of 'model' that make 'k' active",
    ]);
  });

  it('a branch named true: is the string "true" (YAML keys are strings), and the message says to quote it', () => {
    const space = '  flag: { choice: { true: { x: { float: [0, 1] } }, false: null } }\n  y: { float: [0, 1], when: { flag: true } }';
    assert.deepEqual(errorsOf(space), [`5:37 space.y.when.flag 'flag' never takes true: its branch names are strings, so quote it: "true"`]);
    assert.deepEqual(configOf(space.replace('{ flag: true }', '{ flag: "true" }')).conditions.y, [{ parent: 'flag', values: ['true'] }]);
  });

  it('a float parent: no value of it can be named', () => {
    assert.deepEqual(errorsOf('  x: { float: [0, 1] }\n  k: { int: [3, 7], when: { x: 0.5 } }'), [
      "5:29 space.k.when.x when: 'x' is a float (float [0, 1]), so no value of it can be named; a condition's parent must be a choice or an int",
    ]);
  });

  it('when: that is not a map of conditions', () => {
    assert.deepEqual(errorsOf('  model: [mlp, cnn]\n  k: { int: [3, 7], when: model }\n  j: { int: [3, 7], when: {} }'), [
      '5:27 space.k.when when must map a parameter to the value (or list of values) it must take, e.g. when: { model: cnn }, got string "model"',
      '6:27 space.j.when when must map a parameter to the value (or list of values) it must take, e.g. when: { model: cnn }, got a map',
    ]);
  });

  it('cycles, and a parameter conditioned on itself', () => {
    assert.deepEqual(errorsOf('  a: { choice: [x, y], when: { b: u } }\n  b: { choice: [u, v], when: { a: x } }'), [
      '4:30 space.a.when conditions form a cycle: a → b → a; a parameter cannot depend on itself',
    ]);
    assert.deepEqual(errorsOf('  a: { choice: [x, y], when: { a: x } }'), ["4:32 space.a.when.a when: 'a' cannot depend on itself"]);
  });

  it('each: over a non-int, a count outside 0–64, or not a name', () => {
    assert.deepEqual(errorsOf('  x: { float: [0, 4] }\n  u: { int: [1, 2], each: x }'), [
      "5:27 space.u.each each: 'x' must be an int parameter (a count of layers), but it is float [0, 4]",
    ]);
    assert.deepEqual(errorsOf('  n: [1, 2]\n  u: { int: [1, 2], each: n }'), [
      "5:27 space.u.each each: 'n' must be an int parameter (a count of layers), but it is one of 1, 2",
    ]);
    assert.deepEqual(errorsOf('  n: { int: [1, 100] }\n  u: { int: [1, 2], each: n }'), [
      "5:27 space.u.each each: 'n' must count between 0 and 64 (it is int [1, 100]); one copy of 'u' is made per possible layer",
    ]);
    assert.deepEqual(errorsOf('  n: { int: [-1, 3] }\n  u: { int: [1, 2], each: n }'), [
      "5:27 space.u.each each: 'n' must count between 0 and 64 (it is int [-1, 3]); one copy of 'u' is made per possible layer",
    ]);
    assert.deepEqual(errorsOf('  n: { int: [0, 3] }\n  u: { int: [1, 2], each: [n] }'), [
      '5:27 space.u.each each names the int parameter that counts the copies, e.g. each: layers, got a list',
    ]);
  });

  it("a copy made by each: that clashes with a written name, and a condition on each's original name", () => {
    assert.deepEqual(errorsOf('  layers: { int: [1, 3] }\n  units: { int: [1, 9], each: layers }\n  units_1: { float: [0, 1] }'), [
      "5:31 space.units.each each: the copy 'units_1' of 'units' clashes with the parameter 'units_1'; rename one",
    ]);
    assert.deepEqual(errorsOf('  layers: { int: [1, 3] }\n  units: { int: [1, 9], each: layers }\n  drop: { float: [0, 1], when: { units: 3 } }'), [
      "6:32 space.drop.when 'units' has one copy per layer (each:), so a condition must name one copy, e.g. units_0",
    ]);
  });

  it('a parameter that can never be active, at its when', () => {
    const space = '  model: [mlp, cnn]\n  opt: { choice: { sgd: { m: { float: [0, 1], when: { model: cnn } } }, adam: null }, when: { model: mlp } }';
    assert.deepEqual(errorsOf(space), [
      `5:53 space.opt.choice.sgd.m.when 'm' can never be active: it needs model = "mlp" (for 'opt' to be active) and model = "cnn" at once, which no value of 'model' meets`,
    ]);
  });

  it('a parameter that can never be active through a chain of parents names the nearest one', () => {
    const space = '  model: [mlp, cnn, rnn]\n  a: { choice: [x, y], when: { model: [mlp, cnn] } }\n  b: { choice: [u, v], when: { a: x } }\n  c: { int: [1, 3], when: { b: u, model: rnn } }';
    assert.deepEqual(errorsOf(space), [
      `7:27 space.c.when 'c' can never be active: it needs model = "mlp" or "cnn" (for 'b' to be active) and model = "rnn" at once, which no value of 'model' meets`,
    ]);
  });

  it('a parent whose own definition is wrong is reported once, not again at each when:, each: or ${…} naming it', () => {
    assert.deepEqual(errorsOf('  model: [mlp, mlp]\n  k: { int: [3, 7], when: { model: cnn } }'), ['4:16 space.model[1] duplicate choice "mlp" (same as choice 1)']);
    assert.deepEqual(errorsOf('  layers: { int: [3, 1] }\n  u: { int: [1, 9], each: layers }'), ['4:18 space.layers.int low (3) must be less than high (1)']);
    const brokenBranch = '  opt: { choice: { sgd: { lr: { float: [1, 0] } }, adam: { lr: { float: [0.1, 0.2] } } } }\n  d: { float: [0, 1], when: { sgd.lr: 1 } }';
    assert.deepEqual(errorsOf(brokenBranch, '[python, train.py, "${lr}"]'), ['4:40 space.opt.choice.sgd.lr.float low (1) must be less than high (0)']);
  });

  it('a branch that is not a map, a choice with no branches, a choice that is neither', () => {
    assert.deepEqual(errorsOf('  opt: { choice: { sgd: 3, adam: null } }\n  x: { float: [0, 1] }'), [
      `4:25 space.opt.choice.sgd branch "sgd" of 'opt' must be a map of the parameters it opens (or null for none), got number 3`,
    ]);
    assert.deepEqual(errorsOf('  opt: { choice: {} }\n  x: { float: [0, 1] }'), [
      "4:18 space.opt.choice 'opt' has no branches; give at least one, e.g. choice: { sgd: { momentum: { float: [0.0, 0.99] } }, adam: null }",
    ]);
    assert.deepEqual(errorsOf('  x: { float: [0, 1] }\n  bad: { choice: 3 }'), ['5:18 space.bad.choice choice must be a list of values or a map of branch → the parameters it opens, got number 3']);
  });

  it('a misspelt when: is a did-you-mean among the keys a parameter takes', () => {
    assert.deepEqual(errorsOf('  m: [a, b]\n  u: { int: [1, 2], whn: { m: a } }'), [
      "5:21 space.u.whn unknown key 'whn' in parameter 'u'; did you mean 'when'? (known: float, int, log, step, grid, when, each)",
    ]);
  });

  it('a name repeated outside sibling branches, and a qualified name that clashes with a written one', () => {
    assert.deepEqual(errorsOf('  opt: { choice: { sgd: { lr: { float: [0.01, 0.1] } }, adam: null } }\n  lr: { float: [0, 1] }'), [
      "5:3 space.lr parameter 'lr' is already declared at space.opt.choice.sgd.lr; a name may repeat only in sibling branches of one choice",
    ]);
    assert.deepEqual(errorsOf('  opt: { choice: { sgd: { lr: { float: [0.01, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } } } }\n  sgd.lr: { float: [0, 1] }'), [
      "5:3 space.sgd.lr parameter 'sgd.lr' (from space.sgd.lr) clashes with the one at space.opt.choice.sgd.lr; rename one",
    ]);
  });
});

describe('conditional space: ${name?} in commands', () => {
  const SPACE = '  optimizer: { choice: { sgd: { momentum: { float: [0.0, 0.99] }, lr: { float: [0.01, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } } } }\n  x: { float: [0, 1] }';

  it('${momentum} on a conditional parameter is an error; ${momentum?} is fine', () => {
    assert.deepEqual(errorsOf(SPACE, '[python, train.py, --momentum, "${momentum}"]'), [
      '7:43 trial.command[3] ${momentum} is not in every trial (it is only active when optimizer = sgd): write ${momentum?} so the argument, and the flag before it, is left out of trials without it',
    ]);
    assert.deepEqual(errorsOf(SPACE, '[python, train.py, --momentum, "${momentum?}", "--x=${x?}"]'), []);
  });

  it('${lr} is fine when its branch variants cover every branch, an error when one branch lacks it', () => {
    assert.deepEqual(errorsOf(SPACE, '[python, train.py, --lr, "${lr}"]'), []);
    const partial = '  optimizer: { choice: { sgd: { lr: { float: [0.01, 0.1] } }, adam: { lr: { float: [0.001, 0.1] } }, rms: null } }';
    assert.deepEqual(errorsOf(partial, '[python, train.py, --lr, "${lr}"]'), [
      '6:37 trial.command[3] ${lr} is not in every trial (its branch variants sgd.lr, adam.lr do not cover every value of optimizer (one of "sgd", "adam", "rms")): write ${lr?} so the argument, and the flag before it, is left out of trials without it',
    ]);
  });

  it('per-layer copies can be named in a command', () => {
    assert.deepEqual(errorsOf('  layers: { int: [1, 2] }\n  units: { int: [8, 64], each: layers }', '[python, train.py, --u0, "${units_0}", --u1, "${units_1?}"]'), []);
  });

  it('${units} of a parameter copied per layer, or a copy beyond the largest count, is no parameter', () => {
    const space = '  layers: { int: [1, 3] }\n  units: { int: [8, 64], each: layers }';
    assert.deepEqual(errorsOf(space, '[python, train.py, "${units}", "${units_3?}"]'), [
      "7:31 trial.command[2] ${units} is not a space parameter; did you mean 'units_0'? (parameters: layers, units_0, units_1, units_2)",
      "7:43 trial.command[3] ${units_3?} is not a space parameter; did you mean 'units_0'? (parameters: layers, units_0, units_1, units_2)",
    ]);
    const misspelt = parseConfig(configText(space, '[python, train.py, "${unitz_1?}"]'), FILE).problems[0];
    assert.equal(misspelt?.fix?.title, "Change to '${units_1?}'", 'the fix keeps the ? the user wrote');
  });

  it('the runner drops an inactive ${name?} with the flag before it, and --name=${name?} whole', () => {
    const argv = ['python', 'train.py', '--momentum', '${momentum?}', '--m=${momentum?}', '--lr', '${lr}'];
    assert.deepEqual(expandArgs(argv, { optimizer: 'adam', 'adam.lr': 0.01 }), ['python', 'train.py', '--lr', '0.01']);
    assert.deepEqual(expandArgs(argv, { optimizer: 'sgd', momentum: 0.9, 'sgd.lr': 0.05 }), ['python', 'train.py', '--momentum', '0.9', '--m=0.9', '--lr', '0.05']);
  });
});
