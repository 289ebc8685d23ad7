/**
 * A conditional study shared with Python Optuna 3.1 both ways: Optuna reads the trials Tuneboard
 * wrote (only the active params, with only their distributions), appends trials
 * of a define-by-run objective over the same space, and Tuneboard resumes the study over them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, isActive, type ParamValue } from '../../src/core';
import { optunaSkip as skip, PYTHON } from './pythonPeers';

const SCRIPT = join(__dirname, 'optuna_conditional.py');

/** optuna_conditional.py's objective, in the config form. */
const SPACE = {
  optimizer: { choice: { sgd: { momentum: { float: [0.0, 0.99] }, nesterov: [true, false] }, adam: { beta1: { float: [0.8, 0.999] } } } },
  lr: { float: [1e-4, 1e-1], log: true },
  layers: { int: [1, 3] },
  units: { int: [16, 512], log: true, each: 'layers' },
};

interface PyTrial {
  number: number;
  state: string;
  value: number | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, string>;
}

function python(...args: string[]): { trials: PyTrial[] } {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8' })) as { trials: PyTrial[] };
}

/** The params a trial should hold, by the space's rule written out by hand (not the engine's isActive). */
function expectedNames(params: Readonly<Record<string, ParamValue>>): string[] {
  const names = ['optimizer', ...(params.optimizer === 'sgd' ? ['momentum', 'nesterov'] : ['beta1']), 'lr', 'layers'];
  for (let i = 0; i < (params.layers as number); i++) names.push(`units_${i}`);
  return names.sort();
}

function loss(params: Readonly<Record<string, ParamValue>>): number {
  let value = params.optimizer === 'sgd' ? ((params.momentum as number) - 0.9) ** 2 + (params.nesterov ? 0 : 0.1) : ((params.beta1 as number) - 0.9) ** 2;
  value += (Math.log10(params.lr as number) + 2) ** 2;
  for (let i = 0; i < (params.layers as number); i++) value += (Math.log2(params[`units_${i}`] as number) - 7) ** 2 / 10;
  return value;
}

describe('conditional journal interop with Python Optuna 3.1', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Optuna reads only the active params, appends define-by-run trials, and Tuneboard resumes over them', async () => {
    const path = join(dir, 'conditional.jsonl');
    const ours = await createStudy({ name: 'conditional', space: SPACE, sampler: 'tpe', seed: 3, storage: path });
    for (let i = 0; i < 16; i++) {
      const trial = await ours.ask();
      await ours.tell(trial, loss(trial.params));
    }
    const written = ours.trials.map((t) => ({ number: t.number, params: t.params }));
    await ours.close();
    assert.ok(written.some((t) => t.params.optimizer === 'sgd') && written.some((t) => t.params.optimizer === 'adam'), 'both branches were taken');

    const read = python('dump', path, 'conditional');
    assert.equal(read.trials.length, 16);
    for (const mine of written) {
      const theirs = read.trials[mine.number] as PyTrial;
      assert.deepEqual(theirs.params, mine.params, `trial ${mine.number}: Optuna reads the params Tuneboard wrote`);
      assert.deepEqual(Object.keys(theirs.params).sort(), expectedNames(mine.params), `trial ${mine.number} holds exactly its active params`);
      assert.deepEqual(Object.keys(theirs.distributions).sort(), expectedNames(mine.params));
    }

    python('optimize', path, 'conditional', '12');
    const resumed = await createStudy({ name: 'conditional', space: SPACE, sampler: 'tpe', seed: 3, storage: path });
    assert.equal(resumed.trials.length, 28);
    for (const trial of resumed.trials.slice(16)) {
      assert.equal(trial.state, 'complete');
      assert.deepEqual(Object.keys(trial.params).sort(), expectedNames(trial.params), `Python's trial ${trial.number} holds its active params only`);
      for (const name of Object.keys(trial.params)) assert.ok(isActive(name, resumed.conditions, trial.params), `${name} of trial ${trial.number} is active by the config's rule`);
    }
    // TPE now learns from both processes' trials and still writes only active params.
    for (let i = 0; i < 6; i++) {
      const trial = await resumed.ask();
      assert.deepEqual(Object.keys(trial.params).sort(), expectedNames(trial.params));
      await resumed.tell(trial, loss(trial.params));
    }
    await resumed.close();
    assert.equal(python('dump', path, 'conditional').trials.length, 34);
  });
});
