/** The study loop with real child processes: every way a trial can end, and the study going on. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FAIL_REASON_ATTR } from '../../../src/core/study';
import { commandConfig, journalTrials, runCommandStudy, tempDir, waitUntilDead } from './runnerFixtures';

const reason = (trial: { systemAttrs: Readonly<Record<string, unknown>> }): string => String(trial.systemAttrs[FAIL_REASON_ATTR] ?? '');


describe('runStudy with command trials', () => {
  it('runs the budget, and crashes, NaN values and silent commands fail only their own trial', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 12, parallel: 3, seed: 5 }
space:
  mode: [ok, crash, nan, silent]
  x: { float: [0, 1] }`);
      const { finished, events } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.equal(trials.length, 12);
      const modes = new Set(trials.map((t) => t.params.mode));
      assert.ok(modes.size >= 3, `random sampling should try several modes, got ${[...modes].join(', ')}`);
      for (const trial of trials) {
        switch (trial.params.mode) {
          case 'ok':
            assert.equal(trial.state, 'complete');
            assert.equal(trial.value, trial.params.x, 'the value printed is the value recorded, at full precision');
            break;
          case 'crash':
            assert.equal(trial.state, 'fail');
            assert.match(reason(trial), /exited with code 3/);
            assert.match(reason(trial), /CUDA out of memory/, 'the last lines of stderr explain the failure');
            break;
          case 'nan':
            assert.equal(trial.state, 'fail');
            assert.match(reason(trial), /not a finite number/);
            break;
          case 'silent':
            assert.equal(trial.state, 'fail');
            assert.match(reason(trial), /without printing value=/);
            break;
        }
      }
      const finishedEvents = events.filter((e) => e.type === 'trial-finished');
      assert.equal(finishedEvents.length, 12);
      const log = trials[0]?.systemAttrs['tuneboard:log'];
      assert.ok(typeof log === 'string' && existsSync(log), 'each trial keeps a log file named in the journal');
      assert.match(readFileSync(log, 'utf8'), /behaviour\.mjs/);
    } finally {
      cleanup();
    }
  });

  it('kills a trial past trial.timeout together with the processes it started, and goes on', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const pidFile = join(dir, 'grandchild.pid');
      const config = commandConfig(`search: { sampler: random, trials: 2, parallel: 1 }
space:
  mode: [hang]
  x: { float: [0, 1] }`, `  timeout: 1s\n  env: { PID_FILE: ${JSON.stringify(pidFile)} }`);
      const { finished } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['fail', 'fail']);
      assert.match(reason(trials[0]!), /timed out after 1 s/);
      assert.deepEqual([...trials[0]!.intermediateValues], [[0, 123]], 'reports before the timeout are kept');
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      assert.equal(await waitUntilDead(grandchild, 2000), true, `grandchild ${grandchild} should have been killed with its parent`);
    } finally {
      cleanup();
    }
  });

  it('prunes with the median pruner: trials worse than the median at a step stop there, recorded as pruned', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search:
  sampler: random
  trials: 5
  parallel: 1
  pruner: { type: median, n_startup_trials: 2, n_warmup_steps: 1 }
space:
  mode: [later-worse]
  x: { float: [0, 1] }`);
      const { finished, events } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['complete', 'complete', 'pruned', 'pruned', 'pruned']);
      for (const trial of trials.slice(2)) {
        assert.deepEqual([...trial.intermediateValues.keys()], [0, 1], 'judged first at step 1 (n_warmup_steps), and stopped there');
        assert.equal(trial.value, trial.intermediateValues.get(1), 'a pruned trial keeps its last reported value');
        assert.deepEqual(trial.systemAttrs['tuneboard:history'], { value: [...trial.intermediateValues] }, 'every reported metric is kept per step');
      }
      const pruned = events.filter((e) => e.type === 'trial-finished' && e.state === 'pruned');
      assert.equal(pruned.length, 3);
      assert.match(String(pruned[0]?.type === 'trial-finished' && pruned[0].reason), /pruned at step 1/);
    } finally {
      cleanup();
    }
  });

  it('Ctrl-C records running trials as interrupted, and the next run resumes the budget', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 6, parallel: 2, seed: 3 }
space:
  mode: [slow]
  x: { float: [0, 1] }`);
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 600);
      const first = await runCommandStudy(config, dir, { signal: stop.signal });
      assert.equal(first.finished.reason, 'interrupted');
      const afterStop = await journalTrials(dir);
      assert.ok(afterStop.every((t) => t.state !== 'running'), 'no trial is left running in the journal');
      const interrupted = afterStop.filter((t) => t.state === 'fail');
      assert.ok(interrupted.length >= 1, 'the trials running at Ctrl-C are failed');
      for (const trial of interrupted) assert.match(reason(trial), /^interrupted/);
      const completeBefore = afterStop.filter((t) => t.state === 'complete').length;

      const second = await runCommandStudy(config, dir);
      assert.equal(second.finished.reason, 'trials');
      const all = await journalTrials(dir);
      assert.equal(all.filter((t) => t.state === 'complete').length, 6, 'interrupted trials do not use the budget');
      assert.equal(all.length, 6 + interrupted.length);
      assert.ok(completeBefore < 6);
      const started = second.events.find((e) => e.type === 'study-started');
      assert.equal(started?.type === 'study-started' && started.resumedTrials, afterStop.length - interrupted.length, 'interrupted trials are run again: not counted as done');
    } finally {
      cleanup();
    }
  });

  it('stops at search.timeout without starting more trials', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, timeout: 1s, parallel: 1 }
space:
  mode: [slow]
  x: { float: [0, 1] }`);
      const { finished } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'timeout');
      const trials = await journalTrials(dir);
      assert.ok(trials.length >= 1 && trials.length <= 4, `400 ms trials in a 1 s budget, got ${trials.length}`);
      assert.ok(trials.every((t) => t.state === 'complete'), 'trials running at the timeout finish');
    } finally {
      cleanup();
    }
  });
});
