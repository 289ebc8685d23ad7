// The Studies tree on a conditional study (the fixture journal Python Optuna wrote): a trial's
// details and tooltip list the params it did not take after its own, with the inactive mark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INACTIVE_MARK, INACTIVE_TITLE } from '../../../src/core/studyView';
import { studyParamNames } from '../../../src/extension/studies/studyPresentation';
import { trialDetails, trialTooltip } from '../../../src/extension/studies/trialPresentation';
import { CONDITIONAL_TRIALS, conditionalTrials } from '../../fixtures/conditional';

const trials = conditionalTrials();
const study = { trials };

describe('Studies tree: a conditional trial', () => {
  it('lists its own params, then the ones it did not take, marked inactive', () => {
    const adam = trials[1]!;
    const labels = trialDetails(adam, studyParamNames(study)).filter((d) => d.kind === 'param').map((d) => d.label);
    assert.deepEqual(labels.slice(0, Object.keys(adam.params).length), Object.entries(adam.params).map(([name]) => labels.find((l) => l.startsWith(`${name} = `))));
    assert.deepEqual(labels.slice(Object.keys(adam.params).length).sort(), CONDITIONAL_TRIALS[1]!.inactive.map((name) => `${name} ${INACTIVE_MARK} ${INACTIVE_TITLE}`).sort());
  });

  it('says so in the tooltip, and says nothing of the kind for a trial with every param', () => {
    assert.match(trialTooltip(trials[1]!, 'loss', false, studyParamNames(study)), new RegExp(`\`momentum\` ${INACTIVE_MARK} \\*${INACTIVE_TITLE}\\*`));
    const full = trials[2]!; // adam with three layers: lacks only the sgd branch
    const tip = trialTooltip(full, 'loss', false, studyParamNames(study));
    assert.doesNotMatch(tip, /`units_2` —/);
    assert.match(tip, /`nesterov` —/);
  });

  it('computes the study\'s param names once per trial list', () => {
    assert.equal(studyParamNames(study), studyParamNames({ trials }));
  });
});
