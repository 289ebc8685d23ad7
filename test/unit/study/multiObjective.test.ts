// Multi-objective studies through the public API: directions, tell with one value per objective and
// constraints, the Pareto front as bestTrials, and what the journal holds (Optuna's layout).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';

const SPACE = { x: { float: [0, 1] } };
const dir = mkdtempSync(join(tmpdir(), 'tuneboard-mo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one trial per [values, constraints] pair, in order. */
async function tellAll(study: Awaited<ReturnType<typeof createStudy>>, results: readonly (readonly [values: readonly number[], constraints?: readonly number[]])[]): Promise<void> {
  for (const [values, constraints] of results) {
    const trial = await study.ask();
    await study.tell(trial, values, constraints ? { constraints } : {});
  }
}

describe('a multi-objective study', () => {
  it('keeps one value per objective and gives the Pareto front of its complete, feasible trials as bestTrials', async () => {
    const study = await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], sampler: 'random', seed: 1 });
    await tellAll(study, [
      [[0.9, 100], [-1, 0]], // 0: front
      [[0.8, 50], [-1, -1]], // 1: front
      [[0.8, 60], [-1, -1]], // 2: dominated by 1
      [[0.95, 500], [1, -1]], // 3: would be on the front, but infeasible (a constraint above 0)
      [[0.7, 10], [-1, 0]], // 4: front (feasible: every constraint ≤ 0)
      [[0.9, 100], [0, 0]], // 5: equal to 0: neither dominates the other, both on the front
    ]);
    assert.deepEqual(study.directions, ['maximize', 'minimize']);
    assert.deepEqual(study.trials.map((t) => t.values), [[0.9, 100], [0.8, 50], [0.8, 60], [0.95, 500], [0.7, 10], [0.9, 100]]);
    assert.equal(study.trials[1]?.value, 0.8, 'value is the first objective');
    assert.deepEqual(study.bestTrials.map((t) => t.number), [0, 1, 4, 5]);
    assert.deepEqual(study.trials[3]?.systemAttrs.constraints, [1, -1]);
    // In a constrained study a trial told without constraint values counts as infeasible (Optuna 4's rule).
    await tellAll(study, [[[0.99, 1]]]);
    assert.deepEqual(study.bestTrials.map((t) => t.number), [0, 1, 4, 5]);
    assert.throws(() => study.bestTrial, /2 objectives, so no single best trial: use bestTrials/);
    await study.close();
  });

  it('refuses a tell with the wrong number of values, and constraints that are not finite numbers, leaving the trial running', async () => {
    const study = await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], sampler: 'random' });
    const trial = await study.ask();
    await assert.rejects(study.tell(trial, 0.5), /tell trial 0 of study 'mo': the study has 2 objectives \(maximize, minimize\), got 1 value/);
    await assert.rejects(study.tell(trial, [1, 2, 3]), /got 3 values/);
    await assert.rejects(study.tell(trial, [1, 2], { constraints: [Number.NaN] }), /constraints must be a list of finite numbers/);
    assert.equal(study.trials[0]?.state, 'running');
    await study.tell(trial, [1, 2]);
    assert.equal(study.trials[0]?.state, 'complete');
    await study.close();
  });

  it('fails a trial with a non-finite value, as it does with one objective', async () => {
    const study = await createStudy({ name: 'mo', space: SPACE, directions: ['minimize', 'minimize'], sampler: 'random' });
    const trial = await study.ask();
    const finished = await study.tell(trial, [1, Number.POSITIVE_INFINITY]);
    assert.equal(finished.state, 'fail');
    assert.match(String(finished.systemAttrs.fail_reason), /Infinity is not a finite number/);
    assert.deepEqual(study.bestTrials, []);
    await study.close();
  });

  it('refuses directions it cannot read; every sampler, gp included, takes several objectives', async () => {
    await (await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], sampler: 'gp' })).close();
    await assert.rejects(createStudy({ name: 'mo', space: SPACE, direction: 'maximize', directions: ['maximize'] }), /direction or directions, not both/);
    await assert.rejects(createStudy({ name: 'mo', space: SPACE, directions: [] }), /non-empty list/);
    await assert.rejects(createStudy({ name: 'mo', space: SPACE, directions: ['up' as 'maximize'] }), /directions must be 'minimize' or 'maximize', got "up"/);
  });

  it('takes pareto_asha (or no pruner) with several objectives and refuses a one-objective pruner, as a config does', async () => {
    await (await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], pruner: 'pareto_asha' })).close();
    await assert.rejects(createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], pruner: 'median' }), /study 'mo': a study with 2 objectives is not pruned by median .*use pruner: pareto_asha/);
    await assert.rejects(createStudy({ name: 'so', space: SPACE, direction: 'maximize', pruner: 'pareto_asha' }), /study 'so': pareto_asha ranks several objectives and this study has one: use pruner: asha/);
  });

  it('writes Optuna\'s journal: a directions list, values lists and the constraints system attr; resuming checks the directions', async () => {
    const storage = join(dir, 'mo.jsonl');
    const study = await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], sampler: 'random', storage });
    await tellAll(study, [[[0.5, 3], [0.2, -1]]]);
    await study.close();
    const ops = readFileSync(storage, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(ops[0]?.directions, [2, 1]);
    assert.deepEqual(ops.find((op) => op.op_code === 9)?.system_attr, { constraints: [0.2, -1] });
    assert.deepEqual(ops.find((op) => op.op_code === 6 && op.state === 1)?.values, [0.5, 3]);
    await assert.rejects(createStudy({ name: 'mo', space: SPACE, direction: 'maximize', storage }), /with directions \[maximize, minimize\], but maximize was asked for/);
    const resumed = await createStudy({ name: 'mo', space: SPACE, directions: ['maximize', 'minimize'], sampler: 'random', storage });
    assert.deepEqual(resumed.bestTrials.map((t) => t.values), []);
    await resumed.close();
  });
});

describe('bestTrials with one objective', () => {
  it('is every complete trial at the best value (Optuna\'s best_trials), feasible ones only', async () => {
    const study = await createStudy({ name: 'so', space: SPACE, direction: 'minimize', sampler: 'random' });
    await tellAll(study, [[[3], [0]], [[1], [-1]], [[1], [-2]], [[0], [2]], [[2], [-1]]]);
    assert.deepEqual(study.bestTrials.map((t) => t.number), [1, 2]);
    await study.close();
  });
});
