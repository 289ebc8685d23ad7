// `tuneboard show` and `export` on a conditional study Python Optuna wrote with a define-by-run
// objective: a param a trial did not suggest is an empty cell, as Optuna's trials_dataframe (NaN).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONDITIONAL_CONFIG, CONDITIONAL_JOURNAL, CONDITIONAL_PARAMS, CONDITIONAL_TRAIN_PY, CONDITIONAL_TRIALS } from '../../fixtures/conditional';
import { ensureBuilt, parseCsv, runCli } from './cliHarness';

let dir: string;
before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-conditional-cli-'));
  copyFileSync(CONDITIONAL_JOURNAL, join(dir, 'conditional.jsonl'));
  // The config's own layout: its journal at the default .tuneboard/<name>.jsonl, its apply: target beside it.
  mkdirSync(join(dir, '.tuneboard'));
  copyFileSync(CONDITIONAL_JOURNAL, join(dir, '.tuneboard', 'conditional.jsonl'));
  copyFileSync(CONDITIONAL_CONFIG, join(dir, 'conditional.tune.yaml'));
  copyFileSync(CONDITIONAL_TRAIN_PY, join(dir, 'train.py'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('tuneboard export of a conditional study', () => {
  it('CSV: every param has a column; a trial leaves the ones it did not suggest empty', () => {
    const { status, stdout, stderr } = runCli(dir, ['export', 'conditional.jsonl', '--csv']);
    assert.equal(status, 0, stderr);
    const [header = [], ...rows] = parseCsv(stdout);
    for (const name of CONDITIONAL_PARAMS) assert.ok(header.includes(`params_${name}`), `params_${name} in ${header.join(',')}`);
    assert.equal(rows.length, CONDITIONAL_TRIALS.length);
    rows.forEach((row, number) => {
      const cell = (name: string): string => row[header.indexOf(`params_${name}`)] ?? '';
      const { inactive } = CONDITIONAL_TRIALS[number]!;
      for (const name of CONDITIONAL_PARAMS) {
        if (inactive.includes(name)) assert.equal(cell(name), '', `trial ${number} ${name}`);
        else assert.notEqual(cell(name), '', `trial ${number} ${name}`);
      }
    });
  });

  it('JSON: a trial\'s params hold only the ones it suggested (no null), as the journal has them', () => {
    const { status, stdout, stderr } = runCli(dir, ['export', 'conditional.jsonl', '--json']);
    assert.equal(status, 0, stderr);
    const trials = JSON.parse(stdout) as { number: number; params: Record<string, unknown> }[];
    for (const trial of trials) {
      const { inactive } = CONDITIONAL_TRIALS[trial.number]!;
      assert.deepEqual(Object.keys(trial.params).sort(), CONDITIONAL_PARAMS.filter((name) => !inactive.includes(name)).sort());
    }
  });
});

describe('tuneboard show of a conditional study', () => {
  it('leaves an inactive param\'s cell empty and prints the active ones', () => {
    const { status, stdout, stderr } = runCli(dir, ['show', 'conditional.jsonl', '--all'], { COLUMNS: '200' });
    assert.equal(status, 0, stderr);
    const lines = stdout.split('\n');
    const header = lines.find((line) => line.startsWith('rank'));
    assert.ok(header !== undefined, stdout);
    const columnAt = (name: string): number => header.search(new RegExp(`\\b${name}\\b`));
    const rowOf = (number: number): string => lines.find((line) => new RegExp(`^ *\\d* +${number} +(complete|pruned|failed)`).test(line)) ?? assert.fail(`no row #${number} in\n${stdout}`);
    // Trial #1 took adam with one layer: no momentum, nesterov, units_1, units_2.
    const adam = rowOf(1);
    for (const name of ['momentum', 'nesterov', 'units_1']) assert.equal(adam.slice(columnAt(name), columnAt(name) + name.length).trim(), '', `${name} in ${adam}`);
    assert.match(adam.slice(columnAt('beta1')), /^ *0\.9\b/);
    const sgd = rowOf(0);
    assert.match(sgd.slice(columnAt('momentum')), /^ *0\.9\b/);
    assert.equal(sgd.slice(columnAt('beta1'), columnAt('beta1') + 'beta1'.length).trim(), '');
  });
});

describe('tuneboard apply of a conditional trial', () => {
  it('writes the active params only and lists each target naming an inactive one, with the parent value behind it', () => {
    const before = readFileSync(join(dir, 'train.py'), 'utf8');
    const lineOf = (needle: string): number => before.split('\n').findIndex((line) => line.includes(needle)) + 1;
    const { status, stdout, stderr } = runCli(dir, ['apply', 'conditional.tune.yaml', '--trial', '1']);
    assert.equal(status, 0, stderr + stdout);
    const after = readFileSync(join(dir, 'train.py'), 'utf8');
    assert.match(after, /"--optimizer", default="adam"\)/);
    assert.match(after, /"--units_0", type=int, default=128\)/);
    assert.match(after, /"--momentum", type=float, default=0\.0\)/, 'momentum left as it was');
    assert.match(stdout, new RegExp(`left as they are:\n  train\\.py:${lineOf('--momentum')}: momentum not applied: inactive in trial #1 \\(optimizer = adam\\)\n`));
    assert.match(stdout, new RegExp(`  train\\.py:${lineOf('--units_1')}: units_1 not applied: inactive in trial #1 \\(layers = 1\\)`));
    assert.doesNotMatch(stdout, /beta1 not applied|not placed/);
  });
});
