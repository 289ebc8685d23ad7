/**
 * `--storage <journal|url>` on every command that opens a study, run as users run them (dist/cli.js):
 * on its own it names the journal (with `--study` when it holds several), beside a config it replaces
 * the config's `storage:` while the config still names the study; a malformed URL or a Redis server
 * nobody answers on is one line naming the address, exit 2, never a stack trace.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { openJournalStorage } from '../../../src/redis/openJournal';
import { freePort, redisSkip, startRedis, type RedisServer } from '../../fixtures/redisServer';
import { CLI, ensureBuilt, parseCsv, runCli, type CliResult } from './cliHarness';

const config = (name: string, metric = 'value'): string => `name: ${name}
objective: { metric: ${metric}, direction: minimize }
search: { sampler: random, trials: 3, parallel: 1, seed: 5 }
space:
  x: { float: [0, 1] }
trial:
  command: [node, quad.mjs, "\${x}"]
`;

let dir = '';
before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-storage-option-'));
  writeFileSync(join(dir, 'quad.mjs'), "console.log('value=' + (Number(process.argv[2]) - 0.3) ** 2);\n");
  writeFileSync(join(dir, 'quad.tune.yaml'), config('quad'));
  writeFileSync(join(dir, 'other.tune.yaml'), config('other'));
  // The same study under another objective name, whose own storage: holds nothing.
  writeFileSync(join(dir, 'renamed.tune.yaml'), `${config('quad', 'loss')}storage: elsewhere/quad.jsonl\n`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** runCli, but without blocking: commands that each wait for a server can wait side by side. */
function runCliAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

/** The command failed with exactly one line on stderr, and no stack trace anywhere. */
function assertOneLineFailure(result: CliResult, message: RegExp, what: string): void {
  assert.equal(result.status, 2, `${what}: ${result.stderr}`);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `${what}: ${result.stderr}`);
  assert.match(lines[0] ?? '', message, what);
  assert.doesNotMatch(`${result.stdout}\n${result.stderr}`, /^\s+at /m, `${what}: no stack trace`);
}

describe('--storage on a study run on Redis', { skip: redisSkip }, () => {
  let redis: RedisServer;
  let url = '';
  before(async () => {
    redis = await startRedis();
    url = `${redis.url}?prefix=quad`;
    const run = runCli(dir, ['run', 'quad.tune.yaml', '--storage', url, '--plain']);
    assert.equal(run.status, 0, run.stderr);
  });
  after(async () => redis?.dispose());

  async function bestOnRedis(): Promise<{ number: number; value: number | null }> {
    const storage = await openJournalStorage(url, { readOnly: true });
    const trials = storage.getTrials(storage.findStudy('quad')?.id ?? -1);
    await storage.close();
    assert.equal(trials.length, 3);
    return [...trials].sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity))[0]!;
  }

  it('show --storage <url> prints the leaderboard of the study on Redis', () => {
    const shown = runCli(dir, ['show', '--storage', url]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.equal(shown.stderr, '');
    assert.match(shown.stdout, new RegExp(`^study quad · minimize value · journal redis://127\\.0\\.0\\.1:${redis.port}/0\\?prefix=quad$`, 'm'));
    assert.match(shown.stdout, /^trials 3: 3 complete$/m);
  });

  it('best --storage and export --storage read the same trials', async () => {
    const expected = await bestOnRedis();
    const best = runCli(dir, ['best', '--storage', url]);
    assert.equal(best.status, 0, best.stderr);
    assert.deepEqual((JSON.parse(best.stdout) as { number: number; value: number }).number, expected.number);
    assert.equal((JSON.parse(best.stdout) as { value: number }).value, expected.value);
    const csv = runCli(dir, ['export', '--storage', url, '--csv']);
    assert.equal(csv.status, 0, csv.stderr);
    const rows = parseCsv(csv.stdout);
    assert.deepEqual(rows[0]?.slice(0, 3), ['number', 'state', 'value']);
    assert.deepEqual(rows.slice(1).map((row) => row[1]), ['complete', 'complete', 'complete']);
    const json = runCli(dir, ['export', '--storage', url, '--json']);
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 3);
  });

  it('beside a config, --storage replaces its storage: and the config still names the study and objective', async () => {
    const alone = runCli(dir, ['show', 'renamed.tune.yaml']);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /^tuneboard: elsewhere\/quad\.jsonl does not exist: study 'quad' has no trials yet/);
    const shown = runCli(dir, ['show', 'renamed.tune.yaml', '--storage', url]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^study quad · minimize loss · journal redis://127\\.0\\.0\\.1:${redis.port}/0\\?prefix=quad$`, 'm'));
    const best = runCli(dir, ['best', 'renamed.tune.yaml', '--storage', url, '--format', 'args']);
    assert.equal(best.status, 0, best.stderr);
    assert.match(best.stdout, /^--x \S+\n$/);
    const missing = runCli(dir, ['show', 'other.tune.yaml', '--storage', url]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /holds no study 'other' \(it holds 'quad'\); start it with: node \S+ run other\.tune\.yaml --storage '?redis:/);
  });

  it('asks for --study when the storage holds several studies, as for a journal file, and takes it', async () => {
    // Python Optuna can keep several studies under one prefix (a tuneboard run keeps to one).
    const shared = `${redis.url}?prefix=shared`;
    const storage = await openJournalStorage(shared);
    await storage.createStudy('quad', ['minimize']);
    await storage.createStudy('other', ['minimize']);
    await storage.close();
    const ambiguous = runCli(dir, ['show', '--storage', shared]);
    assert.equal(ambiguous.status, 2);
    assert.equal(ambiguous.stderr, `tuneboard: redis://127.0.0.1:${redis.port}/0?prefix=shared holds 2 studies: 'quad', 'other'; pick one with --study <name>\n`);
    const other = runCli(dir, ['show', '--storage', shared, '--study', 'other']);
    assert.equal(other.status, 0, other.stderr);
    assert.match(other.stdout, /^study other · minimize value/);
    assert.match(other.stdout, /^no trials yet$/m);
  });

  it('enqueue and stop take --storage <url> too', () => {
    const queued = `${redis.url}?prefix=queued`;
    const enqueued = runCli(dir, ['enqueue', 'quad.tune.yaml', '--storage', queued, '--param', 'x=0.5']);
    assert.equal(enqueued.status, 0, enqueued.stderr);
    assert.equal(enqueued.stdout, 'enqueued trial #0 of quad (waiting)\n');
    assert.match(runCli(dir, ['show', 'quad.tune.yaml', '--storage', queued]).stdout, /^trials 1: 1 waiting$/m);
    const stop = runCli(dir, ['stop', '--storage', queued]);
    assert.equal(stop.status, 0, stop.stderr);
    assert.match(stop.stdout, /^asked every run of study 'quad' \(redis:\/\/127\.0\.0\.1:\d+\/0\?prefix=queued\) to stop/);
  });
});

describe('--storage that cannot be used', () => {
  it('a Redis server nobody answers on: one line naming 127.0.0.1:PORT, exit 2, from every command', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const commands = [
      ['show', '--storage', url], ['best', '--storage', url], ['export', '--storage', url, '--csv'], ['importance', '--storage', url],
      ['stop', '--storage', url], ['show', 'quad.tune.yaml', '--storage', url], ['show', url],
      ['enqueue', 'quad.tune.yaml', '--storage', url, '--param', 'x=0.5'], ['resume', 'quad.tune.yaml', '--storage', url],
    ];
    // run also reports it in its own log (stdout); stderr has it once.
    commands.push(['run', 'quad.tune.yaml', '--storage', url, '--plain']);
    const reach = new RegExp(`^tuneboard: cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(.*\\): check that redis-server runs there`);
    // Each waits a moment for the server before it gives up: side by side, so the test does not add them up.
    const results = await Promise.all(commands.map(runCliAsync));
    results.forEach((result, i) => assertOneLineFailure(result, reach, commands[i]?.join(' ') ?? ''));
  });

  it('a malformed URL: one line naming it with its password masked, exit 2, before anything is opened', () => {
    const bad = 'redis://me:s3cret@127.0.0.1:notaport';
    for (const args of [['show', '--storage', bad], ['export', 'quad.tune.yaml', '--storage', bad, '--json'], ['run', 'quad.tune.yaml', '--storage', bad], ['show', bad]]) {
      const result = runCli(dir, args);
      assertOneLineFailure(result, /^tuneboard: cannot use redis:\/\/me:\*\*\*@127\.0\.0\.1:notaport: not a valid Redis URL/, args.join(' '));
      assert.ok(!result.stderr.includes('s3cret'), 'the password is not printed');
    }
    assertOneLineFailure(runCli(dir, ['best', '--storage', 'http://db:80']), /^tuneboard: cannot use http:\/\/db:80: 'http' storage is not supported/, 'http');
  });

  it('a journal file named by --storage alone, or by both the argument and --storage, or by nothing', async () => {
    const study = await createStudy({ name: 'filed', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage: join(dir, 'filed.jsonl') });
    await study.tell(await study.ask(), 0.25);
    await study.close();
    const shown = runCli(dir, ['show', '--storage', 'filed.jsonl']);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /^study filed · minimize value · journal filed\.jsonl$/m);
    assert.deepEqual(runCli(dir, ['show', '--storage', 'nope.jsonl']), { status: 2, stdout: '', stderr: 'tuneboard: cannot read nope.jsonl: no such file\n' });
    assertOneLineFailure(runCli(dir, ['show', 'filed.jsonl', '--storage', 'filed.jsonl']), /both name a journal: give one of them$/, 'twice');
    assertOneLineFailure(runCli(dir, ['best']), /^tuneboard: name the study: a \*\.tune\.yaml config, a journal or a storage URL, or --storage <journal\|url>$/, 'nothing');
  });
});
