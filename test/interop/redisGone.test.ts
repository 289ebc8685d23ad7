/**
 * A run whose Redis goes away for good: it ends by itself within a minute with one line naming
 * host:port and what to check (not ioredis's words, no stack trace), where it used to wait forever as
 * its once-a-second looks piled up behind writes that each waited out the retries. Once Redis is back,
 * the next run fails the trials the lost run could not record as stale, runs them again, and leaves
 * nothing running.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { FAIL_REASON_ATTR, RETRIED_FROM_ATTR } from '../../src/core';
import { openJournalStorage } from '../../src/redis/openJournal';
import { braninOnRedis } from '../fixtures/braninOnRedis';
import { redisSkip } from '../fixtures/redisServer';
import { CLI } from '../unit/cli/cliHarness';

const run = promisify(execFile);

describe('a run whose Redis goes away', { skip: redisSkip, timeout: 240_000 }, () => {
  const workspace = braninOnRedis({ appendonly: true });

  it('ends with one line naming host:port, and the next run redoes what it could not record', async () => {
    const storage = `${workspace.redis.url}/0?prefix=gone`;
    const completeTrials = async (): Promise<number> => {
      const journal = await openJournalStorage(storage, { readOnly: true });
      try {
        return journal.getTrials(journal.findStudy('branin')?.id ?? -1).filter((t) => t.state === 'complete').length;
      } finally {
        await journal.close();
      }
    };
    const child = spawn(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', '100000', '--parallel', '2'], { cwd: workspace.dir, env: { ...process.env, TUNEBOARD_TRIAL_LEASE_MS: '3000' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; (await completeTrials().catch(() => 0)) < 3; waited += 100) {
        if (waited > 60_000) throw new Error(`no trials ran:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await workspace.redis.stop();
      const stoppedAt = Date.now();
      let guard: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), 150_000)))]);
      clearTimeout(guard);
      assert.notEqual(code, 'hung', `the run was still waiting 150 s after Redis went away:\n${output.slice(-2000)}`);
      assert.equal(code, 3, output.slice(-2000));
      console.log(`the run ended ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after Redis went away`);
      const address = `127.0.0.1:${workspace.redis.port}`;
      assert.match(output, new RegExp(`cannot reach Redis at ${address.replace(/\./g, '\\.')} \\(no answer for 30 s while reconnecting\\): check that redis-server runs there`));
      assert.doesNotMatch(output, /maxRetriesPerRequest|\n\s+at .*\.js:\d+/, 'neither ioredis\'s words nor a stack trace');
    } finally {
      child.kill('SIGKILL');
    }

    // Back again (appendonly: nothing acknowledged was lost): the trials the lost run left RUNNING have no
    // heartbeat any more, so the next run fails them as stale and runs their params again.
    await workspace.redis.start();
    const before = await completeTrials();
    await run(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', String(before + 4)], { cwd: workspace.dir, env: { ...process.env, TUNEBOARD_TRIAL_LEASE_MS: '3000' } });
    const journal = await openJournalStorage(storage, { readOnly: true });
    const trials = journal.getTrials(journal.findStudy('branin')?.id ?? -1);
    await journal.close();
    assert.deepEqual(trials.filter((t) => t.state === 'running').map((t) => t.number), [], 'nothing left running');
    // Failed as interrupted (a run on this host whose process is gone) or stale (another host's), either way retried.
    const stale = trials.filter((t) => t.state === 'fail');
    assert.ok(stale.length >= 1, 'the lost run\'s trials were failed');
    assert.ok(stale.every((t) => /^interrupted: (the run that started it|stale)/.test(String(t.systemAttrs[FAIL_REASON_ATTR]))), 'as interrupted, using no budget');
    for (const trial of stale) {
      const retry = trials.find((t) => t.systemAttrs[RETRIED_FROM_ATTR] === trial.number);
      assert.deepEqual(retry?.params, trial.params, `trial #${trial.number}'s params ran again`);
    }
  });
});
