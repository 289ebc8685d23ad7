/**
 * One study on one Redis, worked on at the same time by Python Optuna 3.1 (JournalRedisStorage) and two
 * `tuneboard run` processes: trial numbers unique, nothing lost, each side sees every trial, and both
 * name the same best. The journal is Optuna's own layout, so this is the test of correctness.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { bestTrial } from '../../src/core';
import { openJournalStorage } from '../../src/redis/openJournal';
import { CLI } from '../unit/cli/cliHarness';
import { braninOnRedis, OPTUNA_REDIS_SCRIPT, optunaRedisSkip, PYTHON } from '../fixtures/braninOnRedis';

const run = promisify(execFile);

describe('a Redis study shared with Python Optuna 3.1 at the same time', { skip: optunaRedisSkip, timeout: 180_000 }, () => {
  const workspace = braninOnRedis();

  it('Python and two Tuneboard processes optimise one study: unique numbers, nothing lost, one best', async () => {
    const url = `${workspace.redis.url}/0`;
    const storage = `${url}?prefix=shared`;
    // The study first, from Tuneboard: two trials.
    await run(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', '2'], { cwd: workspace.dir });
    const tuneboard = (): Promise<unknown> => run(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--storage', storage, '--trials', '60', '--parallel', '2'], { cwd: workspace.dir });
    const python = run(PYTHON, [OPTUNA_REDIS_SCRIPT, 'optimize', url, 'shared', 'branin', '15'], { cwd: workspace.dir });
    await Promise.all([tuneboard(), tuneboard(), python]);

    const journal = await openJournalStorage(storage, { readOnly: true });
    const record = journal.findStudy('branin');
    const ours = journal.getTrials(record?.id ?? -1);
    await journal.close();
    const { stdout } = await run(PYTHON, [OPTUNA_REDIS_SCRIPT, 'dump', url, 'shared', 'branin']);
    const theirs = JSON.parse(stdout) as { trials: { number: number; state: string; value: number | null }[]; best: number };

    assert.deepEqual(ours.map((t) => t.number), ours.map((_, i) => i), 'trial numbers unique and in order');
    assert.deepEqual(theirs.trials.map((t) => [t.number, t.state, t.value]), ours.map((t) => [t.number, t.state, t.value]), 'each side sees every trial alike');
    assert.ok(ours.every((t) => t.state === 'complete'), `states: ${[...new Set(ours.map((t) => t.state))].join(', ')}`);
    const fromPython = ours.filter((t) => !('tuneboard:runner' in t.systemAttrs)).length;
    assert.equal(fromPython, 15, 'all of Python\'s trials are there');
    assert.ok(ours.length - fromPython >= 2 && ours.length <= 60 + 15, `Tuneboard ran ${ours.length - fromPython}`);
    assert.equal(bestTrial(ours, 'minimize')?.number, theirs.best);
    // They really ran at the same time: Python's trials sit between Tuneboard's, not after them.
    const pythonNumbers = ours.filter((t) => !('tuneboard:runner' in t.systemAttrs)).map((t) => t.number);
    const lastTuneboard = Math.max(...ours.filter((t) => 'tuneboard:runner' in t.systemAttrs).map((t) => t.number));
    assert.ok(Math.min(...pythonNumbers) < lastTuneboard, `Python's trials ${pythonNumbers.join(',')}, Tuneboard's last ${lastTuneboard}`);
  });
});
