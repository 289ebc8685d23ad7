/**
 * The runner's journal (openBatchedJournal) on Redis: an ask gives the lock up in the same script as
 * its trial's record, as the storage's own backend does; a trial's records (reports, attrs, its end)
 * stay under the lock, so a run never lands a record after a trial's end (another host may have failed
 * it as stale), which the fault tests check in the raw log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { openBatchedJournal } from '../../../src/runner/batchedJournal';
import { redisSkip, redisWithClient } from '../../fixtures/redisServer';

describe('the runner\'s journal on Redis', { skip: redisSkip, timeout: 60_000 }, () => {
  const server = redisWithClient();

  const scripts = async (): Promise<number> => {
    const stats = await server.raw.info('commandstats');
    return [...stats.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  };

  it('an ask is two scripts (the lock with the log, the trial\'s append that releases it); a tell waits for the lock', async () => {
    const journal = await openBatchedJournal(`${server.redis.url}?prefix=runner`);
    const study = await createStudy({ name: 'runner', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage: journal.storage });
    await study.tell(await study.ask(), 0.5); // the first use of each script on the connection
    const before = await scripts();
    const trial = await study.ask();
    assert.equal((await scripts()) - before, 2);
    assert.equal(await server.raw.exists('runner:tuneboard:lock'), 0, 'released with the trial\'s record');

    await server.raw.set('runner:tuneboard:lock', 'other-host:1:token', 'PX', 10_000);
    let told = false;
    const telling = study.tell(trial, 0.25).then((finished) => ((told = true), finished));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(told, false, 'the tell waits for the lock another process holds');
    } finally {
      await server.raw.del('runner:tuneboard:lock');
    }
    assert.deepEqual([(await telling).state, (await telling).value], ['complete', 0.25]);
    assert.equal(await server.raw.exists('runner:tuneboard:lock'), 0, 'released after the tell');
    await study.close();
  });
});
