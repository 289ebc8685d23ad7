/** Enqueued trials (Optuna's `enqueue_trial`): checked against the space, run first by ask(), never twice. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, SearchExhaustedError } from '../../../src/core';
import { contains, toInternal, type Distribution } from '../../../src/core/distributions';
import { InvalidParamError, type Study } from '../../../src/core/study';
import { GRID_SPACE } from '../../fixtures/spaces';
import { ENQUEUE_SPACE } from './enqueueSpace';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-enqueue-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const openQueue = (storage?: string): Promise<Study> => createStudy({ name: 'queue', space: ENQUEUE_SPACE, sampler: 'tpe', seed: 3, storage });

/** Every param of the trial lies in the study's space. */
function assertInSpace(study: Study, params: Readonly<Record<string, unknown>>): void {
  assert.deepEqual(Object.keys(params), Object.keys(study.searchSpace));
  for (const [name, d] of Object.entries(study.searchSpace) as [string, Distribution][]) {
    assert.ok(contains(d, toInternal(d, params[name] as never)), `${name}=${String(params[name])} is in the space`);
  }
}

describe('Study.enqueue', () => {
  it('refuses a value the space does not admit, naming the param and what it admits, and writes nothing', async () => {
    const study = await openQueue();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ x: 1.5 }, 'x', /param 'x' = 1\.5 is outside float \[0, 1\]/],
      [{ x: 'big' }, 'x', /param 'x' must be a number in float \[0, 1\], got "big"/],
      [{ x: NaN }, 'x', /param 'x' must be a number/],
      [{ units: 64.5 }, 'units', /param 'units' must be a whole number in int \[8, 256\] log, got 64\.5/],
      [{ units: 4 }, 'units', /param 'units' = 4 is outside int \[8, 256\] log/],
      [{ dropout: 0.25 }, 'dropout', /param 'dropout' = 0\.25 is not on the steps of float \[0, 0\.5\] step 0\.1/],
      [{ act: 'elu' }, 'act', /param 'act' must be one of "relu", "tanh", got "elu"/],
      [{ act: 1 }, 'act', /param 'act' must be one of/],
      [{ epochs: 30 }, 'epochs', /param 'epochs' must be one of 20, got 30/],
      [{ x: 0.5, untis: 64 }, 'untis', /'untis' is not a parameter of study 'queue' \(did you mean 'units'\?\); its parameters are x, units, dropout, act, epochs/],
      [{ constructor: 1 }, 'constructor', /'constructor' is not a parameter/],
    ];
    for (const [params, param, message] of cases) {
      await assert.rejects(study.enqueue(params as never), (error: unknown) => {
        assert.ok(error instanceof InvalidParamError, String(error));
        assert.equal(error.param, param);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.equal(study.trials.length, 0, 'a refused enqueue leaves no trial behind');
  });

  it('writes a WAITING trial carrying fixed_params, as Optuna 3.1 writes enqueue_trial', async () => {
    const path = join(dir, 'format.jsonl');
    const study = await openQueue(path);
    const trial = await study.enqueue({ x: 0.25, act: 'tanh', dropout: 0.3 }, { userAttrs: { rerun_of: 7 } });
    assert.equal(trial.number, 0);
    assert.equal(trial.state, 'waiting');
    assert.deepEqual(trial.params, {});
    assert.equal(trial.datetimeStart, null);
    assert.deepEqual(trial.systemAttrs, { fixed_params: { x: 0.25, act: 'tanh', dropout: 0.3 } });
    assert.deepEqual(trial.userAttrs, { rerun_of: 7 });
    await study.close();
    const record = JSON.parse(readFileSync(path, 'utf8').trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    assert.deepEqual(
      { ...record, worker_id: undefined },
      {
        op_code: 4, worker_id: undefined, study_id: 0, datetime_start: null, state: 4, value: null, values: null, distributions: {}, params: {},
        user_attrs: { rerun_of: 7 }, system_attrs: { fixed_params: { x: 0.25, act: 'tanh', dropout: 0.3 } }, intermediate_values: {},
      },
    );
  });
});

describe('ask() with enqueued trials', () => {
  it('takes the waiting trials first, oldest first, with their fixed params, and samples only what they leave out', async () => {
    const study = await openQueue();
    const first = await study.ask();
    await study.tell(first, 1);
    await study.enqueue({ x: 0.1, units: 32, dropout: 0.2, act: 'relu', epochs: 20 });
    await study.enqueue({ x: 0.9, act: 'tanh' }, { userAttrs: { note: 'partial' } });

    const a = await study.ask();
    assert.equal(a.number, 1);
    assert.deepEqual(a.params, { x: 0.1, units: 32, dropout: 0.2, act: 'relu', epochs: 20 });
    const b = await study.ask();
    assert.equal(b.number, 2);
    assert.equal(b.params.x, 0.9);
    assert.equal(b.params.act, 'tanh');
    assertInSpace(study, b.params);
    const c = await study.ask();
    assert.equal(c.number, 3, 'with no trial waiting, ask() samples a new one');
    assertInSpace(study, c.params);

    const running = study.trials[2];
    assert.equal(running?.state, 'running');
    assert.ok(running?.datetimeStart instanceof Date, 'a started waiting trial gets its start time');
    assert.deepEqual(running?.userAttrs, { note: 'partial' });
    const done = await study.tell(b, 0.5);
    assert.equal(done.state, 'complete');
    assert.deepEqual(done.params, b.params);
  });

  it('marks the trial RUNNING with the journal record Optuna uses, not a new trial', async () => {
    const path = join(dir, 'pop.jsonl');
    const study = await openQueue(path);
    await study.enqueue({ x: 0.5 });
    const before = readFileSync(path, 'utf8').length;
    const trial = await study.ask();
    await study.close();
    const written = readFileSync(path, 'utf8').slice(before).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(written.map((r) => r.op_code), [6, 5, 5, 5, 5, 5], 'SET_TRIAL_STATE_VALUES, then one SET_TRIAL_PARAM per param');
    assert.equal(written[0]?.trial_id, trial.id);
    assert.equal(written[0]?.state, 0);
    assert.equal(written[0]?.values, null);
    assert.match(String(written[0]?.datetime_start), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/, "Optuna 3.1's naive local time, no offset");
  });

  it('askEnqueued() starts only waiting trials and never samples', async () => {
    const study = await openQueue();
    assert.equal(await study.askEnqueued(), null);
    assert.equal(study.trials.length, 0);
    await study.enqueue({ units: 100 });
    const trial = await study.askEnqueued();
    assert.equal(trial?.params.units, 100);
    assert.equal(await study.askEnqueued(), null);
  });

  it('fails a waiting trial whose fixed params the space does not admit (written by another program), and goes on', async () => {
    const path = join(dir, 'foreign.jsonl');
    const study = await openQueue(path);
    await study.close();
    // As Python's `study.enqueue_trial({"x": "fast"})` writes it (Optuna 3.1's spacing).
    const worker = '"worker_id": "py-1"';
    appendFileSync(path, `{"op_code": 4, ${worker}, "study_id": 0, "datetime_start": null, "state": 4, "value": null, "values": null, "distributions": {}, "params": {}, "user_attrs": {}, "system_attrs": {"fixed_params": {"x": "fast"}}, "intermediate_values": {}}\n`);
    appendFileSync(path, `{"op_code": 4, ${worker}, "study_id": 0, "datetime_start": null, "state": 4, "value": null, "values": null, "distributions": {}, "params": {}, "user_attrs": {}, "system_attrs": {"fixed_params": {"x": 0.75, "not_in_space": 1}}, "intermediate_values": {}}\n`);
    const reopened = await openQueue(path);
    const trial = await reopened.ask();
    assert.equal(trial.number, 1, 'the bad one is skipped');
    assert.equal(trial.params.x, 0.75, 'params outside the space are ignored, as Optuna ignores params the objective never suggests');
    const bad = reopened.trials[0];
    assert.equal(bad?.state, 'fail');
    assert.match(String(bad?.systemAttrs.fail_reason), /^enqueued params: param 'x' must be a number in float \[0, 1\], got "fast"$/);
    await reopened.close();
  });

  it('runs an enqueued grid point even when the grid is exhausted', async () => {
    const study = await createStudy({ name: 'grid', space: GRID_SPACE, sampler: 'grid', seed: 1 });
    for (let i = 0; i < 18; i++) await study.tell(await study.ask(), i);
    await assert.rejects(study.ask(), SearchExhaustedError);
    await study.enqueue({ x: 0.5, n: 2, flag: false });
    const again = await study.ask();
    assert.deepEqual(again.params, { x: 0.5, n: 2, flag: false });
    await assert.rejects(study.ask(), SearchExhaustedError);
  });
});

function runWorker(storage: string, seed: number, enqueued: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'enqueueWorker.ts'), storage, String(seed), String(enqueued)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe('enqueued trials and several study processes on one journal', () => {
  it('hand each waiting trial to exactly one process', async () => {
    const storage = join(dir, 'shared.jsonl');
    const study = await openQueue(storage);
    const count = 15;
    for (let i = 0; i < count; i++) await study.enqueue({ x: i / 100 });
    await study.close();

    const taken = await Promise.all([1, 2, 3].map((seed) => runWorker(storage, seed, count)));
    const all = taken.flat().sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: count }, (_, i) => i), `taken: ${JSON.stringify(taken)}`);

    const after = await openQueue(storage);
    for (const trial of after.trials.slice(0, count)) {
      assert.equal(trial.state, 'complete');
      assert.equal(trial.params.x, trial.number / 100, 'each ran with its own fixed params');
      assert.equal(trial.value, trial.number / 100);
    }
    assert.equal(after.trials.length, count + 3, 'then each process sampled one new trial');
    await after.close();
  });
});
