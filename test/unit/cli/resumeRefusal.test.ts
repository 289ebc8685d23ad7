// `tuneboard resume` on a study that is not in its journal yet: one message, exit 2 (a usage error),
// and nothing written: no journal, lock or log folder left behind.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { REPO_ROOT } from '../../fixtures/configs';
import { ensureBuilt, runCli } from './cliHarness';

let dir = '';

function writeConfig(name: string): string {
  const file = join(dir, `${name}.tune.yaml`);
  const body = `name: ${name}\nobjective: { metric: value, direction: minimize }\nsearch: { trials: 1 }\nspace:\n  x: { float: [0, 1] }\ntrial: { command: [node, -e, "console.log('value=1')"] }\n`;
  writeFileSync(file, body);
  return file;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('tuneboard resume: a study that has not started', () => {
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tuneboard-resume-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('no journal yet: says so once on stderr, exits 2, and creates no journal or folder', () => {
    const config = writeConfig('fresh');
    const result = runCli(dir, ['resume', config]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(occurrences(result.stderr, "no study 'fresh' to resume"), 1, result.stderr);
    assert.equal(occurrences(result.stdout, "no study 'fresh' to resume"), 0, result.stdout);
    assert.match(result.stderr, /^tuneboard: .*fresh\.jsonl has no study 'fresh' to resume \(the file does not exist yet\); start it with: /);
    assert.equal(existsSync(join(dir, '.tuneboard')), false, 'resume left a .tuneboard folder behind');
  });

  it('--json: the refusal is still one line on stderr and nothing on stdout', () => {
    const config = writeConfig('fresh-json');
    const result = runCli(dir, ['resume', config, '--json']);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(occurrences(result.stderr, "no study 'fresh-json' to resume"), 1, result.stderr);
    assert.equal(existsSync(join(dir, '.tuneboard')), false);
  });

  it('a journal holding other studies: exits 2 and leaves the journal as it was', async () => {
    const config = writeConfig('missing');
    mkdirSync(join(dir, 'other'), { recursive: true });
    const journal = join(dir, 'other', 'shared.jsonl');
    const other = await createStudy({ name: 'someone-else', space: { x: { float: [0, 1] } }, storage: journal });
    await other.close();
    const before = readFileSync(journal, 'utf8');
    const listing = readdirSync(join(dir, 'other')).sort();
    const result = runCli(dir, ['resume', config, '--storage', journal]);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(occurrences(result.stderr, "no study 'missing' to resume"), 1, result.stderr);
    assert.equal(readFileSync(journal, 'utf8'), before);
    assert.deepEqual(readdirSync(join(dir, 'other')).sort(), listing);
  });

  it('the hint is a command that works from a checkout: node dist/cli.js run <config>', () => {
    const config = writeConfig('hinted');
    const result = runCli(REPO_ROOT, ['resume', config]);
    assert.equal(result.status, 2, result.stderr);
    assert.ok(result.stderr.includes(`start it with: node dist/cli.js run ${config}\n`), result.stderr);
    assert.ok(!/start it with: tuneboard /.test(result.stderr), result.stderr);
  });

  it('a study in its journal resumes as before (exit 0)', () => {
    const config = writeConfig('started');
    assert.equal(runCli(dir, ['run', config]).status, 0);
    const result = runCli(dir, ['resume', config, '--trials', '2']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /resuming after 1 trials/);
  });
});
