/**
 * n/N takes its N from the run: the runner records the budget it counts to in the journal (study attr
 * `tuneboard:trials`), so the tree, status bar and leaderboard show /26 after "Tune again" asked for
 * 26 trials, although the config still says 16 (the tree showed 27/16 beside a status bar's 29/32).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUDGET_ATTR, openStorage, recordedBudget } from '../../../src/core';
import { buildSummaries } from '../../../src/extension/studies/studySummary';
import { commandConfig, runCommandStudy, tempDir } from './runnerFixtures';

describe('the budget a run counts to', () => {
  it('is recorded in the journal and wins over the config in every view', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 3, parallel: 1, seed: 2 }
space:
  x: { float: [0, 1] }`);
      await runCommandStudy({ ...config, trials: 5 }, dir); // as `--trials 5` (the leaderboard's Tune again)
      const journal = join(dir, 'study.jsonl');
      const storage = await openStorage(journal, { readOnly: true });
      try {
        const [record] = storage.getStudies();
        assert.equal(record?.systemAttrs[BUDGET_ATTR], 5);
        assert.equal(recordedBudget(record?.systemAttrs ?? {}), 5);
        const configEntry = {
          path: join(dir, 'runner.tune.yaml'), name: record?.name ?? '', journalPath: journal, storageUrl: null, metric: 'value', direction: 'minimize' as const,
          budget: 3, sampler: 'random', pruner: 'none', runsCommands: true, applyTargets: [], problem: null, modified: new Date(),
        };
        const [summary] = buildSummaries([configEntry], [{ path: journal, studies: storage.getStudies(), trialsOf: (id) => storage.getTrials(id), problem: null, modified: new Date() }]);
        assert.deepEqual([summary?.budget, summary?.progressLabel], [5, '5/5']);
      } finally {
        await storage.close();
      }
    } finally {
      cleanup();
    }
  });
});
