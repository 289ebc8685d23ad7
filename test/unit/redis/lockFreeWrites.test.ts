/**
 * On Redis a trial's reports, attrs and end are appended without the journal lock (one Lua script per
 * append), as Optuna appends them: a tell never waits for another process's ask. A late result for a
 * trial already failed as stale lands in the log but is ignored by every replay, ours and Python
 * Optuna's, and its writer is told; never recorded twice. Asks still take the lock.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { createStudy, defineSearchSpace, FAIL_REASON_ATTR, type JournalStorage } from '../../../src/core';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { rawJournalOps, redisSkip, redisWithClient } from '../../fixtures/redisServer';

const PYTHON = '/usr/bin/python3';
const hasOptuna = spawnSync(PYTHON, ['-c', 'import optuna, redis'], { stdio: 'ignore' }).status === 0;
const { space: SPACE } = defineSearchSpace({ x: { float: [0, 1] } });

/** The trials as Python Optuna 3.1's JournalRedisStorage replays the log: [state, value, fail_reason]. */
function optunaTrials(url: string, prefix: string, name: string): [string, number | null, string | null][] {
  const script = [
    'import json, sys, warnings, optuna',
    'from optuna.storages import JournalRedisStorage, JournalStorage',
    'warnings.simplefilter("ignore")',
    'optuna.logging.set_verbosity(optuna.logging.WARNING)',
    'study = optuna.load_study(study_name=sys.argv[3], storage=JournalStorage(JournalRedisStorage(sys.argv[1], prefix=sys.argv[2])))',
    'print(json.dumps([[t.state.name.lower(), t.value, t.system_attrs.get("fail_reason")] for t in study.get_trials(deepcopy=False)]))',
  ].join('\n');
  const result = spawnSync(PYTHON, ['-c', script, url, prefix, name], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as [string, number | null, string | null][];
}

describe('a trial\'s own records on Redis, without the lock', { skip: redisSkip, timeout: 60_000 }, () => {
  const server = redisWithClient();

  it('reports, attrs and a tell do not wait for the lock another process holds; an ask does', async () => {
    const storage = await openJournalStorage(`${server.redis.url}?prefix=free`);
    const study = await createStudy({ name: 'free', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage });
    const trial = await study.ask();
    await server.raw.set('free:tuneboard:lock', 'other-host:1:token', 'PX', 10_000);
    try {
      let asked = false;
      const asking = study.ask().then((handle) => ((asked = true), handle));
      const started = Date.now();
      await study.report(trial, 0, 0.5);
      await study.setUserAttr(trial, 'note', 'x');
      const told = await study.tell(trial, 0.25);
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      assert.deepEqual([told.state, told.value, told.intermediateValues.get(0), told.userAttrs], ['complete', 0.25, 0.5, { note: 'x' }]);
      assert.equal(asked, false, 'the ask waits for the lock');
      await server.raw.del('free:tuneboard:lock');
      const next = await asking;
      assert.equal(next.number, 1);
      await study.tell(next, 0.5);
    } finally {
      await server.raw.del('free:tuneboard:lock');
    }
    const ops = await rawJournalOps(server.raw, 'free');
    assert.deepEqual(ops.map((op) => op.op_code), [0, 4, 7, 8, 6, 4, 6]);
    await study.close();
  });

  it('an ask is two scripts (the lock with the log, the trial\'s append that releases it) and a tell one', async () => {
    const study = await createStudy({ name: 'trips', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage: await openJournalStorage(`${server.redis.url}?prefix=trips`) });
    const scripts = async (): Promise<number> => {
      const stats = await server.raw.info('commandstats');
      return [...stats.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    await study.tell(await study.ask(), 0.5); // the first use of each script on the connection
    const before = await scripts();
    const trial = await study.ask();
    const asked = await scripts();
    await study.tell(trial, 0.25);
    assert.deepEqual([asked - before, (await scripts()) - asked], [2, 1]);
    assert.equal(await server.raw.exists('trips:tuneboard:lock'), 0, 'released');
    await study.close();
  });

  it('a late result for a trial already failed as stale: in the log, ignored by every reader (Python Optuna\'s too), its writer told', async () => {
    const url = `${server.redis.url}?prefix=late`;
    const owner = await openJournalStorage(url);
    const sweeper = await openJournalStorage(url);
    const { id: studyId } = await owner.createStudy('late', ['minimize']);
    const trial = await owner.createTrial(studyId, { params: { x: 0.5 }, distributions: SPACE });
    await sweeper.refresh();
    await sweeper.withLock(() => sweeper.finishTrial(trial.id, 'fail', null, { [FAIL_REASON_ATTR]: 'interrupted: stale: test' }));

    assert.equal(owner.getTrial(trial.id).state, 'running', 'the owner has not read it yet');
    await assert.rejects(owner.finishTrial(trial.id, 'complete', [0.1]), /cannot mark complete trial 0 of study "late": it already finished \(fail\), before this record reached redis:/);
    const ops = await rawJournalOps(server.raw, 'late');
    assert.deepEqual(ops.at(-1), { ...ops.at(-1), op_code: 6, worker_id: owner.workerId, trial_id: trial.id, state: 1 }, 'the late record is in the log, as Optuna\'s would be');
    assert.deepEqual([owner.getTrial(trial.id).state, owner.getTrial(trial.id).value], ['fail', null]);

    const reader = await openJournalStorage(url, { readOnly: true });
    const read = reader.getTrial(trial.id);
    assert.deepEqual([read.state, read.value, read.systemAttrs[FAIL_REASON_ATTR]], ['fail', null, 'interrupted: stale: test']);
    if (hasOptuna) assert.deepEqual(optunaTrials(server.redis.url, 'late', 'late'), [['fail', null, 'interrupted: stale: test']]);
    await Promise.all([owner.close(), sweeper.close(), reader.close()]);
  });

  it('a tell racing a stale sweep: exactly one of them is recorded, and both writers know which', async () => {
    const url = `${server.redis.url}?prefix=race`;
    const owner = await openJournalStorage(url);
    const sweeper = await openJournalStorage(url);
    const { id: studyId } = await owner.createStudy('race', ['minimize']);
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const trial = await owner.createTrial(studyId, { params: { x: i / 20 }, distributions: SPACE });
      await sweeper.refresh();
      // The owner's tell starts 0-3 ms after the sweep, so either may land first.
      const [swept, told] = await Promise.allSettled([
        sweeper.withLock(() => sweeper.finishTrial(trial.id, 'fail', null, { [FAIL_REASON_ATTR]: 'interrupted: stale: race' })),
        new Promise((resolve) => setTimeout(resolve, i % 4)).then(() => owner.finishTrial(trial.id, 'complete', [i])),
      ]);
      assert.equal([told, swept].filter((r) => r.status === 'fulfilled').length, 1, `trial ${i}: one wins`);
      await Promise.all([owner.refresh(), sweeper.refresh()]);
      const state = told.status === 'fulfilled' ? 'complete' : 'fail';
      for (const storage of [owner, sweeper] as JournalStorage[]) assert.equal(storage.getTrial(trial.id).state, state);
      assert.equal(owner.getTrial(trial.id).systemAttrs[FAIL_REASON_ATTR], state === 'fail' ? 'interrupted: stale: race' : undefined, 'the reason lands with its fail or not at all');
      outcomes.push(state);
    }
    if (hasOptuna) assert.deepEqual(optunaTrials(server.redis.url, 'race', 'race').map(([state]) => state), outcomes);
    await Promise.all([owner.close(), sweeper.close()]);
  });
});
