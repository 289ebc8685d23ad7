// Where Apply may write (src/configChecks/applyTargets.ts), the shared multi-file plan
// (src/core/apply/planTargets.ts), and the all-or-nothing rewrite the CLI uses.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkApplyTargets, isInside, rewriteAllOrNothing, workspaceFolderOf } from '../../../src/configChecks/applyTargets';
import { changedText, paramsNotPlaced, planApplyFiles } from '../../../src/core/apply';
import { parseConfig } from '../../../src/core/config';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-targets-')));
after(() => rmSync(root, { recursive: true, force: true }));

function configWith(dir: string, files: readonly string[]): { path: string; text: string } {
  const text = `objective: loss\nspace:\n  lr: { float: [0, 1] }\ntrial:\n  command: [python, train.py]\napply:\n${files.map((f) => `  - file: ${f}\n`).join('')}`;
  const path = join(dir, 'exp.tune.yaml');
  writeFileSync(path, text);
  return { path, text };
}

function check(dir: string, files: readonly string[], allowOutside = false): ReturnType<typeof checkApplyTargets> {
  const { path, text } = configWith(dir, files);
  const { config } = parseConfig(text, path);
  assert.ok(config);
  return checkApplyTargets(config, path, text, dir, { allowOutside });
}

describe('the workspace folder of a config, for the CLI', () => {
  it('is the nearest folder at or above the config holding .git, package.json, pyproject.toml or .vscode, else its own', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'conf', 'deep'), { recursive: true });
    assert.equal(workspaceFolderOf(join(project, 'conf', 'deep', 'x.tune.yaml')), join(project, 'conf', 'deep'));
    for (const marker of ['pyproject.toml', 'package.json']) {
      writeFileSync(join(project, marker), '');
      assert.equal(workspaceFolderOf(join(project, 'conf', 'deep', 'x.tune.yaml')), project, marker);
      rmSync(join(project, marker));
    }
    mkdirSync(join(project, 'conf', '.git'));
    assert.equal(workspaceFolderOf(join(project, 'conf', 'deep', 'x.tune.yaml')), join(project, 'conf'));
  });

  it('counts a path as inside only strictly below the folder', () => {
    assert.equal(isInside('/a/b/c.json', '/a/b'), true);
    assert.equal(isInside('/a/b', '/a/b'), false);
    assert.equal(isInside('/a/bc/x.json', '/a/b'), false);
    assert.equal(isInside('/a/x.json', '/a/b'), false);
  });
});

describe('checking apply: targets', () => {
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'), { recursive: true });
  writeFileSync(join(ws, 'params.yaml'), 'lr: 0.1\n');
  writeFileSync(join(root, 'elsewhere', 'settings.json'), '{"lr": 0.1}\n');
  symlinkSync(join(root, 'elsewhere', 'settings.json'), join(ws, 'out-link.json'));
  symlinkSync('params.yaml', join(ws, 'in-link.yaml'));
  symlinkSync('missing.yaml', join(ws, 'dangling.yaml'));

  it('accepts files inside the folder, a symlink that stays inside among them, as their real paths', () => {
    const result = check(ws, ['params.yaml', 'in-link.yaml', 'sub/../params.yaml']);
    assert.deepEqual(result.refusals, []);
    assert.deepEqual(result.destinations.map((d) => [d.written, d.realPath]), [
      ['params.yaml', join(ws, 'params.yaml')],
      ['in-link.yaml', join(ws, 'params.yaml')],
      ['sub/../params.yaml', join(ws, 'params.yaml')],
    ]);
  });

  it('refuses targets outside, missing, dangling or folders, each at its apply: line', () => {
    const result = check(ws, ['../elsewhere/settings.json', 'out-link.json', 'nope.yaml', 'dangling.yaml', 'sub']);
    assert.deepEqual(result.destinations, []);
    assert.deepEqual(
      result.refusals.map((r) => [r.reason, r.problem.start?.line, r.problem.start?.col]),
      [['outside', 7, 11], ['outside', 8, 11], ['missing', 9, 11], ['missing', 10, 11], ['folder', 11, 11]],
    );
    const [outside, link, , dangling] = result.refusals.map((r) => r.problem.message);
    assert.equal(outside, `apply target ../elsewhere/settings.json is outside the workspace folder ${ws} (it is ${join(root, 'elsewhere', 'settings.json')}); Apply writes only inside it`);
    assert.match(link ?? '', /out-link\.json is outside the workspace folder .* \(it leads through a symlink to .*elsewhere\/settings\.json\)/);
    assert.match(dangling ?? '', /dangling\.yaml does not exist \(a symlink to .*missing\.yaml, which does not exist;/);
  });

  it('accepts targets outside with allowOutside, but never missing ones or folders', () => {
    const result = check(ws, ['../elsewhere/settings.json', 'out-link.json', 'nope.yaml'], true);
    assert.deepEqual(result.destinations.map((d) => d.written), ['../elsewhere/settings.json', 'out-link.json']);
    assert.deepEqual(result.refusals.map((r) => r.reason), ['missing']);
  });
});

describe('planning several files at once', () => {
  it('reports a param as not placed only when no apply: file placed it, and pins the config', () => {
    const config = 'space:\n  lr: { float: [0, 1] }\n  units: [8, 16]\n';
    const plans = planApplyFiles(
      [
        { file: 'a.yaml', text: 'lr: 0.1\n', kind: 'apply', map: {} },
        { file: 'b.py', text: 'units = 8\n', kind: 'apply', map: {} },
        { file: 'c.json', text: '{"x": 1}', kind: 'apply', map: {} },
        { file: 'x.tune.yaml', text: config, kind: 'pin', map: {} },
      ],
      { lr: 0.5, units: 16, act: 'relu' },
    );
    assert.deepEqual(plans.map((plan) => changedText(plan)), ['lr: 0.5\n', 'units = 16\n', null, 'space:\n  lr: 0.5\n  units: 16\n']);
    assert.deepEqual(paramsNotPlaced(plans).map(({ file, missing }) => `${file} ${missing.param}`), ['a.yaml act', 'b.py act', 'c.json act', 'x.tune.yaml act']);
  });
});

describe('rewriting files all or nothing', () => {
  it('replaces every file, or none when one changed since it was read', () => {
    const dir = join(root, 'rewrite');
    mkdirSync(dir);
    const [a, b] = [join(dir, 'a.txt'), join(dir, 'b.txt')];
    writeFileSync(a, 'a1');
    writeFileSync(b, 'b1');
    rewriteAllOrNothing([{ path: a, before: 'a1', after: 'a2' }, { path: b, before: 'b1', after: 'b2' }]);
    assert.deepEqual([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')], ['a2', 'b2']);
    // b was edited by someone else after the plan was made from 'b1': a must not be written either.
    assert.throws(() => rewriteAllOrNothing([{ path: a, before: 'a2', after: 'a3' }, { path: b, before: 'b1', after: 'b3' }]), /b\.txt changed while its edits were planned/);
    assert.deepEqual([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')], ['a2', 'b2']);
    assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt'], 'no temp file is left behind');
  });
});
