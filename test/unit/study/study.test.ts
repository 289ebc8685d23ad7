/** The study API as its users (CLI, extension, benchmarks, scripts) see it. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, createStudy } from '../../../src/core';
import { MIXED_SPACE, mixedObjective } from '../../fixtures/spaces';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-study-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ask, report, tell', () => {
  it('numbers trials from 0, records steps and values, and picks the best for the direction', async () => {
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, direction: 'maximize', sampler: 'random', seed: 1 });
    const values = [0.2, 0.9, 0.5];
    for (const [i, value] of values.entries()) {
      const trial = await study.ask();
      assert.equal(trial.number, i);
      await study.report(trial, 0, value / 2);
      await study.report(trial, 1, value);
      const finished = await study.tell(trial, value);
      assert.equal(finished.state, 'complete');
      assert.deepEqual([...finished.intermediateValues], [[0, value / 2], [1, value]]);
    }
    assert.equal(study.bestTrial?.number, 1);
    assert.equal(study.bestTrial?.value, 0.9);
    assert.ok(study.trials.every((t) => t.datetimeStart && t.datetimeComplete));
  });

  it('fails a trial whose value is NaN or infinite, with the reason recorded', async () => {
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1 });
    for (const bad of [NaN, Infinity, -Infinity]) {
      const trial = await study.ask();
      const finished = await study.tell(trial, bad);
      assert.equal(finished.state, 'fail');
      assert.equal(finished.value, null);
      assert.match(String(finished.systemAttrs.fail_reason), /not a finite number/);
    }
    assert.equal(study.bestTrial, null);
  });

  it('keeps the last reported value of a pruned trial, and the error text of a failed one', async () => {
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1 });
    const pruned = await study.ask();
    await study.report(pruned, 0, 3);
    await study.report(pruned, 4, 2.5);
    assert.equal((await study.tell(pruned, { state: 'pruned' })).value, 2.5);
    const silent = await study.ask();
    assert.equal((await study.tell(silent, { state: 'pruned' })).value, null);
    const failed = await study.ask();
    const result = await study.tell(failed, { state: 'fail', error: 'CUDA out of memory' });
    assert.equal(result.systemAttrs.fail_reason, 'CUDA out of memory');
  });

  it('refuses to tell or report on a finished trial, a bad step, or a trial of another study', async () => {
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1 });
    const other = await createStudy({ name: 'other', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1 });
    const trial = await study.ask();
    await assert.rejects(study.report(trial, -1, 1), /step must be a non-negative integer/);
    await assert.rejects(study.report(trial, 1.5, 1), /step must be a non-negative integer/);
    await study.tell(trial, 1);
    await assert.rejects(study.tell(trial, 2), /trial 0: it has already finished \(complete\)/);
    await assert.rejects(study.report(trial, 1, 1), /already finished/);
    const foreign = await other.ask();
    await other.tell(foreign, 1);
    await assert.rejects(study.tell({ ...foreign, id: 99 }, 1), /not in study 's'/);
  });
});

describe('createStudy input checks', () => {
  it('explains a bad space by key path', async () => {
    await assert.rejects(createStudy({ name: 's', space: { lr: { float: [1, 0.1] } } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /space\.lr/);
      return true;
    });
  });

  it('suggests the sampler name that was meant', async () => {
    await assert.rejects(createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'tpee' as 'tpe' }), /did you mean 'tpe'/);
  });

  it('rejects a direction other than minimize or maximize', async () => {
    await assert.rejects(createStudy({ name: 's', space: { x: { float: [0, 1] } }, direction: 'max' as 'maximize' }), /direction must be/);
  });
});

describe('journal-backed studies', () => {
  it('resume: numbers continue, every earlier trial is seen, and random draws are not replayed', async () => {
    const storage = join(dir, 'resume.jsonl');
    const first = await createStudy({ name: 'mlp', space: MIXED_SPACE, sampler: 'random', seed: 3, storage });
    for (let i = 0; i < 5; i++) {
      const trial = await first.ask();
      await first.tell(trial, mixedObjective(trial.params));
    }
    const running = await first.ask(); // left running, as after a crash
    await first.close();

    const second = await createStudy({ name: 'mlp', space: MIXED_SPACE, sampler: 'random', seed: 3, storage });
    assert.equal(second.trials.length, 6);
    assert.equal(second.trials[running.number]?.state, 'running');
    const next = await second.ask();
    assert.equal(next.number, 6);
    const earlier = new Set(second.trials.slice(0, 6).map((t) => JSON.stringify(t.params)));
    assert.ok(!earlier.has(JSON.stringify(next.params)), 'the resumed study replayed a point of the first run');
    await second.close();
  });

  it('is reproducible from a journal: the same seed and results give the same suggestions', async () => {
    const run = async (file: string) => {
      const study = await createStudy({ name: 'r', space: MIXED_SPACE, sampler: 'tpe', seed: 21, storage: join(dir, file) });
      for (let i = 0; i < 15; i++) {
        const trial = await study.ask();
        await study.tell(trial, mixedObjective(trial.params));
      }
      await study.close();
      return study.trials.map((t) => t.params);
    };
    assert.deepEqual(await run('repro-a.jsonl'), await run('repro-b.jsonl'));
  });

  it('refuses a journal that holds another study, another direction, or a changed parameter', async () => {
    const storage = join(dir, 'guarded.jsonl');
    const study = await createStudy({ name: 'alpha', space: { act: ['relu', 'tanh'] }, storage });
    await study.tell(await study.ask(), 1);
    await study.close();
    await assert.rejects(createStudy({ name: 'beta', space: { act: ['relu', 'tanh'] }, storage }), /holds study 'alpha', not 'beta'/);
    await assert.rejects(createStudy({ name: 'alpha', space: { act: ['relu', 'tanh'] }, direction: 'maximize', storage }), /direction minimize, but maximize/);
    await assert.rejects(createStudy({ name: 'alpha', space: { act: ['relu', 'tanh', 'elu'] }, storage }), /parameter 'act' changed/);
  });
});
