// The host's importance service, with real worker threads running the TypeScript worker entries.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { createStudy, type FrozenTrial } from '../../../src/core';
import { categoricalDistribution, floatDistribution } from '../../../src/core/distributions';
import type { ImportanceInput } from '../../../src/core/importance';
import { Rng } from '../../../src/core/rng';
import { ImportanceService, importanceMessage } from '../../../src/extension/leaderboard/importanceService';

const REAL_WORKER = join(__dirname, '..', '..', '..', 'src', 'extension', 'leaderboard', 'importanceWorker.ts');
const FLAKY_WORKER = join(__dirname, 'fixtures', 'flakyImportanceWorker.ts');
// Worker threads do not inherit the test runner's TypeScript loader for their entry file.
const TS = { execArgv: ['--require', 'tsx/cjs'] };

/** `n` trials of f = 10·a + b over a, b uniform in [0, 1]. */
function input(n: number, seed = 1): ImportanceInput {
  const rng = new Rng(seed);
  const rows = Array.from({ length: n }, () => [rng.random(), rng.random()]);
  return {
    params: [
      { name: 'a', distribution: floatDistribution(0, 1) },
      { name: 'b', distribution: floatDistribution(0, 1) },
    ],
    rows,
    values: rows.map(([a, b]) => 10 * (a as number) + (b as number)),
    eligibleTrials: n,
  };
}

let dir: string;
let modeFile: string;
const services: ImportanceService[] = [];
function service(script: string, options = {}): ImportanceService {
  const created = new ImportanceService(script, { ...TS, ...options });
  services.push(created);
  return created;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-importance-'));
  modeFile = join(dir, 'mode');
  process.env.TUNEBOARD_FLAKY_WORKER_MODE = modeFile;
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ImportanceService', () => {
  it('computes importance in a worker thread, from a study’s trials', async () => {
    const study = await createStudy({ name: 's', space: { lr: { float: [1e-4, 1e-1], log: true }, act: ['relu', 'tanh'], epochs: 10 }, sampler: 'random', seed: 2 });
    for (let i = 0; i < 40; i++) {
      const trial = await study.ask();
      await study.tell(trial, trial.params.act === 'tanh' ? 5 : (trial.params.lr as number));
    }
    const outcome = await service(REAL_WORKER).computeForTrials(study.trials);
    assert.ok(outcome.result, outcome.reason);
    assert.equal(outcome.result.trials, 40);
    assert.equal(outcome.result.method, 'fANOVA (random forest, 64 trees)');
    assert.deepEqual(
      outcome.result.importances.map((i) => i.param),
      ['act', 'lr'],
    );
    assert.deepEqual(importanceMessage(outcome), { type: 'importance', result: outcome.result });
  });

  it('passes on the reason when there is nothing to compute', async () => {
    const outcome = await service(REAL_WORKER).compute(input(1));
    assert.equal(outcome.result, null);
    assert.match(outcome.reason ?? '', /needs at least 2 complete trials/);
    assert.deepEqual(importanceMessage(outcome), { type: 'importance', result: null, reason: outcome.reason });
  });

  it('runs one computation at a time: requests made meanwhile get the newest one’s result, computed once', async () => {
    const importance = service(REAL_WORKER);
    const first = importance.compute(input(1500));
    const second = importance.compute(input(300));
    const third = importance.compute(input(400));
    const [a, b, c] = await Promise.all([first, second, third]);
    assert.equal(a.result?.trials, 1500, 'the running computation finishes for its callers');
    assert.equal(b.result?.trials, 400, 'a waiting request replaced by a newer one gets the newer result');
    assert.equal(c.result?.trials, 400);
    assert.equal(b, c, 'one computation answered both');
  });

  it('turns a worker that exits into a reason, and starts a new worker for the next request', async () => {
    const importance = service(FLAKY_WORKER);
    writeFileSync(modeFile, 'crash');
    const crashed = await importance.compute(input(50));
    assert.equal(crashed.result, null);
    assert.match(crashed.reason ?? '', /worker exited with code 3/);
    const next = await importance.compute(input(50));
    assert.equal(next.result?.importances[0]?.param, 'a');
  });

  it('turns an uncaught error in the worker into a reason', async () => {
    const importance = service(FLAKY_WORKER);
    writeFileSync(modeFile, 'throw');
    const failed = await importance.compute(input(50));
    assert.match(failed.reason ?? '', /the forest fell over/);
    assert.ok((await importance.compute(input(50))).result);
  });

  it('stops a computation that takes too long, answers the requests waiting behind it, and recovers', async () => {
    const importance = service(FLAKY_WORKER, { timeoutMs: 2500 });
    writeFileSync(modeFile, 'hang');
    const hung = importance.compute(input(50));
    const waiting = importance.compute(input(60));
    const outcome = await hung;
    assert.match(outcome.reason ?? '', /took longer than 2\.5 s/);
    assert.equal((await waiting).result?.trials, 60);
  });

  it('resolves with a reason for trials whose values do not fit their distributions (a damaged journal)', async () => {
    const damaged: FrozenTrial = {
      id: 0,
      number: 0,
      state: 'complete',
      value: 1,
      values: [1],
      params: { act: 'gelu' },
      distributions: { act: categoricalDistribution(['relu', 'tanh']) },
      intermediateValues: new Map(),
      userAttrs: {},
      systemAttrs: {},
      datetimeStart: null,
      datetimeComplete: null,
    };
    const outcome = await service(REAL_WORKER).computeForTrials([damaged]);
    assert.match(outcome.reason ?? '', /Parameter importance failed: "gelu" is not one of the choices/);
  });

  it('reports a worker script that cannot be loaded instead of throwing', async () => {
    const outcome = await service(join(dir, 'missing-worker.js')).compute(input(10));
    assert.equal(outcome.result, null);
    assert.match(outcome.reason ?? '', /Parameter importance failed: .*missing-worker\.js/);
  });

  it('answers pending callers when disposed, and every later request', async () => {
    const importance = service(REAL_WORKER);
    const running = importance.compute(input(1500));
    const waiting = importance.compute(input(100));
    await importance.dispose();
    for (const outcome of [await running, await waiting, await importance.compute(input(100))]) {
      assert.equal(outcome.result, null);
      assert.match(outcome.reason ?? '', /stopped/);
    }
  });
});
