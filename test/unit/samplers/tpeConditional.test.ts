/**
 * TPE in a conditional space: the group-decomposed search space (Optuna's `group: true`), the option's
 * validation, and that univariate and grouped TPE both learn a branch's best values from the trials
 * that took the branch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStorage, parseSamplerSpec, Study, type SamplerSpec } from '../../../src/core';
import { categoricalDistribution, floatDistribution } from '../../../src/core/distributions';
import { GroupDecomposedSearchSpace } from '../../../src/core/samplers/groupDecomposedSearchSpace';
import { TpeSampler } from '../../../src/core/samplers/tpe';
import { CONDITIONAL_CONDITIONS, CONDITIONAL_SPACE, conditionalObjective } from '../../fixtures/conditionalSpace';
import { FakeStudy } from './fakeStudy';

const SPACE = {
  optimizer: categoricalDistribution(['sgd', 'adam']),
  momentum: floatDistribution(0, 0.99),
  nesterov: categoricalDistribution([true, false]),
  beta1: floatDistribution(0.8, 0.999),
  lr: floatDistribution(1e-4, 1e-1, { log: true }),
};
const sgd = (momentum: number) => ({ optimizer: 'sgd', momentum, nesterov: true, lr: 0.01 });
const adam = (beta1: number) => ({ optimizer: 'adam', beta1, lr: 0.001 });
const names = (groups: readonly object[]): string[][] => groups.map((g) => Object.keys(g).sort()).sort();

describe('group-decomposed search space', () => {
  it('splits the params into the always-present ones and one group per branch', () => {
    const study = new FakeStudy(SPACE);
    study.addTrial({ params: sgd(0.5), value: 1 });
    study.addTrial({ params: adam(0.9), value: 2 });
    study.addTrial({ params: sgd(0.7), value: 3 });
    assert.deepEqual(names(new GroupDecomposedSearchSpace().calculate(study.getTrials())), [['beta1'], ['lr', 'optimizer'], ['momentum', 'nesterov']]);
  });

  it('ignores running and failed trials, and folds in a trial once it finishes', () => {
    const study = new FakeStudy(SPACE);
    const groups = new GroupDecomposedSearchSpace();
    study.addTrial({ params: sgd(0.5), value: 1 });
    study.addTrial({ params: adam(0.9), state: 'running' });
    study.addTrial({ params: { optimizer: 'adam', lr: 0.1 }, state: 'fail' });
    assert.deepEqual(names(groups.calculate(study.getTrials())), [['lr', 'momentum', 'nesterov', 'optimizer']]);
    study.tell(study.getTrials()[1] as never, 2);
    assert.deepEqual(names(groups.calculate(study.getTrials())), [['beta1'], ['lr', 'optimizer'], ['momentum', 'nesterov']]);
  });

  it('gives multivariate TPE with group a relative space holding both branches, where the intersection holds neither', () => {
    const study = new FakeStudy(SPACE);
    for (let i = 0; i < 6; i++) study.addTrial({ params: i % 2 ? sgd(0.1 * i) : adam(0.8 + 0.02 * i), value: i });
    const grouped = new TpeSampler({ multivariate: true, group: true, n_startup_trials: 4, seed: 1 });
    const trial = study.addTrial({ params: {}, state: 'running' });
    const space = grouped.inferRelativeSearchSpace(study);
    assert.deepEqual(Object.keys(space).sort(), ['beta1', 'lr', 'momentum', 'nesterov', 'optimizer']);
    const sampled = grouped.sampleRelative(study, trial, space);
    assert.deepEqual(Object.keys(sampled).sort(), ['beta1', 'lr', 'momentum', 'nesterov', 'optimizer'], 'every group gets its joint draw');
    const plain = new TpeSampler({ multivariate: true, seed: 1 });
    assert.deepEqual(Object.keys(plain.inferRelativeSearchSpace(study)).sort(), ['lr', 'optimizer']);
  });
});

describe('tpe group option', () => {
  it('is refused without multivariate (multivariate: false, or compat: optuna31 whose default is off), at the group key', () => {
    for (const raw of [{ type: 'tpe', multivariate: false, group: true }, { type: 'tpe', compat: 'optuna31', group: true }]) {
      const { spec, problems } = parseSamplerSpec(raw, ['search', 'sampler']);
      assert.equal(spec, null);
      assert.deepEqual(problems.map((p) => [p.path, p.message]), [[['search', 'sampler', 'group'], 'group needs multivariate: true (the groups are sampled by multivariate TPE)']]);
    }
    assert.equal(parseSamplerSpec({ type: 'tpe', group: true }, ['sampler']).problems.length, 0, "today's default is multivariate");
    assert.equal(parseSamplerSpec({ type: 'tpe', compat: 'optuna31', multivariate: true, group: true }, ['sampler']).problems.length, 0);
  });
});

/** Over 8 seeded studies of 60 trials: the late sgd trials' mean distance from momentum 0.9, and the mean best value. */
async function branchLearning(sampler: SamplerSpec): Promise<{ distance: number; best: number }> {
  let distance = 0;
  let count = 0;
  let best = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const study = await Study.open(await openStorage(), { name: 'branches', directions: ['minimize'], searchSpace: CONDITIONAL_SPACE, conditions: CONDITIONAL_CONDITIONS, sampler, seed });
    for (let i = 0; i < 60; i++) {
      const trial = await study.ask();
      await study.tell(trial, conditionalObjective(trial.params));
    }
    for (const trial of study.trials.slice(30)) {
      if (trial.params.optimizer !== 'sgd') continue;
      distance += Math.abs((trial.params.momentum as number) - 0.9);
      count++;
    }
    best += (study.bestTrial?.value as number) / 8;
  }
  return { distance: distance / count, best };
}

describe('TPE learns per branch in a conditional space', () => {
  it('univariate and grouped TPE bring sgd\'s momentum near its best value 0.9 and beat random search', async () => {
    const random = await branchLearning({ type: 'random' });
    for (const sampler of [{ type: 'tpe' }, { type: 'tpe', multivariate: true, group: true }] as SamplerSpec[]) {
      const { distance, best } = await branchLearning(sampler);
      // Uniform momentum in [0, 0.99] lies 0.41 from 0.9 on average.
      assert.ok(distance < 0.3, `${JSON.stringify(sampler)}: late sgd trials lie ${distance.toFixed(3)} from momentum 0.9 on average`);
      assert.ok(best < random.best * 0.8, `${JSON.stringify(sampler)}: mean best ${best.toFixed(4)}, random search ${random.best.toFixed(4)}`);
    }
  });
});
