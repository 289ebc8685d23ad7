// `tuneboard validate`, run as users run it: the built dist/cli.js in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { exampleConfigs, REPO_ROOT } from '../../fixtures/configs';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const VALID = 'test/fixtures/configs/valid/full-model.tune.yaml';
const BROKEN = 'test/fixtures/configs/broken/step-problems.tune.yaml';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Newest modification time of the files below a folder. */
function newest(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

describe('tuneboard validate', () => {
  before(() => {
    // `npm test` builds first; rebuild here only when the bundle is missing or older than the sources.
    if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest(join(REPO_ROOT, 'src'))) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('prints a summary of a valid config and exits 0', () => {
    const { status, stdout, stderr } = run('validate', VALID);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.match(stdout, new RegExp(`^${VALID}: valid\\n`));
    for (const line of [
      /study +full-model/,
      /objective +maximize val_accuracy/,
      /sampler +tpe \(multivariate: true, constant_liar: true, n_startup_trials: 5, n_ei_candidates: 32, prior_weight: 0.5\)/,
      /pruner +hyperband \(min_resource: 1, max_resource: auto, reduction_factor: 3, bootstrap_count: 0\)/,
      /budget +100 trials, timeout 1h30m, parallel 4, seed 42/,
      /trial +model cnn on data\/images.jsonl → label, validation 0.25, input \[28, 28, 1\], backend tensorflow, timeout 15m/,
      /storage +runs\/full-model.jsonl/,
      /space +8 parameters \(1 fixed\), continuous \(no finite grid\)/,
      /name +kind +range \/ choices +scale +values/,
      /learning_rate +float +\[0.00001, 0.1\] +log +continuous/,
      /filters +int +\[8, 64\] +step 8 +8/,
      /optimizer +categorical +adam, sgd, rmsprop +3/,
      /epochs +fixed +25 +1/,
    ]) {
      assert.match(stdout, line);
    }
    assert.ok(stdout.split('\n').length < 25, 'the summary fits on one screen');
  });

  it('shows the size of a finite grid', () => {
    const { status, stdout } = run('validate', 'examples/grid/grid.tune.yaml');
    assert.equal(status, 0);
    assert.match(stdout, /space +3 parameters, grid of 24 points/);
    assert.match(stdout, /x2 +float +\[0, 15\] +linear, grid 3 +3/);
  });

  it('prints each problem as file:line:col: message on stderr and exits 1', () => {
    const { status, stdout, stderr } = run('validate', BROKEN);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.deepEqual(stderr.trimEnd().split('\n'), [
      `${BROKEN}:10:29: step 0.3 does not divide the range [0, 1] (high would be 0.9) (space.a.step)`,
      `${BROKEN}:11:29: step must be positive, got 0 (space.b.step)`,
      `${BROKEN}:12:41: log and step cannot be used together (space.c.step)`,
      `${BROKEN}:13:28: an int step must be a whole number, got 1.5 (space.d.step)`,
      `${BROKEN}:14:28: step 3 does not divide the range [0, 10] (high would be 9) (space.e.step)`,
    ]);
  });

  it('checks several files and exits with the worst result', () => {
    const both = run('validate', VALID, BROKEN);
    assert.equal(both.status, 1);
    assert.match(both.stdout, /full-model.tune.yaml: valid/);
    assert.match(both.stderr, /step-problems.tune.yaml:10:29:/);
    assert.equal(run('validate', ...exampleConfigs().map((f) => f.file)).status, 0);
  });

  it('quotes nothing of a config symlinked to a file that is no config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneboard-validate-'));
    try {
      writeFileSync(join(dir, 'shadow'), 'root:$6$c2VjcmV0$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
      symlinkSync(join(dir, 'shadow'), join(dir, 'evil.tune.yaml'));
      const { status, stdout, stderr } = run('validate', join(dir, 'evil.tune.yaml'));
      assert.equal(status, 1);
      assert.equal(stdout, '');
      assert.match(stderr, /evil\.tune\.yaml:1:1: not a Tuneboard config: expected a YAML map of sections .* \(the file's text is not repeated here\) \(\(root\)\)\n$/);
      assert.ok(!stderr.includes('root:') && !stderr.includes('daemon'), stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming a file it cannot read', () => {
    const { status, stdout, stderr } = run('validate', 'no/such/file.tune.yaml', VALID);
    assert.equal(status, 2);
    assert.equal(stderr, 'tuneboard: cannot read no/such/file.tune.yaml: no such file\n');
    assert.match(stdout, /full-model.tune.yaml: valid/);
  });

  it('documents the exit codes in --help, and exits 2 on usage errors', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Exit codes:\n {2}0 {2}success/);
    assert.match(help.stdout, /validate <config\.\.\.>/);
    assert.match(run('validate', '--help').stdout, /Exit codes:/);
    assert.equal(run('validate').status, 2);
    assert.equal(run('frobnicate').status, 2);
    assert.equal(run().status, 2);
  });

  it('says when each param of a conditional space is active, and counts its grid as distinct active assignments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneboard-validate-'));
    try {
      const file = join(dir, 'conditional.tune.yaml');
      writeFileSync(
        file,
        [
          'name: conditional',
          'objective: { metric: loss, direction: minimize }',
          'search: { sampler: grid }',
          'space:',
          '  optimizer:',
          '    choice:',
          '      sgd: { momentum: [0.0, 0.9], nesterov: [true, false] }',
          '      adam: { beta1: [0.8, 0.9] }',
          '  layers: { int: [1, 3] }',
          '  units: { choice: [16, 64], each: layers }',
          'trial:',
          '  command: [node, train.js, --momentum, "${momentum?}"]',
          '',
        ].join('\n'),
      );
      const { status, stdout } = run('validate', file);
      assert.equal(status, 0, stdout);
      // (4 sgd points + 2 adam points) × (2 + 4 + 8 unit settings for 1, 2, 3 layers), not the 2^7·3 product.
      assert.match(stdout, /space +8 parameters, grid of 84 points/);
      assert.match(stdout, /momentum +categorical +0, 0\.9 +2 +optimizer = sgd/);
      assert.match(stdout, /units_1 +categorical +16, 64 +2 +layers = 2 or 3/);
      assert.match(stdout, /layers +int +\[1, 3\] +linear +3 +always/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
