import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, pinSpaceInConfig } from '../../../src/core/apply';
import { parseConfig } from '../../../src/core/config';
import { EXAMPLES, lines } from './applyHelpers';

const IRIS = join(EXAMPLES, 'iris', 'iris.tune.yaml');

describe('pinning params in a config space', () => {
  it('turns ranges and choices of the iris example into fixed values that the config reads back', () => {
    const source = readFileSync(IRIS, 'utf8');
    const pin = pinSpaceInConfig(source, IRIS, { learning_rate: 0.0123, units: 64, activation: 'tanh' });
    assert.deepEqual(pin.missing, []);
    assert.deepEqual(pin.warnings, []);
    const pinned = applyEdits(source, pin.edits);
    assert.match(pinned, /\n {2}learning_rate: 0\.0123\n {2}units: {9}64\n {2}layers: {8}\{ int: \[1, 3\] \}\n/);
    assert.match(pinned, /\n {2}activation: {4}tanh\n/);
    // Everything outside the pinned values is as it was, comments included.
    assert.equal(pinned.split('\n')[0], source.split('\n')[0]);
    const { config, problems } = parseConfig(pinned, IRIS);
    assert.deepEqual(problems, []);
    assert.deepEqual(config?.space.learning_rate, { type: 'categorical', choices: [0.0123] });
    assert.deepEqual(config?.space.units, { type: 'categorical', choices: [64] });
    assert.deepEqual(config?.space.activation, { type: 'categorical', choices: ['tanh'] });
    assert.equal(config?.space.layers?.type, 'int');
  });

  it('warns when pinning every param leaves nothing to tune', () => {
    const source = readFileSync(IRIS, 'utf8');
    const best = { learning_rate: 0.01, units: 32, layers: 2, dropout: 0.15, activation: 'relu', epochs: 40 };
    const pin = pinSpaceInConfig(source, IRIS, best);
    assert.equal(pin.edits.length, 6);
    assert.equal(pin.edits.find((e) => e.param === 'epochs')?.unchanged, true);
    assert.match(pin.warnings[0] ?? '', /nothing left to tune/);
    // The config says the same when read: the warning tells the user before they find out.
    assert.match(parseConfig(applyEdits(source, pin.edits), IRIS).problems[0]?.message ?? '', /nothing to tune/);
  });

  it('replaces multi-line maps and lists, keeping the comment on the key line and the lines around', () => {
    const source = lines(
      'space:',
      '  lr:   # the step size',
      '    float: [1.0e-5, 1.0e-1]',
      '    log: true   # log scale',
      '',
      '  act:',
      '    - relu',
      '    - tanh',
      '  # wider is slower',
      '  units: { int: [8, 256] }  # hidden width',
      '  bn: [true, false]',
      'trial: {}',
      '',
    );
    const pin = pinSpaceInConfig(source, 'm.tune.yaml', { lr: 1e-7, act: 'relu', units: 128, bn: false });
    assert.equal(
      applyEdits(source, pin.edits),
      lines('space:', '  lr: 1.0e-7  # the step size', '', '  act: relu', '  # wider is slower', '  units: 128  # hidden width', '  bn: false', 'trial: {}', ''),
    );
    assert.deepEqual(pin.edits.map((e) => e.line), [2, 6, 10, 11]);
  });

  it('quotes strings that would read as other types, and keeps an already fixed value', () => {
    const source = lines('space:', '  opt: [adam, sgd, "yes"]', '  width: ["64", "128"]', '  seed: 3', '  act: "relu"');
    const pin = pinSpaceInConfig(source, 'c.tune.yaml', { opt: 'yes', width: '64', seed: 4, act: 'relu' });
    assert.equal(applyEdits(source, pin.edits), lines('space:', "  opt: 'yes'", "  width: '64'", '  seed: 4', '  act: "relu"'));
  });

  it('reports params not under space:, and values a fixed param cannot hold', () => {
    const source = lines('name: x', 'lr: 0.1', 'space:', '  units: { int: [1, 4] }', '  drop: [0.1, 0.2]');
    const pin = pinSpaceInConfig(source, '/w/c.tune.yaml', { lr: 0.2, units: null, drop: 0.1 });
    assert.deepEqual(pin.edits.map((e) => e.param), ['drop']);
    assert.deepEqual(
      pin.missing.map((m) => [m.param, m.lookedFor]),
      [
        ['lr', 'a "lr:" entry under space: in c.tune.yaml'],
        ['units', 'a "units:" entry under space:, found at line 4, but null cannot be a fixed value there'],
      ],
    );
  });

  it('pins inside a flow-style space', () => {
    const source = 'space: { lr: { float: [0.1, 1] }, act: [a, b] }\n';
    const pin = pinSpaceInConfig(source, 'f.tune.yaml', { lr: 0.5, act: 'b' });
    assert.equal(applyEdits(source, pin.edits), 'space: { lr: 0.5, act: b }\n');
  });
});
