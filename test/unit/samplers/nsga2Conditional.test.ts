/**
 * nsga2 in a conditional space, as Optuna's NSGA-II treats a define-by-run space: crossover and
 * mutation over the intersection search space (the params every complete trial has), every other
 * param drawn at random, so a child never inherits a param its parents may lack.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStorage, Study } from '../../../src/core';
import { CONDITIONAL_CONDITIONS, CONDITIONAL_SPACE, checkConditionalTrial, conditionalObjective } from '../../fixtures/conditionalSpace';

describe('nsga2 in a conditional space', () => {
  it('breeds the always-present params from the parents and samples the branch params, over several generations', async () => {
    const study = await Study.open(await openStorage(), {
      name: 'nsga2',
      directions: ['minimize', 'minimize'],
      searchSpace: CONDITIONAL_SPACE,
      conditions: CONDITIONAL_CONDITIONS,
      sampler: { type: 'nsga2', population_size: 8 },
      seed: 3,
    });
    for (let i = 0; i < 40; i++) {
      const trial = await study.ask();
      checkConditionalTrial(trial.params, `trial ${trial.number}:`);
      await study.tell(trial, [conditionalObjective(trial.params), trial.params.layers as number]);
    }
    const space = study.sampler.inferRelativeSearchSpace(study, study.trials[39] as never);
    assert.deepEqual(Object.keys(space), ['optimizer', 'model', 'lr', 'layers', 'units_0']);
    // Children of generation 1 on inherit lr from a parent of the generation before unless mutated (1 in 5).
    const parents = new Set(study.trials.slice(0, 8).map((t) => t.params.lr));
    const inherited = study.trials.slice(8, 16).filter((t) => parents.has(t.params.lr)).length;
    assert.ok(inherited >= 3, `only ${inherited} of generation 1's children took a parent's lr`);
  });
});
