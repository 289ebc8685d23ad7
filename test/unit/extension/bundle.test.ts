/** The extension host bundle stays small and never loads TensorFlow.js: training happens in study processes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO_ROOT } from '../../fixtures/configs';

const BUNDLE = join(REPO_ROOT, 'dist', 'extension.js');

describe('dist/extension.js', () => {
  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('is under 1 MB', () => {
    const size = statSync(BUNDLE).size;
    assert.ok(size < 1024 * 1024, `${(size / 1024).toFixed(0)} KB`);
  });

  it('requires only vscode and Node built-ins at run time', () => {
    const required = [...readFileSync(BUNDLE, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string);
    const external = [...new Set(required)].filter((name) => name !== 'vscode' && !name.startsWith('node:') && !isBuiltin(name));
    assert.deepEqual(external, [], 'no package (above all no @tensorflow/*) is loaded from node_modules');
  });
});

function isBuiltin(name: string): boolean {
  return builtinModules.includes(name);
}
