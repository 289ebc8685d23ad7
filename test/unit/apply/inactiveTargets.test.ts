// Apply of a conditional study's trial: only its active params are written; a target naming a param
// of a branch the trial did not take is left as it is and reported, with the parent value behind it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyEdits, describeStale, inactiveParamsForApply, paramsByPlainName, planApplyFiles, staleLines } from '../../../src/core/apply';
import { paramsInsertion } from '../../../src/core/insert';
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

describe('Apply of a branch variant (a param in two branches with different ranges)', () => {
  const text = 'optimizer = "sgd"\nlr = 0.1\nmomentum = 0.9\n';

  it('writes the trial\'s active variant where the file names the plain param', () => {
    const trial = { number: 4, state: 'complete' as const, params: { optimizer: 'adam', 'adam.lr': 0.003 } };
    const inactive = inactiveParamsForApply(trial, ['optimizer', 'sgd.lr', 'adam.lr', 'momentum'], { momentum: [{ parent: 'optimizer', values: ['sgd'] }], 'sgd.lr': [{ parent: 'optimizer', values: ['sgd'] }], 'adam.lr': [{ parent: 'optimizer', values: ['adam'] }] });
    const [plan] = planApplyFiles([{ file: 'train.py', text, kind: 'apply', map: {} }], trial.params, inactive);
    assert.equal(applyEdits(text, plan!.edits), 'optimizer = "adam"\nlr = 0.003\nmomentum = 0.9\n');
    assert.deepEqual(plan!.placed.map((p) => [p.param, p.name]), [['optimizer', 'optimizer'], ['adam.lr', 'lr']]);
    // The other variant is not reported over the plain name its sibling wrote; momentum is.
    assert.deepEqual(staleLines([plan!]), ['train.py:3: momentum not applied: inactive in trial #4 (optimizer = adam)']);
  });

  it('writes a variant the file names itself there, and a map entry wins over the plain name', () => {
    const yaml = 'lr: 0.1\nadam:\n  lr: 0.2\n';
    const [own] = planApplyFiles([{ file: 'p.yaml', text: yaml, kind: 'apply', map: {} }], { 'adam.lr': 0.003 });
    assert.equal(applyEdits(yaml, own!.edits), 'lr: 0.1\nadam:\n  lr: 0.003\n');
    const [mapped] = planApplyFiles([{ file: 'p.yaml', text: 'lr: 0.1\nrate: 0.2\n', kind: 'apply', map: { 'adam.lr': 'rate' } }], { 'adam.lr': 0.003 });
    assert.equal(applyEdits('lr: 0.1\nrate: 0.2\n', mapped!.edits), 'lr: 0.1\nrate: 0.003\n');
  });
});

describe('Insert of a branch variant', () => {
  it('writes it under the plain name code uses, as Apply finds it', () => {
    const params = paramsByPlainName({ optimizer: 'adam', 'adam.lr': 0.003, layers: 2 });
    assert.deepEqual(Object.keys(params), ['optimizer', 'lr', 'layers']);
    const insertion = paramsInsertion({ languageId: 'python', text: '\n', offset: 0, params, source: { study: 's', trial: 4, objectives: [{ metric: 'loss', value: 0.2 }] } });
    assert.ok(!('error' in insertion), JSON.stringify(insertion));
    assert.match(insertion.text, /^lr = 0\.003$/m);
    assert.doesNotMatch(insertion.text, /adam\.lr/);
  });
});
