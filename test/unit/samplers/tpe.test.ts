import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution, intDistribution, type ParamValue } from '../../../src/core/distributions';
import { IntersectionSearchSpace } from '../../../src/core/samplers/intersectionSearchSpace';
import { RandomSampler } from '../../../src/core/samplers/random';
import type { SearchSpace, StudyView } from '../../../src/core/samplers/sampler';
import { parseSamplerSpec } from '../../../src/core/samplers/spec';
import type { Direction } from '../../../src/core/trial';
import type { NumericalKernels } from '../../../src/core/samplers/parzenEstimator';
import { defaultGamma, gatherColumns, observationScore, splitObservations, TpeSampler } from '../../../src/core/samplers/tpe';
import { FakeStudy } from './fakeStudy';

const X_SPACE: SearchSpace = { x: floatDistribution(0, 1) };
const MIXED: SearchSpace = {
  lr: floatDistribution(1e-5, 1, { log: true }),
  layers: intDistribution(1, 8),
  units: intDistribution(16, 512, { log: true }),
  batch: intDistribution(16, 256, { step: 16 }),
  dropout: floatDistribution(0, 0.5, { step: 0.05 }),
  act: categoricalDistribution(['relu', 'tanh', 'sigmoid', 'elu']),
  x: floatDistribution(-5, 10),
};

const num = (params: Readonly<Record<string, ParamValue>>, name: string): number => params[name] as number;
const quadratic = (params: Readonly<Record<string, ParamValue>>): number => (num(params, 'x') - 0.3) ** 2;

/** A study of `n` complete trials on (x − 0.3)², from a seeded random sampler. */
function history(n: number, seed = 1): FakeStudy {
  return new FakeStudy(X_SPACE).run(new RandomSampler({ seed }), quadratic, n);
}

describe('gamma', () => {
  it('is min(ceil(0.1 n), 25)', () => {
    const table: [number, number][] = [[0, 0], [1, 1], [10, 1], [11, 2], [20, 2], [21, 3], [100, 10], [240, 24], [241, 25], [5000, 25]];
    for (const [n, below] of table) assert.equal(defaultGamma(n), below, `gamma(${n})`);
  });
});

describe('observation split', () => {
  const study = new FakeStudy(X_SPACE);
  const add = (state: 'complete' | 'pruned' | 'running', value: number | null, intermediateValues: Record<number, number> = {}) =>
    study.addTrial({ params: { x: 0.5 }, state, value, intermediateValues });
  add('complete', 5); // 0
  add('pruned', null, { 1: 0.1, 3: 1 }); // 1: pruned at step 3
  add('pruned', null, { 5: 2 }); // 2: pruned at step 5
  add('complete', 7); // 3
  add('pruned', null); // 4: pruned before any report → (1, 0)
  add('pruned', null, { 5: 0.5 }); // 5
  add('running', null); // 6
  add('pruned', null, { 5: NaN }); // 7: NaN counts as +∞

  it('scores complete, pruned and running trials as Optuna 3.1', () => {
    const scores = study.getTrials().map((t) => observationScore(t, 1));
    assert.deepEqual(scores, [[-Infinity, 5], [-3, 1], [-5, 2], [-Infinity, 7], [1, 0], [-5, 0.5], [Infinity, Infinity], [-5, Infinity]]);
    assert.deepEqual(observationScore(study.getTrials()[0]!, -1), [-Infinity, -5]);
  });

  it('ranks complete before pruned, deeper pruned before shallower, running last', () => {
    const trials = study.getTrials();
    const steps = Float64Array.from(trials, (t) => observationScore(t, 1)[0]);
    const scores = Float64Array.from(trials, (t) => observationScore(t, 1)[1]);
    const ranking: number[] = [];
    for (let k = 1; k <= trials.length; k++) {
      const { below } = splitObservations(steps, scores, () => k);
      ranking.push([...below].find((i) => !ranking.includes(i)) as number);
    }
    assert.deepEqual(ranking, [0, 3, 5, 2, 7, 1, 4, 6]);
  });

  it('keeps both halves in chronological order and counts only finished trials', () => {
    const trials = study.getTrials();
    const split = splitObservations(Float64Array.from(trials, (t) => observationScore(t, 1)[0]), Float64Array.from(trials, (t) => observationScore(t, 1)[1]), defaultGamma);
    assert.equal(split.nFinished, 7);
    assert.deepEqual([...split.below], [0]);
    assert.deepEqual([...split.above], [1, 2, 3, 4, 5, 6, 7]);
  });

  it('skips trials lacking a parameter (param_mask) or holding a value outside its range', () => {
    const s = new FakeStudy({ a: floatDistribution(0, 1), b: categoricalDistribution(['p', 'q']) });
    s.addTrial({ params: { a: 0.1, b: 'q' }, value: 1 });
    s.addTrial({ params: { a: 0.2 }, value: 2 });
    s.addTrial({ params: { a: 5, b: 'p' }, value: 3, distributions: { a: floatDistribution(0, 10), b: categoricalDistribution(['p', 'q']) } });
    const all = Int32Array.of(0, 1, 2);
    const [a, b] = gatherColumns(s.getTrials(), all, ['a', 'b'], [s.searchSpace.a!, s.searchSpace.b!]);
    assert.deepEqual([...a!], [0.1]);
    assert.deepEqual([...b!], [1]);
    assert.deepEqual([...gatherColumns(s.getTrials(), all, ['a'], [s.searchSpace.a!])[0]!], [0.1, 0.2]);
  });
});

describe('TpeSampler', () => {
  it('samples at random until n_startup_trials trials are complete or pruned', () => {
    const multivariate = (n: number) => new TpeSampler({ seed: 1, multivariate: true, n_startup_trials: n });
    const study = history(9);
    study.addTrial({ params: { x: 0.4 }, state: 'running' });
    const relative = (s: FakeStudy) => multivariate(10).sampleRelative(s, { ...s.getTrials()[0]!, number: 99 }, X_SPACE);
    assert.deepEqual(relative(study), {}, '9 complete + 1 running is still startup');
    study.addTrial({ params: { x: 0.2 }, state: 'pruned', intermediateValues: { 2: 0.01 } });
    assert.equal(typeof relative(study).x, 'number', 'a pruned trial counts towards the startup');
  });

  it('reproduces its suggestions from the same seed and history', () => {
    const run = (seed: number) => new FakeStudy(MIXED).run(new TpeSampler({ seed }), (p) => num(p, 'x') ** 2 + num(p, 'layers'), 30).getTrials().map((t) => t.params);
    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
    const runMv = (seed: number) => new FakeStudy(MIXED).run(new TpeSampler({ seed, multivariate: true }), (p) => num(p, 'x') ** 2, 30).getTrials().map((t) => t.params);
    assert.deepEqual(runMv(7), runMv(7));
  });

  for (const multivariate of [false, true]) {
    it(`keeps 500 ${multivariate ? 'multivariate ' : ''}samples inside bounds, steps, int and log ranges, and choices`, () => {
      const study = new FakeStudy(MIXED, 'maximize');
      study.run(new TpeSampler({ seed: 5, multivariate }), (p) => -((Math.log10(num(p, 'lr')) + 2.5) ** 2) - (num(p, 'layers') - 3) ** 2 + (p.act === 'relu' ? 1 : 0), 500);
      for (const { params: p } of study.getTrials()) {
        const lr = num(p, 'lr');
        assert.ok(lr >= 1e-5 && lr <= 1, `lr ${lr}`);
        assert.ok(Number.isInteger(p.layers) && num(p, 'layers') >= 1 && num(p, 'layers') <= 8, `layers ${p.layers}`);
        assert.ok(Number.isInteger(p.units) && num(p, 'units') >= 16 && num(p, 'units') <= 512, `units ${p.units}`);
        assert.ok(Number.isInteger(p.batch) && num(p, 'batch') % 16 === 0 && num(p, 'batch') >= 16 && num(p, 'batch') <= 256, `batch ${p.batch}`);
        const dropout = num(p, 'dropout');
        assert.ok(dropout >= 0 && dropout <= 0.5 && Math.abs(dropout * 20 - Math.round(dropout * 20)) < 1e-9, `dropout ${dropout}`);
        assert.ok(['relu', 'tanh', 'sigmoid', 'elu'].includes(p.act as string), `act ${p.act}`);
        assert.ok(num(p, 'x') >= -5 && num(p, 'x') <= 10, `x ${p.x}`);
      }
      // And it found the maximiser's region (a maximize study). Jointly modelled, a categorical can
      // settle on the first good choice: Optuna 5's default TPE ends seed 1 of this study on elu too.
      const best = study.bestTrial!.params;
      assert.equal(best.layers, 3);
      assert.ok(Math.abs(Math.log10(num(best, 'lr')) + 2.5) < 0.1, `lr ${best.lr}`);
      if (!multivariate) assert.equal(best.act, 'relu');
    });
  }

  it('beats random search on a quadratic within 60 trials (mean best over 5 seeds)', () => {
    const space: SearchSpace = { a: floatDistribution(-5, 5), b: floatDistribution(-5, 5), c: floatDistribution(-5, 5) };
    const f = (p: Readonly<Record<string, ParamValue>>): number => (num(p, 'a') - 1) ** 2 + (num(p, 'b') + 2) ** 2 + (num(p, 'c') - 0.5) ** 2;
    const meanBest = (make: (seed: number) => TpeSampler | RandomSampler): number =>
      [1, 2, 3, 4, 5].reduce((sum, seed) => sum + (new FakeStudy(space).run(make(seed), f, 60).bestTrial!.value as number), 0) / 5;
    const tpe = meanBest((seed) => new TpeSampler({ seed }));
    const random = meanBest((seed) => new RandomSampler({ seed }));
    assert.ok(tpe < random / 2, `TPE ${tpe} vs random ${random}`);
  });

  it('keeps two parallel asks apart with the constant liar', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const study = history(30, seed);
      // Worker A asks and is still running when worker B asks with the same generator state.
      const a = study.ask(new TpeSampler({ seed }));
      const withLiar = study.ask(new TpeSampler({ seed }));
      const withoutLiar = study.ask(new TpeSampler({ seed, constant_liar: false }));
      assert.equal(withoutLiar.params.x, a.params.x, 'without the liar B repeats A');
      assert.ok(Math.abs(num(withLiar.params, 'x') - num(a.params, 'x')) > 1e-3, `seed ${seed}: with the liar B moves away from A`);
    }
  });

  it('leaves sequential studies unchanged by the constant liar (no running trials)', () => {
    const run = (constant_liar: boolean) => new FakeStudy(MIXED).run(new TpeSampler({ seed: 3, constant_liar }), (p) => num(p, 'x') ** 2, 25).getTrials().map((t) => t.params);
    assert.deepEqual(run(true), run(false));
  });

  it('samples the intersection space jointly in multivariate mode and the rest independently', () => {
    const sampler = new TpeSampler({ seed: 1, multivariate: true });
    const study = new FakeStudy({ x: floatDistribution(0, 1), fixed: intDistribution(3, 3), late: floatDistribution(0, 1) });
    for (let i = 0; i < 12; i++) study.addTrial({ params: { x: i / 12, fixed: 3 }, value: i });
    study.addTrial({ params: { x: 0.5 }, state: 'running' });
    const draft = { ...study.getTrials()[0]!, number: 99, params: {} };
    const space = sampler.inferRelativeSearchSpace(study);
    assert.deepEqual(Object.keys(space), ['x'], 'single-valued and missing params are left out');
    const relative = sampler.sampleRelative(study, draft, space);
    assert.deepEqual(Object.keys(relative), ['x']);
    assert.equal(typeof sampler.sampleIndependent(study, draft, 'late', study.searchSpace.late!), 'number');
    assert.equal(sampler.sampleIndependent(study, draft, 'fixed', study.searchSpace.fixed!), 3);
  });
});

describe('TpeSampler defaults: today\'s Optuna, or 3.1 with compat: optuna31', () => {
  const two = { a: floatDistribution(0, 1), b: floatDistribution(0, 1) };
  /** Twelve complete trials, seen as a study of `directions` (only their count matters here). */
  const finished = (directions: readonly Direction[]): StudyView => {
    const study = new FakeStudy(two);
    for (let i = 0; i < 12; i++) study.addTrial({ params: { a: i / 12, b: ((i * 5) % 12) / 12 }, value: i });
    return { name: study.name, direction: 'minimize', directions, searchSpace: two, getTrials: (states) => study.getTrials(states) };
  };
  const joint = (sampler: TpeSampler, study: StudyView): string[] => Object.keys(sampler.inferRelativeSearchSpace(study));

  it('models the params jointly with one objective and one by one with several, unless told', () => {
    assert.deepEqual(joint(new TpeSampler({ seed: 1 }), finished(['minimize'])), ['a', 'b']);
    assert.deepEqual(joint(new TpeSampler({ seed: 1 }), finished(['minimize', 'maximize'])), []);
    assert.deepEqual(joint(new TpeSampler({ seed: 1, multivariate: false }), finished(['minimize'])), []);
    assert.deepEqual(joint(new TpeSampler({ seed: 1, multivariate: true }), finished(['minimize', 'maximize'])), ['a', 'b']);
  });

  it('with compat: optuna31 is univariate and lets parallel asks repeat each other, as 3.1 by default', () => {
    assert.deepEqual(joint(new TpeSampler({ seed: 1, compat: 'optuna31' }), finished(['minimize'])), []);
    assert.deepEqual(joint(new TpeSampler({ seed: 1, compat: 'optuna31', multivariate: true }), finished(['minimize'])), ['a', 'b']);
    const study = history(30, 2);
    const a = study.ask(new TpeSampler({ seed: 2, compat: 'optuna31' }));
    assert.equal(study.ask(new TpeSampler({ seed: 2, compat: 'optuna31' })).params.x, a.params.x, 'no liar: B repeats A');
    assert.notEqual(study.ask(new TpeSampler({ seed: 2, compat: 'optuna31', constant_liar: true })).params.x, a.params.x, 'constant_liar: true still wins');
  });

  it('refuses an unknown compat at its key, with the known value and a suggestion', () => {
    const { spec, problems } = parseSamplerSpec({ type: 'tpe', compat: 'optuna3' }, ['search', 'sampler']);
    assert.equal(spec, null);
    assert.deepEqual(problems.map((p) => [p.path, p.message]), [[['search', 'sampler', 'compat'], 'compat must be one of optuna31 (did you mean \'optuna31\'?), got "optuna3"']]);
    assert.deepEqual(parseSamplerSpec({ type: 'tpe', compat: 'optuna31' }, ['sampler']).spec, { type: 'tpe', compat: 'optuna31' });
  });

  it('fits the kernels by today\'s rules by default and by 3.1\'s with compat (different bandwidths on the same history)', () => {
    const study = finished(['minimize']);
    const current = new TpeSampler({ seed: 1 }).fitEstimators(study, { ...study.getTrials()[0]!, number: 99 }, ['a', 'b'], [two.a, two.b]);
    const legacy = new TpeSampler({ seed: 1, compat: 'optuna31', multivariate: true }).fitEstimators(study, { ...study.getTrials()[0]!, number: 99 }, ['a', 'b'], [two.a, two.b]);
    const sigmas = (e: typeof current): number[] => Array.from((e?.above.dimension(0) as NumericalKernels).sigmas);
    // 3.1's multivariate kernels share one Scott-like bandwidth; today's take each one's neighbour gap.
    assert.equal(new Set(sigmas(legacy).slice(0, -1)).size, 1);
    assert.ok(new Set(sigmas(current).slice(0, -1)).size > 1, `today's sigmas ${sigmas(current).join(', ')}`);
  });
});

describe('IntersectionSearchSpace', () => {
  it('keeps params every finished trial has with one distribution, and folds in trials as they finish', () => {
    const study = new FakeStudy({ a: floatDistribution(0, 1), b: floatDistribution(0, 1) });
    const space = new IntersectionSearchSpace();
    study.addTrial({ params: { a: 0.1, b: 0.1 }, value: 1 });
    study.addTrial({ params: { a: 0.2 }, state: 'running' });
    assert.deepEqual(Object.keys(space.calculate(study.getTrials())), ['a', 'b']);
    study.addTrial({ params: { a: 0.3, b: 0.3 }, state: 'fail' });
    study.addTrial({ params: { a: 0.5, b: 0.5 }, value: 1, distributions: { a: floatDistribution(0, 1), b: floatDistribution(0, 2) } });
    assert.deepEqual(Object.keys(space.calculate(study.getTrials())), ['a'], 'b changed its range');
  });
});
