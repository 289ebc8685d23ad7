/**
 * `tuneboard run` against a journal whose lock another live process holds: it says whose lock it waits
 * for, and Ctrl-C stops the wait at once (exit 130, nothing written), instead of 30 s of silence.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../../fixtures/configs';
import { CLI, ensureBuilt, runCli } from './cliHarness';

describe('run waiting for a lock held by a live process', () => {
  let dir = '';

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-lockwait-'));
    cpSync(join(REPO_ROOT, 'examples', 'branin'), dir, { recursive: true });
    // A first run makes the journal; then a live process (this test) "holds" its lock.
    assert.equal(runCli(dir, ['run', 'branin.tune.yaml', '--trials', '2']).status, 0);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says whose lock it waits for, and stops waiting on Ctrl-C with exit 130, writing nothing', async () => {
    const journal = join(dir, '.tuneboard', 'branin.jsonl');
    const before = readFileSync(journal, 'utf8');
    writeFileSync(`${journal}.lock`, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`);
    const child = spawn(process.execPath, [CLI, 'run', 'branin.tune.yaml', '--trials', '4'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (const end = Date.now() + 15_000; !output.includes('waiting for the lock') && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
    assert.match(output, new RegExp(`waiting for the lock on .*branin\\.jsonl: held by pid ${process.pid} on ${hostname()}`));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref())]);
    assert.equal(code, 130, output);
    assert.equal(readFileSync(journal, 'utf8'), before, 'nothing was written while waiting');
    rmSync(`${journal}.lock`);
  });
});
