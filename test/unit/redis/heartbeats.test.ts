/**
 * Heartbeats on a Redis journal: a running trial whose host stopped renewing its lease (killed, cut off,
 * asleep) is failed as stale by another run, which runs its params again (retried_from), within the
 * budget; with search.retries used up it is not retried; a late result for it is refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defineSearchSpace, FAIL_REASON_ATTR, RETRIED_FROM_ATTR, RUNNER_ATTR, type JournalStorage } from '../../../src/core';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { CLI, ensureBuilt } from '../cli/cliHarness';
import { redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';

const config = (retries: number): string => `name: beats
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 3, parallel: 1, seed: 4, retries: ${retries} }
space:
  x: { float: [0, 1] }
trial:
  command: [node, slow.mjs, "\${x}"]
`;

/** A trial another host started and then died on: RUNNING, with its runner attr, and no heartbeat lease. */
async function orphanOfDeadHost(storage: JournalStorage, x: number): Promise<void> {
  const study = storage.findStudy('beats') ?? (await storage.createStudy('beats', 'minimize'));
  const { space } = defineSearchSpace({ x: { float: [0, 1] } });
  await storage.createTrial(study.id, { params: { x }, distributions: space, systemAttrs: { [RUNNER_ATTR]: { host: 'gpu-box-3', pid: 4242 } } });
}

describe('trial heartbeats on Redis', { skip: redisSkip, timeout: 60_000 }, () => {
  let redis: RedisServer;
  let dir = '';

  before(async () => {
    ensureBuilt();
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-beats-'));
    writeFileSync(join(dir, 'slow.mjs'), "setTimeout(() => console.log('value=' + process.argv[2]), 700);\n");
  });

  after(async () => {
    await redis?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (prefix: string, retries: number): { status: number | null; output: string } => {
    writeFileSync(join(dir, 'beats.tune.yaml'), config(retries));
    const result = spawnSync(process.execPath, [CLI, 'run', 'beats.tune.yaml', '--storage', `${redis.url}?prefix=${prefix}`], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, TUNEBOARD_TRIAL_LEASE_MS: '300' },
    });
    return { status: result.status, output: result.stdout + result.stderr };
  };

  it('fails a dead host\'s trial as stale and runs its params again, within the budget', async () => {
    const storage = await openJournalStorage(`${redis.url}?prefix=retry`);
    await orphanOfDeadHost(storage, 0.5);
    await storage.close();
    const { status, output } = run('retry', 1);
    assert.equal(status, 0, output);
    assert.match(output, /trial 0 is stale \(its host \(pid 4242 on gpu-box-3\) stopped renewing its heartbeat\): failed, and its params enqueued again/);
    const reader = await openJournalStorage(`${redis.url}?prefix=retry`, { readOnly: true });
    const trials = reader.getTrials(reader.findStudy('beats')?.id ?? -1);
    await reader.close();
    assert.match(String(trials[0]?.systemAttrs[FAIL_REASON_ATTR]), /^interrupted: stale: its host \(pid 4242 on gpu-box-3\)/);
    const retry = trials.find((t) => t.systemAttrs[RETRIED_FROM_ATTR] === 0);
    assert.deepEqual([retry?.state, retry?.params.x], ['complete', 0.5], 'the retry ran with the stale trial\'s params');
    assert.equal(trials.filter((t) => t.state === 'complete').length, 3, 'the budget holds: the stale trial used none of it');
  });

  it('does not retry past search.retries', async () => {
    const storage = await openJournalStorage(`${redis.url}?prefix=noretry`);
    await orphanOfDeadHost(storage, 0.25);
    await storage.close();
    const { status, output } = run('noretry', 0);
    assert.equal(status, 0, output);
    assert.match(output, /trial 0 is stale .*; not retried: it already ran 1 times \(search\.retries 0\)/);
    const reader = await openJournalStorage(`${redis.url}?prefix=noretry`, { readOnly: true });
    const trials = reader.getTrials(reader.findStudy('beats')?.id ?? -1);
    await reader.close();
    assert.equal(trials.filter((t) => t.systemAttrs[RETRIED_FROM_ATTR] !== undefined).length, 0);
    assert.equal(trials.filter((t) => t.state === 'complete').length, 3);
  });

  it('refuses a late result for a trial already failed as stale', async () => {
    const storage = await openJournalStorage(`${redis.url}?prefix=late`);
    await orphanOfDeadHost(storage, 0.75);
    const [trial] = storage.getTrials(storage.findStudy('beats')?.id ?? -1);
    await storage.setTrialSystemAttr(trial!.id, FAIL_REASON_ATTR, 'interrupted: stale: test');
    await storage.finishTrial(trial!.id, 'fail', null);
    await assert.rejects(storage.finishTrial(trial!.id, 'complete', 0.1), /already finished|cannot/);
    assert.equal(storage.getTrial(trial!.id).state, 'fail');
    await storage.close();
  });
});
