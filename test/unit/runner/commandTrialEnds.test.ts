/**
 * How a command trial ends and what it leaves: grandchildren that hold the pipes or outlive the
 * trial, endless lines, and trial logs that cannot be written or would grow without bound.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FAIL_REASON_ATTR, LOG_ATTR } from '../../../src/core';
import { trialLogDir } from '../../../src/runner/createExecutor';
import { commandConfig, journalTrials, runCommandStudy, tempDir, waitUntilDead } from './runnerFixtures';

const reason = (trial: { systemAttrs: Readonly<Record<string, unknown>> } | undefined): string => String(trial?.systemAttrs[FAIL_REASON_ATTR] ?? '');


/** The journal is left as a finished run leaves it: no lock file, no trial still running. */
async function assertLeftClean(dir: string): Promise<void> {
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.lock')), [], 'no journal lock is left behind');
  assert.ok((await journalTrials(dir)).every((t) => t.state !== 'running'), 'no trial is left running');
}

const okConfig = (trials: number): ReturnType<typeof commandConfig> =>
  commandConfig(`search: { sampler: random, trials: ${trials}, parallel: 1, seed: 1 }
space:
  mode: [ok]
  x: { float: [0, 1] }`);

describe('trial logs that cannot be written', () => {
  it('a log path that is a folder fails that trial with the reason, and the study goes on', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = okConfig(3);
      mkdirSync(join(trialLogDir(join(dir, 'study.jsonl'), config.name), 'trial-0001.log'), { recursive: true });
      const { finished } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['complete', 'fail', 'complete']);
      assert.match(reason(trials[1]), /cannot write the trial log .*trial-0001\.log: it is a folder/);
      await assertLeftClean(dir);
    } finally {
      cleanup();
    }
  });

  it('a full disk (/dev/full) fails that trial with the reason, and the study goes on', { skip: !existsSync('/dev/full') }, async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = okConfig(2);
      const logDir = trialLogDir(join(dir, 'study.jsonl'), config.name);
      mkdirSync(logDir, { recursive: true });
      symlinkSync('/dev/full', join(logDir, 'trial-0000.log'));
      const { finished } = await runCommandStudy(config, dir);
      assert.equal(finished.reason, 'trials');
      const trials = await journalTrials(dir);
      assert.deepEqual(trials.map((t) => t.state), ['fail', 'complete']);
      assert.match(reason(trials[0]), /trial-0000\.log: no space left on the device/);
      await assertLeftClean(dir);
    } finally {
      cleanup();
    }
  });

  it('keeps only the newest output of a chatty command, saying what it dropped', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 1, parallel: 1 }
space:
  mode: [chatty]
  x: { float: [0, 1] }`, '  env: { LINES: "2000" }');
      await runCommandStudy(config, dir, {}, { maxLogBytes: 16 * 1024 });
      const [trial] = await journalTrials(dir);
      assert.equal(trial?.state, 'complete');
      const log = String(trial?.systemAttrs[LOG_ATTR]);
      assert.ok(statSync(log).size <= 16 * 1024 + 1024, `the log stays near its cap, got ${statSync(log).size} bytes`);
      const text = readFileSync(log, 'utf8');
      assert.match(text, /^\$ .*behaviour\.mjs\n# cwd: /, 'the command line stays on top');
      assert.match(text, /# \[tuneboard\] [\d.]+ KB of earlier output dropped here/);
      assert.match(text, /step=1999 value=\S+\n# exit 0\n$/, 'the newest output is kept');
    } finally {
      cleanup();
    }
  });
});

describe('command trials end with their program', () => {
  for (const mode of ['linger', 'escape'] as const) {
    it(`${mode}: a grandchild holding stdout does not hold the trial${mode === 'linger' ? ', and is killed with it' : ''}`, async () => {
      const { dir, cleanup } = tempDir();
      const pidFile = join(dir, 'grandchild.pid');
      try {
        const config = commandConfig(`search: { sampler: random, trials: 1, parallel: 1 }
space:
  mode: [${mode}]
  x: { float: [0, 1] }`, `  timeout: 20s\n  env: { PID_FILE: ${JSON.stringify(pidFile)} }`);
        const { finished } = await runCommandStudy(config, dir);
        assert.equal(finished.reason, 'trials');
        const [trial] = await journalTrials(dir);
        assert.equal(trial?.state, 'complete', reason(trial));
        assert.equal(trial?.value, trial?.params.x);
        const grandchild = Number(readFileSync(pidFile, 'utf8'));
        // A grandchild that made its own process group cannot be reached; one in the trial's group is ended.
        if (mode === 'linger') assert.equal(await waitUntilDead(grandchild, 2000), true, `grandchild ${grandchild} outlived the trial`);
      } finally {
        if (existsSync(pidFile)) {
          try {
            process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
          } catch {
            // already gone
          }
        }
        cleanup();
      }
    });
  }

  it('cuts a line longer than the limit in the log, and still reads the metrics after it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const config = commandConfig(`search: { sampler: random, trials: 1, parallel: 1 }
space:
  mode: [long-line]
  x: { float: [0, 1] }`, '  env: { LONG_LINE_MB: "3" }');
      await runCommandStudy(config, dir, {}, { maxLineLength: 64 * 1024 });
      const [trial] = await journalTrials(dir);
      assert.equal(trial?.state, 'complete', reason(trial));
      assert.equal(trial?.value, trial?.params.x);
      const text = readFileSync(String(trial?.systemAttrs[LOG_ATTR]), 'utf8');
      assert.match(text, /x{65536} … \[tuneboard: 3080192 more characters of this line were cut\]\nvalue=/);
    } finally {
      cleanup();
    }
  });
});
