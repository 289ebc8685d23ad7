/**
 * Heartbeats on a Redis journal: a running trial whose host stopped renewing its lease (killed, cut off,
 * asleep) is failed as stale by another run, which runs its params again (retried_from), within the
 * budget, even when that run had nothing else left to start; with search.retries used up it is not
 * retried; a late result for it is refused; a host whose renewals go unanswered stops its trials.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defineSearchSpace, FAIL_REASON_ATTR, RETRIED_FROM_ATTR, RUNNER_ATTR, type JournalStorage, type Study } from '../../../src/core';
import { openJournalStorage } from '../../../src/redis/openJournal';
import type { TrialLeases } from '../../../src/redis/trialLeases';
import { TrialHeartbeats } from '../../../src/runner/trialHeartbeats';
import { CLI, ensureBuilt } from '../cli/cliHarness';
import { redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';

const config = (retries: number, trials = 3): string => `name: beats
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: ${trials}, parallel: 1, seed: 4, retries: ${retries} }
space:
  x: { float: [0, 1] }
trial:
  command: [node, slow.mjs, "\${x}"]
`;

/** A trial another host started and then died on: RUNNING, with its runner attr, and no heartbeat lease. */
async function orphanOfDeadHost(storage: JournalStorage, x: number): Promise<void> {
  const study = storage.findStudy('beats') ?? (await storage.createStudy('beats', ['minimize']));
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

  const run = (prefix: string, retries: number, trials = 3): { status: number | null; output: string } => {
    writeFileSync(join(dir, 'beats.tune.yaml'), config(retries, trials));
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

  it('with nothing left to start, waits for another host\'s running trial and runs it again when its heartbeat stops', async () => {
    // The orphan uses the whole budget of 1: without waiting, the run would end at once and leave it RUNNING forever.
    const storage = await openJournalStorage(`${redis.url}?prefix=lastrun`);
    await orphanOfDeadHost(storage, 0.5);
    await storage.close();
    const { status, output } = run('lastrun', 1, 1);
    assert.equal(status, 0, output);
    assert.match(output, /nothing left to start; waiting for 1 trial\(s\) other runs are running \(#0\)/);
    const reader = await openJournalStorage(`${redis.url}?prefix=lastrun`, { readOnly: true });
    const trials = reader.getTrials(reader.findStudy('beats')?.id ?? -1);
    await reader.close();
    assert.deepEqual(trials.map((t) => [t.state, t.systemAttrs[RETRIED_FROM_ATTR] ?? null]), [['fail', null], ['complete', 0]]);
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
    await assert.rejects(storage.finishTrial(trial!.id, 'complete', [0.1]), /already finished|cannot/);
    assert.equal(storage.getTrial(trial!.id).state, 'fail');
    await storage.close();
  });
});

describe('a host whose heartbeat renewals go unanswered', () => {
  /** Leases on a server that stopped answering (a cut link): every renewal hangs, none fails. */
  const silent: TrialLeases = { leaseMs: 300, beat: () => new Promise(() => undefined), drop: async () => undefined, alive: async () => new Set() };
  const study = { refresh: async () => false, getTrials: () => [] } as unknown as Study;

  it('stops its trials once a whole lease has gone without an answer, each once', async () => {
    const lost: [readonly number[], string][] = [];
    const beats = new TrialHeartbeats({
      leases: silent, study, write: (task) => task(), retries: 1, activeIds: () => [7, 8], log: () => undefined,
      onLeasesLost: (ids, reason) => lost.push([ids, reason]), onSwept: () => undefined,
    });
    const started = Date.now();
    beats.start();
    try {
      while (lost.length === 0 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
      const stoppedAfter = Date.now() - started;
      assert.ok(stoppedAfter >= 300 && stoppedAfter < 300 + 1000, `stopped after ${stoppedAfter} ms`);
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.equal(lost.length, 1, 'told once');
      assert.deepEqual(lost[0]?.[0], [7, 8]);
      assert.match(lost[0]?.[1] ?? '', /^stale: this host could not renew its trials' heartbeats for 300 ms \(no answer from Redis/);
    } finally {
      beats.stop();
    }
  });
});
