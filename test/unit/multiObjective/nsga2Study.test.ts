/** nsga2 through the public API: a config-style spec, generations written with each new trial, constraints from tell. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy, parseSamplerSpec } from '../../../src/core';
import { GENERATION_ATTR } from '../../../src/core/samplers/nsga2';

describe('nsga2 in a study', () => {
  it('parses its options and refuses wrong ones', () => {
    const { spec, problems } = parseSamplerSpec({ type: 'nsga2', population_size: 10, crossover: 'sbx', mutation_prob: 0.2, crossover_prob: 1, swapping_prob: 0 }, ['search', 'sampler']);
    assert.deepEqual(problems, []);
    assert.deepEqual(spec, { type: 'nsga2', population_size: 10, crossover: 'sbx', mutation_prob: 0.2, crossover_prob: 1, swapping_prob: 0 });
    const bad = parseSamplerSpec({ type: 'nsga2', population_size: 1, crossover: 'sbxx', mutation_prob: 2 }, ['search', 'sampler']).problems.map((p) => p.message);
    assert.equal(bad.length, 3);
    assert.match(bad.join('\n'), /population_size must be an integer ≥ 2/);
    assert.match(bad.join('\n'), /did you mean 'sbx'/);
    assert.match(bad.join('\n'), /mutation_prob must be a number in \[0, 1\]/);
  });

  it('writes each trial’s generation when it is created, and breeds from complete generations', async () => {
    const study = await createStudy({
      name: 'nsga2-study',
      directions: ['minimize', 'maximize'],
      space: { x: { float: [0, 1] }, k: ['a', 'b', 'c'] },
      sampler: { type: 'nsga2', population_size: 4 },
      seed: 7,
    });
    for (let i = 0; i < 14; i++) {
      const trial = await study.ask();
      assert.equal(study.trials[trial.number]?.systemAttrs[GENERATION_ATTR], Math.floor(i / 4), `trial ${i} is running with its generation`);
      const x = trial.params.x as number;
      await study.tell(trial, [x, x * x + (trial.params.k === 'b' ? 1 : 0)], { constraints: [x - 0.9] });
    }
    assert.ok(study.bestTrials.length > 0);
  });

  it('an enqueued trial gets its generation when it starts, beside its fixed params', async () => {
    const study = await createStudy({ name: 'nsga2-enqueue', directions: ['minimize', 'minimize'], space: { x: { float: [0, 1] }, y: { float: [0, 1] } }, sampler: { type: 'nsga2', population_size: 2 }, seed: 3 });
    for (let i = 0; i < 2; i++) {
      const trial = await study.ask();
      await study.tell(trial, [trial.params.x as number, trial.params.y as number]);
    }
    await study.enqueue({ x: 0.25 });
    const trial = await study.ask();
    assert.equal(trial.params.x, 0.25);
    assert.equal(study.trials[trial.number]?.systemAttrs[GENERATION_ATTR], 1);
  });
});
