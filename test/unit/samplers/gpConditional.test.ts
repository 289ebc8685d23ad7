/**
 * gp in a conditional space: the GP models the params every finished trial has, and a param a
 * condition governs is drawn by univariate TPE from the trials that have it, so a branch's params
 * are learned rather than drawn at random.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalDistribution, floatDistribution } from '../../../src/core/distributions';
import { GpSampler } from '../../../src/core/samplers/gp';
import { Rng } from '../../../src/core/rng';
import type { StudyView } from '../../../src/core/samplers/sampler';
import { FakeStudy } from './fakeStudy';

const SPACE = {
  optimizer: categoricalDistribution(['sgd', 'adam']),
  momentum: floatDistribution(0, 0.99),
  beta1: floatDistribution(0.8, 0.999),
  lr: floatDistribution(1e-4, 1e-1, { log: true }),
};
const CONDITIONS = {
  momentum: [{ parent: 'optimizer', values: ['sgd'] }],
  beta1: [{ parent: 'optimizer', values: ['adam'] }],
};

/** 30 finished trials, both branches; sgd trials score by their momentum's distance from 0.9. */
function history(): FakeStudy {
  const study = new FakeStudy(SPACE);
  const rng = new Rng(8);
  for (let i = 0; i < 30; i++) {
    const lr = 10 ** rng.uniform(-4, -1);
    if (i % 3 === 0) study.addTrial({ params: { optimizer: 'adam', beta1: rng.uniform(0.8, 0.999), lr }, value: 1 + rng.random() });
    else {
      const momentum = rng.uniform(0, 0.99);
      study.addTrial({ params: { optimizer: 'sgd', momentum, lr }, value: (momentum - 0.9) ** 2 });
    }
  }
  return study;
}

function conditionalView(study: FakeStudy): StudyView {
  return { name: study.name, direction: study.direction, directions: study.directions, searchSpace: SPACE, conditions: CONDITIONS, getTrials: (states) => study.getTrials(states) };
}

describe('gp in a conditional space', () => {
  it('models only the params every finished trial has, so branch params never enter the GP', () => {
    const study = history();
    const gp = new GpSampler({ seed: 1 });
    assert.deepEqual(Object.keys(gp.inferRelativeSearchSpace(conditionalView(study))).sort(), ['lr', 'optimizer']);
  });

  it("draws sgd's momentum near its best value 0.9 from the sgd trials, where random draws lie 0.41 away on average", () => {
    const study = history();
    const view = conditionalView(study);
    const gp = new GpSampler({ seed: 2 });
    const trial = study.addTrial({ params: { optimizer: 'sgd' }, state: 'running' });
    const draws = Array.from({ length: 30 }, () => gp.sampleIndependent(view, trial, 'momentum', SPACE.momentum) as number);
    const distance = draws.reduce((sum, m) => sum + Math.abs(m - 0.9), 0) / draws.length;
    assert.ok(distance < 0.15, `momentum draws lie ${distance.toFixed(3)} from 0.9 on average`);
    assert.ok(draws.every((m) => m >= 0 && m <= 0.99));
  });
});
