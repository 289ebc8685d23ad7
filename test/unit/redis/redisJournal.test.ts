/**
 * The journal on a real redis-server: Optuna's layout, incremental reads, several writers, the write
 * lock as a lease (a dead or frozen holder never blocks others past it, and never writes after losing
 * it), an unreachable server named with what to check, and a restart with appendonly losing nothing.
 */
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import { createStudy, type JournalStorage } from '../../../src/core';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { RedisUnreachableError } from '../../../src/redis/redisJournalBackend';
import { freePort, redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';

const SPACE = { x: { float: [0, 1] }, k: { int: [1, 8] }, act: ['relu', 'tanh'] } as const;

describe('journal on Redis', { skip: redisSkip }, () => {
  let redis: RedisServer;
  let raw: Redis;

  before(async () => {
    redis = await startRedis({ appendonly: true });
    raw = new Redis(redis.port, '127.0.0.1');
  });

  after(async () => {
    raw?.disconnect();
    await redis?.dispose();
  });

  it('writes Optuna\'s layout ({prefix}:log_number from -1, {prefix}:log:{n}) and no snapshot', async () => {
    const study = await createStudy({ name: 'layout', space: SPACE, sampler: 'random', seed: 1, storage: await openJournalStorage(`${redis.url}?prefix=layout`) });
    const trial = await study.ask();
    await study.tell(trial, 0.5);
    await study.close();
    const count = Number(await raw.get('layout:log_number')) + 1;
    const ops = await Promise.all(Array.from({ length: count }, async (_, n) => JSON.parse((await raw.get(`layout:log:${n}`)) ?? 'null') as { op_code: number; study_name?: string }));
    assert.deepEqual(ops.map((op) => op.op_code), [0, 4, 6], 'create study, create trial (with its params), finish it');
    assert.equal(ops[0]?.study_name, 'layout');
    assert.equal(await raw.exists('layout:snapshot'), 0);
    assert.equal(await raw.exists('layout:tuneboard:lock'), 0, 'the lock is released');
  });

  it('reads incrementally what other writers appended, and two writers never share a trial number', async () => {
    const url = `${redis.url}/2?prefix=shared`;
    const a = await createStudy({ name: 'shared', space: SPACE, sampler: 'random', seed: 1, storage: await openJournalStorage(url) });
    const b = await createStudy({ name: 'shared', space: SPACE, sampler: 'random', seed: 2, storage: await openJournalStorage(url) });
    const asks = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).ask()));
    await Promise.all(asks.map((handle, i) => (i % 2 === 0 ? a : b).tell(handle, i / 10)));
    assert.deepEqual(asks.map((t) => t.number).sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await a.refresh();
    await b.refresh();
    assert.equal(a.trials.filter((t) => t.state === 'complete').length, 10);
    assert.deepEqual(b.trials.map((t) => t.value), a.trials.map((t) => t.value));
    assert.equal(await raw.select(2).then(() => raw.exists('shared:log_number')), 1, 'the URL\'s database is used');
    await raw.select(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('a holder that dies never blocks others longer than its lease', async () => {
    await raw.set('dead:tuneboard:lock', 'ghost-host:4242:token', 'PX', 400);
    const waits: string[] = [];
    const storage = await openJournalStorage(`${redis.url}?prefix=dead`, { leaseMs: 400, lockWaitNoticeMs: 0, onLockWait: (message) => waits.push(message) });
    let ran = false;
    await storage.withLock(async () => {
      ran = true;
      assert.match((await raw.get('dead:tuneboard:lock')) ?? '', /^[^:]+:\d+:/, 'our own lease now');
    });
    assert.ok(ran);
    assert.equal(await raw.get('dead:tuneboard:lock'), null, 'released');
    assert.match(waits[0] ?? '', /waiting for the journal lock on redis:\/\/127\.0\.0\.1:\d+\/0\?prefix=dead: held by pid 4242 on ghost-host/);
    await storage.close();
  });

  it('a holder that lost its lease (frozen, cut off) never writes: its append is refused and nothing lands', async () => {
    const storage = await openJournalStorage(`${redis.url}?prefix=frozen`, { leaseMs: 300 });
    await storage.createStudy('frozen', ['minimize']);
    const before = await raw.get('frozen:log_number');
    await assert.rejects(
      storage.withLock(async () => {
        // Someone else's lease replaces ours, as after ours expired while this process was frozen.
        await raw.set('frozen:tuneboard:lock', 'other-host:1:token', 'PX', 10_000);
        await storage.createStudy('too-late', ['minimize']);
      }),
      /journal lock on .* (expired|was not made)/,
    );
    assert.equal(await raw.get('frozen:log_number'), before, 'nothing was written without the lease');
    await raw.del('frozen:tuneboard:lock');
    await storage.close();
  });

  it('names host:port and what to check when Redis cannot be reached, without a stack trace', async () => {
    const port = await freePort();
    await assert.rejects(openJournalStorage(`redis://127.0.0.1:${port}`, { reconnectMs: 1000 }), (error: unknown) => {
      assert.ok(error instanceof RedisUnreachableError);
      assert.match(error.message, new RegExp(`^cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\): check that redis-server runs there .*redis-cli -h 127\\.0\\.0\\.1 -p ${port} ping`));
      assert.doesNotMatch(error.message, /\n\s+at /);
      return true;
    });
  });

  it('says a Redis in protected mode closed the connection, where ioredis says only EPIPE or closed', async (t) => {
    // Protected mode refuses clients that are not on Redis's own machine: reach it through this machine's non-loopback address.
    const address = Object.values(networkInterfaces()).flat().find((net) => net?.family === 'IPv4' && !net.internal)?.address;
    if (address === undefined) return t.skip('no non-loopback IPv4 address here');
    const guarded = await startRedis({ bind: [address], protectedMode: true });
    try {
      await assert.rejects(openJournalStorage(`redis://${address}:${guarded.port}`, { reconnectMs: 1000 }), (error: unknown) => {
        assert.ok(error instanceof RedisUnreachableError);
        assert.match(error.message, new RegExp(`^cannot reach Redis at ${address.replace(/\./g, '\\.')}:${guarded.port} \\(the server closed the connection; a Redis without a password in protected mode does that to other machines\\)`));
        return true;
      });
    } finally {
      await guarded.dispose();
    }
  });

  it('loses nothing acknowledged across a Redis restart (appendonly yes), and goes on writing after it', async () => {
    const url = `${redis.url}?prefix=restart`;
    const study = await createStudy({ name: 'restart', space: SPACE, sampler: 'random', seed: 3, storage: await openJournalStorage(url) });
    for (let i = 0; i < 3; i++) await study.tell(await study.ask(), i);
    await redis.stop();
    const restarted = redis.start();
    const trial = await study.ask(); // waits for Redis to come back
    await study.tell(trial, 3);
    await restarted;
    await study.close();
    const reader: JournalStorage = await openJournalStorage(url);
    const record = reader.findStudy('restart');
    assert.deepEqual(reader.getTrials(record?.id ?? -1).map((t) => t.value), [0, 1, 2, 3]);
    await reader.close();
  });
});
