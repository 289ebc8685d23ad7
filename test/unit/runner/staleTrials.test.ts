/** Trials left running by a run that was killed outright (no chance to record them) are closed on the next run. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StudyConfig } from '../../../src/core/config';
import { openStorage } from '../../../src/core/storage';
import { Study } from '../../../src/core/study';
import { RUNNER_ATTR } from '../../../src/core';
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
      const study = await Study.open(storage, { name: config.name, direction: 'minimize', searchSpace: config.space, sampler: config.sampler });
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

async function enqueueTrial(config: StudyConfig, dir: string, params: Record<string, number | string>): Promise<void> {
  const storage = await openStorage(join(dir, 'study.jsonl'));
  try {
    const study = await Study.open(storage, { name: config.name, direction: config.objective.direction, searchSpace: config.space, sampler: config.sampler });
    await study.enqueue(params);
  } finally {
    await storage.close();
  }
}
