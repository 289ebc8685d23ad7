/** Ctrl-C that lands while a trial is being started: that trial is interrupted like the running ones. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FAIL_REASON_ATTR } from '../../../src/core/study';
import type { RunningTrial, TrialExecutor, TrialOutcome } from '../../../src/runner/executor';
import { runStudy } from '../../../src/runner/studyRunner';
import { commandConfig, journalTrials, tempDir } from './runnerFixtures';

/** Trials that finish after 300 ms unless stopped; the first start() is where the user presses Ctrl-C. */
function executorInterruptedAtStart(abort: () => void): TrialExecutor & { stops: number } {
  const state = { stops: 0 };
  let starts = 0;
  return {
    get stops() {
      return state.stops;
    },
    prepare: async () => undefined,
    dispose: async () => undefined,
    start(trial, onReport): RunningTrial {
      starts += 1;
      if (starts === 1) abort();
      let finish: (outcome: TrialOutcome) => void = () => undefined;
      const outcome = new Promise<TrialOutcome>((resolve) => (finish = resolve));
      const timer = setTimeout(() => {
        onReport({ step: 1, metrics: { value: 0.5 } });
        finish({ kind: 'complete', value: 0.5, metrics: { value: 0.5 }, attrs: {} });
      }, 300);
      return {
        outcome,
        attrs: {},
        stop: () => {
          state.stops += 1;
          clearTimeout(timer);
          finish({ kind: 'stopped' });
        },
        kill: (reason) => {
          clearTimeout(timer);
          finish({ kind: 'failed', error: reason });
        },
      };
    },
  };
}

describe('runStudy and Ctrl-C during a trial start', () => {
  it('stops the trial being started and records it as interrupted, not complete without a curve', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig('search: { sampler: random, trials: 4, parallel: 1, seed: 2 }\nspace:\n  x: { float: [0, 1] }');
      const controller = new AbortController();
      const executor = executorInterruptedAtStart(() => controller.abort());
      const finished = await runStudy({
        config, configPath: null, storagePath: join(dir, 'study.jsonl'), executor, parallel: 1, fallbackSeed: 1, emit: () => undefined, signal: controller.signal,
      });
      assert.equal(finished.reason, 'interrupted');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['fail'], 'no trial ran to completion, and no new one started');
      assert.match(String(trials[0]?.systemAttrs[FAIL_REASON_ATTR]), /^interrupted/);
      assert.equal(executor.stops, 1);
    } finally {
      cleanup();
    }
  });
});
