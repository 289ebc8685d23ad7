/**
 * Multi-objective journals are shared with Python Optuna 3.1 both ways: Optuna reads a Tuneboard study
 * (directions, values, constraints, metric names) and its Pareto front of feasible trials is Tuneboard's
 * bestTrials; Optuna's NSGA-II adds trials with a constraints_func to the same study, and Tuneboard reads
 * them, agrees on the front and carries on with its own nsga2.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, type Study } from '../../src/core';
import { optunaSkip as skip, PYTHON } from './pythonPeers';

const SCRIPT = join(__dirname, 'optuna_multiobjective.py');

interface PyFront {
  directions: string[];
  metric_names: string[] | null;
  trials: { number: number; state: string; values: number[] | null; constraints: number[] | null }[];
  best_trials: number[];
  feasible_front: number[];
}

function python<T>(...args: string[]): T {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8' })) as T;
}

const SPACE = { x: { float: [0, 1] }, y: { float: [0, 1] } };
const DIRECTIONS = ['maximize', 'minimize'] as const;

/** The objective both sides optimise: x up, (1 − x)² + y down; feasible when x ≤ 0.8. */
async function runTrials(study: Study, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const trial = await study.ask();
    const x = trial.params.x as number;
    const y = trial.params.y as number;
    await study.tell(trial, [x, (1 - x) ** 2 + y], { constraints: [x - 0.8] });
  }
}

describe('multi-objective journal interop with Python Optuna 3.1', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-mo-interop-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Optuna reads a Tuneboard study as written, and its front of feasible trials is Tuneboard\'s bestTrials', async () => {
    const path = join(dir, 'tuneboard-first.jsonl');
    const study = await createStudy({ name: 'mo', space: SPACE, directions: [...DIRECTIONS], sampler: 'random', seed: 3, storage: path });
    await study.setStudySystemAttr('study:metric_names', ['accuracy', 'cost']);
    await runTrials(study, 30);
    const ours = study.bestTrials.map((t) => t.number);
    const trials = study.trials;
    await study.close();

    const theirs = python<PyFront>('front', path, 'mo');
    assert.deepEqual(theirs.directions, DIRECTIONS);
    assert.deepEqual(theirs.metric_names, ['accuracy', 'cost']);
    assert.deepEqual(theirs.trials.map((t) => t.values), trials.map((t) => t.values));
    assert.deepEqual(theirs.trials.map((t) => t.constraints), trials.map((t) => t.systemAttrs.constraints));
    assert.ok(trials.some((t) => (t.params.x as number) > 0.8), 'the check needs an infeasible trial');
    assert.deepEqual(ours, theirs.feasible_front);
    assert.ok(ours.length >= 2, `a front of ${ours.length}`);
    // Optuna 3.1's best_trials ignores constraints (later versions do not): every difference is an infeasible trial.
    for (const number of theirs.best_trials.filter((n) => !ours.includes(n))) assert.ok((trials[number]?.params.x as number) > 0.8);
  });

  it('Tuneboard reads trials Optuna\'s NSGA-II added with a constraints_func, agrees on the front, and carries on with nsga2', async () => {
    const path = join(dir, 'both.jsonl');
    const first = await createStudy({ name: 'mo', space: SPACE, directions: [...DIRECTIONS], sampler: 'random', seed: 5, storage: path });
    await runTrials(first, 10);
    await first.close();

    python('optimize', path, 'mo', '20', '0');
    const study = await createStudy({ name: 'mo', space: SPACE, directions: [...DIRECTIONS], sampler: 'nsga2', seed: 7, storage: path });
    const fromPython = study.trials.slice(10);
    assert.equal(fromPython.length, 20);
    for (const trial of fromPython) {
      assert.equal(trial.state, 'complete');
      const x = trial.params.x as number;
      assert.deepEqual(trial.systemAttrs.constraints, [x - 0.8], 'Optuna records constraints_func\'s values');
      assert.equal(trial.values?.[0], x);
    }
    assert.deepEqual(study.bestTrials.map((t) => t.number), python<PyFront>('front', path, 'mo').feasible_front);

    await runTrials(study, 10);
    const ours = study.bestTrials.map((t) => t.number);
    await study.close();
    const theirs = python<PyFront>('front', path, 'mo');
    assert.equal(theirs.trials.length, 40);
    assert.ok(theirs.trials.every((t) => t.state === 'complete'));
    assert.deepEqual(ours, theirs.feasible_front);
  });
});
