/**
 * A journal written by the study runner (complete, failed, pruned and interrupted trials, per-step
 * values, Tuneboard's attrs) is read by Python Optuna 3.1 exactly as Tuneboard reads it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from '../unit/runner/runnerFixtures';
import { optunaSkip as skip, PYTHON } from './pythonPeers';


interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
  intermediate_values: Record<string, number | null>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
}

describe('journals written by tuneboard run, read by Optuna 3.1', { skip }, () => {
  it('hold every trial state, value, step and attr as Tuneboard sees them', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search:
  sampler: random
  trials: 8
  parallel: 2
  seed: 9
  pruner: { type: median, n_startup_trials: 1 }
space:
  mode: [ok, crash, steps]
  x: { float: [0, 1] }`);
      await runCommandStudy(config, dir);
      const ours = await journalTrials(dir);
      const dumped = JSON.parse(execFileSync(PYTHON, [join(__dirname, 'optuna_journal.py'), 'dump', join(dir, 'study.jsonl'), config.name], { encoding: 'utf8' })) as { trials: PyTrial[] };
      assert.equal(dumped.trials.length, ours.length);
      assert.ok(new Set(ours.map((t) => t.state)).size >= 2, 'several trial states are exercised');
      for (const trial of ours) {
        const theirs = dumped.trials[trial.number] as PyTrial;
        assert.equal(theirs.state, trial.state);
        assert.equal(theirs.value, trial.value);
        assert.deepEqual(theirs.params, trial.params);
        assert.deepEqual(theirs.intermediate_values, Object.fromEntries([...trial.intermediateValues].map(([s, v]) => [String(s), v])));
        assert.deepEqual(theirs.user_attrs, trial.userAttrs);
        assert.deepEqual(theirs.system_attrs, trial.systemAttrs);
        assert.ok(typeof theirs.system_attrs['tuneboard:runner'] === 'object', "the runner's identity is a readable attr");
      }
    } finally {
      cleanup();
    }
  });
});
