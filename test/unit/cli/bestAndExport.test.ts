// `tuneboard best` in every format and `tuneboard export` as CSV and JSON, run from the built dist/cli.js.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { paramsAsWritten } from '../../../src/core/apply/formatValue';
import { floatDistribution } from '../../../src/core/distributions';
import { AWKWARD_LABEL, ensureBuilt, LONG_FAIL_REASON, OPTUNA_JOURNAL, parseCsv, runCli, writeIrisStudy } from './cliHarness';

const PYTHON = '/usr/bin/python3';

let dir: string;
let bestParams: Record<string, unknown>;
/** What YAML, args and Python print: float params with the precision their range needs (JSON keeps every digit). */
let writtenParams: Record<string, unknown>;
before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-best-'));
  await writeIrisStudy(dir);
  copyFileSync(OPTUNA_JOURNAL, join(dir, 'optuna.jsonl'));
  const { stdout } = runCli(dir, ['best', 'iris.tune.yaml']);
  bestParams = (JSON.parse(stdout) as { params: Record<string, unknown> }).params;
  const floats = { learning_rate: floatDistribution(1e-4, 1e-1, { log: true }), dropout: floatDistribution(0, 0.5, { step: 0.05 }) };
  writtenParams = paramsAsWritten(bestParams as Parameters<typeof paramsAsWritten>[0], floats);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('tuneboard best', () => {
  it('prints the best trial as pretty JSON by default', () => {
    const { status, stdout } = runCli(dir, ['best', 'iris.tune.yaml']);
    assert.equal(status, 0);
    const best = JSON.parse(stdout) as { number: number; value: number; params: Record<string, unknown> };
    assert.equal(best.number, 5);
    assert.equal(best.value, 0.95);
    assert.deepEqual(Object.keys(best.params), ['learning_rate', 'units', 'dropout', 'use_bias', 'label']);
    assert.equal(best.params.label, AWKWARD_LABEL);
    assert.match(stdout, /^\{\n {2}"number": 5,\n/);
    const optuna = JSON.parse(runCli(dir, ['best', 'optuna.jsonl', '--format', 'json']).stdout) as unknown;
    assert.deepEqual(optuna, { number: 0, value: 0.8, params: { lr: 0.0003338320367040979, units: 16, optimizer: 'adam', dropout: 0.5 } });
  });

  it('JSON keeps every digit; the other formats write the sampled learning rate within 1e-4 of it', () => {
    const [full, written] = [bestParams.learning_rate, writtenParams.learning_rate] as [number, number];
    assert.notEqual(String(written).length, String(full).length);
    assert.ok(Math.abs(written - full) <= full * 1e-4, `${written} vs ${full}`);
  });

  it('prints name: value YAML lines that parse back to the params', () => {
    const { status, stdout } = runCli(dir, ['best', 'iris.tune.yaml', '--format', 'yaml']);
    assert.equal(status, 0);
    assert.deepEqual(parseYaml(stdout), writtenParams);
    assert.match(stdout, /^units: \d+$/m);
  });

  it('prints --name value arguments that a POSIX shell splits back into the exact values', () => {
    const { status, stdout } = runCli(dir, ['best', 'iris.tune.yaml', '--format', 'args']);
    assert.equal(status, 0);
    assert.match(stdout, /^--learning_rate \S+ --units \d+ --dropout \S+ --use_bias (true|false) --label '/);
    const shell = spawnSync('/bin/sh', ['-c', 'eval "set -- $1"; printf "%s\\0" "$@"', 'sh', stdout.trim()], { encoding: 'utf8' });
    assert.equal(shell.status, 0, shell.stderr);
    const words = shell.stdout.split('\0').slice(0, -1);
    const expected = Object.entries(writtenParams).flatMap(([name, value]) => [`--${name}`, String(value)]);
    assert.deepEqual(words, expected);
  });

  it('prints a Python literal that Python reads back to the same params', { skip: !existsSync(PYTHON) && 'no python3' }, () => {
    const { status, stdout } = runCli(dir, ['best', 'iris.tune.yaml', '--format', 'python']);
    assert.equal(status, 0);
    assert.match(stdout, /^# best trial #5 of study "iris": val_accuracy = 0\.95\nbest_params = \{\n/);
    assert.match(stdout, /"use_bias": (True|False),/);
    const python = spawnSync(PYTHON, ['-c', 'import json, sys\nexec(sys.stdin.read())\nprint(json.dumps([best_params, {k: type(v).__name__ for k, v in best_params.items()}]))'], { input: stdout, encoding: 'utf8' });
    assert.equal(python.status, 0, python.stderr);
    const [params, types] = JSON.parse(python.stdout) as [unknown, Record<string, string>];
    assert.deepEqual(params, writtenParams);
    assert.deepEqual(types, { learning_rate: 'float', units: 'int', dropout: 'float', use_bias: 'bool', label: 'str' });
    const optuna = runCli(dir, ['best', 'optuna.jsonl', '--format', 'python']).stdout;
    assert.match(optuna, /"dropout": 0\.5,/);
  });

  it('rejects an unknown format as a usage error', () => {
    const { status, stderr } = runCli(dir, ['best', 'iris.tune.yaml', '--format', 'toml']);
    assert.equal(status, 2);
    assert.match(stderr, /Allowed choices are json, yaml, args, python/);
  });
});

describe('tuneboard export', () => {
  it('writes CSV with Optuna-style columns, one row per trial, quoted where needed', () => {
    const { status, stdout } = runCli(dir, ['export', 'iris.tune.yaml', '--csv']);
    assert.equal(status, 0);
    assert.ok(stdout.endsWith('\r\n'), 'RFC 4180 line endings');
    const [header = [], ...rows] = parseCsv(stdout);
    assert.deepEqual(header, [
      'number', 'state', 'value', 'datetime_start', 'datetime_complete', 'duration_s',
      'params_learning_rate', 'params_units', 'params_dropout', 'params_use_bias', 'params_label',
      'user_attrs_backend', 'system_attrs_fail_reason', 'intermediate_values_count',
    ]);
    assert.equal(rows.length, 8);
    const byNumber = (n: number): Record<string, string> => Object.fromEntries(header.map((column, i) => [column, rows[n]?.[i] ?? '<missing>']));
    assert.deepEqual(rows.map((r) => r.length), Array(8).fill(header.length));
    assert.equal(byNumber(5).state, 'complete');
    assert.equal(byNumber(5).value, '0.95');
    assert.equal(byNumber(5).params_label, AWKWARD_LABEL);
    assert.equal(byNumber(5).user_attrs_backend, 'wasm');
    assert.equal(byNumber(5).intermediate_values_count, '2');
    assert.match(byNumber(5).datetime_start ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Number(byNumber(5).duration_s) >= 0);
    assert.equal(byNumber(6).system_attrs_fail_reason, LONG_FAIL_REASON);
    assert.equal(byNumber(6).value, '');
    assert.equal(byNumber(7).state, 'running');
    assert.equal(byNumber(7).datetime_complete, '');
    assert.match(stdout, /,"it's ""a, b"" \$HOME\\n",/, 'the comma and quotes are quoted');
  });

  it('writes JSON: one object per trial with intermediate values as {step: value}', () => {
    const { status, stdout } = runCli(dir, ['export', 'optuna.jsonl', '--json']);
    assert.equal(status, 0);
    const trials = JSON.parse(stdout) as Record<string, unknown>[];
    assert.equal(trials.length, 2);
    const [first] = trials;
    assert.deepEqual(Object.keys(first ?? {}), ['number', 'state', 'value', 'datetime_start', 'datetime_complete', 'duration_s', 'params', 'user_attrs', 'system_attrs', 'intermediate_values']);
    assert.equal(first?.state, 'complete');
    assert.deepEqual(first?.params, { lr: 0.0003338320367040979, units: 16, optimizer: 'adam', dropout: 0.5 });
    assert.deepEqual(first?.user_attrs, { fold_scores: [0.7, 0.72] });
    const intermediate = first?.intermediate_values as Record<string, number>;
    assert.ok(Object.keys(intermediate).length > 0 && Object.keys(intermediate).every((step) => /^\d+$/.test(step)));
    assert.equal(trials[1]?.state, 'pruned');
  });

  it('writes to a file with -o, and needs exactly one of --csv and --json', () => {
    const out = join(dir, 'trials.csv');
    const written = runCli(dir, ['export', 'iris.tune.yaml', '--csv', '-o', out]);
    assert.equal(written.status, 0);
    assert.equal(written.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), runCli(dir, ['export', 'iris.tune.yaml', '--csv']).stdout);
    for (const flags of [[], ['--csv', '--json']]) {
      const { status, stderr } = runCli(dir, ['export', 'iris.tune.yaml', ...flags]);
      assert.equal(status, 2);
      assert.equal(stderr, 'tuneboard: export needs exactly one of --csv or --json\n');
    }
  });
});
