/**
 * The qmc sampler: trial n takes point n of the sequence (so parallel asks and resumed studies carry
 * on through it), every kind of parameter maps from [0, 1) onto its values evenly, seeds reproduce,
 * and the options are checked like every sampler's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { categoricalDistribution, contains, floatDistribution, intDistribution, toInternal, type Distribution } from '../../../src/core/distributions';
import { mixSeed } from '../../../src/core/rng';
import { createSampler } from '../../../src/core/samplers';
import { fromUnitInterval, QmcSampler } from '../../../src/core/samplers/qmc';
import { HaltonSequence } from '../../../src/core/samplers/halton';
import type { Sampler } from '../../../src/core/samplers/sampler';
import { SobolSequence } from '../../../src/core/samplers/sobol';
import { parseSamplerSpec } from '../../../src/core/samplers/spec';
import { FakeStudy } from './fakeStudy';

const SPACE = {
  lr: floatDistribution(1e-5, 1e-1, { log: true }),
  dropout: floatDistribution(0, 0.5, { step: 0.05 }),
  momentum: floatDistribution(0.5, 0.99),
  layers: intDistribution(1, 4),
  units: intDistribution(8, 512, { log: true }),
  batch: intDistribution(16, 128, { step: 16 }),
  activation: categoricalDistribution(['relu', 'tanh', 'elu']),
  epochs: intDistribution(20, 20),
};

const objective = (params: Record<string, unknown>): number => (params.momentum as number) + (params.layers as number);

function runStudy(sampler: Sampler, trials: number, study = new FakeStudy(SPACE)): FakeStudy {
  return study.run(sampler, objective, trials);
}

describe('fromUnitInterval', () => {
  it('maps 0 to the low end and the top of [0, 1) to the high end of every kind', () => {
    const top = 1 - 2 ** -32;
    for (const d of Object.values(SPACE)) {
      const low = fromUnitInterval(d, 0);
      const high = fromUnitInterval(d, top);
      if (d.type === 'categorical') {
        assert.deepEqual([low, high], [d.choices[0], d.choices.at(-1)]);
      } else {
        assert.ok(Math.abs((low as number) - d.low) <= 1e-12 * d.low, `${JSON.stringify(d)}: ${low}`);
        assert.ok(Math.abs((high as number) - d.high) <= 1e-8 * d.high, `${JSON.stringify(d)}: ${high}`);
      }
    }
  });

  it('gives each of k discrete values an equal share of [0, 1), in order', () => {
    const cases: [Distribution, number][] = [
      [intDistribution(1, 4), 4],
      [intDistribution(16, 128, { step: 16 }), 8],
      [floatDistribution(0, 0.5, { step: 0.05 }), 11],
      [categoricalDistribution(['a', 'b', 'c']), 3],
    ];
    for (const [d, k] of cases) {
      for (let i = 0; i < k; i++) {
        const values = [(i + 0.001) / k, (i + 0.5) / k, (i + 0.999) / k].map((u) => toInternal(d, fromUnitInterval(d, u)));
        const expected = d.type === 'categorical' ? i : d.low + i * (d.step ?? NaN);
        for (const value of values) assert.ok(Math.abs(value - expected) < 1e-9, `${JSON.stringify(d)}: value ${i} of ${k} is ${value}`);
      }
    }
  });

  it('spreads log ranges evenly in log space', () => {
    const d = floatDistribution(1e-4, 1);
    const log = floatDistribution(1e-4, 1, { log: true });
    assert.equal(fromUnitInterval(d, 0.5), 0.50005);
    assert.ok(Math.abs((fromUnitInterval(log, 0.5) as number) - 1e-2) < 1e-12);
    assert.ok(Math.abs((fromUnitInterval(log, 0.25) as number) - 1e-3) < 1e-12);
  });
});

describe('QmcSampler', () => {
  it('gives every parameter a valid value, sampling the whole space jointly', () => {
    for (const qmcType of ['sobol', 'halton'] as const) {
      const sampler = new QmcSampler({ seed: 1, qmc_type: qmcType });
      const study = runStudy(sampler, 64);
      for (const trial of study.getTrials()) {
        for (const [name, d] of Object.entries(SPACE)) assert.ok(contains(d, toInternal(d, trial.params[name] ?? null)), `${qmcType} ${name}=${trial.params[name]}`);
      }
      // The single-valued epochs takes no dimension, as in Optuna.
      assert.deepEqual(Object.keys(sampler.inferRelativeSearchSpace(study)), Object.keys(SPACE).filter((name) => name !== 'epochs'));
    }
  });

  it('gives trial n point n of the sequence', () => {
    const space = { x: floatDistribution(0, 1), y: floatDistribution(0, 1) };
    for (const qmcType of ['sobol', 'halton'] as const) {
      const study = new FakeStudy(space).run(new QmcSampler({ qmc_type: qmcType, scramble: false }), () => 0, 16);
      const sequence = qmcType === 'sobol' ? new SobolSequence(2, { scramble: false }) : new HaltonSequence(2, { scramble: false });
      assert.deepEqual(study.getTrials().map((t) => [t.params.x, t.params.y]), Array.from({ length: 16 }, (_, i) => sequence.point(i)));
    }
  });

  it('covers each sixteenth of a range once in 16 trials, which random search rarely does', () => {
    const space = { x: floatDistribution(-5, 10), units: intDistribution(1, 16) };
    for (const seed of [1, 2, 3]) {
      const trials = new FakeStudy(space).run(new QmcSampler({ seed }), () => 0, 16).getTrials();
      assert.equal(new Set(trials.map((t) => Math.floor(((t.params.x as number) + 5) / (15 / 16)))).size, 16);
      assert.equal(new Set(trials.map((t) => t.params.units)).size, 16);
    }
  });

  it('repeats itself with the same seed and differs with another, for both sequences', () => {
    for (const qmcType of ['sobol', 'halton'] as const) {
      const params = (seed: number) => runStudy(new QmcSampler({ seed, qmc_type: qmcType }), 20).getTrials().map((t) => t.params);
      assert.deepEqual(params(4), params(4));
      assert.notDeepEqual(params(4), params(5));
    }
  });

  it('hands parallel asks distinct points, and a resumed study carries on through the same sequence', () => {
    const seed = 6;
    const parallel = new FakeStudy(SPACE);
    const sampler = new QmcSampler({ seed });
    const asked = Array.from({ length: 8 }, () => parallel.ask(sampler));
    assert.equal(new Set(asked.map((t) => JSON.stringify(t.params))).size, 8);
    // A second process (a new sampler, same seed) picks up at the study's trial count, not at point 0.
    const resumed = runStudy(new QmcSampler({ seed }), 8, runStudy(new QmcSampler({ seed }), 8));
    const straight = runStudy(new QmcSampler({ seed }), 16);
    assert.deepEqual(resumed.getTrials().map((t) => t.params), straight.getTrials().map((t) => t.params));
    // createSampler scrambles with the configured seed, not the one a resume mixes with the trial count.
    const fromContext = createSampler({ type: 'qmc' }, { seed: mixSeed(seed, 8), studySeed: seed });
    assert.deepEqual(runStudy(fromContext, 8, runStudy(new QmcSampler({ seed }), 8)).getTrials().map((t) => t.params), straight.getTrials().map((t) => t.params));
  });

  it('runs a study through createStudy with its options', async () => {
    const study = await createStudy({ name: 'qmc', space: { x: { float: [0, 1] }, c: ['a', 'b'] }, sampler: { type: 'qmc', qmc_type: 'halton', scramble: false }, seed: 1 });
    const xs: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const trial = await study.ask();
      xs.push(trial.params.x);
      await study.tell(trial, 0);
    }
    assert.deepEqual(xs, [0, 0.5, 0.25, 0.75]);
  });
});

describe('qmc sampler options', () => {
  it('accepts qmc_type and scramble', () => {
    assert.deepEqual(parseSamplerSpec({ type: 'qmc', qmc_type: 'halton', scramble: false }, ['sampler']), { spec: { type: 'qmc', qmc_type: 'halton', scramble: false }, problems: [] });
    assert.deepEqual(parseSamplerSpec('qmc', ['sampler']).spec, { type: 'qmc' });
  });

  it('rejects an unknown sequence with the names it knows and a hint', () => {
    const { spec, problems } = parseSamplerSpec({ type: 'qmc', qmc_type: 'sobel', scramble: 'yes' }, ['search', 'sampler']);
    assert.equal(spec, null);
    assert.deepEqual(
      problems.map((p) => [p.path, p.message]),
      [
        [['search', 'sampler', 'qmc_type'], `qmc_type must be one of sobol, halton (did you mean 'sobol'?), got "sobel"`],
        [['search', 'sampler', 'scramble'], 'scramble must be true or false, got "yes"'],
      ],
    );
  });
});
