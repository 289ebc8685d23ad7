/** The worker pool with real forked processes (a fake trainer): reuse, death, out of memory, kill, stop. */
import { GPU_ATTR } from '../../../src/core';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ParamValue } from '../../../src/core/distributions';
import type { ExecutorNotice, TrialReport } from '../../../src/runner/executor';
import { WorkerPool } from '../../../src/runner/pool/workerPool';

const FAKE_WORKER = join(__dirname, '..', '..', 'fixtures', 'workers', 'fakeWorker.ts');

function pool(size: number, dataPath = '/data/ok.csv', notices: ExecutorNotice[] = []): WorkerPool {
  return new WorkerPool({
    size,
    command: { modulePath: FAKE_WORKER, args: [], execArgv: ['--import', 'tsx'] },
    setup: { model: 'mlp', backend: 'auto', data: { path: dataPath, target: 'y' }, seed: 1 },
    metric: 'val_loss',
    direction: 'minimize',
    logDir: null,
    onNotice: (notice) => notices.push(notice),
  });
}

let trialNumber = 0;
function start(workers: WorkerPool, params: Record<string, ParamValue>, reports: TrialReport[] = []) {
  return workers.start({ number: trialNumber++, params, seed: 1 }, (report) => reports.push(report));
}

describe('WorkerPool', () => {
  it('runs worker i with CUDA_VISIBLE_DEVICES set to the i-th GPU, and records it on the trials it runs', async () => {
    const workers = new WorkerPool({
      size: 2,
      gpus: ['3', '5'],
      command: { modulePath: FAKE_WORKER, args: [], execArgv: ['--import', 'tsx'] },
      setup: { model: 'mlp', backend: 'auto', data: { path: '/data/ok.csv', target: 'y' }, seed: 1 },
      metric: 'val_loss',
      direction: 'minimize',
      logDir: null,
    });
    try {
      await workers.prepare();
      const reports: [TrialReport[], TrialReport[]] = [[], []];
      const running = [start(workers, { behaviour: 'ok', x: 0 }, reports[0]), start(workers, { behaviour: 'ok', x: 1 }, reports[1])];
      await Promise.all(running.map((trial) => trial.outcome));
      const gpus = running.map((trial) => trial.attrs[GPU_ATTR]);
      assert.deepEqual([...gpus].sort(), ['3', '5']);
      running.forEach((_, i) => assert.equal(String(reports[i]?.[0]?.metrics.gpu), gpus[i], 'the worker saw its GPU as CUDA_VISIBLE_DEVICES'));
    } finally {
      await workers.dispose();
    }
  });

  it('reuses one worker process across trials and announces its backend', async () => {
    const notices: ExecutorNotice[] = [];
    const workers = pool(1, '/data/ok.csv', notices);
    try {
      await workers.prepare();
      assert.deepEqual(notices.map((n) => (n.kind === 'worker-ready' ? n.backend : n.message)), ['data: column id looks like an identifier', 'fake']);
      const pids = new Set<number>();
      for (let i = 0; i < 3; i++) {
        const reports: TrialReport[] = [];
        const outcome = await start(workers, { behaviour: 'ok', x: i }, reports).outcome;
        assert.equal(outcome.kind, 'complete');
        assert.equal(outcome.kind === 'complete' && outcome.value, i);
        assert.equal(outcome.kind === 'complete' && outcome.attrs.backend, 'fake');
        pids.add(reports[0]?.metrics.pid ?? -1);
      }
      assert.equal(pids.size, 1, 'the same worker ran every trial');
    } finally {
      await workers.dispose();
    }
  });

  it('fails only the trial of a worker that dies, and replaces the worker', async () => {
    const workers = pool(1);
    try {
      await workers.prepare();
      const first: TrialReport[] = [];
      const died = await start(workers, { behaviour: 'die' }, first).outcome;
      assert.equal(died.kind, 'failed');
      assert.match(died.kind === 'failed' ? died.error : '', /worker died during the trial \(exit code 9/);
      const next: TrialReport[] = [];
      const after = await start(workers, { behaviour: 'ok', x: 5 }, next).outcome;
      assert.equal(after.kind, 'complete');
      assert.notEqual(next[0]?.metrics.pid, first[0]?.metrics.pid, 'a new worker process ran the next trial');
    } finally {
      await workers.dispose();
    }
  });

  it('says when a worker ran out of memory', async () => {
    const workers = pool(1);
    try {
      await workers.prepare();
      const outcome = await start(workers, { behaviour: 'oom' }).outcome;
      assert.equal(outcome.kind, 'failed');
      assert.match(outcome.kind === 'failed' ? outcome.error : '', /out of memory/);
    } finally {
      await workers.dispose();
    }
  });

  it('kills a hung trial with the given reason, and stop() ends a trial early', async () => {
    const workers = pool(2);
    try {
      await workers.prepare();
      const hung = start(workers, { behaviour: 'hang' });
      const slow: TrialReport[] = [];
      const stopped = start(workers, { behaviour: 'slow' }, slow);
      setTimeout(() => hung.kill('timed out after 1 s (trial.timeout)'), 150);
      setTimeout(() => stopped.stop(), 150);
      assert.deepEqual(await hung.outcome, { kind: 'failed', error: 'timed out after 1 s (trial.timeout)' });
      assert.deepEqual(await stopped.outcome, { kind: 'stopped' });
      assert.ok(slow.length < 5, `stopped after ${slow.length} of 5 epochs`);
      const again = await start(workers, { behaviour: 'ok', x: 1 }).outcome;
      assert.equal(again.kind, 'complete', 'the pool still runs trials after a kill');
    } finally {
      await workers.dispose();
    }
  });

  it('fails prepare() once with the setup error when the data cannot be loaded', async () => {
    const workers = pool(2, '/data/missing.csv');
    try {
      await assert.rejects(workers.prepare(), /missing\.csv: no such file/);
    } finally {
      await workers.dispose();
    }
  });
});
