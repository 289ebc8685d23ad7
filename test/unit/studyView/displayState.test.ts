/**
 * The display state (src/core/studyView/displayState.ts): a trial its study's stop interrupted reads
 * `stopped`, a crashed one `failed`, by one rule every view (tree, leaderboard, CLI) uses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countDisplayStates, countStates, DISPLAY_STATE_MEANINGS, DISPLAY_STATES, displayState, displayStateLabel, displayStateOf, FAIL_REASON_ATTR, lastRunStopped, trialBestEpoch, trialEpochsRun, wasInterrupted,
} from '../../../src/core/studyView';
import type { FrozenTrial, JsonValue, TrialState } from '../../../src/core/trial';

function trial(number: number, state: TrialState, reason?: string, where: 'system' | 'user' = 'system'): FrozenTrial {
  const attrs: Record<string, JsonValue> = reason === undefined ? {} : { [FAIL_REASON_ATTR]: reason };
  return {
    id: number, number, state, value: state === 'complete' ? 0.5 : null, values: state === 'complete' ? [0.5] : null, params: {}, distributions: {}, intermediateValues: new Map(),
    userAttrs: where === 'user' ? attrs : {}, systemAttrs: where === 'system' ? attrs : {}, datetimeStart: null, datetimeComplete: null,
  };
}

const STOPPED_BY_USER = 'interrupted: the study was stopped while this trial ran';

describe('display state', () => {
  it('tells a stopped trial from a failed one; other states read as they are', () => {
    assert.equal(displayState(trial(0, 'fail', STOPPED_BY_USER)), 'stopped');
    assert.equal(displayState(trial(1, 'fail', 'interrupted: gpu-box-2 stopped answering')), 'stopped', 'a run that lost its host stopped the trial too');
    assert.equal(displayState(trial(2, 'fail', 'CUDA out of memory')), 'failed');
    assert.equal(displayState(trial(3, 'fail')), 'failed', 'a failure without a reason (Python Optuna) is a failure');
    assert.equal(displayState(trial(4, 'fail', STOPPED_BY_USER, 'user')), 'stopped', 'Python Optuna may keep the reason in user attrs');
    for (const state of ['complete', 'pruned', 'running', 'waiting'] as const) assert.equal(displayState(trial(5, state)), state);
  });

  it('is the same rule as wasInterrupted and the interrupted count', () => {
    const trials = [trial(0, 'fail', STOPPED_BY_USER), trial(1, 'fail', 'boom'), trial(2, 'complete'), trial(3, 'fail', 'interrupted'), trial(4, 'fail', ' interrupted')];
    for (const t of trials) assert.equal(displayState(t) === 'stopped', wasInterrupted(t), `#${t.number}`);
    const counts = countDisplayStates(trials);
    assert.deepEqual(counts, { complete: 1, pruned: 0, failed: 2, stopped: 2, running: 0, waiting: 0 });
    assert.equal(counts.stopped, countStates(trials).interrupted);
  });

  it('takes a flattened trial (state and fail reason) as the leaderboard rows carry it', () => {
    assert.equal(displayStateOf('fail', STOPPED_BY_USER), 'stopped');
    assert.equal(displayStateOf('fail', null), 'failed');
    assert.equal(displayStateOf('pruned', STOPPED_BY_USER), 'pruned', 'only a failed trial can be a stopped one');
  });

  it('has a word and a meaning for every state, listed once', () => {
    assert.deepEqual([...DISPLAY_STATES].sort(), ['complete', 'failed', 'pruned', 'running', 'stopped', 'waiting']);
    assert.equal(displayStateLabel('stopped'), 'stopped');
    assert.equal(displayStateLabel('failed'), 'failed');
    for (const state of DISPLAY_STATES) assert.ok(DISPLAY_STATE_MEANINGS[state].length > 0);
    assert.match(DISPLAY_STATE_MEANINGS.stopped, /no budget/);
  });
});

describe('a study whose last run was stopped', () => {
  it('is one whose newest started trial is a stopped one, with nothing running', () => {
    assert.equal(lastRunStopped([trial(0, 'complete'), trial(1, 'fail', STOPPED_BY_USER), trial(2, 'fail', STOPPED_BY_USER)]), true);
    assert.equal(lastRunStopped([trial(0, 'fail', STOPPED_BY_USER), trial(1, 'complete'), trial(2, 'complete')]), false, 'resumed and finished since');
    assert.equal(lastRunStopped([trial(0, 'complete'), trial(1, 'fail', 'boom')]), false, 'a failure is not a stop');
    assert.equal(lastRunStopped([trial(0, 'fail', STOPPED_BY_USER), trial(1, 'running')]), false, 'running again');
    assert.equal(lastRunStopped([trial(0, 'fail', STOPPED_BY_USER), trial(1, 'waiting')]), true, 'an enqueued trial did not start a run');
    assert.equal(lastRunStopped([]), false);
  });
});

describe('which epoch the metrics are of', () => {
  it('reads best_epoch and epochs_run of the built-in trainer, and nothing else', () => {
    assert.equal(trialBestEpoch({ userAttrs: { best_epoch: 14, epochs_run: 40 } }), 14);
    assert.equal(trialEpochsRun({ userAttrs: { best_epoch: 14, epochs_run: 40 } }), 40);
    assert.equal(trialBestEpoch({ userAttrs: {} }), null, 'a command trial: its metrics are its last reported');
    assert.equal(trialBestEpoch({ userAttrs: { best_epoch: 0 } }), null, 'a trainer stopped before its first epoch kept none');
    assert.equal(trialBestEpoch({ userAttrs: { best_epoch: '3' } }), null);
  });
});
