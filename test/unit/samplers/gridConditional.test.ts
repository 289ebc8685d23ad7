/**
 * Grid search over a conditional space: each distinct active assignment once (a branch's params are
 * not repeated for every value of another branch's), then exhaustion; a too large list is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStorage, Study } from '../../../src/core';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import type { SearchSpace, SpaceConditions } from '../../../src/core/samplers/sampler';

/** sgd: 3 momentum values; adam: 2 beta1 values; layers 1 (2 units_0) or 2 (2 × 2 units): 5 × 6 = 30 points. */
const SPACE: SearchSpace = {
  optimizer: categoricalDistribution(['sgd', 'adam']),
  momentum: floatDistribution(0, 0.9, { step: 0.45 }),
  beta1: categoricalDistribution([0.9, 0.99]),
  layers: intDistribution(1, 2),
  units_0: categoricalDistribution([16, 32]),
  units_1: categoricalDistribution([16, 32]),
};
const CONDITIONS: SpaceConditions = {
  momentum: [{ parent: 'optimizer', values: ['sgd'] }],
  beta1: [{ parent: 'optimizer', values: ['adam'] }],
  units_0: [{ parent: 'layers', values: [1, 2] }],
  units_1: [{ parent: 'layers', values: [2] }],
};

async function gridStudy(space: SearchSpace, conditions: SpaceConditions): Promise<Study> {
  return Study.open(await openStorage(), { name: 'grid', directions: ['minimize'], searchSpace: space, conditions, sampler: { type: 'grid' }, seed: 4 });
}

describe('grid over a conditional space', () => {
  it('visits each of the 30 distinct active assignments once, each with only its active params, then refuses to ask', async () => {
    const study = await gridStudy(SPACE, CONDITIONS);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      assert.equal(study.exhausted, false, `exhausted after ${i} points`);
      const trial = await study.ask();
      const p = trial.params;
      const expected = ['optimizer', p.optimizer === 'sgd' ? 'momentum' : 'beta1', 'layers', 'units_0', ...(p.layers === 2 ? ['units_1'] : [])];
      assert.deepEqual(Object.keys(p), expected);
      seen.add(JSON.stringify(p));
      // A failed trial holds its point too.
      await study.tell(trial, i % 4 === 0 ? { state: 'fail', error: 'boom' } : i);
    }
    assert.equal(seen.size, 30);
    assert.equal(study.exhausted, true);
    await assert.rejects(study.ask(), /exhausted/);
  });

  it('starts an enqueued trial whose fixed parent opens another branch than the point drawn, with grid values for that branch', async () => {
    const study = await gridStudy(SPACE, CONDITIONS);
    const enqueued = ['sgd', 'adam', 'sgd', 'adam', 'sgd', 'adam'];
    for (const optimizer of enqueued) await study.enqueue({ optimizer, layers: 2 });
    for (const optimizer of enqueued) {
      const { params } = await study.ask();
      assert.equal(params.optimizer, optimizer);
      const branch = params.optimizer === 'sgd' ? { momentum: [0, 0.45, 0.9] } : { beta1: [0.9, 0.99] };
      const [[name, values]] = Object.entries(branch) as [[string, number[]]];
      assert.deepEqual(Object.keys(params), ['optimizer', name, 'layers', 'units_0', 'units_1']);
      assert.ok(values.includes(params[name] as number), `${name}=${params[name]} is off the grid`);
    }
    assert.deepEqual(study.trials.map((t) => t.state), enqueued.map(() => 'running'), 'an enqueued trial failed to start');
  });

  it('refuses a conditional space of more than 500,000 distinct points, saying what to do', async () => {
    const space: Record<string, SearchSpace[string]> = { branch: categoricalDistribution(['a', 'b']) };
    const conditions: Record<string, SpaceConditions[string]> = {};
    for (let i = 0; i < 7; i++) {
      space[`x${i}`] = intDistribution(0, 9);
      conditions[`x${i}`] = [{ parent: 'branch', values: ['a'] }];
    }
    const study = await gridStudy(space, conditions);
    await assert.rejects(study.ask(), /more than 500,000 distinct points; give fewer grid points/);
  });
});
