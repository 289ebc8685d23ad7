// Apply of a conditional study's trial: only its active params are written; a target naming a param
// of a branch the trial did not take is left as it is and reported, with the parent value behind it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyEdits, describeStale, inactiveParamsForApply, planApplyFiles, staleLines } from '../../../src/core/apply';
import type { SpaceConditions } from '../../../src/core/samplers/sampler';
import { CONDITIONAL_PARAMS, CONDITIONAL_TRAIN_PY, conditionalTrials } from '../../fixtures/conditional';

/** The fixture config's conditions, as the config parser gives them. */
const CONDITIONS: SpaceConditions = {
  momentum: [{ parent: 'optimizer', values: ['sgd'] }],
  nesterov: [{ parent: 'optimizer', values: ['sgd'] }],
  beta1: [{ parent: 'optimizer', values: ['adam'] }],
  units_1: [{ parent: 'layers', values: [2, 3] }],
  units_2: [{ parent: 'layers', values: [3] }],
};
const TRAIN_PY = readFileSync(CONDITIONAL_TRAIN_PY, 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('Apply of a conditional trial', () => {
  const adam = conditionalTrials()[1]!; // adam, one layer

  it('writes the active params and leaves the inactive ones untouched, each reported with its reason', () => {
    const inactive = inactiveParamsForApply(adam, CONDITIONAL_PARAMS, CONDITIONS);
    const [plan] = planApplyFiles([{ file: 'train.py', text: TRAIN_PY, kind: 'apply', map: {} }], adam.params, inactive);
    assert.ok(plan);
    assert.deepEqual(plan.placed.map((p) => p.param).sort(), Object.keys(adam.params).sort());
    const after = applyEdits(TRAIN_PY, plan.edits);
    assert.match(after, /"--beta1", type=float, default=0\.9\)/);
    assert.match(after, /"--optimizer", default="adam"\)/);
    // Untouched: the sgd branch's defaults and the second and third layers'.
    for (const line of ['"--momentum", type=float, default=0.0)', '"--nesterov", type=bool, default=False)', '"--units_1", type=int, default=64)']) assert.ok(after.includes(line), line);
    assert.deepEqual(staleLines([plan]), [
      `train.py:${lineOf(TRAIN_PY, '--momentum')}: momentum not applied: inactive in trial #1 (optimizer = adam)`,
      `train.py:${lineOf(TRAIN_PY, '--nesterov')}: nesterov not applied: inactive in trial #1 (optimizer = adam)`,
      `train.py:${lineOf(TRAIN_PY, '--units_1')}: units_1 not applied: inactive in trial #1 (layers = 1)`,
      `train.py:${lineOf(TRAIN_PY, '--units_2')}: units_2 not applied: inactive in trial #1 (layers = 1)`,
    ]);
  });

  it('says only "inactive in trial #n" without the config\'s conditions, and names the mapped name', () => {
    const inactive = inactiveParamsForApply(adam, ['momentum'], undefined);
    const [plan] = planApplyFiles([{ file: 'params.yaml', text: 'mom: 0.5\nbeta1: 0.9\n', kind: 'apply', map: { momentum: 'mom' } }], adam.params, inactive);
    assert.deepEqual(plan?.stale.map(describeStale), ['mom (momentum) not applied: inactive in trial #1']);
  });

  it('reports nothing for an inactive param no target names, nor for a pin', () => {
    const inactive = inactiveParamsForApply(adam, CONDITIONAL_PARAMS, CONDITIONS);
    const plans = planApplyFiles([
      { file: 'params.yaml', text: 'lr: 0.1\n', kind: 'apply', map: {} },
      { file: 'c.tune.yaml', text: 'space:\n  lr: { float: [0.0001, 0.1], log: true }\n  momentum: { float: [0, 0.99] }\n', kind: 'pin', map: {} },
    ], adam.params, inactive);
    assert.deepEqual(staleLines(plans), []);
  });
});
