// parseSpace / defineSearchSpace: the space in the shape of a config's `space:` section, as plain values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { ConfigError, formatKeyPath } from '../../../src/core/problems';
import { defineSearchSpace, parseSpace } from '../../../src/core/space';

function errorsOf(raw: unknown): string[] {
  return parseSpace(raw).problems.map((p) => `${formatKeyPath(p.path)}: ${p.message}`);
}

describe('parseSpace', () => {
  it('reads every form into Optuna-style distributions, in declaration order', () => {
    const { space, gridPoints, problems } = parseSpace({
      lr: { float: [1e-4, 1e-1], log: true },
      units: { int: [8, 256], step: 8 },
      dropout: { float: [0, 0.5], step: 0.1 },
      beta: { float: [0, 1], grid: 5 },
      act: ['relu', 'tanh'],
      mixed: [1, '1', true],
      epochs: 40,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(space), ['lr', 'units', 'dropout', 'beta', 'act', 'mixed', 'epochs']);
    assert.deepEqual(space.lr, floatDistribution(1e-4, 1e-1, { log: true }));
    assert.deepEqual(space.units, intDistribution(8, 256, { step: 8 }));
    assert.deepEqual(space.dropout, floatDistribution(0, 0.5, { step: 0.1 }));
    assert.deepEqual(space.act, categoricalDistribution(['relu', 'tanh']));
    assert.deepEqual(space.mixed, categoricalDistribution([1, '1', true]));
    assert.deepEqual(gridPoints, { beta: 5 });
  });

  it('stores a fixed scalar as a categorical with a single choice', () => {
    const { space } = parseSpace({ x: { float: [0, 1] }, epochs: 40, name: 'a', flag: false });
    assert.deepEqual(space.epochs, { type: 'categorical', choices: [40] });
    assert.deepEqual(space.name, { type: 'categorical', choices: ['a'] });
    assert.deepEqual(space.flag, { type: 'categorical', choices: [false] });
  });

  it('accepts an int log range with the default step written out, as Optuna does', () => {
    assert.deepEqual(errorsOf({ units: { int: [1, 64], log: true, step: 1 } }), []);
    assert.deepEqual(errorsOf({ units: { int: [1, 64], log: true, step: 2 } }), ['space.units.step: log and step cannot be used together']);
  });

  it('tolerates float rounding when a step divides the range', () => {
    assert.deepEqual(errorsOf({ x: { float: [0.1, 0.7], step: 0.1 }, y: { float: [-1, 1], step: 0.05 } }), []);
  });

  it('reports each problem at its key path, under a custom root', () => {
    const { problems } = parseSpace({ lr: { float: [1, 0] } }, ['params']);
    assert.deepEqual(problems.map((p) => formatKeyPath(p.path)), ['params.lr.float']);
  });

  it('explains every kind of mistake', () => {
    assert.deepEqual(
      errorsOf({
        a: { float: [0, 1], int: [0, 1] },
        b: { log: true },
        c: { float: [0, 1], sttep: 0.1 },
        d: { int: [0, 10], step: 3 },
        e: { float: [0, 10], step: -1 },
        f: { int: [0, 1.5] },
        g: { float: [0, 1, 2] },
        h: { float: [0, 1], grid: 2.5 },
        i: null,
        j: [{ a: 1 }],
      }),
      [
        "space.a: parameter 'a' has both float and int; keep one",
        "space.b: parameter 'b' needs float: [low, high] or int: [low, high] (or write a list of choices or a fixed value)",
        "space.c.sttep: unknown key 'sttep' in parameter 'c'; did you mean 'step'? (known: float, int, log, step, grid, when, each)",
        'space.d.step: step 3 does not divide the range [0, 10] (high would be 9)',
        'space.e.step: step must be positive, got -1',
        'space.f.int[1]: int bounds must be whole numbers, got 1.5 (use float for a continuous range)',
        'space.g.float: float must be a list [low, high], got a list',
        'space.h.grid: grid must be a whole number of points ≥ 2, got number 2.5',
        "space.i: parameter 'i' needs { float: [low, high] }, { int: [low, high] }, a list of choices or a fixed value, got nothing",
        'space.j[0]: a choice must be a string, number or boolean, got a map',
      ],
    );
  });

  it('rejects a range too wide to sample and a step too fine to count, where the user wrote them', () => {
    assert.deepEqual(errorsOf({ x: { float: [-1.7e308, 1.7e308] } }), [
      'space.x.float: the range [-1.7e+308, 1.7e+308] is too wide: high - low must be at most 1.80e+308, so that samplers can pick a point in it',
    ]);
    assert.deepEqual(errorsOf({ n: { int: [-(2 ** 53 - 1), 2 ** 53 - 1] } }), [
      'space.n.int: the range [-9007199254740991, 9007199254740991] is too wide: high - low must be at most 9007199254740991 (2^53 - 1), so that samplers can pick a point in it',
    ]);
    // Optuna 3.1 cannot even build this one (decimal DivisionImpossible above 1e28 steps).
    assert.deepEqual(errorsOf({ x: { float: [0, 1], step: 1e-300 } }), [
      'space.x.step: step 1e-300 cuts [0, 1] into 1.00e+300 steps; at most 9007199254740991 (2^53 - 1) are possible, as finer points are not distinct numbers: use a larger step, or no step for a continuous range',
    ]);
    assert.deepEqual(errorsOf({ x: { float: [-8e307, 8e307] }, y: { float: [0, 1], step: 1e-15 }, z: { float: [0, 1], log: false } }), []);
  });

  it('accepts parameter names in any script, as Python identifiers do, but nothing that breaks ${name}', () => {
    assert.deepEqual(errorsOf({ 学习率: { float: [0, 1] }, η: [1, 2], सीखने_की_दर: { int: [1, 3] }, 'a.b-c': [1, 2] }), []);
    for (const bad of ['lr}', '$lr', 'l r', '2nd', '-x', '{x']) {
      assert.match(errorsOf({ [bad]: [1, 2] })[0] ?? '', /must start with a letter or _/, bad);
    }
  });

  it('an empty space, or one with only fixed values, leaves nothing to tune', () => {
    assert.match(errorsOf({})[0] ?? '', /^space: nothing to tune: the space is empty/);
    assert.match(errorsOf(null)[0] ?? '', /^space: nothing to tune: the space is empty/);
    assert.match(errorsOf({ a: 1, b: ['x'] })[0] ?? '', /^space: nothing to tune: every parameter is fixed/);
    assert.match(errorsOf(['a'])[0] ?? '', /^space: space must be a map/);
  });

  it('keeps a parameter named __proto__ as an ordinary entry', () => {
    const raw = JSON.parse('{"__proto__": [1, 2]}') as unknown;
    const { space } = parseSpace(raw);
    assert.ok(Object.hasOwn(space, '__proto__'));
    assert.equal(Object.getPrototypeOf(space), Object.prototype);
  });
});

describe('defineSearchSpace', () => {
  it('returns the space and grid points of a valid space', () => {
    const { space, gridPoints } = defineSearchSpace({ x: { float: [0, 1], grid: 3 }, act: ['a', 'b'] });
    assert.deepEqual(Object.keys(space), ['x', 'act']);
    assert.deepEqual(gridPoints, { x: 3 });
  });

  it('throws a ConfigError carrying every problem', () => {
    assert.throws(
      () => defineSearchSpace({ x: { float: [1, 0] }, y: [] }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 2);
        assert.match(error.message, /low \(1\) must be less than high \(0\) \(space\.x\.float\)/);
        return true;
      },
    );
  });
});
