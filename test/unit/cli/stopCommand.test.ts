/**
 * `tuneboard stop`: a stop request written into the journal stops every run of the study within a
 * second or two, wherever it runs (here: a run on a file journal, and two runs on one Redis study);
 * running trials are recorded as interrupted, and a later run is not stopped by the old request.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';
import { CLI, ensureBuilt, runCli } from './cliHarness';

const CONFIG = `name: slow
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 6, parallel: 2, seed: 1 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, slow.mjs, "\${x}"]
`;

interface Run {
  readonly exited: Promise<number | null>;
  output(): string;
}

function startRun(dir: string, extra: readonly string[] = []): Run {
  const child = spawn(process.execPath, [CLI, 'run', 'slow.tune.yaml', ...extra], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), output: () => output };
}

async function until(what: string, done: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function exitWithin(run: Run, ms: number): Promise<number | null | 'hung'> {
  return Promise.race([run.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);
}

describe('tuneboard stop', () => {
  let dir = '';

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-stop-'));
    writeFileSync(join(dir, 'slow.mjs'), "setTimeout(() => console.log('value=' + process.argv[2]), 60_000);\n");
    writeFileSync(join(dir, 'slow.tune.yaml'), CONFIG);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops a run of a file-journal study from another process; a later run is not stopped by the old request', async () => {
    const run = startRun(dir);
    await until('two running trials', () => (run.output().match(/trial \d+ started/g) ?? []).length >= 2);
    const stop = runCli(dir, ['stop', 'slow.tune.yaml']);
    assert.equal(stop.status, 0, stop.stderr);
    assert.match(stop.stdout, /^asked every run of study 'slow' \(\.tuneboard\/slow\.jsonl\) to stop; 2 running trial\(s\) will be recorded as interrupted/);
    assert.equal(await exitWithin(run, 10_000), 130, run.output());
    assert.match(run.output(), /stop requested by pid \d+ on /);
    const shown = runCli(dir, ['show', 'slow.tune.yaml']);
    assert.match(shown.stdout, /trials 2: 2 stopped$/m); // stopped, not failed: the read model's display state

    const again = startRun(dir);
    await until('a trial of the new run', () => /trial \d+ started/.test(again.output()));
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two stop checks go by
    assert.equal(await exitWithin(again, 1), 'hung', 'the old request does not stop a new run');
    assert.equal(runCli(dir, ['stop', 'slow.tune.yaml']).status, 0);
    assert.equal(await exitWithin(again, 10_000), 130);
  });

  describe('on Redis', { skip: redisSkip }, () => {
    let redis: RedisServer;
    before(async () => (redis = await startRedis()));
    after(async () => redis?.dispose());

    it('stops every run of the study, each on its own (as on two hosts)', async () => {
      const storage = `${redis.url}?prefix=slow`;
      const runs = [startRun(dir, ['--storage', storage, '--parallel', '1']), startRun(dir, ['--storage', storage, '--parallel', '1'])];
      await until('a trial in each run', () => runs.every((run) => /trial \d+ started/.test(run.output())));
      const stop = runCli(dir, ['stop', storage]);
      assert.equal(stop.status, 0, stop.stderr);
      assert.deepEqual(await Promise.all(runs.map((run) => exitWithin(run, 10_000))), [130, 130]);
      const journal = await openJournalStorage(storage, { readOnly: true });
      const trials = journal.getTrials(journal.findStudy('slow')?.id ?? -1);
      await journal.close();
      assert.equal(trials.length, 2);
      assert.ok(trials.every((t) => t.state === 'fail' && /^interrupted/.test(String(t.systemAttrs.fail_reason))));
    });
  });
});
