/**
 * A backend that appends atomically (as Redis does, one script per append): a trial's reports, attrs
 * and end are written without the cross-process lock, as Optuna writes everything. A record that came
 * too late (the trial finished meanwhile, e.g. failed as stale by another host) stays in the log, is
 * ignored by every replay, and its writer is told. A backend without the capability (a file) keeps
 * taking the lock for every write.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createStudy } from '../../../src/core/createStudy';
import { floatDistribution } from '../../../src/core/distributions';
import { FileJournalBackend, JournalStorage, type AppendOptions, type JournalBackend, type JournalLine } from '../../../src/core/storage';
import { FAIL_REASON_ATTR } from '../../../src/core/studyView/trialAttrs';

/** One log several storages share, like one Redis: appends are atomic; the lock is a flag. */
class SharedLog {
  readonly lines: string[] = [];
  holder: SharedBackend | null = null;
}

class SharedBackend implements JournalBackend {
  readonly location = 'shared';
  readonly atomicAppend = true;
  /** Python Optuna on Redis: other writers append without any lock. */
  readonly lockFreePeers = true;
  readonly warnings: readonly string[] = [];
  locks = 0;
  unlockedAppends = 0;
  releasingAppends = 0;
  /** Lands just before this backend's next append: a writer that takes no lock (Python Optuna on Redis). */
  beforeNextAppend: string | null = null;
  private read = 0;

  constructor(private readonly log: SharedLog) {}

  async readNewLines(): Promise<readonly JournalLine[]> {
    const start = this.read;
    this.read = this.log.lines.length;
    return this.log.lines.slice(start).map((text, i) => ({ text, lineNumber: start + i + 1 }));
  }

  async appendLines(lines: readonly string[], options: AppendOptions = {}): Promise<readonly number[]> {
    if (options.locked === false) this.unlockedAppends += 1;
    else if (this.log.holder !== this) throw new Error('test: a locked append without the lock');
    if (this.beforeNextAppend !== null) this.log.lines.push(this.beforeNextAppend);
    this.beforeNextAppend = null;
    const first = this.log.lines.length + 1;
    this.log.lines.push(...lines);
    if (options.release === true) {
      this.releasingAppends += 1;
      this.log.holder = null;
    }
    return lines.map((_, i) => first + i);
  }

  async lock(): Promise<void> {
    while (this.log.holder !== null) await new Promise((resolve) => setImmediate(resolve));
    this.log.holder = this;
    this.locks += 1;
  }

  async unlock(): Promise<void> {
    if (this.log.holder === this) this.log.holder = null;
  }

  async close(): Promise<void> {
    await this.unlock();
  }
}

const SPACE = { x: floatDistribution(0, 1) };

async function open(log: SharedLog, workerId: string): Promise<{ storage: JournalStorage; backend: SharedBackend }> {
  const backend = new SharedBackend(log);
  return { storage: await JournalStorage.open(backend, { workerId }), backend };
}

describe('a journal whose backend appends atomically', () => {
  it('writes a trial\'s reports, attrs and end without the lock', async () => {
    const { storage, backend } = await open(new SharedLog(), 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    const locks = backend.locks;
    await storage.setTrialIntermediateValue(trial.id, 0, 0.7);
    await storage.setTrialUserAttr(trial.id, 'u', 1);
    await storage.setTrialSystemAttr(trial.id, 's', 2);
    await storage.finishTrial(trial.id, 'complete', [0.25]);
    assert.equal(backend.locks, locks, 'no lock taken');
    assert.equal(backend.unlockedAppends, 4);
    const done = storage.getTrial(trial.id);
    assert.deepEqual([done.state, done.value, done.intermediateValues.get(0), done.userAttrs, done.systemAttrs], ['complete', 0.25, 0.7, { u: 1 }, { s: 2 }]);
    // A new trial still takes the lock: its number, the budget and waiting trials depend on the others.
    await storage.createTrial(study.id, { params: { x: 0.1 }, distributions: SPACE });
    assert.equal(backend.locks, locks + 1);
    await storage.close();
  });

  it('a waiting trial\'s records still take the lock (an ask may be starting it)', async () => {
    const { storage, backend } = await open(new SharedLog(), 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const waiting = await storage.createWaitingTrial(study.id, {});
    await storage.setTrialUserAttr(waiting.id, 'k', 1);
    await storage.finishTrial(waiting.id, 'fail', null);
    assert.equal(backend.unlockedAppends, 0);
    assert.equal(storage.getTrial(waiting.id).state, 'fail');
    await assert.rejects(storage.finishTrial(99, 'fail', null), /no trial with id 99 in shared/);
    await storage.close();
  });

  it('inside withLock, writes under the lock it holds', async () => {
    const { storage, backend } = await open(new SharedLog(), 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    await storage.withLock(() => storage.finishTrial(trial.id, 'fail', null));
    assert.equal(backend.unlockedAppends, 0);
    assert.equal(storage.getTrial(trial.id).state, 'fail');
    await storage.close();
  });

  it('writes a fail reason and the fail in one append', async () => {
    const log = new SharedLog();
    const { storage } = await open(log, 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    const before = log.lines.length;
    await storage.finishTrial(trial.id, 'fail', null, { [FAIL_REASON_ATTR]: 'boom' });
    assert.deepEqual(log.lines.slice(before).map((line) => (JSON.parse(line) as { op_code: number }).op_code), [9, 6]);
    assert.deepEqual([storage.getTrial(trial.id).state, storage.getTrial(trial.id).systemAttrs], ['fail', { [FAIL_REASON_ATTR]: 'boom' }]);
    await storage.close();
  });

  it('refuses a late result for a trial another process failed meanwhile: in the log, ignored by every reader, its writer told', async () => {
    const log = new SharedLog();
    const { storage: a } = await open(log, 'a');
    const { storage: b } = await open(log, 'b');
    const study = await a.createStudy('s', ['minimize']);
    const trial = await a.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    await b.refresh();
    await b.withLock(() => b.finishTrial(trial.id, 'fail', null, { [FAIL_REASON_ATTR]: 'interrupted: stale: test' }));
    assert.equal(a.getTrial(trial.id).state, 'running', 'a has not read it yet');

    const before = log.lines.length;
    await assert.rejects(a.finishTrial(trial.id, 'complete', [0.1]), /^StorageError: cannot mark complete trial 0 of study "s": it already finished \(fail\), before this record reached shared$/);
    assert.equal(log.lines.length, before + 1, 'the record is in the log (as Optuna\'s would be)');
    assert.deepEqual([a.getTrial(trial.id).state, a.getTrial(trial.id).value], ['fail', null]);
    await assert.rejects(a.setTrialIntermediateValue(trial.id, 3, 0.5), /cannot report a value to trial 0 of study "s": it already finished \(fail\)$/, 'known now: refused before writing');
    assert.equal(log.lines.length, before + 1);

    const { storage: reader } = await open(log, 'c');
    const read = reader.getTrial(trial.id);
    assert.deepEqual([read.state, read.value, read.systemAttrs[FAIL_REASON_ATTR]], ['fail', null, 'interrupted: stale: test'], 'never recorded twice');
    await Promise.all([a.close(), b.close(), reader.close()]);
  });

  it('tells the writer even when another call replayed its record first', async () => {
    const log = new SharedLog();
    const { storage: a } = await open(log, 'a');
    const { storage: b } = await open(log, 'b');
    const study = await a.createStudy('s', ['minimize']);
    const trial = await a.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    await b.refresh();
    await b.finishTrial(trial.id, 'pruned', null);
    // The append lands at once; the refresh started right after it replays it before the writer does.
    const late = a.setTrialUserAttr(trial.id, 'k', 'v');
    const refreshed = a.refresh();
    await assert.rejects(late, /cannot set an attribute of trial 0 of study "s": it already finished \(pruned\)/);
    await refreshed;
    assert.deepEqual(a.getTrial(trial.id).userAttrs, {});
    await Promise.all([a.close(), b.close()]);
  });

  it('a section opened with releaseEarly releases the lock with its last write, and allows no write after it', async () => {
    const log = new SharedLog();
    const { storage, backend } = await open(log, 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.withLock(async () => {
      const created = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE }, { lastWrite: true });
      assert.equal(log.holder, null, 'released with the append');
      await assert.rejects(storage.createStudy('t', ['minimize']), /internal: a write after the lock was released/);
      return created;
    }, { releaseEarly: true });
    assert.equal(backend.releasingAppends, 1);
    assert.equal(storage.getTrial(trial.id).state, 'running');
    // Nested in a section opened without it, or without lastWrite, the lock is kept to the end.
    await storage.withLock(() => storage.withLock(() => storage.createTrial(study.id, { params: { x: 0.1 }, distributions: SPACE }, { lastWrite: true }), { releaseEarly: true }));
    await storage.withLock(() => storage.createTrial(study.id, { params: { x: 0.2 }, distributions: SPACE }), { releaseEarly: true });
    assert.equal(backend.releasingAppends, 1);
    await storage.close();
  });

  it('leaves a waiting trial to a Python worker whose RUNNING record landed first, writing nothing to it, and starts the next', async () => {
    const log = new SharedLog();
    const { storage, backend } = await open(log, 'a');
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage });
    const first = await study.enqueue({ x: 0.25 });
    const second = await study.enqueue({ x: 0.75 });
    // Python's _pop_waiting_trial_id: SET_TRIAL_STATE_VALUES to RUNNING, with no lock, between our read and our append.
    backend.beforeNextAppend = JSON.stringify({ op_code: 6, worker_id: 'python-worker', trial_id: first.id, state: 0, values: null, datetime_start: '2026-12-05T03:00:00.000000' });
    const asked = await study.ask();
    assert.equal(asked.number, second.number, 'the next waiting trial');
    assert.deepEqual(asked.params, { x: 0.75 });
    const ours = log.lines.map((line) => JSON.parse(line) as { op_code: number; worker_id: string; trial_id?: number });
    assert.deepEqual(ours.filter((op) => op.trial_id === first.id && op.worker_id === 'a' && op.op_code !== 4).map((op) => op.op_code), [6], 'only our RUNNING record, which every replay ignores: no params on their trial');
    const taken = storage.getTrial(first.id);
    assert.deepEqual([taken.state, taken.params], ['running', {}], 'theirs, with the params they will suggest');
    // Python Optuna's rule: the first RUNNING record owns the trial; a reader from the log agrees.
    const { storage: reader } = await open(log, 'c');
    assert.deepEqual(reader.getTrials(reader.getStudies()[0]?.id ?? -1).map((t) => [t.number, t.state, t.params]), [[0, 'running', {}], [1, 'running', { x: 0.75 }]]);
    await Promise.all([storage.close(), reader.close()]);
  });

  it('fails an enqueued trial whose params the space does not admit only once it has taken it: a Python worker that took it first keeps it', async () => {
    const log = new SharedLog();
    const { storage, backend } = await open(log, 'a');
    const study = await createStudy({ name: 's', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage });
    const studyId = storage.getStudies()[0]?.id ?? -1;
    // Python's enqueue_trial accepts any value; Python's suggest would warn and use it.
    const theirs = await storage.createWaitingTrial(studyId, { systemAttrs: { fixed_params: { x: 5 } } });
    const ours = await storage.createWaitingTrial(studyId, { systemAttrs: { fixed_params: { x: 7 } } });
    backend.beforeNextAppend = JSON.stringify({ op_code: 6, worker_id: 'python-worker', trial_id: theirs.id, state: 0, values: null, datetime_start: '2026-12-05T03:00:00.000000' });
    const asked = await study.ask();
    assert.equal(asked.number, 2, 'a new trial: neither waiting one could run here');
    assert.deepEqual([storage.getTrial(theirs.id).state, storage.getTrial(theirs.id).systemAttrs.fail_reason], ['running', undefined], 'left to the Python worker');
    assert.deepEqual([storage.getTrial(ours.id).state, storage.getTrial(ours.id).systemAttrs.fail_reason], ['fail', "enqueued params: param 'x' = 7 is outside float [0, 1]"]);
    await storage.close();
  });

  it('close() waits for appends made without the lock', async () => {
    const { storage, backend } = await open(new SharedLog(), 'a');
    const study = await storage.createStudy('s', ['minimize']);
    const trial = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
    const finishing = storage.finishTrial(trial.id, 'complete', [0.5]);
    await storage.close();
    await finishing;
    assert.equal(backend.unlockedAppends, 1);
    assert.equal(storage.getTrial(trial.id).state, 'complete');
  });
});

describe('a journal file', () => {
  it('still writes a trial\'s end under its lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneboard-atomic-'));
    try {
      const backend = await FileJournalBackend.open(join(dir, 'j.jsonl'));
      let locks = 0;
      const lock = backend.lock.bind(backend);
      backend.lock = () => ((locks += 1), lock());
      const storage = await JournalStorage.open(backend);
      const study = await storage.createStudy('s', ['minimize']);
      const trial = await storage.createTrial(study.id, { params: { x: 0.5 }, distributions: SPACE });
      const before = locks;
      await storage.setTrialIntermediateValue(trial.id, 0, 0.7);
      await storage.finishTrial(trial.id, 'complete', [0.5]);
      assert.equal(locks, before + 2);
      await storage.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
