// `tuneboard apply` run from the built dist/cli.js on a small study: dry-run diffs, writing and
// rewriting, --trial, --pin, targets outside the workspace folder (plain and through a symlink), the
// nested keys and function defaults it leaves alone, and a failing target that stops every write.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { ensureBuilt, runCli } from './cliHarness';

const PARAMS_YAML = 'lr: 0.05   # the step size\nunits: 8\nscheduler:\n  warmup:\n    lr: 1.0e-6\n';
const TRAIN_PY = 'import argparse\n\ndef warmup(step, lr=1e-6):\n    return lr * step\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--act", default="elu")\nunits = 8\n';
const SPACE = '  lr: { float: [1.0e-4, 1.0], log: true }\n  units: { int: [8, 128] }\n  act: [relu, tanh]\n';
const DEFAULT_TARGETS = ['params.yaml', 'train.py'];

const roots: string[] = [];
before(() => ensureBuilt());
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/**
 * `<root>/ws` (a `.vscode` folder marks it as the workspace) with exp.tune.yaml, params.yaml, train.py
 * and the study's journal: #0 loss 0.5 {lr 0.01, units 32, relu}, #1 loss 0.2 {lr 0.003, units 64,
 * tanh} (the best), #2 failed; and `<root>/outside/params.json`.
 */
async function workspace(targets: readonly string[] = DEFAULT_TARGETS): Promise<{ ws: string; outside: string }> {
  const root = mkdtempSync(join(tmpdir(), 'tuneboard-apply-'));
  roots.push(root);
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  for (const dir of [join(ws, '.vscode'), outside]) mkdirSync(dir, { recursive: true });
  const apply = targets.map((file) => `  - { file: ${file} }\n`).join('');
  writeFileSync(join(ws, 'exp.tune.yaml'), `name: exp\nobjective: { metric: loss, direction: minimize }\nspace:\n${SPACE}trial: { command: [python3, train.py] }\napply:\n${apply}`);
  writeFileSync(join(ws, 'params.yaml'), PARAMS_YAML);
  writeFileSync(join(ws, 'train.py'), TRAIN_PY);
  writeFileSync(join(outside, 'params.json'), '{"lr": 0.5}\n');
  const space = { lr: { float: [1e-4, 1] as [number, number], log: true }, units: { int: [8, 128] as [number, number] }, act: ['relu', 'tanh'] };
  const study = await createStudy({ name: 'exp', direction: 'minimize', sampler: 'random', seed: 1, space, storage: join(ws, '.tuneboard', 'exp.jsonl') });
  const trials = [[{ lr: 0.01, units: 32, act: 'relu' }, 0.5], [{ lr: 0.003, units: 64, act: 'tanh' }, 0.2], [{ lr: 0.1, units: 16, act: 'relu' }, null]] as const;
  for (const [params, value] of trials) {
    await study.enqueue(params);
    const trial = await study.ask();
    await study.tell(trial, value === null ? { state: 'fail', error: 'diverged' } : value);
  }
  await study.close();
  return { ws, outside };
}

const read = (path: string): string => readFileSync(path, 'utf8');
const SKIPPED = [
  'skipped:',
  '  params.yaml:5  lr  `lr: 1.0e-6`: it is nested under scheduler.warmup; a name matches top-level keys only, so map the param to scheduler.warmup.lr (apply: map:) to write this one',
  '  train.py:3  lr  `lr=1e-6`: it is a default of warmup(), not a setting; map the param to warmup.lr (apply: map:) to write it',
];

describe('tuneboard apply', () => {
  it('--dry-run prints a unified diff per file, lists what it placed and skipped, and writes nothing', async () => {
    const { ws } = await workspace();
    const { status, stdout, stderr } = runCli(ws, ['apply', 'exp.tune.yaml', '--dry-run']);
    assert.equal(status, 0, stderr);
    const expected = [
      "trial #1 of study 'exp' (loss 0.2, complete)",
      '--- a/params.yaml',
      '+++ b/params.yaml',
      '@@ -1,5 +1,5 @@',
      '-lr: 0.05   # the step size',
      '-units: 8',
      '+lr: 0.003   # the step size',
      '+units: 64',
      ' scheduler:',
      '   warmup:',
      '     lr: 1.0e-6',
      '--- a/train.py',
      '+++ b/train.py',
      '@@ -4,5 +4,5 @@',
      '     return lr * step',
      ' ',
      ' parser = argparse.ArgumentParser()',
      '-parser.add_argument("--act", default="elu")',
      '-units = 8',
      '+parser.add_argument("--act", default="tanh")',
      '+units = 64',
      '',
      'placed:',
      '  params.yaml:1  lr  0.05 → 0.003',
      '  params.yaml:2  units  8 → 64',
      '  train.py:7  act  "elu" → "tanh"',
      '  train.py:8  units  8 → 64',
      ...SKIPPED,
      'dry run: 2 file(s) would change; nothing written',
      '',
    ];
    assert.equal(stdout, expected.join('\n'));
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML);
    assert.equal(read(join(ws, 'train.py')), TRAIN_PY);
  });

  it('writes the files in place, keeping their mode and leaving no temp file, and a second run finds them unchanged', async () => {
    const { ws } = await workspace();
    chmodSync(join(ws, 'train.py'), 0o640);
    const first = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /\nwrote 2 file\(s\)\n$/);
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML.replace('lr: 0.05', 'lr: 0.003').replace('units: 8', 'units: 64'));
    assert.equal(read(join(ws, 'train.py')), TRAIN_PY.replace('default="elu"', 'default="tanh"').replace('units = 8', 'units = 64'));
    assert.equal(statSync(join(ws, 'train.py')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(ws).filter((name) => name.includes('tuneboard-tmp')), []);
    const again = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /params\.yaml:1 {2}lr {2}0\.003 \(unchanged\)/);
    assert.match(again.stdout, /\nunchanged: the files already hold the params of trial #1\n$/);
  });

  it('--trial N writes that trial; one that does not exist or did not complete is refused', async () => {
    const { ws } = await workspace();
    const zero = runCli(ws, ['apply', 'exp.tune.yaml', '--trial', '0']);
    assert.equal(zero.status, 0, zero.stderr);
    assert.match(zero.stdout, /^trial #0 of study 'exp' \(loss 0\.5, complete\)\n/);
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML.replace('lr: 0.05', 'lr: 0.01').replace('units: 8', 'units: 32'));
    const failed = runCli(ws, ['apply', 'exp.tune.yaml', '--trial', '2']);
    assert.equal(failed.status, 2);
    assert.equal(failed.stderr, "tuneboard: trial #2 of study 'exp' is failed: apply takes a complete or pruned trial's params\n");
    const missing = runCli(ws, ['apply', 'exp.tune.yaml', '--trial', '7']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /study 'exp' has no trial #7 \(it has 3 trials, #0 to #2\)/);
    assert.equal(runCli(ws, ['apply', 'exp.tune.yaml', '--trial', 'best']).status, 2);
  });

  it("--pin also pins the values in the config's space", async () => {
    const { ws } = await workspace();
    const { status, stdout, stderr } = runCli(ws, ['apply', 'exp.tune.yaml', '--pin']);
    assert.equal(status, 0, stderr);
    assert.match(read(join(ws, 'exp.tune.yaml')), /\nspace:\n {2}lr: 0\.003\n {2}units: 64\n {2}act: tanh\ntrial:/);
    assert.match(stdout, /exp\.tune\.yaml:4 {2}lr {2}\{ float: \[1\.0e-4, 1\.0\], log: true \} → 0\.003/);
    assert.match(stdout, /warning: exp\.tune\.yaml: every parameter under space: in exp\.tune\.yaml is now fixed/);
    assert.match(stdout, /\nwrote 3 file\(s\)\n$/);
  });

  it('refuses a target outside the workspace folder, naming the config line, the target and the folder; --allow-outside writes it', async () => {
    const { ws, outside } = await workspace(['params.yaml', '../outside/params.json']);
    const refused = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(refused.status, 1);
    const folder = realpathSync(ws);
    assert.equal(
      refused.stderr,
      `exp.tune.yaml:10:13: apply target ../outside/params.json is outside the workspace folder ${folder} (it is ${realpathSync(outside)}/params.json); Apply writes only inside it (apply[1].file)\n` +
        `tuneboard: refused 1 apply: target(s), so nothing was written; give --allow-outside to write outside ${folder} anyway\n`,
    );
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML, 'the target inside is not written either');
    const allowed = runCli(ws, ['apply', 'exp.tune.yaml', '--allow-outside']);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /\.\.\/outside\/params\.json:1 {2}lr {2}0\.5 → 0\.003/);
    assert.equal(read(join(outside, 'params.json')), '{"lr": 0.003}\n');
  });

  it('refuses a symlink inside the folder that leads outside; --allow-outside writes through it, keeping the link', async () => {
    const { ws, outside } = await workspace(['link.json']);
    symlinkSync(join('..', 'outside', 'params.json'), join(ws, 'link.json'));
    const refused = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^exp\.tune\.yaml:9:13: apply target link\.json is outside the workspace folder \S+ \(it leads through a symlink to \S+\/outside\/params\.json\)/);
    assert.equal(read(join(outside, 'params.json')), '{"lr": 0.5}\n');
    const allowed = runCli(ws, ['apply', 'exp.tune.yaml', '--allow-outside']);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.equal(read(join(outside, 'params.json')), '{"lr": 0.003}\n');
    assert.ok(lstatSync(join(ws, 'link.json')).isSymbolicLink(), 'the link is still a link');
  });

  it('takes the workspace folder from the nearest .git, package.json, pyproject.toml or .vscode above the config', async () => {
    const { ws } = await workspace(['../params.yaml']);
    mkdirSync(join(ws, 'conf'));
    writeFileSync(join(ws, 'conf', 'exp.tune.yaml'), read(join(ws, 'exp.tune.yaml')).replace('apply:', 'storage: ../.tuneboard/exp.jsonl\napply:'));
    const { status, stderr } = runCli(ws, ['apply', 'conf/exp.tune.yaml']);
    assert.equal(status, 0, stderr);
    assert.match(read(join(ws, 'params.yaml')), /^lr: 0\.003/);
  });

  it('leaves a nested YAML key and a Python function default alone, and lists them; a map: path writes them', async () => {
    const { ws } = await workspace();
    const listed = runCli(ws, ['apply', 'exp.tune.yaml', '--dry-run']).stdout.split('\n');
    assert.deepEqual(listed.slice(listed.indexOf('skipped:'), listed.indexOf('skipped:') + 3), SKIPPED);
    writeFileSync(join(ws, 'exp.tune.yaml'), read(join(ws, 'exp.tune.yaml')).replace('{ file: params.yaml }', '{ file: params.yaml, map: { lr: scheduler.warmup.lr } }').replace('{ file: train.py }', '{ file: train.py, map: { lr: warmup.lr } }'));
    const mapped = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(mapped.status, 0, mapped.stderr);
    assert.match(read(join(ws, 'params.yaml')), /^lr: 0\.05 {3}# the step size\n[\s\S]*\n {4}lr: 3\.0e-3\n$/); // written as the file wrote its value (an exponent)
    assert.match(read(join(ws, 'train.py')), /def warmup\(step, lr=3e-3\):/);
  });

  it('writes nothing when any target cannot be used: the first stays untouched', async () => {
    const { ws } = await workspace(['params.yaml', 'bad.json']);
    writeFileSync(join(ws, 'bad.json'), Buffer.from([0x7b, 0x22, 0x6c, 0x72, 0x22, 0x3a, 0xff, 0xfe, 0x7d]));
    const unreadable = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(unreadable.status, 2);
    assert.equal(unreadable.stderr, 'cannot read bad.json: it is not UTF-8 text\ntuneboard: 1 apply: target(s) cannot be read, so nothing was written\n');
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML);
    rmSync(join(ws, 'bad.json'));
    mkdirSync(join(ws, 'bad.json'));
    const folder = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(folder.status, 1);
    assert.match(folder.stderr, /^exp\.tune\.yaml:10:13: apply target bad\.json is a folder \(\S+\), not a file \(apply\[1\]\.file\)\n/);
    rmSync(join(ws, 'bad.json'), { recursive: true });
    const gone = runCli(ws, ['apply', 'exp.tune.yaml']);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /^exp\.tune\.yaml:10:13: apply target bad\.json does not exist \(looked for \S+bad\.json; paths are relative to the config's folder\); Apply edits existing files only/);
    assert.equal(read(join(ws, 'params.yaml')), PARAMS_YAML);
  });
});
