/**
 * qmc in a conditional space: every trial takes its Sobol point over all the space's dimensions and
 * uses a conditional param's coordinate only when the param is active, so the trials of a branch
 * still spread their branch params evenly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStorage, Study } from '../../../src/core';
import { CONDITIONAL_CONDITIONS, CONDITIONAL_SPACE, checkConditionalTrial } from '../../fixtures/conditionalSpace';

describe('qmc in a conditional space', () => {
  it("spreads the sgd trials' momentum over its range as evenly as a Sobol net: one in each of 32 equal slices in 64 trials", async () => {
    const study = await Study.open(await openStorage(), { name: 'qmc', directions: ['minimize'], searchSpace: CONDITIONAL_SPACE, conditions: CONDITIONAL_CONDITIONS, sampler: { type: 'qmc' }, seed: 6 });
    for (let i = 0; i < 64; i++) {
      const trial = await study.ask();
      checkConditionalTrial(trial.params, `trial ${trial.number}:`);
      await study.tell(trial, i);
    }
    const sgd = study.trials.filter((t) => t.params.optimizer === 'sgd');
    assert.equal(sgd.length, 32, 'the optimizer coordinate splits 64 Sobol points in halves');
    const slices = sgd.map((t) => Math.floor(((t.params.momentum as number) / 0.99) * 32)).sort((a, b) => a - b);
    assert.deepEqual(slices, Array.from({ length: 32 }, (_, k) => k));
  });
});
