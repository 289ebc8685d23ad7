// `tuneboard show` and `tuneboard best` on a multi-objective study, run as users run them (dist/cli.js):
// show lists the Pareto front; best asks for a choice, and prints the trial chosen by --trial or --pick.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { ensureBuilt, runCli } from './cliHarness';

let dir: string;
/** [x, accuracy, size, constraint]: #1 and #3 and #4 are the feasible front, #2 is dominated by #1, #5 is infeasible. */
const TRIALS = [
  [0.1, 0.7, 100, -1],
  [0.2, 0.9, 300, -1],
  [0.3, 0.8, 350, -1],
  [0.4, 0.95, 900, -1],
  [0.5, 0.6, 50, -1],
  [0.6, 0.99, 10, 2],
] as const;

before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-mo-cli-'));
  const study = await createStudy({ name: 'trade-off', space: { x: { float: [0, 1] } }, directions: ['maximize', 'minimize'], sampler: 'random', storage: join(dir, 'mo.jsonl') });
  await study.setStudySystemAttr('study:metric_names', ['accuracy', 'size']);
  for (const [x, accuracy, size, constraint] of TRIALS) {
    await study.enqueue({ x });
    const trial = await study.ask();
    await study.tell(trial, [accuracy, size], { constraints: [constraint] });
  }
  await study.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a multi-objective study in the terminal', () => {
  it('show names both objectives and lists the front of feasible trials, best on the first objective first', () => {
    const { status, stdout, stderr } = runCli(dir, ['show', 'mo.jsonl']);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'study trade-off · maximize accuracy, minimize size · journal mo.jsonl');
    assert.equal(lines[1], 'trials 6: 6 complete (1 infeasible)');
    assert.match(lines[2] ?? '', /^Pareto front: 4 trials/);
    assert.match(lines[4] ?? '', /^ *# +accuracy +size +params$/);
    assert.deepEqual(lines.slice(5, 9).map((l) => l.trim().split(/ +/).slice(0, 3)), [['3', '0.95', '900'], ['1', '0.9', '300'], ['0', '0.7', '100'], ['4', '0.6', '50']]);
  });

  it('best lists the front and asks for a choice; --trial and --pick choose', () => {
    const asked = runCli(dir, ['best', 'mo.jsonl']);
    assert.equal(asked.status, 2);
    assert.match(asked.stderr, /has 2 objectives, so no single best trial; its Pareto front:\n {2}#3 {2}accuracy=0\.95 {2}size=900\n/);
    assert.match(asked.stderr, /choose one with --trial N, or --pick <metric> for the best on one objective \(accuracy, size\)/);

    const picked = JSON.parse(runCli(dir, ['best', 'mo.jsonl', '--pick', 'size']).stdout) as { number: number; values: number[]; params: { x: number } };
    assert.deepEqual([picked.number, picked.values, picked.params.x], [4, [0.6, 50], 0.5]);
    const chosen = runCli(dir, ['best', 'mo.jsonl', '--trial', '1', '--format', 'python']);
    assert.equal(chosen.status, 0);
    assert.match(chosen.stdout, /^# trial #1 of study "trade-off": accuracy = 0\.9, size = 300\.0\nparams = \{\n {4}"x": 0\.2,\n\}\n$/);

    assert.match(runCli(dir, ['best', 'mo.jsonl', '--pick', 'latency']).stderr, /has no objective latency \(its objectives: accuracy, size\)/);
    assert.match(runCli(dir, ['best', 'mo.jsonl', '--trial', '9']).stderr, /has no trial #9 \(it has 6\)/);
  });

  it('export writes one values_<metric> column per objective, as Optuna\'s trials_dataframe', () => {
    const { status, stdout } = runCli(dir, ['export', 'mo.jsonl', '--csv']);
    assert.equal(status, 0);
    const [header, first] = stdout.split('\r\n');
    assert.match(header ?? '', /^number,state,values_accuracy,values_size,datetime_start,/);
    assert.match(first ?? '', /^0,complete,0\.7,100,/);
    const json = JSON.parse(runCli(dir, ['export', 'mo.jsonl', '--json']).stdout) as Record<string, unknown>[];
    assert.deepEqual([json[3]?.values_accuracy, json[3]?.values_size, 'value' in (json[3] ?? {})], [0.95, 900, false]);
  });

  it('apply asks which trade-off to write, and writes the one named with --trial', () => {
    writeFileSync(join(dir, 'params.yaml'), 'x: 0.0\n');
    writeFileSync(join(dir, 'trade-off.tune.yaml'), [
      'name: trade-off',
      'objective: [{ metric: accuracy, direction: maximize }, size]',
      'space:',
      '  x: { float: [0, 1] }',
      'trial:',
      '  command: [python, train.py]',
      'apply: [{ file: params.yaml }]',
      'storage: mo.jsonl',
      '',
    ].join('\n'));
    const asked = runCli(dir, ['apply', 'trade-off.tune.yaml']);
    assert.equal(asked.status, 2);
    assert.match(asked.stderr, /its Pareto front:\n {2}#3 {2}accuracy=0\.95 {2}size=900\n[^]*name the trade-off to apply with --trial N/);
    assert.equal(readFileSync(join(dir, 'params.yaml'), 'utf8'), 'x: 0.0\n', 'nothing written');
    const applied = runCli(dir, ['apply', 'trade-off.tune.yaml', '--trial', '4']);
    assert.equal(applied.status, 0, applied.stderr);
    assert.match(applied.stdout, /^trial #4 of study 'trade-off' \(accuracy 0\.6, size 50, complete\)/);
    assert.equal(readFileSync(join(dir, 'params.yaml'), 'utf8'), 'x: 0.5\n');
  });
});
