/**
 * The read model (src/core/studyView): best, ranking, counts, n/N and formatting, once for every view.
 * The end-to-end case is the one a review found: a journal Python wrote with values [0.5, -inf, 0.2]
 * (minimize), where `tuneboard best` printed "value": null and the tree and Apply Best picked #2.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStorage } from '../../../src/core/storage';
import {
  bestTrial, budgetProgress, compareTrials, countStates, FAIL_REASON_ATTR, formatNumber, formatProgress, formatValue, rankTrials, type RankableTrial,
} from '../../../src/core/studyView';
import type { FrozenTrial, TrialState } from '../../../src/core/trial';
import { buildSummaries } from '../../../src/extension/studies/studySummary';
import { ensureBuilt, runCli } from '../cli/cliHarness';

function row(number: number, state: TrialState, value: number | null): RankableTrial {
  return { number, state, value };
}

function trial(number: number, state: TrialState, value: number | null, reason?: string): FrozenTrial {
  return {
    id: number, number, state, value, values: value === null ? null : [value], params: {}, distributions: {}, intermediateValues: new Map(), userAttrs: {},
    systemAttrs: reason === undefined ? {} : { [FAIL_REASON_ATTR]: reason }, datetimeStart: null, datetimeComplete: null,
  };
}

describe('best and rank (Optuna 3.1: min/max over complete trials in number order)', () => {
  it('takes -inf as the best of a minimize study and +inf of a maximize one', () => {
    assert.equal(bestTrial([row(0, 'complete', 0.5), row(1, 'complete', -Infinity), row(2, 'complete', 0.2)], 'minimize')?.number, 1);
    assert.equal(bestTrial([row(0, 'complete', 0.5), row(1, 'complete', Infinity), row(2, 'complete', 0.9)], 'maximize')?.number, 1);
  });

  it('never picks NaN over a number, keeps the earliest of ties, and ignores pruned and running trials', () => {
    assert.equal(bestTrial([row(0, 'complete', 0.3), row(1, 'complete', NaN), row(2, 'complete', 0.3)], 'minimize')?.number, 0);
    assert.equal(bestTrial([row(0, 'pruned', 0.01), row(1, 'running', null), row(2, 'complete', 0.4)], 'minimize')?.number, 2);
    assert.equal(bestTrial([row(0, 'fail', null)], 'minimize'), null);
    // Python's min() keeps a NaN that comes first: Optuna's best_trial is then the NaN trial, and so is ours.
    assert.equal(bestTrial([row(0, 'complete', NaN), row(1, 'complete', 0.3)], 'minimize')?.number, 0);
  });

  it('ranks complete trials, then pruned ones by their last value, then failed, running and waiting; the best first', () => {
    const trials = [row(0, 'pruned', 0.1), row(1, 'complete', 0.5), row(2, 'running', null), row(3, 'complete', 0.2), row(4, 'fail', null), row(5, 'pruned', 0.05), row(6, 'complete', NaN)];
    assert.deepEqual(rankTrials(trials, 'minimize').map((t) => t.number), [3, 1, 6, 5, 0, 4, 2]);
    assert.deepEqual([...trials].sort(compareTrials('maximize')).map((t) => t.number), [1, 3, 6, 0, 5, 4, 2]);
    assert.equal(rankTrials([row(0, 'complete', NaN), row(1, 'complete', 0.3)], 'minimize')[0]?.number, 0, 'ranking and best agree');
  });
});

describe('counts and n/N', () => {
  const trials = [
    trial(0, 'complete', 0.9), trial(1, 'pruned', 0.4), trial(2, 'fail', null, 'CUDA out of memory'),
    trial(3, 'fail', null, 'interrupted: stopped by the user'), trial(4, 'running', null), trial(5, 'waiting', null),
  ];

  it('counts every state, and interrupted trials apart', () => {
    assert.deepEqual(countStates(trials), { complete: 1, pruned: 1, fail: 2, running: 1, waiting: 1, interrupted: 1, total: 6 });
  });

  it('counts finished trials that used budget: not interrupted ones (run again), not waiting ones', () => {
    const progress = budgetProgress(trials, 4);
    assert.deepEqual(progress, { done: 3, used: 4, running: 1, budget: 4, remaining: 0 });
    assert.equal(formatProgress(progress), '3/4', 'an interrupted trial does not make 1/4 read as used');
  });

  it('says how far enqueued trials ran past the budget instead of printing 61/60', () => {
    const many = Array.from({ length: 61 }, (_, i) => trial(i, 'complete', i));
    assert.equal(formatProgress(budgetProgress(many, 60)), '60/60 +1');
    assert.equal(formatProgress(budgetProgress(many.slice(0, 1), null)), '1 trial');
  });
});

describe('formatting', () => {
  it('prints floats short and non-finite values as Python does', () => {
    assert.equal(formatValue(0.9800000000000001), '0.98');
    assert.equal(formatNumber(0.0031000000000000003), '0.0031');
    assert.deepEqual([formatValue(-Infinity), formatValue(Infinity), formatValue(NaN), formatValue(null)], ['-inf', 'inf', 'nan', '-']);
  });
});

describe('one best for the CLI, the tree and Apply Best on a journal with -inf', () => {
  let dir = '';
  const journal = (): string => join(dir, 'python.jsonl');

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-read-model-'));
    const storage = await openStorage(journal());
    const study = await storage.createStudy('inf', ['minimize']);
    for (const [x, value] of [[1, 0.5], [2, 0.125], [3, 0.2]] as const) {
      const created = await storage.createTrial(study.id, { params: { x }, distributions: { x: { type: 'float', low: 0, high: 3, log: false, step: null } } });
      await storage.finishTrial(created.id, 'complete', [value]);
    }
    await storage.close();
    // Python's json.dumps writes -inf bare (Tuneboard's own tell refuses it, Python Optuna's add_trial does not).
    const text = readFileSync(journal(), 'utf8');
    assert.ok(text.includes('[0.125]'));
    writeFileSync(journal(), text.replace('[0.125]', '[-Infinity]'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('`best --format json` names trial #1 with its value, not null', () => {
    const result = runCli(dir, ['best', journal()]);
    assert.equal(result.status, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as { number: number; value: unknown };
    assert.deepEqual([printed.number, printed.value], [1, '-Infinity']);
    assert.equal(Number(printed.value), -Infinity);
  });

  it('`show` ranks #1 first and prints its value as -inf', () => {
    const { stdout } = runCli(dir, ['show', journal()]);
    assert.match(stdout, /^best #1 -inf /m);
  });

  it('the Studies tree (and Apply Best, which reads its summary) pick #1 too', async () => {
    const storage = await openStorage(journal());
    try {
      const [summary] = buildSummaries([], [{ path: journal(), studies: storage.getStudies(), trialsOf: (id) => storage.getTrials(id), problem: null, modified: new Date() }]);
      assert.equal(summary?.best?.number, 1);
    } finally {
      await storage.close();
    }
  });
});
