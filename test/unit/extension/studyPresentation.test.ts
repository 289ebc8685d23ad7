/** How studies and trials read in the Studies tree: the pure half of the tree provider. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';
import { isOrphaned } from '../../../src/extension/studies/orphanedTrials';
import { describeRunners, escapeMarkdown, shortProblem, studyContextValue, studyDescription, studyIcon, studyState, studyTooltip } from '../../../src/extension/studies/studyPresentation';
import { GPU_ATTR, overviewOf, RUNNER_ATTR } from '../../../src/core/studyView';
import type { StudySummary } from '../../../src/extension/studies/studySummary';
import { sortTrials, trialContextValue, trialDescription, trialDetails, trialIcon, trialTooltip } from '../../../src/extension/studies/trialPresentation';

const START = new Date('2026-03-01T10:00:00Z');

function trial(number: number, state: TrialState, value: number | null, extra: Partial<FrozenTrial> = {}): FrozenTrial {
  const finished = state !== 'running' && state !== 'waiting';
  return {
    id: number, number, state, value, values: value === null ? null : [value],
    params: { lr: 0.0031, act: 'relu' }, distributions: {},
    intermediateValues: new Map(), userAttrs: {}, systemAttrs: {},
    datetimeStart: START, datetimeComplete: finished ? new Date(START.getTime() + 12_300) : null,
    ...extra,
  };
}

function summary(trials: readonly FrozenTrial[], extra: Partial<StudySummary> = {}): StudySummary {
  const direction = extra.direction ?? 'maximize';
  const budget = extra.budget === undefined ? 60 : extra.budget;
  return {
    key: '/w/.tuneboard/iris.jsonl#iris', name: 'iris', journalPath: '/w/.tuneboard/iris.jsonl', configPath: '/w/iris.tune.yaml',
    direction, metric: 'val_accuracy', directions: [direction], metrics: ['val_accuracy'], pareto: null, budget, ...overviewOf(trials, direction, budget), trials,
    lastUpdated: START, problem: null, ...extra,
  };
}

const TRIALS = [
  trial(0, 'complete', 0.91),
  trial(1, 'pruned', 0.5, { intermediateValues: new Map([[0, 0.4], [3, 0.5]]) }),
  trial(2, 'complete', 0.953, { userAttrs: { metrics: { val_accuracy: 0.953, loss: 0.1234567 }, backend: 'tensorflow' } }),
  trial(3, 'fail', null, { systemAttrs: { fail_reason: 'CUDA out of memory\nat line 3' } }),
  trial(4, 'running', null, { intermediateValues: new Map([[0, 0.7], [7, 0.88]]) }),
  trial(5, 'complete', 0.953),
];

describe('study presentation', () => {
  it('derives state, contextValue and icon: running wins, then problem, then whether it has trials', () => {
    const finished = summary(TRIALS.filter((t) => t.state !== 'running'));
    assert.equal(studyState(finished, false), 'idle');
    assert.equal(studyState(finished, true), 'running');
    assert.equal(studyState(summary(TRIALS), false), 'running', 'a trial running in the journal (a terminal run) counts');
    assert.equal(studyState(summary(TRIALS), false, () => true), 'idle', 'unless the process that ran it is gone (a killed run)');
    assert.equal(studyState(summary([]), false), 'noTrials');
    assert.equal(studyState(summary([], { problem: 'x.tune.yaml:3:1: bad' }), false), 'problem');
    assert.deepEqual(['running', 'idle', 'noTrials', 'problem'].map((s) => studyContextValue(s as never)), ['study.running', 'study.idle', 'study.noTrials', 'study.problem']);
    assert.equal(studyIcon('running').id, 'sync~spin');
    assert.deepEqual(studyIcon('problem'), { id: 'warning', color: 'list.warningForeground' });
  });

  it('describes a study as n/N · best, n trials without a budget, or not tuned yet', () => {
    assert.equal(studyDescription(summary(TRIALS)), '5/60 · best 0.953');
    assert.equal(studyDescription(summary(TRIALS.slice(0, 1), { budget: null })), '1 trial · best 0.91');
    assert.equal(studyDescription(summary([])), '0/60 · not tuned yet');
    assert.equal(studyDescription(summary([], { budget: null, problem: '/w/a.tune.yaml:6:21: YAML: Flow sequence must end with a ]' })), 'line 6: YAML: Flow sequence must end with a ]');
    assert.equal(studyDescription(summary(TRIALS.slice(0, 1), { problem: '/w/x.jsonl:12: not valid JSON' })), '1/60 · best 0.91 · line 12: not valid JSON');
  });

  it('shortens a located problem to its line and message', () => {
    assert.equal(shortProblem('/a/b.tune.yaml:3:7: unknown key (space.x)'), 'line 3: unknown key (space.x)');
    assert.equal(shortProblem('cannot read'), 'cannot read');
    assert.ok(shortProblem(`/x:1: ${'y'.repeat(200)}`).endsWith('…'));
  });

  it('puts metric, direction, counts, best params, journal and config in the tooltip, escaped', () => {
    const tip = studyTooltip(summary(TRIALS), 'running');
    assert.match(tip, /^\*\*iris\*\* — running/);
    assert.match(tip, /Maximize `val_accuracy`/);
    assert.match(tip, /6 trials \(budget 5\/60\): 3 complete · 1 pruned · 1 failed · 1 running/);
    assert.match(tip, /Best: trial #2, val_accuracy = 0\.953/);
    assert.match(tip, /- `lr` = 0\\\.0031/);
    assert.match(tip, /Journal: `\/w\/\.tuneboard\/iris\.jsonl`/);
    assert.match(studyTooltip(summary([], { configPath: null }), 'noTrials'), /Config: none in this workspace/);
    assert.equal(escapeMarkdown('a_b *c* [x](y) $(z)'), 'a\\_b \\*c\\* \\[x\\]\\(y\\) \\$\\(z\\)');
  });
});

describe('trial presentation', () => {
  it('describes each state: value and duration (★ on the best), pruned value, fail reason, running step', () => {
    const [complete, pruned, best, failed, running] = TRIALS;
    assert.ok(complete && pruned && best && failed && running);
    assert.equal(trialDescription(complete, false), '0.91 · 12s');
    assert.equal(trialDescription(best, true), '0.953 · 12s ★');
    assert.equal(trialDescription(pruned, false), 'pruned 0.5 · 12s');
    assert.equal(trialDescription(failed, false), 'failed: CUDA out of memory at line 3 · 12s');
    assert.equal(trialDescription(running, false), 'running · step 7 (0.88)');
    assert.equal(trialDescription(trial(9, 'running', null), false), 'running');
  });

  it('says where a running trial runs: the host when it is another machine, and its GPU', () => {
    const remote = trial(10, 'running', null, { systemAttrs: { [RUNNER_ATTR]: { host: 'gpu-box-2', pid: 4242 }, [GPU_ATTR]: '1' } });
    assert.equal(trialDescription(remote, false, 'laptop'), 'running · gpu-box-2 · GPU 1');
    assert.equal(trialDescription(remote, false, 'gpu-box-2'), 'running · GPU 1', 'this machine goes without saying');
    assert.match(trialTooltip(remote, 'v', false), /on gpu\\-box\\-2 · GPU 1/); // Markdown-escaped: renders as gpu-box-2
    const finished = trial(11, 'complete', 0.5, { systemAttrs: { [RUNNER_ATTR]: { host: 'gpu-box-3', pid: 7 } } });
    assert.equal(trialDescription(finished, false, 'laptop'), '0.5 · 12s', 'a finished trial keeps its short line');
    assert.match(trialTooltip(finished, 'v', false), /ran on gpu\\-box\\-3/);
  });

  it('gives each state its contextValue and a coloured icon', () => {
    assert.deepEqual(TRIALS.map(trialContextValue), ['trial.complete', 'trial.pruned', 'trial.complete', 'trial.fail', 'trial.running', 'trial.complete']);
    assert.deepEqual(TRIALS.slice(0, 5).map((t) => trialIcon(t).id), ['pass', 'debug-step-out', 'pass', 'error', 'loading~spin']);
    assert.equal(trialIcon(TRIALS[3] as FrozenTrial).color, 'testing.iconFailed');
  });

  it('sorts by value (best first, ties by number; then pruned, failed, running) or by number (newest first)', () => {
    assert.deepEqual(sortTrials(TRIALS, 'maximize', 'value').map((t) => t.number), [2, 5, 0, 1, 3, 4]);
    assert.deepEqual(sortTrials(TRIALS, 'minimize', 'value').map((t) => t.number), [0, 2, 5, 1, 3, 4]);
    assert.deepEqual(sortTrials(TRIALS, 'maximize', 'number').map((t) => t.number), [5, 4, 3, 2, 1, 0]);
  });

  it('lists params, final metrics and the reported steps under a trial', () => {
    assert.deepEqual(trialDetails(TRIALS[2] as FrozenTrial).map((d) => d.label), ['lr = 0.0031', 'act = relu', 'val_accuracy = 0.953', 'loss = 0.12346']);
    assert.deepEqual(trialDetails(TRIALS[1] as FrozenTrial).map((d) => `${d.kind}:${d.label}`).slice(2), ['steps:2 reported steps (last: step 3)']);
  });

  it('puts value, params, error, duration and backend in the tooltip', () => {
    const tip = trialTooltip(TRIALS[2] as FrozenTrial, 'val_accuracy', true);
    assert.match(tip, /^\*\*Trial #2\*\* — complete ★ best/);
    assert.match(tip, /val\\_accuracy = 0\.953/);
    assert.match(tip, /- `act` = relu/);
    assert.match(tip, /Took 12s · backend tensorflow/);
    assert.match(trialTooltip(TRIALS[3] as FrozenTrial, 'v', false), /Error: CUDA out of memory/);
    assert.match(trialTooltip(TRIALS[1] as FrozenTrial, 'v', false), /v = 0\.5 \(last reported\)/);
  });
});

describe('isOrphaned', () => {
  it('says a running trial is orphaned only when its runner was on this host and is gone', () => {
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const running = (runner: unknown) => ({ ...TRIALS[0]!, state: 'running' as const, systemAttrs: { 'tuneboard:runner': runner as never } });
    assert.equal(isOrphaned(running({ host: hostname(), pid: deadPid })), true);
    assert.equal(isOrphaned(running({ host: hostname(), pid: process.pid })), false, 'a live process');
    assert.equal(isOrphaned(running({ host: 'elsewhere', pid: deadPid })), false, 'another machine cannot be checked');
    assert.equal(isOrphaned(running(undefined)), false, 'a trial Optuna runs has no runner attr');
  });
});

describe('who runs a study the editor did not start', () => {
  it('names the process and host of each running trial, so Stop can say where to stop it', () => {
    const running = (number: number, runner?: { host: string; pid: number }): FrozenTrial =>
      trial(number, 'running', null, runner ? { systemAttrs: { [RUNNER_ATTR]: runner } } : {});
    assert.equal(describeRunners(summary([running(0, { host: 'gpu-box', pid: 4242 }), running(1, { host: 'gpu-box', pid: 4242 })])),
      'Its trials are run by pid 4242 on gpu-box: stop it there (Ctrl-C in its terminal).');
    assert.match(describeRunners(summary([running(0)])), /a process that did not say which \(Python Optuna\?\)/);
    assert.equal(describeRunners(summary([trial(0, 'complete', 0.5)])), 'None of its trials is running now.');
  });
});
