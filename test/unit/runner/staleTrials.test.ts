/** Trials left running by a run that was killed outright (no chance to record them) are closed on the next run. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStorage } from '../../../src/core/storage';
import { Study } from '../../../src/core/study';
import { RUNNER_ATTR } from '../../../src/runner/staleTrials';
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
});
