// `tuneboard enqueue`, run as users and the leaderboard's "Rerun with these params" run it: the built dist/cli.js.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StudyEvent } from '../../../src/protocol/studyEvents';
import { TRIAL_SCRIPT } from '../runner/runnerFixtures';
import { ensureBuilt, runCli } from './cliHarness';

let dir: string;
before(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-enqueue-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A config in its own folder; its trial is the runner tests' behaviour.mjs (mode `ok` prints value=x). */
function writeConfig(name: string, extraSpace = ''): string {
  const folder = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(
    join(folder, 'study.tune.yaml'),
    `name: ${name}
objective: { metric: value, direction: minimize }
search: { sampler: tpe, trials: 1, parallel: 1, seed: 2 }
space:
  lr: { float: [1.0e-4, 1.0e-1], log: true }
  units: { int: [8, 256], log: true }
  mode: [ok]
  x: { float: [0, 1] }
  act: [relu, tanh]
${extraSpace}trial:
  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(TRIAL_SCRIPT)}]
`,
  );
  return folder;
}

/** The journal's records as Optuna would replay them. */
function journal(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('tuneboard enqueue', () => {
  it('adds waiting trials from --params JSON or repeated --param name=value, and show lists them', () => {
    const cwd = writeConfig('rerun');
    const first = runCli(cwd, ['enqueue', 'study.tune.yaml', '--params', '{"lr":0.01,"units":64}']);
    assert.equal(first.stderr, '');
    assert.equal(first.status, 0);
    assert.equal(first.stdout, 'enqueued trial #0 of rerun (waiting)\n');
    const second = runCli(cwd, ['enqueue', 'study.tune.yaml', '--param', 'lr=0.02', '--param', 'act=tanh', '--param', 'units=100']);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, 'enqueued trial #1 of rerun (waiting)\n');

    const created = journal(join(cwd, '.tuneboard', 'rerun.jsonl')).filter((r) => r.op_code === 4);
    assert.deepEqual(created.map((r) => [r.state, r.system_attrs]), [
      [4, { fixed_params: { lr: 0.01, units: 64 } }],
      [4, { fixed_params: { lr: 0.02, act: 'tanh', units: 100 } }],
    ], '--param values are typed by their distribution: numbers for ranges, the choice for a list');

    const show = runCli(cwd, ['show', 'study.tune.yaml']);
    assert.equal(show.status, 0, show.stderr);
    assert.match(show.stdout, /^trials 2: 2 waiting$/m);
    const rows = show.stdout.split('\n').filter((line) => /^ +\d+ +waiting +- +-/.test(line));
    assert.equal(rows.length, 2, show.stdout);
  });

  it('writes to the journal --storage names', () => {
    const cwd = writeConfig('elsewhere');
    const { status, stderr } = runCli(cwd, ['enqueue', 'study.tune.yaml', '--param', 'x=0.5', '--storage', 'other/journal.jsonl']);
    assert.equal(status, 0, stderr);
    assert.ok(existsSync(join(cwd, 'other', 'journal.jsonl')));
    assert.ok(!existsSync(join(cwd, '.tuneboard', 'elsewhere.jsonl')));
  });

  it('exits 1 naming the param when a value or a name does not fit the space, and writes no trial', () => {
    const cwd = writeConfig('bad', '  pair: [1, "1"]\n');
    const cases: [string[], RegExp][] = [
      [['--param', 'lr=0.5'], /^tuneboard: param 'lr' = 0\.5 is outside float \[0\.0001, 0\.1\] log\n$/],
      [['--param', 'units=many'], /^tuneboard: param 'units' must be a number in int \[8, 256\] log, got "many"\n$/],
      [['--param', 'units=6.5'], /param 'units' must be a whole number/],
      [['--param', 'act=elu'], /^tuneboard: param 'act' must be one of "relu", "tanh", got "elu"\n$/],
      [['--params', '{"act":"Relu"}'], /param 'act' must be one of "relu", "tanh", got "Relu"/],
      [['--params', '{"units":"64"}'], /param 'units' must be a number in int \[8, 256\] log, got "64"/],
      [['--params', '{"lr":[0.1]}'], /param 'lr' in --params must be a number, string, boolean or null, got \[0\.1\]/],
      [['--param', 'unit=64'], /'unit' is not a parameter of study 'bad' \(did you mean 'units'\?\)/],
      [['--param', 'pair=1'], /param 'pair': '1' matches several choices \(1, "1"\); pick one with --params/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = runCli(cwd, ['enqueue', 'study.tune.yaml', ...args]);
      assert.equal(status, 1, `${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
    const path = join(cwd, '.tuneboard', 'bad.jsonl');
    assert.ok(!existsSync(path) || journal(path).every((r) => r.op_code !== 4), 'no trial was enqueued');
    const chosen = runCli(cwd, ['enqueue', 'study.tune.yaml', '--params', '{"pair":"1"}']);
    assert.equal(chosen.status, 0, chosen.stderr);
  });

  it('exits 2 on usage errors and unreadable files, and 1 on a config with problems', () => {
    const cwd = writeConfig('usage');
    const usage: [string[], RegExp][] = [
      [[], /give the params to enqueue: --params/],
      [['--params', '{lr:1}'], /--params is not valid JSON/],
      [['--params', '[0.1]'], /--params must be a JSON object/],
      [['--param', 'lr'], /--param takes name=value, got 'lr'/],
      [['--param', '=1'], /--param takes name=value/],
      [['--params', '{"lr":0.01}', '--param', 'lr=0.02'], /param 'lr' is given twice/],
    ];
    for (const [args, message] of usage) {
      const { status, stderr } = runCli(cwd, ['enqueue', 'study.tune.yaml', ...args]);
      assert.equal(status, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
    const missing = runCli(cwd, ['enqueue', 'missing.tune.yaml', '--param', 'lr=0.01']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read missing\.tune\.yaml: no such file/);
    const noConfig = runCli(cwd, ['enqueue']);
    assert.equal(noConfig.status, 2);

    writeFileSync(join(cwd, 'broken.tune.yaml'), 'name: broken\nobjective: { metric: value, direction: sideways }\nspace: { lr: [1, 2] }\ntrial: { command: [x] }\n');
    const broken = runCli(cwd, ['enqueue', 'broken.tune.yaml', '--param', 'lr=1']);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /broken\.tune\.yaml:2:\d+: .*direction/);
  });

  it('is run by the next `tuneboard run` even when the budget is used up', () => {
    const cwd = writeConfig('flow');
    const first = runCli(cwd, ['run', 'study.tune.yaml', '--json']);
    assert.equal(first.status, 0, first.stderr);
    const queued = runCli(cwd, ['enqueue', 'study.tune.yaml', '--params', '{"x":0.375,"act":"tanh"}']);
    assert.equal(queued.stdout, 'enqueued trial #1 of flow (waiting)\n');
    const again = runCli(cwd, ['run', 'study.tune.yaml', '--json']);
    assert.equal(again.status, 0, again.stderr);
    const events = again.stdout.trim().split('\n').map((line) => JSON.parse(line) as StudyEvent);
    const finished = events.filter((e) => e.type === 'trial-finished');
    assert.equal(finished.length, 1);
    const [trial] = finished;
    assert.ok(trial?.type === 'trial-finished' && trial.number === 1 && trial.state === 'complete' && trial.value === 0.375);
    assert.equal(trial.params.act, 'tanh');
    const last = events.at(-1);
    assert.ok(last?.type === 'study-finished' && last.reason === 'trials' && last.counts.complete === 2);
  });
});
