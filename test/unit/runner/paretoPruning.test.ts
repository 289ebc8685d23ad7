/**
 * pareto_asha in the study loop with real child processes: a trial two earlier trials dominate stops
 * at the first rung, what each trial scored at each rung lands in the journal, and the pruned trial
 * keeps its learning curves but, having several objectives, no values.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { HISTORY_ATTR, paretoRungAttr } from '../../../src/core/studyView/trialAttrs';
import { PlainLogSink } from '../../../src/protocol/studyEventLog';
import { paretoPrunedConfig } from './paretoPruningStudy';
import { journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

describe('study runner with the pareto_asha pruner', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('stops a dominated trial at rung 0 and records every objective at each rung reached', async () => {
    const { finished, events } = await runCommandStudy(paretoPrunedConfig(), dir);
    assert.equal(finished.reason, 'trials');
    const trials = await journalTrials(dir);
    assert.deepEqual(trials.map((t) => t.state), ['complete', 'complete', 'pruned', 'complete']);

    const pruned = trials[2];
    assert.ok(pruned);
    assert.deepEqual([...pruned.intermediateValues.keys()], [0, 1], 'stopped at rung 0\'s step');
    assert.deepEqual(pruned.systemAttrs[paretoRungAttr(0)], [0.67, 20]);
    assert.equal(pruned.systemAttrs[paretoRungAttr(1)], undefined);
    assert.equal(pruned.values, null, 'one intermediate value is not a result of two objectives');
    assert.deepEqual(pruned.systemAttrs[HISTORY_ATTR], { accuracy: [[0, 0.66], [1, 0.67]], size: [[0, 20], [1, 20]] });

    for (const trial of [trials[0], trials[1], trials[3]]) {
      assert.ok(trial);
      assert.equal(trial.intermediateValues.size, 5);
      const size = trial.values?.[1];
      assert.deepEqual([trial.systemAttrs[paretoRungAttr(0)], trial.systemAttrs[paretoRungAttr(1)]].map((v) => (v as number[])[1]), [size, size], `trial ${trial.number} passed rungs 0 and 1`);
    }
    assert.deepEqual(trials[3]?.systemAttrs[paretoRungAttr(1)], [0.94, 30]);

    const end = events.find((e) => e.type === 'study-finished');
    assert.ok(end?.type === 'study-finished' && end.front !== null);
    assert.deepEqual(end.front.trials, [0, 1, 3]);
    let log = '';
    const sink = new PlainLogSink({ write: (text: string) => (log += text) });
    for (const event of events) sink.handle(event);
    assert.match(log, /trial 2 pruned at step 1 /);
    assert.match(log, /pareto_asha\(min_resource=1, reduction_factor=3\)/);
  });

  it('prunes nothing while fewer than reduction_factor trials reached a rung', async () => {
    await runCommandStudy(paretoPrunedConfig('{ type: pareto_asha, min_resource: 1, reduction_factor: 4 }'), dir);
    const trials = await journalTrials(dir);
    assert.deepEqual(trials.map((t) => t.state), ['complete', 'complete', 'complete', 'complete'], 'the dominated trial is only the third at rung 0: no top quarter yet');
    assert.deepEqual(trials[2]?.systemAttrs[paretoRungAttr(0)], [0.67, 20]);
  });
});
