import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalDistribution, floatDistribution, intDistribution } from '../../../src/core/distributions';
import { JournalStorage, MemoryJournalBackend, StorageError, openStorage } from '../../../src/core/storage';
import { decodeOp, parseJson } from '../../../src/core/storage/journalOps';

const SPACE = {
  lr: floatDistribution(1e-4, 0.1, { log: true }),
  units: intDistribution(8, 64, { log: true }),
  optimizer: categoricalDistribution(['adam', 'sgd']),
};
const PARAMS = { lr: 0.01, units: 16, optimizer: 'sgd' };
const NOW = new Date(2026, 10, 23, 9, 8, 48, 357); // local time: journals hold it without offset, as Optuna writes

async function memoryStorage(): Promise<{ storage: JournalStorage; backend: MemoryJournalBackend }> {
  const backend = new MemoryJournalBackend();
  const storage = await JournalStorage.open(backend, { workerId: 'me', clock: () => NOW });
  return { storage, backend };
}

test('every write is a journal record that replays into what the API returns', async () => {
  const { storage, backend } = await memoryStorage();
  const study = await storage.createStudy('demo', ['maximize']);
  assert.deepEqual(study, { id: 0, name: 'demo', direction: 'maximize', directions: ['maximize'], userAttrs: {}, systemAttrs: {} });
  await storage.setStudyUserAttr(study.id, 'owner', 'ana');
  await storage.setStudySystemAttr(study.id, 'study:metric_names', ['val_acc']);
  const running = await storage.createTrial(study.id, { params: PARAMS, distributions: SPACE, userAttrs: { note: 'ü' }, systemAttrs: { backend: 'cpu' } });
  assert.deepEqual([running.id, running.number, running.state, running.value], [0, 0, 'running', null]);
  assert.deepEqual(running.params, PARAMS);
  assert.deepEqual([running.userAttrs, running.systemAttrs, running.datetimeStart], [{ note: 'ü' }, { backend: 'cpu' }, NOW]);
  await storage.setTrialIntermediateValue(running.id, 0, 0.5);
  await storage.setTrialUserAttr(running.id, 'epochs', 3);
  await storage.setTrialSystemAttr(running.id, 'log', '/tmp/t0.log');
  await storage.finishTrial(running.id, 'complete', [0.8]);

  const done = storage.getTrial(0);
  assert.deepEqual([done.state, done.value, [...done.intermediateValues], done.datetimeComplete], ['complete', 0.8, [[0, 0.5]], NOW]);
  assert.deepEqual(done.userAttrs, { note: 'ü', epochs: 3 });
  assert.deepEqual(storage.getStudies()[0]?.systemAttrs, { 'study:metric_names': ['val_acc'] });

  const codes = backend.lines.map((line) => decodeOp(parseJson(line))?.op_code);
  // A new trial is one CREATE_TRIAL carrying its params and attrs (Optuna's template-trial form), so a
  // writer that does not share the lock (Python on Redis) can never slip a trial between them.
  assert.deepEqual(codes, [0, 2, 3, 4, 7, 8, 9, 6]);
  const created = JSON.parse(backend.lines[3] ?? '{}') as { state: number; params: Record<string, number>; distributions: Record<string, string>; user_attrs: unknown; system_attrs: unknown; datetime_start: string };
  assert.equal(created.state, 0, 'running');
  assert.equal(created.params.lr, 0.01);
  assert.equal(created.distributions.lr, '{"name":"FloatDistribution","attributes":{"step":null,"low":0.0001,"high":0.1,"log":true}}');
  assert.equal(created.params.optimizer, 1, 'categoricals are stored as the index');
  assert.deepEqual([created.user_attrs, created.system_attrs], [{ note: 'ü' }, { backend: 'cpu' }]);
  assert.equal(created.datetime_start, '2026-11-23T09:08:48.357000');
  assert.equal(backend.lines[7], '{"op_code":6,"worker_id":"me","trial_id":0,"state":1,"values":[0.8],"datetime_complete":"2026-11-23T09:08:48.357000"}');
});

test('a NaN intermediate value is written as Python writes it and read back', async () => {
  const { storage, backend } = await memoryStorage();
  const { id } = await storage.createStudy('s', ['minimize']);
  const trial = await storage.createTrial(id, { params: {}, distributions: {} });
  await storage.setTrialIntermediateValue(trial.id, 1, NaN);
  await storage.setTrialIntermediateValue(trial.id, 2, Infinity);
  assert.match(backend.lines.at(-2) ?? '', /"intermediate_value":NaN\}$/);
  assert.match(backend.lines.at(-1) ?? '', /"intermediate_value":Infinity\}$/);
  assert.deepEqual([...storage.getTrial(trial.id).intermediateValues], [[1, NaN], [2, Infinity]]);
});

test('misuse is refused with a clear error and writes nothing', async () => {
  const { storage, backend } = await memoryStorage();
  const { id } = await storage.createStudy('demo', ['minimize']);
  const trial = await storage.createTrial(id, { params: PARAMS, distributions: SPACE });
  await storage.finishTrial(trial.id, 'pruned', null);
  const written = backend.lines.length;
  const refused = async (action: () => Promise<unknown>, message: RegExp): Promise<void> => {
    await assert.rejects(action, (e: unknown) => e instanceof StorageError && message.test(e.message));
  };
  await refused(() => storage.createStudy('demo', ['maximize']), /a study named "demo" already exists in memory/);
  await refused(() => storage.finishTrial(trial.id, 'complete', [1]), /cannot mark complete trial 0 of study "demo": it already finished \(pruned\)/);
  await refused(() => storage.setTrialIntermediateValue(trial.id, 1, 1), /cannot report a value to trial 0 .* already finished/);
  await refused(() => storage.setTrialUserAttr(trial.id, 'k', 1), /cannot set an attribute of trial 0/);
  await refused(() => storage.finishTrial(99, 'fail', null), /no trial with id 99 in memory/);
  await refused(() => storage.setStudyUserAttr(5, 'k', 1), /no study with id 5/);
  await refused(() => storage.createTrial(id, { params: { lr: 0.01 }, distributions: {} }), /param "lr" has no distribution/);
  await refused(() => storage.createTrial(id, { params: { lr: 3 }, distributions: { lr: intDistribution(1, 5) } }),
    /param "lr" is int \[1, 5\], but earlier trials of study "demo" have it as float \[0.0001, 0.1\] log/);
  await refused(() => storage.createTrial(id, { params: { optimizer: 'rmsprop' }, distributions: SPACE }), /param "optimizer": "rmsprop" is not one of the choices/);
  const open = await storage.createTrial(id, { params: {}, distributions: {} });
  const afterOpen = backend.lines.length;
  await refused(() => storage.finishTrial(open.id, 'complete', [NaN]), /cannot record NaN as a final value/);
  await refused(() => storage.finishTrial(open.id, 'complete', null), /a complete trial needs a value/);
  await refused(() => storage.setTrialIntermediateValue(open.id, -1, 0), /step must be a non-negative integer/);
  assert.equal(written + 1, afterOpen);
  assert.equal(backend.lines.length, afterOpen);
  assert.throws(() => storage.getTrials(7), /no study with id 7 in memory/);
});

test('DELETE_STUDY through the storage', async () => {
  const { storage } = await memoryStorage();
  const a = await storage.createStudy('a', ['minimize']);
  await storage.createTrial(a.id, { params: {}, distributions: {} });
  await storage.deleteStudy(a.id);
  assert.equal(storage.findStudy('a'), undefined);
  assert.deepEqual(storage.getStudies(), []);
  const again = await storage.createStudy('a', ['maximize']);
  assert.equal(again.id, 1);
  assert.equal((await storage.createTrial(again.id, { params: {}, distributions: {} })).id, 1);
});

test('withLock is re-entrant and serialises read-modify-write blocks', async () => {
  const storage = await openStorage();
  const { id } = await storage.withLock(() => storage.createStudy('s', ['minimize'])); // createStudy takes the lock again inside
  const seen: number[] = [];
  await Promise.all(Array.from({ length: 10 }, () => storage.withLock(async () => {
    const count = storage.getTrials(id).length;
    seen.push(count);
    await new Promise((done) => setTimeout(done, 2));
    await storage.createTrial(id, { params: {}, distributions: {} });
  })));
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('a study has one direction per objective: an Optuna multi-objective study, and one created here', async () => {
  const backend = new MemoryJournalBackend();
  const storage = await JournalStorage.open(backend);
  await storage.withLock(() => backend.appendLines(['{"op_code": 0, "worker_id": "py", "study_name": "mo", "directions": [1, 2]}']));
  await storage.refresh();
  const study = storage.findStudy('mo');
  assert.ok(study);
  assert.deepEqual(study.directions, ['minimize', 'maximize']);
  assert.deepEqual((await storage.createStudy('so', ['maximize'])).directions, ['maximize']);
  const both = await storage.createStudy('mo2', ['maximize', 'minimize']);
  assert.deepEqual([both.direction, both.directions], ['maximize', ['maximize', 'minimize']]);
  await assert.rejects(storage.createStudy('none', []), /needs at least one objective direction/);
});

test('a closed storage says so', async () => {
  const storage = await openStorage();
  await storage.close();
  await assert.rejects(() => storage.createStudy('s', ['minimize']), /the storage memory is closed/);
});
