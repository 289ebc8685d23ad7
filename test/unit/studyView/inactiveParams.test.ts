import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INACTIVE_MARK, inactiveParamsOf, inactiveReason, isInactiveParam, leftOutNote, paramCellText, paramNamesOf } from '../../../src/core/studyView';
import type { SpaceConditions } from '../../../src/core/samplers/sampler';
import { CONDITIONAL_PARAMS, CONDITIONAL_TRIALS, conditionalTrials } from '../../fixtures/conditional';

const CONDITIONS: SpaceConditions = {
  momentum: [{ parent: 'optimizer', values: ['sgd'] }],
  beta1: [{ parent: 'optimizer', values: ['adam'] }],
  units_1: [{ parent: 'layers', values: [2, 3] }],
  units_2: [{ parent: 'layers', values: [3] }],
  warmup: [{ parent: 'momentum', values: [0.9] }],
};

describe('inactive params of a study Python Optuna wrote with a define-by-run objective', () => {
  const trials = conditionalTrials();

  it('knows every param some trial suggested', () => {
    assert.deepEqual(new Set(paramNamesOf(trials)), new Set(CONDITIONAL_PARAMS));
  });

  it('finds exactly the params each finished trial did not suggest', () => {
    assert.equal(trials.length, CONDITIONAL_TRIALS.length);
    trials.forEach((trial, i) => {
      const expected = CONDITIONAL_TRIALS[i]!;
      assert.equal(trial.state, expected.state);
      assert.equal(trial.params.optimizer, expected.optimizer);
      assert.deepEqual(new Set(inactiveParamsOf(trial, CONDITIONAL_PARAMS)), new Set(expected.inactive), `trial #${trial.number}`);
    });
  });

  it('shows an inactive param as the mark, an active one as its value', () => {
    const adam = trials[1]!;
    assert.equal(paramCellText(adam, 'momentum'), INACTIVE_MARK);
    assert.equal(paramCellText(adam, 'beta1'), '0.9');
  });
});

describe('a trial still running lacks params it has not suggested yet', () => {
  it('is not inactive: the cell is blank, not the mark', () => {
    const running = { number: 3, state: 'running' as const, params: { optimizer: 'sgd' } };
    assert.equal(isInactiveParam(running, 'momentum'), false);
    assert.equal(paramCellText(running, 'momentum'), '');
    assert.equal(isInactiveParam({ ...running, state: 'pruned' }, 'momentum'), true);
  });
});

describe('why a param is inactive', () => {
  const trial = { number: 12, state: 'complete' as const, params: { optimizer: 'adam', layers: 1 } };

  it('names the parent value that closed its branch when the conditions are known', () => {
    assert.equal(inactiveReason('momentum', trial, CONDITIONS), 'inactive in trial #12 (optimizer = adam)');
    assert.equal(inactiveReason('units_1', trial, CONDITIONS), 'inactive in trial #12 (layers = 1)');
  });

  it('follows an inactive parent to the value that closed it', () => {
    assert.equal(inactiveReason('warmup', trial, CONDITIONS), 'inactive in trial #12 (optimizer = adam)');
  });

  it('says only that it is inactive without conditions', () => {
    assert.equal(inactiveReason('momentum', trial), 'inactive in trial #12');
    assert.equal(inactiveReason('momentum', trial, {}), 'inactive in trial #12');
  });
});

describe('what Copy and Insert say they left out', () => {
  const trials = conditionalTrials();

  it('names the params of branches the trial did not take', () => {
    assert.equal(leftOutNote(trials[3]!, trials), ' (units_1, beta1, units_2 left out: inactive in trial #3)');
  });

  it('says nothing for a trial with every param of the study', () => {
    const flat = [{ number: 0, state: 'complete' as const, params: { lr: 0.1 } }, { number: 1, state: 'complete' as const, params: { lr: 0.2 } }];
    assert.equal(leftOutNote(flat[1]!, flat), '');
  });
});
