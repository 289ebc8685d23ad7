// A study with two objectives and a constraint, run end to end with real command trials: each trial's
// values come from its printed metrics, its constraint values are recorded, and a trial that does not
// print a metric the study needs fails saying which.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { METRIC_NAMES_ATTR } from '../../../src/core/studyView/trialAttrs';
import { openStorage } from '../../../src/core/storage';
import { join } from 'node:path';
import { PlainLogSink } from '../../../src/protocol/studyEventLog';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

const OBJECTIVES = '[{ metric: value, direction: minimize }, { metric: size, direction: minimize }]';

describe('a multi-objective run', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('records one value per objective, the constraint values, and the objective names', async () => {
    const config = commandConfig('constraints: [{ metric: size, max: 8 }]\nsearch: { sampler: random, trials: 6, parallel: 2, seed: 4 }\nspace:\n  x: { float: [0, 1] }\n  mode: [pair]', '', OBJECTIVES);
    const { events } = await runCommandStudy(config, dir);
    const trials = await journalTrials(dir);
    // The events carry every value and the engine's front; the plain log says so.
    const finished = events.filter((e) => e.type === 'trial-finished');
    assert.deepEqual(finished.map((e) => e.values?.length), [2, 2, 2, 2, 2, 2]);
    const end = events.find((e) => e.type === 'study-finished');
    assert.ok(end?.type === 'study-finished' && end.front !== null && end.best === null);
    const front = trials.filter((t) => (t.systemAttrs.constraints as number[])[0] as number <= 0).filter((t, _, all) => !all.some((o) => (o.values?.[0] as number) < (t.values?.[0] as number) && (o.values?.[1] as number) < (t.values?.[1] as number)));
    assert.deepEqual(end.front.trials, front.map((t) => t.number).sort((a, b) => a - b));
    let log = '';
    const sink = new PlainLogSink({ write: (text: string) => (log += text) });
    for (const event of events) sink.handle(event);
    assert.match(log, /study runner-test started: minimize value, minimize size · random sampler/);
    assert.match(log, /trial \d+ complete values=[\d.]+, [\d.]+ \(x=/);
    assert.match(log, new RegExp(`6 complete, 0 pruned, 0 failed · Pareto front of ${front.length} \\(#`));
    assert.equal(trials.length, 6);
    for (const trial of trials) {
      const x = trial.params.x as number;
      assert.equal(trial.state, 'complete');
      assert.deepEqual(trial.values, [x, 10 * (1 - x)]);
      const [constraint] = trial.systemAttrs.constraints as number[];
      assert.ok(Math.abs((constraint as number) - (10 * (1 - x) - 8)) < 1e-9, `trial ${trial.number}: constraint ${constraint}`);
    }
    const storage = await openStorage(join(dir, 'study.jsonl'));
    try {
      const study = storage.findStudy('runner-test');
      assert.deepEqual(study?.directions, ['minimize', 'minimize']);
      assert.deepEqual(study?.systemAttrs[METRIC_NAMES_ATTR], ['value', 'size']);
    } finally {
      await storage.close();
    }
  });

  it('fails a trial that does not print every objective\'s metric, naming it', async () => {
    const config = commandConfig('search: { sampler: random, trials: 2, parallel: 1 }\nspace:\n  x: { float: [0, 1] }\n  mode: [ok]', '', OBJECTIVES);
    await runCommandStudy(config, dir);
    const trials = await journalTrials(dir);
    assert.deepEqual(trials.map((t) => t.state), ['fail', 'fail']);
    assert.match(String(trials[0]?.systemAttrs.fail_reason), /did not report size as a number \(an objective of the study\); it reported value/);
  });

  it('fails a trial that does not print a constrained metric, naming it', async () => {
    const config = commandConfig('constraints: [{ metric: latency, max: 1 }]\nsearch: { sampler: random, trials: 1 }\nspace:\n  x: { float: [0, 1] }\n  mode: [ok]');
    await runCommandStudy(config, dir);
    const [trial] = await journalTrials(dir);
    assert.equal(trial?.state, 'fail');
    assert.match(String(trial?.systemAttrs.fail_reason), /did not report latency as a number \(a constraint of the study\)/);
  });
});
