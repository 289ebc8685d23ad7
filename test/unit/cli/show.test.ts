// `tuneboard show`, and how every reading command fails, run as users run them: the built dist/cli.js.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, GPU_ATTR, openStorage, RUNNER_ATTR } from '../../../src/core';
import { ensureBuilt, OPTUNA_JOURNAL, runCli, writeIrisStudy } from './cliHarness';

let dir: string;
before(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tuneboard-show-'));
  await writeIrisStudy(dir);
  copyFileSync(OPTUNA_JOURNAL, join(dir, 'optuna.jsonl'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The table rows of `show` output: [rank, number, state, value]. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => /^rank +# +state +value +duration/.test(l));
  assert.ok(header >= 0, stdout);
  return lines
    .slice(header + 1)
    .filter((l) => /^ +(\d+ +)?\d+ +(complete|pruned|failed|running)/.test(l))
    .map((l) => {
      const cells = l.trim().split(/ +/);
      return /^(complete|pruned|failed|running)$/.test(cells[1] ?? '') ? ['', ...cells.slice(0, 3)] : cells.slice(0, 4);
    });
}

describe('tuneboard show', () => {
  it('prints the header, then complete trials best first, then pruned, failed and running ones', () => {
    const { status, stdout, stderr } = runCli(dir, ['show', 'iris.tune.yaml']);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const [study, counts, best] = stdout.split('\n');
    assert.equal(study, 'study iris · maximize val_accuracy · journal .tuneboard/iris.jsonl');
    assert.equal(counts, 'trials 8: 4 complete, 1 pruned, 2 failed, 1 running');
    assert.match(best ?? '', /^best #5 0\.95 \(learning_rate=\S+ units=\d+ dropout=\S+ use_bias=(true|false) label=it's/);
    assert.deepEqual(tableRows(stdout), [
      ['1', '5', 'complete', '0.95'],
      ['2', '1', 'complete', '0.9'],
      ['3', '3', 'complete', '0.7'],
      ['4', '0', 'complete', '0.5'],
      ['5', '4', 'pruned', '0.4'],
      ['', '2', 'failed', '-'],
      ['', '6', 'failed', '-'],
      ['', '7', 'running', '-'],
    ]);
    assert.match(stdout, /^ +↳ CUDA out of memory$/m);
    assert.match(stdout, /^ +↳ worker exited with code 137 \(killed: out of memory\?\) while training epoch 12 of 40; x+…$/m, 'long reasons are cut');
    assert.match(stdout, /learning_rate +units +dropout +use_bias +label/);
  });

  it('reads a journal directly, including one Optuna wrote', () => {
    const journal = runCli(dir, ['show', '.tuneboard/iris.jsonl']);
    assert.equal(journal.status, 0);
    assert.match(journal.stdout, /^study iris · maximize value · journal \.tuneboard\/iris\.jsonl$/m);
    const optuna = runCli(dir, ['show', 'optuna.jsonl']);
    assert.equal(optuna.status, 0, optuna.stderr);
    assert.match(optuna.stdout, /^trials 2: 1 complete, 1 pruned$/m);
    assert.match(optuna.stdout, /^best #0 0\.8 \(lr=3\.338e-4 units=16 optimizer=adam dropout=0\.5\)$/m);
    assert.deepEqual(tableRows(optuna.stdout), [['1', '0', 'complete', '0.8'], ['2', '1', 'pruned', '0.5']]);
  });

  it('limits rows with --top (that many rows, best first) and says what it left out; --all lists everything', () => {
    const top = runCli(dir, ['show', 'iris.tune.yaml', '--top', '2']);
    assert.equal(top.status, 0);
    assert.deepEqual(tableRows(top.stdout).map((r) => r[1]), ['5', '1']);
    assert.match(top.stdout, /^… 2 complete, 1 pruned, 2 failed, 1 running not listed \(--all lists every trial\)$/m);
    const five = tableRows(runCli(dir, ['show', 'iris.tune.yaml', '--top', '5']).stdout);
    assert.deepEqual(five.map((r) => [r[0], r[1]]), [['1', '5'], ['2', '1'], ['3', '3'], ['4', '0'], ['5', '4']], '--top 5 lists 5 rows, the pruned one ranked');
    assert.equal(tableRows(runCli(dir, ['show', 'iris.tune.yaml', '--top', '2', '--all']).stdout).length, 8);
    assert.equal(runCli(dir, ['show', 'iris.tune.yaml', '--top', '0']).status, 2);
  });

  it('fits a narrow terminal, abbreviating or dropping param columns and saying so', () => {
    const { status, stdout } = runCli(dir, ['show', 'iris.tune.yaml'], { COLUMNS: '62' });
    assert.equal(status, 0);
    const table = stdout.split('\n').filter((l) => /^ +\d+ +\d+ +complete/.test(l) || l.startsWith('rank'));
    for (const line of table) assert.ok(line.length <= 62, `too wide: ${line}`);
    assert.match(stdout, /^\(too narrow to show: .*label; tuneboard export has every column\)$/m);
  });
});

describe('tuneboard show: where trials ran', () => {
  /** A journal of four complete trials (values 0.1 … 0.4), trial n placed by `place(n)`. */
  async function placedStudy(name: string, place: (n: number) => { host: string; gpu?: string }): Promise<string> {
    const file = `${name}.jsonl`;
    const study = await createStudy({ name, space: { x: { float: [0, 1] } }, sampler: 'random', seed: 3, storage: join(dir, file) });
    for (let n = 0; n < 4; n++) {
      const trial = await study.ask();
      const { host, gpu } = place(n);
      await study.setSystemAttr(trial, RUNNER_ATTR, { host, pid: 1000 + n });
      if (gpu !== undefined) await study.setSystemAttr(trial, GPU_ATTR, gpu);
      await study.tell(trial, 0.1 * (n + 1));
    }
    await study.close();
    return file;
  }

  /** `show`'s table lines (header first), from the header row down to the first blank line. */
  function table(stdout: string): string[] {
    const lines = stdout.split('\n');
    const start = lines.findIndex((l) => l.startsWith('rank'));
    assert.ok(start >= 0, stdout);
    return lines.slice(start, lines.indexOf('', start));
  }

  it('adds no column when every trial ran on one host without a GPU', async () => {
    const { status, stdout } = runCli(dir, ['show', await placedStudy('plain', () => ({ host: 'node-a' }))]);
    assert.equal(status, 0);
    assert.match(table(stdout)[0] ?? '', /^rank +# +state +value +duration +x$/);
    assert.doesNotMatch(stdout, /node-a/);
  });

  it('adds a ran on column with the GPU when any trial had one, and the host once trials ran on two', async () => {
    const gpus = table(runCli(dir, ['show', await placedStudy('gpus', (n) => ({ host: 'node-a', gpu: String(n % 2) }))]).stdout);
    assert.match(gpus[0] ?? '', /^rank +# +state +value +duration +ran on +x$/);
    assert.deepEqual(gpus.slice(1).map((line) => /(GPU \d)/.exec(line)?.[1]), ['GPU 0', 'GPU 1', 'GPU 0', 'GPU 1']);
    assert.ok(gpus.every((line) => !line.includes('node-a')), 'one host: not named');

    const hosts = table(runCli(dir, ['show', await placedStudy('hosts', (n) => ({ host: n < 2 ? 'node-a' : 'node-b', ...(n === 3 ? { gpu: '7' } : {}) }))]).stdout);
    assert.match(hosts[0] ?? '', /^rank +# +state +value +duration +ran on +x$/);
    const placement = hosts.slice(1).map((line) => / {2}(node-\w(?: · GPU \d)?) {2}/.exec(line)?.[1]);
    assert.deepEqual(placement, ['node-a', 'node-a', 'node-b', 'node-b · GPU 7']);
  });
});

describe('reading commands fail clearly', () => {
  it('exits 2 without creating anything when the study has not run yet', () => {
    const fresh = join(dir, 'fresh');
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'new.tune.yaml'), 'objective: { metric: loss }\nspace: { x: { float: [0, 1] } }\ntrial: { command: [a], metrics: stdout }\n');
    for (const command of [['show'], ['best'], ['export', '--csv']]) {
      const [name = '', ...flags] = command;
      const { status, stderr } = runCli(fresh, [name, 'new.tune.yaml', ...flags]);
      assert.equal(status, 2);
      // The hint names the invocation that ran (here node and the built CLI's path).
      assert.match(stderr, /^tuneboard: \.tuneboard\/new\.jsonl does not exist: study 'new' has no trials yet; start it with: node \S*dist\/cli\.js run new\.tune\.yaml\n$/);
    }
    assert.equal(existsSync(join(fresh, '.tuneboard')), false, 'reading created nothing');
    assert.deepEqual(runCli(dir, ['show', 'nope.jsonl']), { status: 2, stdout: '', stderr: 'tuneboard: cannot read nope.jsonl: no such file\n' });
  });

  it('asks for --study when a journal holds several studies, and takes it', async () => {
    const path = join(dir, 'two.jsonl');
    const storage = await openStorage(path);
    await storage.createStudy('alpha', ['minimize']);
    await storage.createStudy('beta', ['maximize']);
    await storage.close();
    const { status, stderr } = runCli(dir, ['show', 'two.jsonl']);
    assert.equal(status, 2);
    assert.equal(stderr, "tuneboard: two.jsonl holds 2 studies: 'alpha', 'beta'; pick one with --study <name>\n");
    const beta = runCli(dir, ['show', 'two.jsonl', '--study', 'beta']);
    assert.equal(beta.status, 0);
    assert.match(beta.stdout, /^study beta · maximize value/);
    assert.match(beta.stdout, /^no trials yet$/m);
    assert.equal(runCli(dir, ['show', 'two.jsonl', '--study', 'gamma']).stderr, "tuneboard: two.jsonl holds no study 'gamma' (it holds 'alpha', 'beta')\n");
  });

  it('exits 1 from best when no trial has completed, while show still lists the trials', async () => {
    const study = await createStudy({ name: 'doomed', space: { x: { float: [0, 1] } }, sampler: 'random', seed: 1, storage: join(dir, 'doomed.jsonl') });
    await study.tell(await study.ask(), { state: 'fail', error: 'boom' });
    await study.close();
    const best = runCli(dir, ['best', 'doomed.jsonl']);
    assert.equal(best.status, 1);
    assert.equal(best.stdout, '');
    assert.equal(best.stderr, "tuneboard: study 'doomed' has no complete trial (1 trials, none complete), so no best params yet\n");
    const show = runCli(dir, ['show', 'doomed.jsonl']);
    assert.equal(show.status, 0);
    assert.match(show.stdout, /^best: none yet \(no trial has completed\)$/m);
    assert.match(show.stdout, /↳ boom/);
  });

  it('exits 1 naming file:line:col when the config has problems', () => {
    writeFileSync(join(dir, 'broken.tune.yaml'), 'objective: { metric: loss, direction: sideways }\nspace: { x: { float: [0, 1] } }\ntrial: { command: [a], metrics: stdout }\n');
    const { status, stderr } = runCli(dir, ['show', 'broken.tune.yaml']);
    assert.equal(status, 1);
    assert.match(stderr, /^broken\.tune\.yaml:1:\d+: .*direction/m);
    assert.match(stderr, /tuneboard: broken\.tune\.yaml has problems; fix them to read its study\n$/);
  });
});
