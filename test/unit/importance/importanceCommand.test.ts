// `tuneboard importance`, run as users run it: the built dist/cli.js on a config or a journal.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy } from '../../../src/core';
import { ensureBuilt, runCli } from '../cli/cliHarness';

let dir: string;

/** `<name>.tune.yaml` and its journal: `n` random trials of f = 10·x + (opt = sgd ? 1 : 0), y unused. */
async function writeStudy(name: string, n: number): Promise<void> {
  const space = { x: { float: [0, 1] }, y: { float: [1e-3, 1], log: true }, opt: ['adam', 'sgd'], epochs: 20 };
  const yamlSpace = Object.entries(space).map(([key, spec]) => `  ${key}: ${JSON.stringify(spec)}`).join('\n');
  writeFileSync(join(dir, `${name}.tune.yaml`), `name: ${name}\nobjective: { metric: val_loss, direction: minimize }\nsearch: { sampler: random, trials: ${n} }\nspace:\n${yamlSpace}\ntrial: { command: [python, train.py], metrics: stdout }\n`);
  const study = await createStudy({ name, space, sampler: 'random', seed: 4, storage: join(dir, '.tuneboard', `${name}.jsonl`) });
  for (let i = 0; i < n; i++) {
    const trial = await study.ask();
    await study.tell(trial, 10 * (trial.params.x as number) + (trial.params.opt === 'sgd' ? 1 : 0));
  }
  await study.close();
}

before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-importance-cli-'));
  await writeStudy('mlp', 80);
  await writeStudy('tiny', 1);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('tuneboard importance', () => {
  it('prints each param’s share with a bar, most important first, with the method and trial count', () => {
    const { status, stdout, stderr } = runCli(dir, ['importance', 'mlp.tune.yaml'], { COLUMNS: '60' });
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'study mlp · minimize val_loss · journal .tuneboard/mlp.jsonl');
    assert.equal(lines[1], 'fANOVA (random forest, 64 trees) over 80 complete trials');
    const rows = lines.filter((l) => /^\w+ +\d+\.\d%/.test(l)).map((l) => l.split(/ +/));
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['x', 'opt', 'y'],
    );
    const percents = rows.map((r) => Number.parseFloat(r[1] ?? ''));
    assert.ok((percents[0] as number) > 85, stdout);
    assert.ok(Math.abs(percents.reduce((s, p) => s + p, 0) - 100) < 0.2);
    const bars = lines.filter((l) => /^\w+ +\d+\.\d%/.test(l)).map((l) => l.replace(/^\S+ +\S+ */, ''));
    assert.ok((bars[0]?.length as number) > (bars[1]?.length as number) && /^█+/.test(bars[0] ?? ''), 'the longest bar is the top param’s');
    assert.ok(lines.every((l) => l.length <= 60), 'fits the terminal');
    assert.match(stdout, /^not ranked, a single possible value: epochs$/m);
  });

  it('prints JSON for scripts, from a journal as well as a config', () => {
    const fromConfig = runCli(dir, ['importance', 'mlp.tune.yaml', '--json']);
    const fromJournal = runCli(dir, ['importance', '.tuneboard/mlp.jsonl', '--json']);
    assert.equal(fromConfig.status, 0);
    assert.equal(fromJournal.stdout, fromConfig.stdout, 'the same seeded forest either way');
    const parsed = JSON.parse(fromConfig.stdout) as { study: string; result: { method: string; trials: number; importances: { param: string; importance: number }[] } };
    assert.equal(parsed.study, 'mlp');
    assert.equal(parsed.result.trials, 80);
    assert.equal(parsed.result.importances[0]?.param, 'x');
    assert.ok(Math.abs(parsed.result.importances.reduce((s, i) => s + i.importance, 0) - 1) < 1e-9);
  });

  it('exits 1 with the reason when there are too few complete trials', () => {
    const text = runCli(dir, ['importance', 'tiny.tune.yaml']);
    assert.equal(text.status, 1);
    assert.equal(text.stdout, '');
    assert.match(text.stderr, /^tuneboard: study 'tiny': Parameter importance needs at least 2 complete trials with a finite value; the study has 1\.\n$/);
    const json = runCli(dir, ['importance', 'tiny.tune.yaml', '--json']);
    assert.equal(json.status, 1);
    assert.deepEqual(JSON.parse(json.stdout), { study: 'tiny', result: null, reason: 'Parameter importance needs at least 2 complete trials with a finite value; the study has 1.' });
  });

  it('exits 2 for a file that does not exist or a study that is not in the journal', () => {
    const missing = runCli(dir, ['importance', 'nope.tune.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nope\.tune\.yaml: no such file/);
    const wrongStudy = runCli(dir, ['importance', '.tuneboard/mlp.jsonl', '--study', 'other']);
    assert.equal(wrongStudy.status, 2);
    assert.match(wrongStudy.stderr, /holds no study 'other'/);
  });
});
