/**
 * The suite every sampler passes with several objectives (each in SAMPLER_TYPES, so a sampler added
 * is checked here), with two and with three objectives and constraints: valid
 * values, seeded reproducibility, one value per objective recorded, and bestTrials exactly the complete
 * feasible trials no other feasible trial dominates (checked by brute force, not by the engine's rule).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy, type Direction, type FrozenTrial, type ParamValue, SAMPLER_TYPES, type SamplerSpec } from '../../../src/core';
import { checkMixedValue as checkValue, MIXED_SPACE, mixedObjective } from '../../fixtures/spaces';

type Params = Readonly<Record<string, ParamValue>>;
const OBJECTIVES: readonly { readonly direction: Direction; readonly value: (p: Params) => number }[] = [
  { direction: 'minimize', value: mixedObjective },
  { direction: 'minimize', value: (p) => (p.units as number) * (p.layers as number) },
  { direction: 'maximize', value: (p) => (p.dropout as number) + (p.activation === 'tanh' ? 0.1 : 0) },
];
/** Feasible when the model is not too large. */
const constraintOf = (p: Params): number => (p.units as number) * (p.layers as number) - 600;

const specOf = (type: string): SamplerSpec => (type === 'grid' ? { type: 'grid', points: 4 } : ({ type } as SamplerSpec));
/** Trials per study: gp fits a GP per objective and per constraint each ask, so it runs fewer where the check allows (still 10 past its startup). */
const trialsFor = (type: string, trials: number): number => (type === 'gp' ? Math.min(trials, 20) : trials);

async function runStudy(type: string, objectives: number, seed: number, trials: number) {
  const used = OBJECTIVES.slice(0, objectives);
  const study = await createStudy({ name: 'mo-conformance', space: MIXED_SPACE, directions: used.map((o) => o.direction), sampler: specOf(type), seed });
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    await study.tell(trial, used.map((o) => o.value(trial.params)), { constraints: [constraintOf(trial.params)] });
  }
  return study;
}

/** No worse on every objective, better on one: written out here so the check does not lean on the engine. */
function beats(directions: readonly Direction[], a: FrozenTrial, b: FrozenTrial): boolean {
  const [x, y] = [a.values as number[], b.values as number[]];
  const better = directions.map((d, i) => (d === 'minimize' ? (x[i] as number) - (y[i] as number) : (y[i] as number) - (x[i] as number)));
  return better.every((diff) => diff <= 0) && better.some((diff) => diff < 0);
}

for (const type of SAMPLER_TYPES) {
  for (const objectives of [2, 3]) {
    describe(`multi-objective sampler conformance: ${type}, ${objectives} objectives`, () => {
      it('gives every parameter a valid value and records one value per objective', async () => {
        const study = await runStudy(type, objectives, 3, trialsFor(type, 40));
        assert.equal(study.trials.length, trialsFor(type, 40));
        for (const trial of study.trials) {
          for (const [name, value] of Object.entries(trial.params)) checkValue(name, value);
          assert.equal(trial.state, 'complete');
          assert.equal(trial.values?.length, objectives);
        }
      });

      it('repeats itself exactly with the same seed', async () => {
        const params = async (seed: number) => (await runStudy(type, objectives, seed, trialsFor(type, 25))).trials.map((t) => t.params);
        assert.deepEqual(await params(11), await params(11));
      });

      it('reports as bestTrials exactly the feasible trials no feasible trial beats', async () => {
        const study = await runStudy(type, objectives, 9, 40);
        const feasible = study.trials.filter((t) => constraintOf(t.params) <= 0);
        assert.ok(feasible.length > 0 && feasible.length < study.trials.length, `${feasible.length} feasible trials: the check needs both kinds`);
        const expected = feasible.filter((t) => !feasible.some((o) => beats(study.directions, o, t))).map((t) => t.number);
        assert.deepEqual(study.bestTrials.map((t) => t.number), expected);
      });
    });
  }
}
