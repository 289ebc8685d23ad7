/**
 * What the code hovers and inlay hints know, over a real Studies index: which studies speak about a
 * file (its apply: targets; any file in workspace mode), where the file gives their params a literal
 * value, whether it differs from the best, and the top trials' range; and the Insert pickers' choices.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStudy, valueAsWritten } from '../../../src/core';
import { findParamSites, siteAt, studiesForFile, topRange } from '../../../src/extension/codeHints/paramSites';
import { formatAgo, studyChoices, trialChoices } from '../../../src/extension/insert/insertChoices';
import { StudyIndex, type StudySummary } from '../../../src/extension/studies/studyIndex';

const repo = resolve(__dirname, '../../..');
let workspace: string;
let index: StudyIndex;
let script: string;
const study = (name: string): StudySummary => {
  const found = index.studies().find((s) => s.name === name);
  assert.ok(found, `study ${name}`);
  return found;
};

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tuneboard-hints-'));
  const folder = join(workspace, 'iris');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(repo, 'examples/command-python/iris-softmax.tune.yaml'), join(folder, 'iris.tune.yaml'));
  copyFileSync(join(repo, 'examples/command-python/train.py'), join(folder, 'train.py'));
  script = readFileSync(join(folder, 'train.py'), 'utf8');
  const iris = await createStudy({ name: 'iris-softmax-python', storage: join(folder, '.tuneboard', 'iris-softmax-python.jsonl'), space: { learning_rate: { float: [0.001, 1], log: true }, l2: { float: [1e-6, 0.1], log: true }, batch_size: [8, 16, 32], epochs: 60 }, sampler: 'random', seed: 3 });
  for (let i = 0; i < 12; i++) {
    const trial = await iris.ask();
    await iris.tell(trial, 1 / (1 + i)); // the last is the best
  }
  await iris.close();
  // A second study elsewhere that also tunes `l2`, with no config here (started from a terminal).
  const other = await createStudy({ name: 'other', storage: join(workspace, 'elsewhere', '.tuneboard', 'other.jsonl'), space: { l2: { float: [1e-6, 0.1], log: true } }, sampler: 'random', seed: 9 });
  await other.tell(await other.ask(), 0.5);
  await other.close();
  writeFileSync(join(workspace, 'notes.py'), 'l2 = 0.5\nlearning_rate = 0.05\n');
  index = new StudyIndex({ roots: [workspace] });
  await index.start();
});

after(async () => {
  await index?.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('code hints: which studies speak about a file', () => {
  it('an apply: target hears its config’s study; other files nothing, unless the mode is workspace', () => {
    const target = join(workspace, 'iris', 'train.py');
    const configOf = (file: string) => index.config(file);
    assert.deepEqual(studiesForFile(target, index.studies(), configOf, 'applyTargets').map((h) => [h.study.name, h.isTarget]), [['iris-softmax-python', true]]);
    assert.deepEqual(studiesForFile(join(workspace, 'notes.py'), index.studies(), configOf, 'applyTargets'), []);
    assert.deepEqual(studiesForFile(join(workspace, 'notes.py'), index.studies(), configOf, 'off'), []);
    const everywhere = studiesForFile(join(workspace, 'notes.py'), index.studies(), configOf, 'workspace');
    assert.deepEqual(everywhere.map((h) => h.study.name).sort(), ['iris-softmax-python', 'other']);
    assert.ok(everywhere.every((h) => !h.isTarget));
    // On the target itself, the target's study comes first.
    assert.equal(studiesForFile(target, index.studies(), configOf, 'workspace')[0]?.study.name, 'iris-softmax-python');
  });

  it('finds the argparse defaults Apply would edit, with the best value as a Python literal, and says which differ', () => {
    const hints = studiesForFile(join(workspace, 'iris', 'train.py'), index.studies(), (file) => index.config(file), 'applyTargets');
    const sites = findParamSites(script, 'train.py', hints);
    const best = study('iris-softmax-python').best;
    assert.equal(best?.number, 11);
    const byParam = new Map(sites.map((site) => [site.param, site]));
    assert.deepEqual([...byParam.keys()].sort(), ['batch_size', 'epochs', 'l2', 'learning_rate']);
    const lr = byParam.get('learning_rate');
    assert.ok(lr);
    assert.equal(script.slice(lr.start, lr.end), '0.05');
    assert.equal(lr.line, 14);
    // The best value with the precision Apply writes (within 1e-4 of its log range's value), not all 17 digits.
    assert.equal(lr.bestText, String(valueAsWritten(best?.params.learning_rate ?? null, best?.distributions.learning_rate)));
    assert.ok(lr.bestText.length < String(best?.params.learning_rate).length);
    assert.equal(lr.differs, true);
    assert.equal(byParam.get('epochs')?.differs, false, 'epochs is fixed at 60, as the script says');
    // Hovering the value, or the flag's name on that line, finds the site; elsewhere nothing.
    assert.equal(siteAt(sites, script, lr.start + 1), lr);
    assert.equal(siteAt(sites, script, script.indexOf('learning_rate', script.indexOf('dest='))), lr);
    assert.equal(siteAt(sites, script, script.indexOf('import')), undefined);
  });

  it('gives the top 10 complete trials’ range: numbers low – high, choices listed', () => {
    const iris = study('iris-softmax-python');
    const top = iris.trials.filter((t) => t.number >= 2).map((t) => t.params.learning_rate as number);
    const range = topRange(iris, 'learning_rate');
    assert.equal(range?.trials, 10);
    assert.match(range?.text ?? '', / – /);
    assert.ok(range?.text.startsWith(String(Number(Math.min(...top).toPrecision(4)))), range?.text);
    assert.deepEqual(topRange(iris, 'epochs'), { text: '60', trials: 10 });
    assert.equal(topRange(iris, 'missing'), null);
  });
});

describe('Insert Best Params: the pickers’ choices', () => {
  it('lists studies with a best trial, newest first, with objective, best, count and when they ran', () => {
    const now = new Date(Math.max(...index.studies().map((s) => s.lastUpdated.getTime())) + 5 * 60_000);
    const choices = studyChoices(index.studies(), now);
    assert.deepEqual(choices.map((c) => c.label), ['other', 'iris-softmax-python']);
    assert.equal(choices[1]?.description, 'minimize val_loss · best 0.083333 · 12 trials');
    assert.match(choices[0]?.detail ?? '', /^last run 5m ago · no config in this workspace$/);
    assert.equal(formatAgo(now, now), 'just now');
  });

  it('offers the best trial first, then the next of the top 10, each with its value and params', () => {
    const choices = trialChoices(study('iris-softmax-python'));
    assert.equal(choices.length, 10);
    assert.match(choices[0]?.label ?? '', /^★ best: #11 {2}val_loss = 0\.083333$/);
    assert.deepEqual(choices.map((c) => c.number), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    assert.match(choices[0]?.description ?? '', /^learning_rate=[\d.e-]+, l2=[\d.e-]+, batch_size=(8|16|32), epochs=60$/);
  });
});
