/**
 * A multi-objective journal with trials pareto_asha pruned stays readable by Python Optuna 3.1: the
 * pruned trial is PRUNED with no values (as Optuna records one), its rung attrs and the primary
 * objective's intermediate values load, and Optuna's Pareto front is Tuneboard's.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { paretoPrunedConfig } from '../unit/runner/paretoPruningStudy';
import { runCommandStudy } from '../unit/runner/runnerFixtures';
import { optunaSkip as skip, PYTHON } from './pythonPeers';

const SCRIPT = join(__dirname, 'optuna_multiobjective.py');

interface PyFront {
  directions: string[];
  metric_names: string[] | null;
  trials: { number: number; state: string; values: number[] | null }[];
  best_trials: number[];
}

describe('a pareto_asha-pruned journal in Python Optuna 3.1', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-pareto-interop-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads, with the pruned trial PRUNED without values and the same front', async () => {
    const { finished } = await runCommandStudy(paretoPrunedConfig(), dir);
    const read = JSON.parse(execFileSync(PYTHON, [SCRIPT, 'front', join(dir, 'study.jsonl'), 'runner-test'], { encoding: 'utf8' })) as PyFront;
    assert.deepEqual(read.directions, ['maximize', 'minimize']);
    assert.deepEqual(read.metric_names, ['accuracy', 'size']);
    assert.deepEqual(read.trials.map((t) => t.state), ['complete', 'complete', 'pruned', 'complete']);
    assert.equal(read.trials[2]?.values, null);
    assert.deepEqual(read.best_trials, finished.front?.trials);
  });
});
