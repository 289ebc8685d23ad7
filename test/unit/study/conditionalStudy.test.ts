// A conditional study end to end through createStudy: trials hold only their active params, the
// journal has no op for an inactive one, enqueued params obey the conditions, and a study resumes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, InvalidParamError, type ParamValue } from '../../../src/core';

const SPACE = {
  optimizer: { choice: { sgd: { momentum: { float: [0.0, 0.99] }, nesterov: [true, false] }, adam: { beta1: { float: [0.8, 0.999] } } } },
  model: ['mlp', 'cnn'],
  kernel_size: { int: [3, 7], step: 2, when: { model: 'cnn' } },
  layers: { int: [1, 4] },
  units: { int: [16, 512], log: true, each: 'layers' },
};

/** The rule, by hand. */
function expectedNames(p: Readonly<Record<string, ParamValue>>): string[] {
  const names = ['optimizer', ...(p.optimizer === 'sgd' ? ['momentum', 'nesterov'] : ['beta1']), 'model', ...(p.model === 'cnn' ? ['kernel_size'] : []), 'layers'];
  for (let i = 0; i < (p.layers as number); i++) names.push(`units_${i}`);
  return names;
}

describe('a conditional study', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-study-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const sampler of ['random', 'tpe'] as const) {
    it(`${sampler}: each trial has exactly its active params, decided parents first`, async () => {
      const study = await createStudy({ name: `c-${sampler}`, space: SPACE, sampler, seed: 5 });
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const trial = await study.ask();
        assert.deepEqual(Object.keys(trial.params), expectedNames(trial.params), `trial ${i}: active params in order`);
        assert.ok(Object.values(trial.params).every((v) => v !== null));
        seen.add(`${trial.params.optimizer}/${trial.params.model}/${trial.params.layers}`);
        await study.tell(trial, Object.keys(trial.params).length);
      }
      assert.ok(seen.size >= 8, `many branch combinations were tried (${seen.size})`);
      await study.close();
    });
  }

  it('writes no journal op for an inactive param, and resumes over its own trials', async () => {
    const path = join(dir, 'resume.jsonl');
    const study = await createStudy({ name: 'resume', space: SPACE, sampler: 'random', seed: 1, storage: path });
    const first = [];
    for (let i = 0; i < 10; i++) {
      const trial = await study.ask();
      first.push(trial.params);
      await study.tell(trial, i);
    }
    await study.close();
    const paramOps = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { op_code: number; trial_id?: number; param_name?: string; param_value_internal?: unknown });
    const written = new Map<number, string[]>();
    for (const op of paramOps) {
      // op 5: set_trial_param; op 4 (create_trial) carries the params of an ask in its `params`.
      const params = (op as { params?: Record<string, unknown> }).params;
      if (op.op_code === 4 && params) written.set(written.size, Object.keys(params));
      if (op.op_code === 5 && op.param_name !== undefined) assert.ok(op.param_value_internal !== null, 'no null param value is written');
    }
    assert.equal(written.size, 10);
    first.forEach((params, i) => assert.deepEqual(written.get(i)?.sort(), expectedNames(params).sort(), `trial ${i}'s create op holds only active params`));
    const resumed = await createStudy({ name: 'resume', space: SPACE, sampler: 'random', seed: 1, storage: path });
    assert.deepEqual(resumed.trials.map((t) => t.params), first);
    await resumed.close();
  });

  it('refuses an enqueued param that the other enqueued params make inactive, and ignores nothing silently', async () => {
    const study = await createStudy({ name: 'enqueue', space: SPACE, sampler: 'random', seed: 2 });
    await assert.rejects(study.enqueue({ optimizer: 'adam', momentum: 0.5 }), (error: unknown) => error instanceof InvalidParamError && /'momentum' is inactive when optimizer = adam \(it needs optimizer = sgd\)/.test(error.message));
    await study.enqueue({ optimizer: 'sgd', momentum: 0.5, layers: 2 });
    const trial = await study.ask();
    assert.equal(trial.params.momentum, 0.5);
    assert.deepEqual(Object.keys(trial.params), expectedNames(trial.params));
    await study.close();
  });
});
