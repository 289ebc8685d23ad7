/** The host's projection of a real journal into leaderboard rows, space, updates and header. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core/createStudy';
import { openStorage } from '../../../src/core/storage';
import type { FrozenTrial } from '../../../src/core/trial';
import { formatPlacement, GPU_ATTR, placementParts, RUNNER_ATTR, usesBudget } from '../../../src/core/studyView';
import { hostname } from 'node:os';
import { buildHeader } from '../../../src/extension/leaderboard/studyHeader';
import { readConfigEntry } from '../../../src/extension/studies/studyFiles';
import { changedTrials, paramSpace, toTrialDetail, toTrialRow, withTrials } from '../../../src/extension/leaderboard/trialRows';
import { readLogTail } from '../../../src/extension/leaderboard/logTail';
import { overviewOf } from '../../../src/core/studyView';
import type { StudySummary } from '../../../src/extension/studies/studySummary';

const SPACE = { lr: { float: [1e-4, 1e-1], log: true }, units: { int: [8, 64] }, act: ['relu', 'tanh'] } as const;
let dir: string;
let journal: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-rows-'));
  journal = join(dir, 'study.jsonl');
  // A study as the runner writes it: per-step reports, final metrics, folds, backend, history and log.
  const study = await createStudy({ name: 'rows', direction: 'maximize', sampler: 'random', seed: 3, space: SPACE, storage: journal });
  for (let i = 0; i < 4; i++) {
    const trial = await study.ask();
    for (let step = 1; step <= 3; step++) await study.report(trial, step, 0.5 + 0.1 * step + 0.01 * i);
    if (i === 1) {
      await study.setSystemAttr(trial, 'tuneboard:history', { val_accuracy: [[1, 0.61], [2, 0.71], [3, 0.81]], loss: [[1, 0.9], [2, 0.7], [3, 0.5]] });
      const log = join(dir, 'trial-0001.log');
      writeFileSync(log, Array.from({ length: 100 }, (_, k) => `epoch ${k}`).join('\n') + '\n');
      await study.setSystemAttr(trial, 'tuneboard:log', log);
      await study.setUserAttr(trial, 'metrics', { val_accuracy: 0.81, loss: 0.5, note: 'text is not a metric' });
      await study.setUserAttr(trial, 'fold_values', [0.8, 0.82]);
      await study.setUserAttr(trial, 'backend', 'wasm');
    }
    if (i === 2) await study.tell(trial, { state: 'fail', error: 'CUDA out of memory' });
    else if (i === 3) await study.tell(trial, { state: 'pruned' });
    else await study.tell(trial, 0.8 + 0.01 * i);
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function readTrials(): Promise<readonly FrozenTrial[]> {
  const storage = await openStorage(journal);
  try {
    const [record] = storage.getStudies();
    return storage.getTrials(record!.id);
  } finally {
    await storage.close();
  }
}

function summaryOf(trials: readonly FrozenTrial[], configPath: string | null = null): StudySummary {
  return {
    key: `${journal}#rows`, name: 'rows', journalPath: journal, configPath, direction: 'maximize', metric: 'val_accuracy', directions: ['maximize'], metrics: ['val_accuracy'], pareto: null, budget: 10,
    ...overviewOf(trials, 'maximize', 10), trials, lastUpdated: new Date(), problem: null,
  };
}

describe('leaderboard rows from a journal', () => {
  it('flattens each trial: state, value, params, curve in step order, metrics, folds, backend, fail reason, times', async () => {
    const rows = (await readTrials()).map(toTrialRow);
    assert.deepEqual(rows.map((r) => r.state), ['complete', 'complete', 'fail', 'pruned']);
    const [, second, failed, pruned] = rows;
    assert.deepEqual(second!.curve, [[1, 0.61], [2, 0.71], [3, 0.81]]);
    assert.deepEqual(second!.metrics, { val_accuracy: 0.81, loss: 0.5 }, 'only numeric metrics');
    assert.deepEqual(second!.foldValues, [0.8, 0.82]);
    assert.equal(second!.backend, 'wasm');
    assert.equal(failed!.failReason, 'CUDA out of memory');
    assert.equal(pruned!.value, 0.5 + 0.1 * 3 + 0.01 * 3, 'a pruned trial keeps its last reported value');
    assert.ok(second!.start !== null && second!.complete !== null && second!.complete >= second!.start);
    assert.deepEqual(Object.keys(second!.params).sort(), ['act', 'lr', 'units']);
  });

  it('says where each trial ran (host and GPU, null when not recorded), which the read model formats for the page', async () => {
    const [first] = await readTrials();
    assert.deepEqual([toTrialRow(first!).host, toTrialRow(first!).gpu], [null, null], 'a trial no run recorded');
    const onGpu = toTrialRow({ ...first!, systemAttrs: { [RUNNER_ATTR]: { host: 'node-b', pid: 42 }, [GPU_ATTR]: '1' } });
    assert.deepEqual([onGpu.host, onGpu.gpu], ['node-b', '1']);
    assert.equal(formatPlacement(onGpu), 'node-b · GPU 1');
    const onA = { host: 'node-a', gpu: null };
    assert.deepEqual(placementParts([onA, onA]), { host: false, gpu: false }, 'one host, no GPU: nothing to show');
    assert.deepEqual(placementParts([onA, onGpu]), { host: true, gpu: true });
    assert.equal(formatPlacement(onGpu, placementParts([{ host: 'node-b', gpu: '0' }, onGpu])), 'GPU 1', 'the host only once there are two');
  });

  it('describes the space as the trials declare it: log floats, ints, categorical choices in order', async () => {
    const space = paramSpace(await readTrials());
    assert.deepEqual(space.find((p) => p.name === 'lr'), { name: 'lr', type: 'float', low: 1e-4, high: 1e-1, log: true, step: null });
    assert.deepEqual(space.find((p) => p.name === 'units'), { name: 'units', type: 'int', low: 8, high: 64, log: false, step: 1 });
    assert.deepEqual(space.find((p) => p.name === 'act'), { name: 'act', type: 'categorical', choices: ['relu', 'tanh'] });
  });

  it('updates the space from changed trials only: unchanged is the same object, a new param goes last, a changed one in place', async () => {
    const trials = await readTrials();
    const space = paramSpace(trials);
    assert.equal(withTrials(space, trials.slice(-1)), space);
    const widened = { ...trials[0]!, distributions: { ...trials[0]!.distributions, units: { type: 'int', low: 8, high: 128, log: false, step: 1 }, dropout: { type: 'float', low: 0, high: 0.5, log: false, step: null } } } as FrozenTrial;
    const next = withTrials(space, [widened]);
    assert.deepEqual(next.map((p) => p.name), [...space.map((p) => p.name), 'dropout']);
    assert.deepEqual(next.find((p) => p.name === 'units'), { name: 'units', type: 'int', low: 8, high: 128, log: false, step: 1 });
    assert.deepEqual(next, paramSpace([...trials, widened]), 'the same space a full pass would give');
  });

  it('sends only the trials that changed since the last message (the storage keeps unchanged trial objects)', async () => {
    const storage = await openStorage(journal);
    try {
      const [record] = storage.getStudies();
      const before = storage.getTrials(record!.id);
      const study = await createStudy({ name: 'rows', direction: 'maximize', sampler: 'random', seed: 9, space: SPACE, storage: journal });
      const trial = await study.ask();
      await study.report(trial, 1, 0.4);
      await storage.refresh();
      const after = storage.getTrials(record!.id);
      assert.deepEqual(changedTrials(before, after).map((t) => t.number), [4], 'only the new trial');
      await study.tell(trial, 0.9);
      await storage.refresh();
      assert.deepEqual(changedTrials(after, storage.getTrials(record!.id)).map((t) => [t.number, t.state]), [[4, 'complete']]);
    } finally {
      await storage.close();
    }
  });

  it('gives the detail pane every metric per step and the last lines of the log', async () => {
    const trial = (await readTrials())[1]!;
    const logPath = String(trial.systemAttrs['tuneboard:log']);
    const detail = toTrialDetail(trial, await readLogTail(logPath, 5), logPath);
    assert.deepEqual(detail.history.loss, [[1, 0.9], [2, 0.7], [3, 0.5]]);
    assert.equal(detail.logTail, 'epoch 95\nepoch 96\nepoch 97\nepoch 98\nepoch 99');
    const plain = toTrialDetail((await readTrials())[0]!, null, null);
    assert.deepEqual(Object.keys(plain.history), ['objective'], 'without a recorded history, the objective curve');
    assert.equal(await readLogTail(join(dir, 'missing.log')), null);
  });
});

describe('leaderboard header', () => {
  it('reads the sampler and pruner from the config, counts trials, and allows running only with a valid config', async () => {
    const config = join(dir, 'rows.tune.yaml');
    writeFileSync(config, [
      'name: rows', 'objective: { metric: val_accuracy, direction: maximize }',
      'search: { sampler: tpe, trials: 10, pruner: { type: asha, min_resource: 1, reduction_factor: 3 } }',
      'space: { x: { float: [0, 1] } }', 'trial: { command: [python3, train.py] }', '',
    ].join('\n'));
    const trials = await readTrials();
    const facts = (await readConfigEntry(config)) ?? undefined;
    assert.equal(facts?.sampler, 'tpe');
    assert.match(facts?.pruner ?? '', /asha/);
    const header = buildHeader(summaryOf(trials, config), facts, { running: true, trusted: false, liveBackend: null });
    assert.equal(header.state, 'running');
    assert.equal(header.backend, 'wasm', 'from the trials when the run did not report one');
    assert.equal(header.counted, trials.filter(usesBudget).length);
    assert.equal(header.canRun, false, 'a command trial in an untrusted workspace cannot run');
    assert.equal(buildHeader(summaryOf(trials, config), facts, { running: false, trusted: true, liveBackend: 'tensorflow' }).canRun, true);
    const noConfig = buildHeader(summaryOf(trials), undefined, { running: false, trusted: true, liveBackend: null });
    assert.equal(noConfig.canRun, false);
    assert.equal(noConfig.state, 'idle');
    assert.equal(header.done, summaryOf(trials).progress.done);
  });

  it('shows a study run from a terminal as running, as the tree does, unless the process that ran it is gone', async () => {
    const trials = await readTrials();
    const [first] = trials;
    const running = (runner: { host: string; pid: number }): FrozenTrial => ({ ...first!, number: 99, state: 'running', value: null, systemAttrs: { [RUNNER_ATTR]: runner } });
    const context = { running: false, trusted: true, liveBackend: null };
    assert.equal(buildHeader(summaryOf([...trials, running({ host: hostname(), pid: process.pid })]), undefined, context).state, 'running');
    assert.equal(buildHeader(summaryOf([...trials, running({ host: hostname(), pid: 2 ** 22 + 12345 })]), undefined, context).state, 'idle', 'its run was killed: not running');
  });
});
