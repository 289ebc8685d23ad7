/**
 * Running and stopping in the editor (issue 14): stopped trials in the tree, the finish notice (how many
 * failed, which), Tune on a finished study (the one "how many more?" flow), and when Resume is offered.
 */
import './fakeVscode';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import { FAIL_REASON_ATTR, overviewOf } from '../../../src/core/studyView';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';
import { describeFailed, describeRun, failedInRun, finishNotice, stoppedNotice } from '../../../src/extension/running/runNotices';
import { paretoRankingOfTrials } from '../../../src/core/studyView/paretoRanking';
import { finishedReason, isBudgetUsedUp, resumeConfig, tuneConfig, type TuneStarter, wasStopped } from '../../../src/extension/running/tuneMore';
import { studyTooltip } from '../../../src/extension/studies/studyPresentation';
import type { StudySummary } from '../../../src/extension/studies/studySummary';
import { trialDescription, trialIcon, trialTooltip } from '../../../src/extension/studies/trialPresentation';

const START = new Date('2026-03-01T10:00:00Z');
const STOPPED = 'interrupted: the study was stopped while this trial ran';

function trial(number: number, state: TrialState, reason?: string): FrozenTrial {
  return {
    id: number, number, state, value: state === 'complete' ? 0.9 + number / 100 : null, values: state === 'complete' ? [0.9 + number / 100] : null, params: { lr: 0.01 }, distributions: {}, intermediateValues: new Map(),
    userAttrs: {}, systemAttrs: reason === undefined ? {} : { [FAIL_REASON_ATTR]: reason },
    datetimeStart: START, datetimeComplete: state === 'running' || state === 'waiting' ? null : new Date(START.getTime() + 4000),
  };
}

function summary(trials: readonly FrozenTrial[], budget: number | null = 4): StudySummary {
  return {
    key: '/w/.tuneboard/iris.jsonl#iris', name: 'iris', journalPath: '/w/.tuneboard/iris.jsonl', configPath: '/w/iris.tune.yaml',
    direction: 'maximize', metric: 'val_accuracy', directions: ['maximize'], metrics: ['val_accuracy'], pareto: null, budget, ...overviewOf(trials, 'maximize', budget), trials, lastUpdated: START, problem: null,
  };
}

describe('a stopped trial in the Studies tree', () => {
  const stopped = trial(3, 'fail', STOPPED);
  const failed = trial(4, 'fail', 'CUDA out of memory');

  it('has its own grey stop icon, not the red error of a failure', () => {
    assert.deepEqual(trialIcon(stopped), { id: 'debug-stop', color: 'disabledForeground' });
    assert.deepEqual(trialIcon(failed), { id: 'error', color: 'testing.iconFailed' });
  });

  it('reads "stopped", with what that means and why in its tooltip', () => {
    assert.equal(trialDescription(stopped, false), 'stopped · 4.0s');
    assert.equal(trialDescription(failed, false), 'failed: CUDA out of memory · 4.0s');
    const tip = trialTooltip(stopped, 'val_accuracy', false);
    assert.match(tip, /^\*\*Trial #3\*\* — stopped\n/);
    assert.match(tip, /used no budget and Resume runs another trial in its place/);
    assert.match(tip, /Why: interrupted: the study was stopped/);
    assert.doesNotMatch(tip, /Error:/);
  });

  it('is counted apart from failures in its study\'s tooltip', () => {
    const tip = studyTooltip(summary([trial(0, 'complete'), failed, stopped, trial(5, 'fail', STOPPED)]), 'idle');
    assert.match(tip, /4 trials \(budget 2\/4\): 1 complete · 0 pruned · 1 failed · 2 stopped/);
  });
});

describe('the finish notice', () => {
  it('says how many of this run\'s trials failed, which, and points at the first', () => {
    const study = summary([trial(0, 'fail', 'old failure'), trial(1, 'complete'), trial(2, 'fail', 'NaN loss'), trial(3, 'fail', STOPPED), trial(4, 'fail', 'OOM')], 5);
    const notice = finishNotice('iris', study, 1);
    assert.equal(notice.text, 'Tuneboard: iris finished: 4/5 · best #1 0.91. 2 trials failed (#2, #4).');
    assert.equal(notice.firstFailed, 2);
    assert.deepEqual(failedInRun(study, 1).map((t) => t.number), [2, 4], 'stopped trials and earlier runs\' failures are not this run\'s failures');
  });

  it('says nothing of failures when none failed, and stays short when many did', () => {
    assert.deepEqual(finishNotice('iris', summary([trial(0, 'complete')], 1), 0), { text: 'Tuneboard: iris finished: 1/1 · best #0 0.9.', firstFailed: null });
    assert.equal(describeFailed([1, 2, 3, 4, 5].map((number) => ({ number }))), '5 trials failed (#1, #2, #3, …)');
    assert.equal(describeFailed([{ number: 7 }]), '1 trial failed (#7)');
    assert.equal(finishNotice('iris', undefined, null).text, 'Tuneboard: iris finished.', 'a study the index has not read yet');
  });

  it('on a stop, says the running trials are marked stopped, not failed', () => {
    const text = stoppedNotice('iris', summary([trial(0, 'complete'), trial(1, 'fail', STOPPED)]));
    assert.match(text, /^Tuneboard: iris stopped; the trials it was running are marked stopped and use no budget: Resume runs others in their place\. Best #0 0\.9\.$/);
  });

  it('names a multi-objective study\'s front, not a best on its first objective', () => {
    const trials = [trial(0, 'complete'), trial(1, 'complete'), trial(2, 'complete')].map((t, i) => ({ ...t, values: [[0.9, 300], [0.8, 100], [0.7, 200]][i] ?? null }));
    const study: StudySummary = { ...summary(trials, 3), directions: ['maximize', 'minimize'], metrics: ['val_accuracy', 'size'], pareto: paretoRankingOfTrials(trials, ['maximize', 'minimize']) };
    assert.equal(describeRun(study), '3/3 · front 2');
    assert.match(stoppedNotice('iris', study), /their place\. Front 2\.$/);
  });
});

describe('Tune on a study whose budget is used up', () => {
  const window = vscode.window as unknown as { showInputBox?: (options: vscode.InputBoxOptions) => Promise<string | undefined> };
  const asked: vscode.InputBoxOptions[] = [];
  const started: { readonly mode: string; readonly trials: number | undefined }[] = [];
  const runs: TuneStarter = {
    start: (_uri, mode, options = {}) => {
      started.push({ mode, trials: options.trials });
      return Promise.resolve(true);
    },
  };
  const config = vscode.Uri.file('/w/iris.tune.yaml');
  afterEach(() => {
    asked.length = 0;
    started.length = 0;
  });

  function answer(text: string | undefined): void {
    window.showInputBox = (options) => {
      asked.push(options);
      return Promise.resolve(text);
    };
  }

  it('counts the config\'s own budget as the runner does: stopped and enqueued trials leave room', () => {
    const done = summary([trial(0, 'complete'), trial(1, 'pruned'), trial(2, 'fail', 'boom'), trial(3, 'complete')]);
    assert.equal(isBudgetUsedUp(done, 4), true);
    assert.equal(isBudgetUsedUp(done, 6), false, 'the config asks for more than the study has');
    assert.equal(isBudgetUsedUp(done, null), false, 'a timeout-only study is never used up by count');
    assert.equal(isBudgetUsedUp(summary([...done.trials.slice(0, 3), trial(3, 'fail', STOPPED)]), 4), false, 'a stopped trial used no budget');
    assert.equal(isBudgetUsedUp(summary([...done.trials, trial(4, 'waiting')]), 4), false, 'an enqueued trial runs past the budget');
  });

  it('asks how many more (the leaderboard\'s Tune again flow), saying why, and runs to that many more', async () => {
    const done = summary([trial(0, 'complete'), trial(1, 'complete'), trial(2, 'fail', STOPPED), trial(3, 'complete'), trial(4, 'complete')]);
    answer('10');
    assert.equal(await tuneConfig(runs, { configBudget: () => 4, studyOf: () => done }, config), true);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.title, 'Tune iris again');
    assert.equal(asked[0]?.prompt, `${finishedReason(done, 4)}How many more trials? The study has 4 so far; the sampler keeps learning from them.`);
    assert.match(finishedReason(done, 4), /^iris has 4 trials and its search\.trials is 4, so a run would start none\. $/);
    assert.deepEqual(started, [{ mode: 'run', trials: 14 }]);
  });

  it('starts nothing when the user cancels, and asks nothing when there is budget left or no study yet', async () => {
    const done = summary([trial(0, 'complete'), trial(1, 'complete')], 2);
    answer(undefined);
    assert.equal(await tuneConfig(runs, { configBudget: () => 2, studyOf: () => done }, config), false);
    assert.deepEqual(started, []);
    asked.length = 0;
    assert.equal(await tuneConfig(runs, { configBudget: () => 10, studyOf: () => done }, config), true);
    assert.equal(await tuneConfig(runs, { configBudget: () => 10, studyOf: () => undefined }, config), true);
    assert.deepEqual(asked, []);
    assert.deepEqual(started, [{ mode: 'run', trials: undefined }, { mode: 'run', trials: undefined }]);
  });
});

describe('Resume', () => {
  const started: { readonly mode: string; readonly trials: number | undefined }[] = [];
  const runs: TuneStarter = {
    start: (_uri, mode, options = {}) => {
      started.push({ mode, trials: options.trials });
      return Promise.resolve(true);
    },
  };
  afterEach(() => {
    started.length = 0;
  });

  it('continues to the budget the stopped run counted to, even past the config\'s (a Tune again stopped midway)', async () => {
    const stoppedTuneAgain = summary([trial(0, 'complete'), trial(1, 'complete'), trial(2, 'fail', STOPPED)], 30);
    await resumeConfig(runs, { configBudget: () => 2, studyOf: () => stoppedTuneAgain }, vscode.Uri.file('/w/iris.tune.yaml'));
    await resumeConfig(runs, { configBudget: () => 50, studyOf: () => stoppedTuneAgain }, vscode.Uri.file('/w/iris.tune.yaml'));
    await resumeConfig(runs, { configBudget: () => 2, studyOf: () => undefined }, vscode.Uri.file('/w/iris.tune.yaml'));
    assert.deepEqual(started, [{ mode: 'resume', trials: 30 }, { mode: 'resume', trials: undefined }, { mode: 'resume', trials: undefined }]);
  });
});

describe('Resume instead of Tune', () => {
  it('is offered once the study\'s last run was stopped while trials ran', () => {
    assert.equal(wasStopped(summary([trial(0, 'complete'), trial(1, 'fail', STOPPED)])), true);
    assert.equal(wasStopped(summary([trial(0, 'fail', STOPPED), trial(1, 'complete')])), false);
    assert.equal(wasStopped(summary([trial(0, 'complete'), trial(1, 'fail', 'boom')])), false);
    assert.equal(wasStopped(undefined), false);
  });
});
