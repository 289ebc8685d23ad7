/**
 * Journals are shared with Python Optuna 3.1 (Debian's python3-optuna): Optuna reads what Tuneboard
 * wrote, appends trials of its own, and Tuneboard replays them and carries on.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../src/core';
import { optunaSkip as skip, PYTHON } from './pythonPeers';

const SCRIPT = join(__dirname, 'optuna_journal.py');

function python(...args: string[]): unknown {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8' }));
}

const SPACE = {
  x: { float: [-5, 5] },
  k: { int: [1, 8], log: true },
  act: ['relu', 'tanh'],
};

interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, unknown>;
  distributions: Record<string, string>;
  intermediate_values: Record<string, number | null>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  has_start: boolean;
  has_complete: boolean;
}

describe('journal interop with Python Optuna 3.1', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-interop-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Optuna loads a Tuneboard journal and sees the same trials, params, states and best value', async () => {
    const path = join(dir, 'written-by-tuneboard.jsonl');
    const study = await createStudy({ name: 'shared', space: { ...SPACE, lr: { float: [1e-4, 1e-1], log: true }, drop: { float: [0, 0.5], step: 0.1 }, epochs: 10 }, direction: 'maximize', sampler: 'tpe', seed: 4, storage: path });
    for (let i = 0; i < 14; i++) {
      const trial = await study.ask();
      await study.report(trial, 0, i / 2);
      await study.report(trial, 1, i);
      if (i === 3) await study.tell(trial, { state: 'pruned' });
      else if (i === 5) await study.tell(trial, { state: 'fail', error: 'out of memory' });
      else {
        await study.setUserAttr(trial, 'fold_scores', [i, i + 1]);
        await study.tell(trial, (trial.params.x as number) + i);
      }
    }
    const dumped = python('dump', path, 'shared') as { direction: string; trials: PyTrial[]; best: { number: number; value: number } };
    assert.equal(dumped.direction, 'maximize');
    assert.equal(dumped.trials.length, 14);
    for (const ours of study.trials) {
      const theirs = dumped.trials[ours.number] as PyTrial;
      assert.equal(theirs.state, ours.state);
      assert.deepEqual(theirs.params, ours.params);
      assert.equal(theirs.value, ours.value);
      assert.deepEqual(theirs.intermediate_values, { 0: ours.number / 2, 1: ours.number });
      assert.ok(theirs.has_start && theirs.has_complete);
      assert.deepEqual(Object.keys(theirs.distributions).sort(), Object.keys(ours.distributions).sort());
    }
    assert.equal(dumped.trials[3]?.state, 'pruned');
    assert.equal(dumped.trials[3]?.value, 3, 'a pruned trial keeps its last intermediate value');
    assert.equal(dumped.trials[5]?.system_attrs.fail_reason, 'out of memory');
    assert.deepEqual(dumped.trials[6]?.user_attrs.fold_scores, [6, 7]);
    assert.equal(dumped.best.number, study.bestTrial?.number);
    assert.equal(dumped.best.value, study.bestTrial?.value);
    await study.close();
  });

  it('Tuneboard replays trials Optuna appended with study.optimize and continues the study', async () => {
    const path = join(dir, 'shared-both-ways.jsonl');
    const first = await createStudy({ name: 'both', space: SPACE, sampler: 'tpe', seed: 2, storage: path });
    for (let i = 0; i < 6; i++) {
      const trial = await first.ask();
      await first.tell(trial, ((trial.params.x as number) - 1) ** 2 + (trial.params.k as number));
    }
    // Python appends to the journal while the Tuneboard study is still open.
    python('optimize', path, 'both', '8');
    await first.refresh();
    assert.equal(first.trials.length, 14, 'the open study sees the trials Optuna appended after a refresh');
    const fromPython = first.trials.slice(6);
    for (const trial of fromPython) {
      assert.equal(trial.state, 'complete');
      assert.deepEqual(Object.keys(trial.params).sort(), ['act', 'k', 'x']);
      assert.deepEqual([...trial.intermediateValues.keys()], [0, 1, 2]);
    }
    await first.close();

    const resumed = await createStudy({ name: 'both', space: SPACE, sampler: 'tpe', seed: 2, storage: path });
    assert.equal(resumed.trials.length, 14);
    const next = await resumed.ask();
    assert.equal(next.number, 14, 'trial numbers continue after the Python trials');
    await resumed.tell(next, 1.5);
    await resumed.close();

    const dumped = python('dump', path, 'both') as { trials: PyTrial[] };
    assert.equal(dumped.trials.length, 15);
    assert.equal(dumped.trials[14]?.value, 1.5);
    // Every line of the shared file is one complete JSON record.
    for (const line of readFileSync(path, 'utf8').trimEnd().split('\n')) JSON.parse(line.replace(/\bNaN\b/g, 'null'));
  });

  it('Optuna lists the studies of a Tuneboard journal after Python added a trial (timestamps compare)', async () => {
    const path = join(dir, 'summaries.jsonl');
    const study = await createStudy({ name: 'listed', space: SPACE, sampler: 'random', seed: 1, storage: path });
    for (let i = 0; i < 3; i++) {
      const trial = await study.ask();
      await study.tell(trial, 10 + i);
    }
    const firstStart = study.trials[0]?.datetimeStart;
    await study.close();
    python('optimize', path, 'listed', '1');
    const listed = python('summaries', path) as { name: string; trials: number; datetime_start: string; best: number }[];
    assert.equal(listed.length, 1);
    assert.deepEqual([listed[0]?.name, listed[0]?.trials], ['listed', 4]);
    // Python reads our timestamp as the same local wall-clock time we meant.
    assert.equal(new Date(listed[0]?.datetime_start ?? '').getTime(), firstStart?.getTime());
    // No line is blank: Optuna's reader fails on one.
    assert.ok(!readFileSync(path, 'utf8').includes('\n\n'));
  });

  it('Tuneboard resumes a study Python Optuna created and learns from its trials', async () => {
    const path = join(dir, 'written-by-optuna.jsonl');
    python('optimize', path, 'from-python', '25');
    const study = await createStudy({ name: 'from-python', space: SPACE, sampler: 'tpe', seed: 8, storage: path });
    assert.equal(study.trials.length, 25);
    assert.equal(study.direction, 'minimize');
    const pythonBest = study.bestTrial;
    assert.ok(pythonBest && pythonBest.number < 25);
    // Past the 10 startup trials TPE samples near Python's good trials (x ≈ 1), not uniformly over [-5, 5].
    const distances: number[] = [];
    for (let i = 0; i < 15; i++) {
      const trial = await study.ask();
      distances.push(Math.abs((trial.params.x as number) - 1));
      await study.tell(trial, ((trial.params.x as number) - 1) ** 2 + (trial.params.k as number) + (trial.params.act === 'relu' ? 0 : 1));
    }
    distances.sort((a, b) => a - b);
    const median = distances[7] as number;
    assert.ok(median < 1.5, `median |x - 1| of resumed TPE trials is ${median}; uniform sampling would give about 2.5`);
    assert.equal(study.trials.length, 40);
    await study.close();
    const dumped = python('dump', path, 'from-python') as { trials: PyTrial[] };
    assert.equal(dumped.trials.length, 40);
  });
});
