/**
 * Enqueued trials of one Redis study popped at the same time by Python Optuna 3.1 and two `tuneboard
 * run` processes. Python takes no lock to pop a waiting trial: the first RUNNING record in the log owns
 * it, and the loser must move on without writing to it. Each enqueued trial runs once, with its own
 * params, whoever ran it, and both sides agree on every trial.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { FIXED_PARAMS_ATTR, RUNNER_ATTR } from '../../src/core';
import { openJournalStorage } from '../../src/redis/openJournal';
import { REPO_ROOT } from '../fixtures/configs';
import { redisSkip, startRedis, type RedisServer } from '../fixtures/redisServer';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'optuna_redis.py');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const hasOptunaRedis = spawnSync(PYTHON, ['-c', 'import optuna, redis'], { stdio: 'ignore' }).status === 0;
const skip = redisSkip || (!hasOptunaRedis && !process.env.CI ? 'python3-optuna or python3-redis is not installed' : false);
const ENQUEUED = 100;

describe('waiting trials of a Redis study popped by Python Optuna 3.1 and Tuneboard at once', { skip, timeout: 180_000 }, () => {
  let redis: RedisServer;
  let dir = '';

  before(async () => {
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT }).status !== 0) throw new Error('build failed');
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-redis-queue-'));
    cpSync(join(REPO_ROOT, 'examples', 'branin'), dir, { recursive: true });
  });

  after(async () => {
    await redis?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs each enqueued trial once, with the params it was enqueued with, on whichever side took it', async () => {
    const url = `${redis.url}/0`;
    const storage = `${url}?prefix=queue`;
    await run(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', '1'], { cwd: dir });
    await run(PYTHON, [SCRIPT, 'enqueue', url, 'queue', 'branin', String(ENQUEUED)], { cwd: dir });
    // Budget 1 is used up: Tuneboard runs only what is waiting. Python's trials take 20 ms more, so the
    // two sides pop from the queue over the same second or two.
    const tuneboard = (): Promise<unknown> => run(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', '1', '--parallel', '2'], { cwd: dir });
    await Promise.all([tuneboard(), tuneboard(), run(PYTHON, [SCRIPT, 'optimize', url, 'queue', 'branin', String(ENQUEUED), '0.02'], { cwd: dir })]);

    const journal = await openJournalStorage(storage, { readOnly: true });
    const trials = journal.getTrials(journal.findStudy('branin')?.id ?? -1);
    await journal.close();
    const { stdout } = await run(PYTHON, [SCRIPT, 'check', url, 'queue', 'branin']);
    const theirs = (JSON.parse(stdout) as { trials: { number: number; state: string; value: number | null; params: Record<string, number> }[] }).trials;

    assert.deepEqual(trials.map((t) => t.number), trials.map((_, i) => i), 'numbers unique and in order');
    assert.ok(trials.every((t) => t.state === 'complete'), `states: ${[...new Set(trials.map((t) => t.state))].join(', ')}`);
    const enqueued = trials.filter((t) => FIXED_PARAMS_ATTR in t.systemAttrs);
    assert.equal(enqueued.length, ENQUEUED, 'every enqueued trial ran, none twice');
    for (const [i, trial] of enqueued.entries()) {
      assert.deepEqual(trial.params, { x1: -5 + (15 * i) / ENQUEUED, x2: (15 * i) / ENQUEUED }, `trial #${trial.number} kept the params it was enqueued with`);
    }
    assert.deepEqual(theirs.map((t) => [t.number, t.state, t.value, t.params]), trials.map((t) => [t.number, t.state, t.value, t.params]), 'Python reads the same trials');
    const byTuneboard = enqueued.filter((t) => RUNNER_ATTR in t.systemAttrs).length;
    // Which side took how many is up to timing; the log above is correct either way. Say it, for the record.
    console.log(`enqueued trials run by Tuneboard: ${byTuneboard}, by Python: ${ENQUEUED - byTuneboard}`);
  });
});
