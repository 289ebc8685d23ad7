/** ASHA in the study loop with real child processes: bad trials stop at a rung, rung values land in the journal. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

describe('study runner with the asha pruner', () => {
  it('prunes trials that lose at rung 0 (step 1) and records every rung reached as completed_rung_k', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // later-worse: value = x + 10/(step+1) over steps 0…4, 100 worse from trial 2 on. With
      // min_resource 1 and η = 3 the rungs are at steps 1, 3 (and 9, never reached). The trial
      // script ignores \`ignored\`: it is there because a study needs something to tune.
      const config = commandConfig(`search:
  sampler: random
  trials: 5
  parallel: 1
  pruner: { type: asha, min_resource: 1, reduction_factor: 3 }
space:
  mode: [later-worse]
  x: 0
  ignored: { int: [0, 9] }`);
      const { finished, events } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['complete', 'complete', 'pruned', 'pruned', 'pruned']);
      for (const trial of trials.slice(0, 2)) {
        // Trial 1 ties trial 0 at each rung: a tie with the best is promoted.
        assert.deepEqual(rungAttrs(trial.systemAttrs), { completed_rung_0: 5, completed_rung_1: 2.5 }, `trial ${trial.number} passed rungs 0 and 1`);
        assert.equal(trial.intermediateValues.size, 5);
      }
      for (const trial of trials.slice(2)) {
        assert.deepEqual([...trial.intermediateValues.keys()], [0, 1], `trial ${trial.number} stopped at rung 0's step`);
        assert.deepEqual(rungAttrs(trial.systemAttrs), { completed_rung_0: 105 }, 'the losing value is recorded too: later trials compete with it');
        assert.equal(trial.value, 105);
      }
      const pruned = events.filter((e) => e.type === 'trial-finished' && e.state === 'pruned');
      assert.equal(pruned.length, 3);
      assert.match(String(pruned[0]?.type === 'trial-finished' && pruned[0].reason), /pruned at step 1/);
    } finally {
      cleanup();
    }
  });
});

function rungAttrs(attrs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([key]) => key.startsWith('completed_rung_')));
}
