/** How many trials (and model-trial workers) a run starts at once: what the budget can use, a few per core. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ExecutorNotice } from '../../../src/runner/executor';
import { planParallel } from '../../../src/runner/parallelism';
import { WorkerPool } from '../../../src/runner/pool/workerPool';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

const FAKE_WORKER = join(__dirname, '..', '..', 'fixtures', 'workers', 'fakeWorker.ts');

describe('planParallel', () => {
  it('starts no more trials than the budget and the enqueued trials can use', () => {
    assert.deepEqual(planParallel(1000, { remaining: 3, waiting: 0 }, 64), { parallel: 3, note: null });
    assert.deepEqual(planParallel(8, { remaining: 1, waiting: 2 }, 64), { parallel: 3, note: null });
    assert.deepEqual(planParallel(8, { remaining: -2, waiting: 0 }, 64), { parallel: 1, note: null });
    assert.deepEqual(planParallel(2, { remaining: Infinity, waiting: 0 }, 64), { parallel: 2, note: null });
  });

  it('caps at 4 trials per core, and says so', () => {
    const plan = planParallel(1000, { remaining: Infinity, waiting: 0 }, 2);
    assert.equal(plan.parallel, 8);
    assert.match(plan.note ?? '', /parallel 1000 is more than 4 trials per core on this machine \(2 cores\): running at most 8 trials at once/);
    assert.equal(planParallel(1000, { remaining: 3, waiting: 0 }, 2).note, null, 'the budget limits it first: nothing to say');
  });
});

describe('the run starts only the trials its budget can use', () => {
  it('parallel 1000 with 3 trials runs at most 3 at once, and says parallel 3', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 3, parallel: 1000 }
space:
  mode: [slow]
  x: { float: [0, 1] }`);
      const { events } = await runCommandStudy(config, dir);
      const started = events.find((e) => e.type === 'study-started');
      assert.equal(started?.type === 'study-started' && started.parallel, 3);
      assert.equal((await journalTrials(dir)).filter((t) => t.state === 'complete').length, 3);
    } finally {
      cleanup();
    }
  });

  it('a pool of 10 prepared for 3 trials starts 3 workers', async () => {
    const notices: ExecutorNotice[] = [];
    const workers = new WorkerPool({
      size: 10,
      command: { modulePath: FAKE_WORKER, args: [], execArgv: ['--import', 'tsx'] },
      setup: { model: 'mlp', backend: 'auto', data: { path: '/data/ok.csv', target: 'y' }, seed: 1 },
      metric: 'val_loss',
      direction: 'minimize',
      logDir: null,
      onNotice: (notice) => notices.push(notice),
    });
    try {
      await workers.prepare(3);
      assert.equal(workers.size, 3);
      assert.equal(notices.filter((n) => n.kind === 'worker-ready').length, 3);
    } finally {
      await workers.dispose();
    }
  });
});
