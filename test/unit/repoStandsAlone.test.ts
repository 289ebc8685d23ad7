// The repository stands alone: no file points outside it (to a "shared" folder beside the checkout,
// or to its design, algorithms and recipes notes by their upper-case names); what a reader needs is
// in docs/, and every docs/ page a file names exists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../fixtures/configs';

/** Tracked files, and new ones not ignored (so a file is caught before it is committed). */
function repoFiles(): string[] | null {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (listed.status !== 0) return null;
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  return files.filter((file) => existsSync(join(REPO_ROOT, file)) && statSync(join(REPO_ROOT, file)).isFile());
}

function textOf(file: string): string | null {
  const bytes = readFileSync(join(REPO_ROOT, file));
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

// Built from pieces so that this file does not match itself.
const OUTSIDE = new RegExp(`\\.\\.[/\\\\]${'shared'}\\b|\\b(?:${['DESIGN', 'ALGORITHMS', 'RECIPES', 'VSCODE-UX'].join('|')})\\.md\\b`);
const DOCS_LINK = /\bdocs\/[\w./-]+\.md\b/g;

const files = repoFiles();

describe('the repository stands alone', { skip: files === null ? 'not a git checkout' : false }, () => {
  it('no file refers to notes outside the repository', () => {
    const offenders: string[] = [];
    for (const file of files ?? []) {
      const text = textOf(file);
      if (text === null) continue;
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
      });
    }
    assert.deepEqual(offenders, [], `point these at docs/ instead:\n${offenders.join('\n')}`);
  });

  it('every docs/*.md page a file names exists', () => {
    const missing: string[] = [];
    for (const file of files ?? []) {
      const text = textOf(file);
      if (text === null) continue;
      for (const [link] of text.matchAll(DOCS_LINK)) {
        if (!existsSync(join(REPO_ROOT, link))) missing.push(`${file}: ${link}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('docs/ has the design, the algorithms and the machine recipes', () => {
    for (const page of ['design.md', 'algorithms.md', 'recipes.md']) assert.ok(existsSync(join(REPO_ROOT, 'docs', page)), page);
  });
});
