/**
 * The suite every sampler (each in SAMPLER_TYPES, so a sampler added is checked here) passes over a
 * conditional search space: a trial has exactly its active params (parents first, never null), each
 * inside its distribution; both branches get explored; seeded runs repeat; parallel asks differ; a
 * study resumed from its journal goes on the same way; with several objectives and a constraint too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createStudy, defineSearchSpace, SAMPLER_TYPES, type SamplerSpec, type Study } from '../../../src/core';
import { checkConditionalTrial, CONDITIONAL_CONDITIONS, CONDITIONAL_CONFIG_SPACE, CONDITIONAL_SPACE, conditionalObjective } from '../../fixtures/conditionalSpace';

const specOf = (type: string): SamplerSpec => (type === 'grid' ? { type: 'grid', points: 3 } : ({ type } as SamplerSpec));
const VARIANTS: { label: string; sampler: SamplerSpec }[] = [
  ...SAMPLER_TYPES.map((type) => ({ label: type, sampler: specOf(type) })),
  { label: 'tpe multivariate', sampler: { type: 'tpe', multivariate: true } },
  { label: 'tpe multivariate group', sampler: { type: 'tpe', multivariate: true, group: true } },
  { label: 'qmc halton', sampler: { type: 'qmc', qmc_type: 'halton' } },
  { label: 'nsga2 small population', sampler: { type: 'nsga2', population_size: 6 } },
];
/** gp fits a GP per ask: fewer trials, still well past its 10 startup trials. */
const trialsFor = (sampler: SamplerSpec, trials: number): number => (sampler.type === 'gp' ? Math.min(trials, 20) : trials);

const dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The study of the config-form space (choice: branches, when:, each:). */
async function openStudy(sampler: SamplerSpec, seed: number, path?: string): Promise<Study> {
  return createStudy({ name: 'conditional', space: CONDITIONAL_CONFIG_SPACE, sampler, seed, storage: path });
}

describe('conditional conformance: the space', () => {
  it('is, in its config form, the space and conditions the sampler tests build by hand', () => {
    const { space, conditions } = defineSearchSpace(CONDITIONAL_CONFIG_SPACE);
    assert.deepEqual(space, CONDITIONAL_SPACE);
    assert.deepEqual(Object.keys(space), Object.keys(CONDITIONAL_SPACE));
    assert.deepEqual(conditions, CONDITIONAL_CONDITIONS);
  });
});

async function runTrials(study: Study, trials: number): Promise<Study> {
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    await study.tell(trial, conditionalObjective(trial.params));
  }
  return study;
}

for (const { label, sampler } of VARIANTS) {
  describe(`conditional conformance: ${label}`, () => {
    it('gives each trial exactly its active params, inside their distributions, and explores both branches', async () => {
      const n = trialsFor(sampler, 40);
      const study = await runTrials(await openStudy(sampler, 3), n);
      assert.equal(study.trials.length, n);
      study.trials.forEach((trial) => {
        checkConditionalTrial(trial.params, `trial ${trial.number}:`);
        assert.deepEqual(Object.keys(trial.distributions), Object.keys(trial.params), `trial ${trial.number} records a distribution for an absent param`);
      });
      const optimizers = new Set(study.trials.map((t) => t.params.optimizer));
      const layers = new Set(study.trials.map((t) => t.params.layers));
      assert.equal(optimizers.size, 2, 'only one optimizer branch was ever sampled');
      assert.ok(layers.size >= 2, `layers took only ${[...layers].join()}`);
    });

    it('repeats itself exactly with the same seed and differs with another', async () => {
      const n = trialsFor(sampler, 25);
      const [a, b, c] = await Promise.all([11, 11, 12].map(async (seed) => (await runTrials(await openStudy(sampler, seed), n)).trials.map((t) => t.params)));
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
    });

    it('hands out distinct points to parallel asks made before any tell', async () => {
      const study = await runTrials(await openStudy(sampler, 5), trialsFor(sampler, 20) - 6);
      const pending = [];
      for (let i = 0; i < 8; i++) pending.push(await study.ask());
      pending.forEach((t) => checkConditionalTrial(t.params, `pending trial ${t.number}:`));
      const keys = new Set(pending.map((t) => JSON.stringify(t.params)));
      assert.equal(keys.size, pending.length, 'two parallel asks got the same point');
    });

    it('resumes from its journal: the reopened study reads the absent params as absent and samples on', async () => {
      const path = join(dir, `${label.replaceAll(' ', '-')}.jsonl`);
      const first = await runTrials(await openStudy(sampler, 7, path), 12);
      const before = first.trials.map((t) => t.params);
      await first.close();
      const resumed = await openStudy(sampler, 7, path);
      assert.deepEqual(resumed.trials.map((t) => t.params), before, 'the journal did not give back the same params');
      await runTrials(resumed, trialsFor(sampler, 24) - 12);
      resumed.trials.forEach((trial) => checkConditionalTrial(trial.params, `trial ${trial.number}:`));
      if (sampler.type === 'grid') assert.equal(new Set(resumed.trials.map((t) => JSON.stringify(t.params))).size, resumed.trials.length, 'the grid repeated a point after the resume');
      await resumed.close();
    });
  });
}

describe('conditional conformance: several objectives and a constraint', () => {
  for (const { label, sampler } of VARIANTS) {
    it(`${label}: each trial has exactly its active params, and the front is found`, async () => {
      const study = await createStudy({ name: 'conditional-mo', space: CONDITIONAL_CONFIG_SPACE, directions: ['minimize', 'minimize'], sampler, seed: 1 });
      for (let i = 0; i < 25; i++) {
        const trial = await study.ask();
        checkConditionalTrial(trial.params, `trial ${trial.number}:`);
        // Two objectives that pull apart (loss, layers); feasible with one or two layers.
        await study.tell(trial, [conditionalObjective(trial.params), trial.params.layers as number], { constraints: [(trial.params.layers as number) - 2.5] });
      }
      assert.ok(study.bestTrials.length > 0, 'no Pareto front');
      for (const best of study.bestTrials) assert.ok((best.params.layers as number) <= 2, `front trial ${best.number} is infeasible`);
    });
  }
});
