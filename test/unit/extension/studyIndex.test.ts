/** The Studies index on a real workspace on disk, with journals written by the engine, by another process and by Optuna. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createStudy, floatDistribution, openStorage } from '../../../src/core';
import { StudyIndex, type StudySummary } from '../../../src/extension/studies/studyIndex';
import { indexChange } from '../../fixtures/indexChanges';

const repo = resolve(__dirname, '../../..');
const BRANIN_SPACE = { x1: { float: [-5, 10] }, x2: { float: [0, 15] } };

let workspace: string;
let index: StudyIndex;
const at = (...parts: string[]): string => join(workspace, ...parts);
const byName = (name: string): StudySummary | undefined => index.studies().find((study) => study.name === name);

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function copyInto(source: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(repo, source), target);
}

async function writeBraninJournal(file: string): Promise<void> {
  const study = await createStudy({ name: 'branin', storage: file, space: BRANIN_SPACE, sampler: 'random', seed: 1 });
  const good = await study.ask();
  await study.setUserAttr(good, 'metrics', { value: 1.5, loss: 0.2 });
  await study.setUserAttr(good, 'backend', 'wasm');
  await study.report(good, 0, 3);
  await study.tell(good, 1.5);
  const better = await study.ask();
  await study.tell(better, 0.75);
  const pruned = await study.ask();
  await study.report(pruned, 0, 9);
  await study.tell(pruned, { state: 'pruned' });
  const failed = await study.ask();
  await study.tell(failed, { state: 'fail', error: 'CUDA out of memory' });
  await study.ask(); // left running, as by a study process that is still going
  await study.close();
}

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tuneboard-index-'));
  copyInto('examples/branin/branin.tune.yaml', at('branin', 'branin.tune.yaml'));
  await writeBraninJournal(at('branin', '.tuneboard', 'branin.jsonl'));
  copyInto('examples/grid/grid.tune.yaml', at('grid', 'grid.tune.yaml')); // not tuned yet
  copyInto('test/fixtures/configs/broken/yaml-syntax.tune.yaml', at('broken', 'yaml-syntax.tune.yaml'));
  copyInto('test/fixtures/journals/optuna-3.1-sample.jsonl', at('optuna', '.tuneboard', 'demo.jsonl'));
  // Two studies in one journal (Optuna allows it; the storage API writes it as Optuna would).
  const shared = await openStorage(at('multi', '.tuneboard', 'shared.jsonl'));
  for (const name of ['alpha', 'beta']) {
    const record = await shared.createStudy(name, ['maximize']);
    const trial = await shared.createTrial(record.id, { params: { x1: 1 }, distributions: { x1: floatDistribution(-5, 10) } });
    await shared.finishTrial(trial.id, 'complete', [2]);
  }
  await shared.close();
  const sturdy = await createStudy({ name: 'sturdy', storage: at('corrupt', '.tuneboard', 'corrupt.jsonl'), space: BRANIN_SPACE, sampler: 'random', seed: 4 });
  await sturdy.tell(await sturdy.ask(), 1);
  await sturdy.close();
  appendFileSync(at('corrupt', '.tuneboard', 'corrupt.jsonl'), '{"op_code": 4, "worker_id": "w", "study_id": \n');
  // A config whose journal lives outside any .tuneboard folder.
  const custom = readFileSync(join(repo, 'examples/branin/branin.tune.yaml'), 'utf8').replace('name: branin', 'name: custom\nstorage: ../results/custom.jsonl');
  writeFile(at('custom', 'custom.tune.yaml'), custom);
  const study = await createStudy({ name: 'custom', storage: at('results', 'custom.jsonl'), space: BRANIN_SPACE, sampler: 'random', seed: 5 });
  await study.tell(await study.ask(), 4);
  await study.close();
  // Never studies: skipped folders, and JSON Lines that no config points at.
  copyInto('test/fixtures/journals/optuna-3.1-sample.jsonl', at('node_modules', 'pkg', '.tuneboard', 'hidden.jsonl'));
  copyInto('examples/branin/branin.tune.yaml', at('dist', 'copy.tune.yaml'));
  copyInto('test/fixtures/journals/optuna-3.1-sample.jsonl', at('.venv', 'lib', '.tuneboard', 'venv.jsonl'));
  copyInto('test/fixtures/journals/optuna-3.1-sample.jsonl', at('branin', '.tuneboard', 'logs', 'branin', 'trial-0.jsonl'));
  writeFile(at('notes', 'events.jsonl'), '{"event": "not a journal"}\n');

  index = new StudyIndex({ roots: [workspace] }); // the default gathering window, as in the editor
  await index.start();
});

after(async () => {
  await index.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('StudyIndex: finding studies', () => {
  it('lists every study once, sorted by name, and nothing from skipped folders or stray JSON Lines', () => {
    assert.deepEqual(index.studies().map((s) => s.name), ['alpha', 'beta', 'branin', 'custom', 'demo', 'grid-demo', 'sturdy', 'yaml-syntax']);
  });

  it('matches a journal study with its config and counts its trials by state', () => {
    const branin = byName('branin');
    assert.ok(branin);
    assert.equal(branin.key, `${at('branin', '.tuneboard', 'branin.jsonl')}#branin`);
    assert.equal(index.get(branin.key), branin);
    assert.equal(branin.configPath, at('branin', 'branin.tune.yaml'));
    assert.deepEqual([branin.direction, branin.metric, branin.budget, branin.problem], ['minimize', 'value', 40, null]);
    assert.deepEqual(branin.counts, { complete: 2, pruned: 1, fail: 1, running: 1, waiting: 0, interrupted: 0, total: 5 });
    assert.equal(branin.best?.number, 1);
    assert.equal(branin.trials.length, 5);
    assert.ok(branin.lastUpdated.getTime() > Date.now() - 60_000);
  });

  it('shows a config not tuned yet as a study without trials, keyed by the journal it will write', () => {
    const grid = byName('grid-demo');
    assert.equal(grid?.key, `${at('grid', '.tuneboard', 'grid-demo.jsonl')}#grid-demo`);
    assert.deepEqual([grid?.trials.length, grid?.budget, grid?.best, grid?.problem], [0, null, null, null]);
  });

  it('reads an Optuna journal without a config, and each study of a journal holding several', () => {
    const demo = byName('demo');
    assert.deepEqual([demo?.configPath, demo?.direction, demo?.trials.length, demo?.counts.complete, demo?.counts.pruned], [null, 'maximize', 2, 1, 1]);
    assert.equal(byName('alpha')?.journalPath, at('multi', '.tuneboard', 'shared.jsonl'));
    assert.equal(byName('beta')?.journalPath, at('multi', '.tuneboard', 'shared.jsonl'));
    assert.equal(byName('beta')?.best?.value, 2);
  });

  it('follows a config whose storage points outside .tuneboard', () => {
    const custom = byName('custom');
    assert.deepEqual([custom?.journalPath, custom?.configPath, custom?.trials.length], [at('results', 'custom.jsonl'), at('custom', 'custom.tune.yaml'), 1]);
  });

  it('keeps what a corrupt journal held before the bad line, with the problem at file:line', () => {
    const sturdy = byName('sturdy');
    assert.equal(sturdy?.trials.length, 1);
    assert.match(sturdy?.problem ?? '', /corrupt\.jsonl:\d+: not valid JSON/);
  });

  it('shows a broken config with its first problem at file:line:col', () => {
    const broken = byName('yaml-syntax');
    assert.equal(broken?.configPath, at('broken', 'yaml-syntax.tune.yaml'));
    assert.match(broken?.problem ?? '', /yaml-syntax\.tune\.yaml:6:21: YAML:/);
  });
});

describe('StudyIndex: watching', () => {
  // How fast is a benchmark's business (timed assertions flake on shared machines); this checks that it happens.
  it('reflects trials appended by another process', async () => {
    const journal = at('branin', '.tuneboard', 'branin.jsonl');
    const before = byName('branin')?.trials.length ?? 0;
    const changed = indexChange(index, () => (byName('branin')?.trials.length ?? 0) >= before + 2);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'appendTrials.ts'), journal, 'branin', '2'], { cwd: repo });
    const writtenAt = Number(stdout.trim().split('\n').at(-1));
    const seenAt = performance.timeOrigin + (await changed);
    console.log(`  journal append by another process → onDidChange: ${(seenAt - writtenAt).toFixed(0)} ms`);
    assert.ok((byName('branin')?.trials.length ?? 0) >= before + 2);
  });

  it('turns a config-only study into a live one when its journal appears', async () => {
    const key = `${at('grid', '.tuneboard', 'grid-demo.jsonl')}#grid-demo`;
    const changed = indexChange(index, () => index.get(key)?.counts.complete === 1);
    const space = { x1: { float: [-5, 10], step: 5 }, x2: { float: [0, 15] }, noise: [false, true] };
    const study = await createStudy({ name: 'grid-demo', storage: at('grid', '.tuneboard', 'grid-demo.jsonl'), space, sampler: 'random', seed: 6 });
    await study.tell(await study.ask(), 3);
    const toldAt = performance.now();
    const latency = (await changed) - toldAt;
    await study.close();
    console.log(`  new journal's first trial → onDidChange: ${latency.toFixed(0)} ms`);
    assert.equal(index.get(key)?.configPath, at('grid', 'grid.tune.yaml'));
  });

  it('drops the studies of a deleted journal, reporting their keys', async () => {
    const keys = ['alpha', 'beta'].map((name) => `${at('multi', '.tuneboard', 'shared.jsonl')}#${name}`);
    const reported: string[] = [];
    const subscription = index.onDidChange((changed) => reported.push(...changed));
    const changed = indexChange(index, () => keys.every((key) => index.get(key) === undefined));
    rmSync(at('multi', '.tuneboard', 'shared.jsonl'));
    await changed;
    subscription.dispose();
    assert.ok(keys.every((key) => reported.includes(key)));
  });

  it('watches a journal a config keeps in a skipped folder, from before the file exists', async () => {
    const config = readFileSync(join(repo, 'examples/branin/branin.tune.yaml'), 'utf8').replace('name: branin', 'name: kept-in-out\nstorage: out/kept.jsonl');
    const listed = indexChange(index, () => byName('kept-in-out')?.trials.length === 0);
    writeFile(at('elsewhere', 'kept.tune.yaml'), config);
    await listed;
    const told = indexChange(index, () => byName('kept-in-out')?.trials.length === 1);
    const study = await createStudy({ name: 'kept-in-out', storage: at('elsewhere', 'out', 'kept.jsonl'), space: BRANIN_SPACE, sampler: 'random', seed: 7 });
    await study.tell(await study.ask(), 5);
    await study.close();
    await told;
    assert.equal(byName('kept-in-out')?.configPath, at('elsewhere', 'kept.tune.yaml'));
  });

  it('picks up a broken config once it is fixed', async () => {
    const changed = indexChange(index, () => byName('yaml-syntax') === undefined && byName('fixed')?.problem === null);
    writeFile(at('broken', 'yaml-syntax.tune.yaml'), readFileSync(at('branin', 'branin.tune.yaml'), 'utf8').replace('name: branin', 'name: fixed'));
    await changed;
  });

  it('replays a corrupt journal afresh once its writer repairs it', async () => {
    const journal = at('corrupt', '.tuneboard', 'corrupt.jsonl');
    const changed = indexChange(index, () => byName('sturdy')?.problem === null);
    const lines = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, `${lines.slice(0, -2).join('\n')}\n`);
    await changed;
    assert.equal(byName('sturdy')?.trials.length, 1);
  });

  it('refreshNow reads without a file event, and dispose closes every watcher', async () => {
    await index.refreshNow();
    const watchers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'FSEventWrap').length;
    // A folder of its own: chokidar shares one fs.watch per path between watchers.
    const solo = mkdtempSync(join(tmpdir(), 'tuneboard-index-solo-'));
    copyInto('examples/branin/branin.tune.yaml', join(solo, 'branin.tune.yaml'));
    const other = new StudyIndex({ roots: [solo] });
    const baseline = watchers();
    await other.start();
    assert.equal(other.studies().map((s) => s.name).join(), 'branin');
    assert.ok(watchers() > baseline);
    await other.dispose();
    // libuv lets go of a closed fs.watch handle on a later turn of the event loop.
    for (let waited = 0; watchers() > baseline && waited < 1000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    assert.equal(watchers(), baseline);
    rmSync(solo, { recursive: true, force: true });
  });
});

describe('StudyIndex: edge cases', () => {
  it('starts (and stops) with no folder open, or with a folder that does not exist', async () => {
    for (const roots of [[], [join(tmpdir(), 'tuneboard-no-such-folder', 'deeper')]]) {
      const empty = new StudyIndex({ roots });
      await empty.start();
      assert.deepEqual(empty.studies(), []);
      await empty.dispose();
    }
  });
});
