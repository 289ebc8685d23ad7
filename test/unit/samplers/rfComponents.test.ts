/**
 * The parts of the rf sampler on their own: the forest's mean and variance on data whose answer is
 * known, the imputation of inactive params, and the local search of the acquisition maximiser.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { Rng } from '../../../src/core/rng';
import { maximizeAcquisition } from '../../../src/core/samplers/rfAcquisition';
import { RfForest } from '../../../src/core/samplers/rfForest';
import { RfSpace, type Configuration } from '../../../src/core/samplers/rfSpace';

describe('rf forest', () => {
  // 60 rows at x = 0 alternating y = 0 and 2 (no split can part them: within-leaf variance 1), and
  // 60 rows at x = 1 all with y = 5.
  const rows = 120;
  const x = Float32Array.from({ length: rows }, (_, r) => (r < 60 ? 0 : 1));
  const y = Float64Array.from({ length: rows }, (_, r) => (r < 60 ? (r % 2) * 2 : 5));
  const forest = RfForest.fit(x, y, rows, 1, { trees: 10, seed: 3 });

  it('predicts the mean of the targets a row shares a leaf with', () => {
    assert.ok(Math.abs(forest.predict([0]).mean - 1) < 0.15, `mean at 0: ${forest.predict([0]).mean}`);
    assert.ok(Math.abs(forest.predict([1]).mean - 5) < 1e-9, `mean at 1: ${forest.predict([1]).mean}`);
  });

  it('adds the variance inside the leaves to the variance across the trees', () => {
    // Across the 10 trees alone the bootstrap means at x = 0 vary by ~0.02; with the leaves' own
    // variance (1) the prediction is uncertain as the data are.
    const { variance } = forest.predict([0]);
    assert.ok(variance > 0.8 && variance < 1.2, `variance at 0: ${variance}`);
    assert.ok(forest.predict([1]).variance < 1e-6, `variance at 1: ${forest.predict([1]).variance}`);
  });

  it('follows a step in the data wherever the step is', () => {
    const n = 40;
    const steps = Float32Array.from({ length: n }, (_, r) => r / n);
    const values = Float64Array.from(steps, (v) => (v < 0.62 ? 3 : -1));
    const stepForest = RfForest.fit(steps, values, n, 1, { trees: 10, seed: 1 });
    assert.ok(Math.abs(stepForest.predict([0.3]).mean - 3) < 0.2);
    assert.ok(Math.abs(stepForest.predict([0.9]).mean + 1) < 0.2);
  });
});

describe('rf forest with a local quadratic mean', () => {
  // A bowl sampled on a grid of step 0.1 whose minimum (0.43, 0.67) lies between the samples.
  const grid = Array.from({ length: 121 }, (_, i) => [(i % 11) / 10, Math.floor(i / 11) / 10] as const);
  const bowl = (u: number, v: number): number => (u - 0.43) ** 2 + 2 * (v - 0.67) ** 2;
  const x = Float32Array.from(grid.flat());
  const y = Float64Array.from(grid, ([u, v]) => bowl(u, v));
  const local = { numeric: [true, true], minNodeWeight: 10, ridge: 0.001, maxDive: 0.2 } as const;
  const smooth = RfForest.fit(x, y, grid.length, 2, { trees: 10, seed: 5, local });
  const constant = RfForest.fit(x, y, grid.length, 2, { trees: 10, seed: 5 });

  it('places the minimum between the samples, where leaf constants cannot', () => {
    const atMinimum = smooth.predict([0.43, 0.67]).mean;
    const leastAtSamples = Math.min(...grid.map(([u, v]) => smooth.predict([u, v]).mean));
    assert.ok(atMinimum < leastAtSamples, `mean at the minimum ${atMinimum}, least at a sample ${leastAtSamples}`);
    assert.ok(Math.abs(atMinimum) < 1e-3, `mean at the minimum ${atMinimum}`);
    const constantAtMinimum = constant.predict([0.43, 0.67]).mean;
    assert.ok(constantAtMinimum >= Math.min(...y) - 1e-12, 'a leaf constant is the mean of samples');
  });

  it('keeps the forest variance', () => {
    for (const row of [[0.43, 0.67], [0.05, 0.95]]) assert.equal(smooth.predict(row).variance, constant.predict(row).variance);
  });

  it('predicts the leaves of categorical columns as before, and falls back on them without numeric columns', () => {
    const categorical = RfForest.fit(x, y, grid.length, 2, { trees: 10, seed: 5, local: { ...local, numeric: [false, false] } });
    for (const row of [[0.43, 0.67], [0.2, 0.3]]) assert.ok(Math.abs(categorical.predict(row).mean - constant.predict(row).mean) < 1e-9);
  });
});

describe('rf space: conditional params', () => {
  const space = new RfSpace(
    { optimizer: categoricalDistribution(['sgd', 'adam']), momentum: floatDistribution(0, 0.99), nesterov: categoricalDistribution([true, false]), lr: floatDistribution(1e-4, 1, { log: true }) },
    { momentum: [{ parent: 'optimizer', values: ['sgd'] }], nesterov: [{ parent: 'optimizer', values: ['sgd'] }] },
  );

  it('imputes an inactive numeric param below its range and an inactive categorical one past its choices', () => {
    const config = space.fromParams({ optimizer: 'adam', lr: 0.01 }) as Configuration;
    const row = new Float32Array(space.dim);
    space.features(config, row);
    assert.equal(row[1], -1);
    assert.equal(row[2], 2);
    const active = space.fromParams({ optimizer: 'sgd', momentum: 0, nesterov: false, lr: 0.01 }) as Configuration;
    space.features(active, row);
    assert.ok((row[1] as number) >= 0 && (row[2] as number) <= 1, 'active values lie inside the range');
  });

  it('lets a forest split inactive trials off with the child param alone', () => {
    // Only the momentum column: sgd trials cost their momentum, adam trials (momentum inactive) 10.
    const rng = new Rng(5);
    const configs = Array.from({ length: 40 }, () => space.random(rng));
    const x = new Float32Array(configs.length);
    const y = new Float64Array(configs.length);
    configs.forEach((config, i) => {
      const row = new Float32Array(space.dim);
      space.features(config, row);
      x[i] = row[1] as number;
      y[i] = Number.isNaN(config[1] as number) ? 10 : (row[1] as number);
    });
    assert.ok(configs.some((c) => Number.isNaN(c[1] as number)) && configs.some((c) => !Number.isNaN(c[1] as number)), 'both branches drawn');
    const forest = RfForest.fit(x, y, configs.length, 1, { trees: 10, seed: 2 });
    assert.ok(Math.abs(forest.predict([-1]).mean - 10) < 1e-9, 'inactive trials form their own leaves');
    assert.ok(forest.predict([0.05]).mean < 0.5, `momentum 0.05 predicted ${forest.predict([0.05]).mean}`);
  });

  it('draws configurations that hold exactly their active params', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) {
      const params = space.toParams(space.random(rng));
      const expected = params.optimizer === 'sgd' ? ['optimizer', 'momentum', 'nesterov', 'lr'] : ['optimizer', 'lr'];
      assert.deepEqual(Object.keys(params), expected);
    }
  });

  it('keeps a param active whose parent is single-valued (left out of the modelled space)', () => {
    const withConstant = new RfSpace({ momentum: floatDistribution(0, 0.99) }, { momentum: [{ parent: 'optimizer', values: ['sgd'] }] }, { optimizer: 'sgd' });
    assert.deepEqual(Object.keys(withConstant.toParams(withConstant.random(new Rng(1)))), ['momentum']);
  });

  it('gives a switched parent new children in its one-exchange neighbourhood', () => {
    const rng = new Rng(2);
    const adam = space.fromParams({ optimizer: 'adam', lr: 0.01 }) as Configuration;
    const switched = space.neighbours(adam, rng).map((c) => space.toParams(c)).filter((p) => p.optimizer === 'sgd');
    assert.equal(switched.length, 1);
    assert.deepEqual(Object.keys(switched[0] ?? {}), ['optimizer', 'momentum', 'nesterov', 'lr']);
    assert.ok(Math.abs((switched[0]?.lr as number) - 0.01) < 1e-12, 'the params it does not change keep their values');
  });
});

describe('rf acquisition maximiser', () => {
  const space = new RfSpace({ a: categoricalDistribution(['p', 'q', 'r', 's']), b: intDistribution(0, 20), x: floatDistribution(0, 1) }, undefined);
  // A toy surrogate's acquisition, greatest at a = r, b = 13, x = 0.7.
  const acquisition = (config: Configuration): number => {
    const p = space.toParams(config);
    return -((['p', 'q', 'r', 's'].indexOf(p.a as string) - 2) ** 2) - ((p.b as number) - 13) ** 2 / 10 - ((p.x as number) - 0.7) ** 2;
  };

  it('climbs from random starts to the maximum by local search alone', () => {
    const rng = new Rng(4);
    const starts = Array.from({ length: 10 }, () => space.random(rng));
    const best = maximizeAcquisition(space, acquisition, starts, new Set(), rng, { randomCandidates: 0, plateauSteps: 10, maxSteps: 200, finestStep: 1 });
    const params = space.toParams(best?.config ?? new Float64Array());
    assert.equal(params.a, 'r');
    assert.equal(params.b, 13);
    assert.ok(Math.abs((params.x as number) - 0.7) < 0.05, `x = ${params.x}`);
  });

  it("refines finer than SMAC's steps when its steps may shrink", () => {
    const peak = 0.70031;
    const line = new RfSpace({ x: floatDistribution(0, 1) }, undefined);
    const sharp = (config: Configuration): number => -Math.abs((config[0] as number) - peak);
    const distance = (finestStep: number): number => {
      const rng = new Rng(7);
      const starts = [line.fromParams({ x: 0.2 }) as Configuration];
      const best = maximizeAcquisition(line, sharp, starts, new Set(), rng, { randomCandidates: 0, plateauSteps: 10, maxSteps: 200, finestStep });
      return Math.abs(((best?.config ?? new Float64Array(1))[0] as number) - peak);
    };
    assert.ok(distance(0.01) < 0.002, `refined: ${distance(0.01)}`);
    assert.ok(distance(0.01) < distance(1) / 5, `refined ${distance(0.01)}, SMAC's steps ${distance(1)}`);
  });

  it('never returns an excluded configuration', () => {
    const rng = new Rng(4);
    const tiny = new RfSpace({ a: categoricalDistribution(['p', 'q']) }, undefined);
    const score = (c: Configuration): number => (tiny.toParams(c).a === 'p' ? 1 : 0);
    const p = tiny.fromParams({ a: 'p' }) as Configuration;
    const best = maximizeAcquisition(tiny, score, [p], new Set([tiny.key(p)]), rng, { randomCandidates: 20, plateauSteps: 10, maxSteps: 50, finestStep: 1 });
    assert.equal(tiny.toParams(best?.config ?? new Float64Array()).a, 'q');
  });
});
