/**
 * The suite every sampler passes: valid values for every kind of parameter, seeded reproducibility,
 * distinct points for parallel asks, and a best trial that only ever improves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy, type SamplerSpec } from '../../../src/core';
import { checkMixedValue as checkValue, GRID_SPACE, MIXED_SPACE, mixedObjective } from '../../fixtures/spaces';

const SAMPLERS: { label: string; sampler: SamplerSpec; space: Record<string, unknown> }[] = [
  { label: 'random', sampler: { type: 'random' }, space: MIXED_SPACE },
  { label: 'tpe', sampler: { type: 'tpe' }, space: MIXED_SPACE },
  { label: 'tpe multivariate', sampler: { type: 'tpe', multivariate: true }, space: MIXED_SPACE },
  { label: 'grid', sampler: { type: 'grid', points: 4 }, space: MIXED_SPACE },
  { label: 'gp', sampler: { type: 'gp' }, space: MIXED_SPACE },
  { label: 'rf', sampler: { type: 'rf' }, space: MIXED_SPACE },
  { label: 'qmc', sampler: { type: 'qmc' }, space: MIXED_SPACE },
  { label: 'qmc halton', sampler: { type: 'qmc', qmc_type: 'halton' }, space: MIXED_SPACE },
];

async function runStudy(sampler: SamplerSpec, space: Record<string, unknown>, seed: number, trials: number) {
  const study = await createStudy({ name: 'conformance', space, sampler, seed });
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    await study.tell(trial, mixedObjective(trial.params));
  }
  return study;
}

for (const { label, sampler, space } of SAMPLERS) {
  describe(`sampler conformance: ${label}`, () => {
    it('gives every parameter a valid value of its kind, on its step, inside its range', async () => {
      const study = await runStudy(sampler, space, 3, 40);
      assert.equal(study.trials.length, 40);
      for (const trial of study.trials) {
        assert.deepEqual(Object.keys(trial.params), Object.keys(space));
        for (const [name, value] of Object.entries(trial.params)) checkValue(name, value);
      }
    });

    it('repeats itself exactly with the same seed and differs with another', async () => {
      const a = await runStudy(sampler, space, 11, 25);
      const b = await runStudy(sampler, space, 11, 25);
      const c = await runStudy(sampler, space, 12, 25);
      const params = (s: typeof a) => s.trials.map((t) => t.params);
      assert.deepEqual(params(a), params(b));
      assert.notDeepEqual(params(a), params(c));
    });

    it('hands out distinct points to parallel asks made before any tell', async () => {
      const study = await runStudy(sampler, space, 5, 20);
      const pending = [];
      for (let i = 0; i < 8; i++) pending.push(await study.ask());
      const keys = new Set(pending.map((t) => JSON.stringify(t.params)));
      assert.equal(keys.size, pending.length, 'two parallel asks got the same point');
      // The continuous learning rate must not collapse onto one value either.
      const lrs = new Set(pending.map((t) => (t.params.lr as number).toPrecision(6)));
      assert.ok(lrs.size >= (label === 'grid' ? 2 : 6), `only ${lrs.size} distinct learning rates among 8 parallel asks`);
    });

    it('reports a best trial that is the minimum of the completed values', async () => {
      const study = await runStudy(sampler, space, 9, 30);
      const values = study.trials.map((t) => t.value as number);
      assert.equal(study.bestTrial?.value, Math.min(...values));
    });
  });
}

describe('sampler conformance: grid exhaustion', () => {
  it('visits each of the 18 points of a grid once, then refuses to ask', async () => {
    const study = await createStudy({ name: 'grid', space: GRID_SPACE, sampler: 'grid', seed: 1 });
    const seen = new Set<string>();
    for (let i = 0; i < 18; i++) {
      assert.equal(study.exhausted, false);
      const trial = await study.ask();
      seen.add(JSON.stringify(trial.params));
      if (i % 3 === 0) await study.tell(trial, { state: 'fail', error: 'boom' });
      else await study.tell(trial, i);
    }
    assert.equal(seen.size, 18);
    assert.equal(study.exhausted, true);
    await assert.rejects(study.ask(), { name: 'SearchExhaustedError' });
  });
});
