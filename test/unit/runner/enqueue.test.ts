/** `tuneboard run` and enqueued trials: run first, run past the budget, picked up while the study runs. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StudyConfig } from '../../../src/core/config';
import { openStorage } from '../../../src/core/storage';
import { Study } from '../../../src/core/study';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

/** Enqueues into the runner's journal from a study of its own, as `tuneboard enqueue` does. */
async function enqueue(config: StudyConfig, dir: string, params: Record<string, number | string>): Promise<number> {
  const storage = await openStorage(join(dir, 'study.jsonl'));
  try {
    const study = await Study.open(storage, { name: config.name, directions: config.objectives.map((o) => o.direction), searchSpace: config.space, sampler: config.sampler });
    return (await study.enqueue(params)).number;
  } finally {
    await storage.close();
  }
}

const SPACE = `space:
  mode: [ok, slow]
  x: { float: [0, 1] }`;

describe('runStudy with enqueued trials', () => {
  it('runs an enqueued trial when search.trials is already used up, and samples nothing new', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 2, parallel: 2, seed: 4 }\n${SPACE}`);
      await runCommandStudy(config, dir, { parallel: 1 });
      assert.equal((await journalTrials(dir)).length, 2);

      assert.equal(await enqueue(config, dir, { mode: 'ok', x: 0.125 }), 2);
      const { finished, events } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.equal(trials.length, 3, 'only the enqueued trial ran');
      assert.equal(trials[2]?.state, 'complete');
      assert.deepEqual(trials[2]?.params, { mode: 'ok', x: 0.125 });
      assert.equal(trials[2]?.value, 0.125, 'the command saw the enqueued params');
      const logs = events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? e.message : ''));
      assert.ok(logs.some((m) => /already has 2 of 2 trials; running only its 1 enqueued trial/.test(m)), logs.join('\n'));

      const again = await runCommandStudy(config, dir);
      assert.equal(again.finished.reason, 'trials');
      assert.equal((await journalTrials(dir)).length, 3, 'the budget is still used up: nothing more runs');
    } finally {
      cleanup();
    }
  });

  it('runs waiting trials first, oldest first, and counts them in the budget', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 4, parallel: 1, seed: 4 }\n${SPACE}`);
      await enqueue(config, dir, { mode: 'ok', x: 0.5 });
      await enqueue(config, dir, { x: 0.25 });
      const { finished } = await runCommandStudy(config, dir, { parallel: 1 });
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.equal(trials.length, 4);
      assert.deepEqual(trials[0]?.params, { mode: 'ok', x: 0.5 });
      assert.equal(trials[1]?.params.x, 0.25, 'the param left out (mode) is sampled');
      assert.ok(trials.every((t) => t.state === 'complete'));
      assert.ok(trials[0]?.datetimeStart && trials[1]?.datetimeStart && trials[0].datetimeStart <= trials[1].datetimeStart);
    } finally {
      cleanup();
    }
  });

  it('picks up a trial enqueued while the study runs, even after its budget is used up', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 1, parallel: 2, seed: 4 }\nspace:\n  mode: [slow]\n  x: { float: [0, 1] }`);
      let enqueued: Promise<number> | null = null;
      const { finished } = await runCommandStudy(config, dir, {
        emit: (event) => {
          // The only budgeted trial takes 400 ms: time enough to enqueue another beside it.
          if (event.type === 'trial-started' && event.number === 0) enqueued = enqueue(config, dir, { mode: 'slow', x: 0.75 });
        },
      });
      assert.equal(await enqueued, 1);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.equal(trials.length, 2);
      assert.equal(trials[1]?.state, 'complete', 'the run did not end with the trial still waiting');
      assert.equal(trials[1]?.value, 0.75);
    } finally {
      cleanup();
    }
  });
});
