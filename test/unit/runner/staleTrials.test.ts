/**
 * Trials left running by a run that was killed outright (no chance to record them) are closed on the next
 * run and their params run again (search.retries, as a heartbeat sweep does on Redis); a late result for a
 * trial another run failed meanwhile is refused, and the run goes on.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StudyConfig } from '../../../src/core/config';
import { openStorage } from '../../../src/core/storage';
import { Study } from '../../../src/core/study';
import { FAIL_REASON_ATTR, INTERRUPTED, OPTUNA_FAILED_TRIAL_ATTR, OPTUNA_RETRY_HISTORY_ATTR, RETRIED_FROM_ATTR, RUNNER_ATTR } from '../../../src/core';
import type { RunningTrial, TrialExecutor } from '../../../src/runner/executor';
import { runStudy } from '../../../src/runner/studyRunner';
import { commandConfig, journalTrials, runCommandStudy, tempDir } from './runnerFixtures';

describe('stale running trials', () => {
  it('are failed as interrupted when their process is gone from this host; other hosts are left alone', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 4, parallel: 2, seed: 2 }
space:
  mode: [ok]
  x: { float: [0, 1] }`);
      // A journal as a killed run leaves it: two trials still RUNNING.
      const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      const storage = await openStorage(join(dir, 'study.jsonl'));
      const study = await Study.open(storage, { name: config.name, directions: ['minimize'], searchSpace: config.space, sampler: config.sampler });
      const orphan = await study.ask();
      await study.setSystemAttr(orphan, RUNNER_ATTR, { host: hostname(), pid: Number(deadPid) });
      const remote = await study.ask();
      await study.setSystemAttr(remote, RUNNER_ATTR, { host: 'some-other-machine', pid: 1 });
      await study.close();

      const { events } = await runCommandStudy(config, dir);
      const trials = await journalTrials(dir);
      assert.equal(trials[0]?.state, 'fail');
      assert.match(String(trials[0]?.systemAttrs.fail_reason), new RegExp(`^interrupted: the run that started it \\(pid ${deadPid}\\)`));
      assert.equal(trials[1]?.state, 'running', "another host's trial may still be running there");
      assert.ok(events.some((e) => e.type === 'log' && /closed 1 trial\(s\) left running/.test(e.message)));
      // Budget 4: the interrupted trial does not count, the remote running one does.
      assert.equal(trials.filter((t) => t.state === 'complete').length, 3);
    } finally {
      cleanup();
    }
  });

  it('runs a crashed trial\'s params once more (search.retries 1 by default), recording retried_from and Optuna\'s failed_trial', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(BODY);
      const orphan = await orphanOfDeadRun(config, dir, {});
      const { events } = await runCommandStudy(config, dir);
      const trials = await journalTrials(dir);
      assert.match(String(trials[orphan]?.systemAttrs[FAIL_REASON_ATTR]), /^interrupted: the run that started it/);
      const retries = trials.filter((t) => t.systemAttrs[RETRIED_FROM_ATTR] !== undefined);
      assert.equal(retries.length, 1, 'retried once');
      assert.deepEqual([retries[0]?.state, retries[0]?.params, retries[0]?.systemAttrs[RETRIED_FROM_ATTR], retries[0]?.systemAttrs[OPTUNA_FAILED_TRIAL_ATTR]], ['complete', trials[orphan]?.params, orphan, orphan]);
      assert.deepEqual(retries[0]?.systemAttrs[OPTUNA_RETRY_HISTORY_ATTR], [orphan], "Optuna's RetryFailedTrialCallback.retry_history");
      assert.equal(trials.filter((t) => t.state === 'complete').length, 3, 'the retry is one of the budget\'s 3 trials');
      assert.ok(events.some((e) => e.type === 'log' && e.message === `closed 1 trial(s) left running by a run that stopped: #${orphan}; their params run again as #${retries[0]?.number}`));
    } finally {
      cleanup();
    }
  });

  for (const retries of [1, 2]) {
    it(`counts the retries along a chain: a crashed retry of a crashed trial is ${retries === 1 ? 'not retried with search.retries 1' : 'retried with search.retries 2, failed_trial naming the first'}`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const config = commandConfig(BODY.replace('seed: 2', `seed: 2, retries: ${retries}`));
        const first = await orphanOfDeadRun(config, dir, {}, `${INTERRUPTED}: the run that started it stopped without finishing it`);
        const second = await orphanOfDeadRun(config, dir, { [RETRIED_FROM_ATTR]: first, [OPTUNA_FAILED_TRIAL_ATTR]: first });
        await runCommandStudy(config, dir);
        const trials = await journalTrials(dir);
        assert.equal(trials[second]?.state, 'fail');
        const again = trials.filter((t) => t.systemAttrs[RETRIED_FROM_ATTR] === second);
        if (retries === 1) assert.deepEqual(again, [], 'its params already ran twice');
        else assert.deepEqual(again.map((t) => [t.state, t.systemAttrs[OPTUNA_FAILED_TRIAL_ATTR], t.systemAttrs[OPTUNA_RETRY_HISTORY_ATTR]]), [['complete', first, [first, second]]]);
        assert.equal(trials.filter((t) => t.state === 'complete').length, 3);
      } finally {
        cleanup();
      }
    });
  }

  it('refuses a late result for a trial another run failed while it ran, and goes on', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(BODY);
      const storagePath = join(dir, 'study.jsonl');
      // Trial 0 is failed by "another run" (another storage on the journal) while it runs; then it completes here.
      const executor: TrialExecutor = {
        prepare: async () => undefined,
        start: ({ number, params }): RunningTrial => {
          const outcome = (async () => {
            if (number === 0) {
              const other = await openStorage(storagePath);
              const trial = other.getTrials(other.findStudy(config.name)?.id ?? -1)[0];
              await other.setTrialSystemAttr(trial!.id, FAIL_REASON_ATTR, `${INTERRUPTED}: stale: test`);
              await other.finishTrial(trial!.id, 'fail', null);
              await other.close();
            }
            const value = Number(params.x);
            return { kind: 'complete' as const, value, metrics: { value }, attrs: {} };
          })();
          return { outcome, attrs: {}, stop: () => undefined, kill: () => undefined };
        },
        dispose: async () => undefined,
      };
      const events: { type: string; message?: string }[] = [];
      const finished = await runStudy({ config, configPath: null, storagePath, executor, parallel: 1, fallbackSeed: 1, emit: (event) => events.push(event) });
      assert.equal(finished.error, null);
      const trials = await journalTrials(dir);
      assert.deepEqual([trials[0]?.state, trials[0]?.value, trials[0]?.systemAttrs[FAIL_REASON_ATTR]], ['fail', null, `${INTERRUPTED}: stale: test`], 'the late result was not recorded');
      assert.ok(events.some((e) => e.type === 'log' && e.message?.startsWith(`trial 0 was failed by another run while this host ran it (${INTERRUPTED}: stale: test): its result here is not recorded`)));
      assert.equal(trials.filter((t) => t.state === 'complete').length, 3, 'the run went on to its budget');
    } finally {
      cleanup();
    }
  });

  for (const enqueued of [false, true]) {
    it(`closes a trial whose run was killed right after ${enqueued ? 'starting it from the queue' : 'creating it'}, so the budget can still be met`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const config = commandConfig(BODY);
        if (enqueued) await enqueueTrial(config, dir, { mode: 'ok', x: 0.5 });
        const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'killAfterAskWorker.ts'), join(dir, 'study.jsonl'), BODY], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
        assert.equal(signal, 'SIGKILL', stderr);
        const left = await journalTrials(dir);
        assert.deepEqual(left.map((t) => t.state), ['running'], 'the killed run left its one trial running');
        assert.deepEqual(left[0]?.systemAttrs[RUNNER_ATTR], { host: hostname(), pid: child.pid }, 'the trial names its runner from the moment it runs');

        const { events } = await runCommandStudy(config, dir);
        const trials = await journalTrials(dir);
        assert.equal(trials[0]?.state, 'fail');
        assert.match(String(trials[0]?.systemAttrs.fail_reason), /^interrupted: the run that started it/);
        assert.equal(trials.filter((t) => t.state === 'complete').length, 3, 'the orphan did not eat the budget');
        assert.ok(events.some((e) => e.type === 'log' && /closed 1 trial\(s\) left running/.test(e.message)));
      } finally {
        cleanup();
      }
    });
  }
});

const BODY = `search: { sampler: random, trials: 3, parallel: 1, seed: 2 }
space:
  mode: [ok]
  x: { float: [0, 1] }`;

/** A trial RUNNING in the journal, started by a process of this host that is gone; `reason`: fail it so instead. Returns its number. */
async function orphanOfDeadRun(config: StudyConfig, dir: string, systemAttrs: Record<string, number>, reason?: string): Promise<number> {
  const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  const storage = await openStorage(join(dir, 'study.jsonl'));
  try {
    const study = await Study.open(storage, { name: config.name, directions: config.objectives.map((o) => o.direction), searchSpace: config.space, sampler: config.sampler });
    const trial = await study.ask({ systemAttrs: { ...systemAttrs, [RUNNER_ATTR]: { host: hostname(), pid: Number(deadPid) } } });
    if (reason !== undefined) await study.tell(trial, { state: 'fail', error: reason });
    return trial.number;
  } finally {
    await storage.close();
  }
}

async function enqueueTrial(config: StudyConfig, dir: string, params: Record<string, number | string>): Promise<void> {
  const storage = await openStorage(join(dir, 'study.jsonl'));
  try {
    const study = await Study.open(storage, { name: config.name, directions: config.objectives.map((o) => o.direction), searchSpace: config.space, sampler: config.sampler });
    await study.enqueue(params);
  } finally {
    await storage.close();
  }
}
