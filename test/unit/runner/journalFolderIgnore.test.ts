/**
 * `.tuneboard/.gitignore`: the run that creates the trial logs folder leaves one, so Source Control does
 * not list every trial's log; a user's own is never touched, and a `storage:` folder of the user's gets none.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { trialLogDir } from '../../../src/runner/createExecutor';
import { JOURNAL_FOLDER_GITIGNORE, journalFolderOf, writeJournalFolderGitignore } from '../../../src/runner/journalFolderIgnore';
import { createLogDir } from '../../../src/runner/trialLog';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'tb-gitignore-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('the .tuneboard folder of a trial log folder', () => {
  it('is found above logs/<journal>/<study>, for a file journal and for a server', () => {
    assert.equal(journalFolderOf(trialLogDir('/p/.tuneboard/mnist.jsonl', 'mnist')), '/p/.tuneboard');
    assert.equal(journalFolderOf(trialLogDir('redis://db:6379', 'mnist', '/p')), '/p/.tuneboard');
  });

  it('is none for logs beside a journal in a folder of the user\'s, even inside a folder named .tuneboard', () => {
    assert.equal(journalFolderOf(trialLogDir('/p/runs/mnist.jsonl', 'mnist')), null);
    assert.equal(journalFolderOf(trialLogDir('/home/u/.tuneboard/projects/x/runs/a.jsonl', 'a')), null);
  });
});

describe('writing .tuneboard/.gitignore', () => {
  it('creating the logs folder writes it: logs ignored, journals kept and the line to ignore them too', () => {
    const folder = join(root, 'fresh', '.tuneboard');
    createLogDir(trialLogDir(join(folder, 'iris.jsonl'), 'iris'));
    const text = readFileSync(join(folder, '.gitignore'), 'utf8');
    assert.equal(text, JOURNAL_FOLDER_GITIGNORE);
    assert.match(text, /^logs\/$/m);
    assert.match(text, /^# \*\.jsonl$/m, 'journals are the user\'s choice: one line to uncomment');
    assert.doesNotMatch(text, /^\*\.jsonl$/m);
  });

  it('never overwrites a .gitignore that is there (the user\'s, or an earlier run\'s)', () => {
    const folder = join(root, 'mine', '.tuneboard');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '.gitignore'), '*\n');
    assert.equal(writeJournalFolderGitignore(folder), 'kept');
    createLogDir(trialLogDir(join(folder, 'iris.jsonl'), 'iris'));
    assert.equal(readFileSync(join(folder, '.gitignore'), 'utf8'), '*\n');
  });

  it('says so when the folder cannot take it, without throwing (the study runs on)', () => {
    assert.equal(writeJournalFolderGitignore(join(root, 'missing', '.tuneboard')), 'failed');
  });

  it('leaves a folder of the user\'s alone', () => {
    const runs = join(root, 'user', 'runs');
    createLogDir(trialLogDir(join(runs, 'iris.jsonl'), 'iris'));
    assert.equal(existsSync(join(runs, '.gitignore')), false);
  });

  it('keeps the logs out of `git status` and leaves the journal to the user', { skip: !hasGit() && 'git is not installed' }, () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    const folder = join(repo, '.tuneboard');
    const logs = trialLogDir(join(folder, 'iris.jsonl'), 'iris');
    createLogDir(logs);
    for (let i = 0; i < 5; i++) writeFileSync(join(logs, `trial-000${i}.log`), 'step 1 loss=0.3\n');
    writeFileSync(join(folder, 'iris.jsonl'), '{"op_code":0}\n');
    writeFileSync(join(folder, 'iris.jsonl.lock'), '');
    const untracked = git(repo, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort();
    assert.deepEqual(untracked, ['?? .tuneboard/.gitignore', '?? .tuneboard/iris.jsonl']);
  });
});

function hasGit(): boolean {
  return spawnSync('git', ['--version']).status === 0;
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}
