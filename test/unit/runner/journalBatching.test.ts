/** A chatty command trial: its metric lines reach the journal in a few appends, not one fsync each. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileJournalBackend } from '../../../src/core/storage';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

describe('journal writes of reports', () => {
  // Counts the appends (each one lock, write and fsync) that reach journal files.
  let appends = 0;
  const original = FileJournalBackend.prototype.appendLines;
  before(() => {
    FileJournalBackend.prototype.appendLines = function (this: FileJournalBackend, lines: readonly string[]) {
      appends += 1;
      return original.call(this, lines);
    };
  });
  after(() => {
    FileJournalBackend.prototype.appendLines = original;
  });

  it('records thousands of metric lines of one trial, every one, in far fewer appends', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 1, parallel: 1 }
space:
  mode: [chatty]
  x: { float: [0, 1] }`, '  env: { LINES: "3000" }');
      appends = 0;
      const { finished, events } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const [trial] = await journalTrials(dir);
      assert.equal(trial?.state, 'complete');
      assert.equal(trial?.intermediateValues.size, 3000, 'every step is in the journal');
      assert.equal(trial?.intermediateValues.get(2999), (trial?.params.x as number) + 1 / 3000);
      assert.equal(events.filter((e) => e.type === 'trial-reported').length, 3000);
      // One append per report before; now one per run of reports that arrived while the journal was busy.
      assert.ok(appends < 100, `3,000 reports took ${appends} appends`);
      console.log(`3,000 reports: ${appends} appends`);
    } finally {
      cleanup();
    }
  });

  it('still prunes at the step the pruner decides, with the reports batched', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search:
  sampler: random
  trials: 3
  parallel: 1
  pruner: { type: median, n_startup_trials: 1, n_warmup_steps: 5 }
space:
  mode: [chatty]
  x: { float: [0, 1] }`, '  env: { LINES: "500" }');
      await runCommandStudy(config, dir);
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['complete', 'pruned', 'pruned']);
      for (const trial of trials.slice(1)) {
        // Judged first at step 5 (n_warmup_steps) and stopped there: the reports after it, in the same batch, are not recorded.
        assert.deepEqual([...trial.intermediateValues.keys()], [0, 1, 2, 3, 4, 5]);
      }
    } finally {
      cleanup();
    }
  });
});
