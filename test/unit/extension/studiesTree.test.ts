/** The Studies tree provider over a real index, with a stand-in `vscode` module: nodes, parents, ids and change events. */
import './fakeVscode';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { createStudy } from '../../../src/core';
import { StudiesTreeProvider, type StudiesTreeNode } from '../../../src/extension/studies/studiesTree';
import { StudyIndex } from '../../../src/extension/studies/studyIndex';

const repo = resolve(__dirname, '../../..');
const SPACE = { x1: { float: [-5, 10] }, x2: { float: [0, 15] } };
let workspace: string;
let journal: string;
let index: StudyIndex;
let tree: StudiesTreeProvider;
const running = new Set<string>();
const fired: (StudiesTreeNode | StudiesTreeNode[] | undefined)[] = [];

async function addTrials(values: readonly number[]): Promise<void> {
  const study = await createStudy({ name: 'branin', storage: journal, space: SPACE, sampler: 'random', seed: values.length });
  for (const value of values) await study.tell(await study.ask(), value);
  await study.close();
}

/** Waits for the next tree change event. */
function nextTreeChange(): Promise<StudiesTreeNode | StudiesTreeNode[] | undefined> {
  return new Promise((done) => {
    const subscription = tree.onDidChangeTreeData((change) => {
      subscription.dispose();
      done(change ?? undefined);
    });
  });
}

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tuneboard-tree-'));
  mkdirSync(join(workspace, 'branin'));
  copyFileSync(join(repo, 'examples/branin/branin.tune.yaml'), join(workspace, 'branin', 'branin.tune.yaml'));
  journal = join(workspace, 'branin', '.tuneboard', 'branin.jsonl');
  await addTrials([3, 1, 2]);
  index = new StudyIndex({ roots: [workspace], settleMs: 30 });
  await index.start();
  tree = new StudiesTreeProvider(index, (key) => running.has(key));
  tree.onDidChangeTreeData((change) => fired.push(change ?? undefined));
});

after(async () => {
  tree.dispose();
  await index.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('StudiesTreeProvider', () => {
  it('shows a study with its state, n/N and best, keyed by its study key', () => {
    const [study, ...rest] = tree.getChildren();
    assert.equal(rest.length, 0);
    assert.ok(study);
    const item = tree.getTreeItem(study);
    assert.deepEqual([item.label, item.id, item.description, item.contextValue], ['branin', `${journal}#branin`, '3/40 · best 1', 'study.idle']);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'beaker');
    assert.match((item.tooltip as vscode.MarkdownString).value, /Minimize `value`/);
    assert.equal(tree.studyNode(`${journal}#branin`), study, 'the same node object on every call');
  });

  it('lists trials best first or newest first, with parents that lead back for reveal()', () => {
    const study = tree.studyNode(`${journal}#branin`);
    assert.ok(study);
    const labels = (): unknown[] => tree.getChildren(study).map((node) => tree.getTreeItem(node).label);
    assert.deepEqual(labels(), ['#1', '#2', '#0']);
    const best = tree.getTreeItem(tree.getChildren(study)[0] as StudiesTreeNode);
    assert.match(String(best.description), /^1 · .* ★$/);
    assert.deepEqual([best.id, best.contextValue, (best.iconPath as vscode.ThemeIcon).id], [`${journal}#branin/#1`, 'trial.complete', 'pass']);
    tree.setSortMode('number');
    assert.deepEqual(fired.pop(), [study]);
    assert.deepEqual(labels(), ['#2', '#1', '#0']);
    tree.setSortMode('value');
    const trial = tree.trialNode(`${journal}#branin`, 2);
    assert.ok(trial);
    assert.equal(tree.getParent(trial), study);
    const details = tree.getChildren(trial);
    const detailItems = details.map((node) => tree.getTreeItem(node));
    assert.deepEqual(detailItems.map((item) => String(item.label).split(' = ')[0]), ['x1', 'x2']);
    assert.deepEqual([detailItems[0]?.id, detailItems[0]?.contextValue], [`${journal}#branin/#2/param/x1`, 'detail.param']);
    assert.equal(tree.getParent(details[0] as StudiesTreeNode), trial);
    assert.equal(tree.getParent(study), undefined);
  });

  it('redraws only the study whose journal grew', async () => {
    const study = tree.studyNode(`${journal}#branin`);
    const change = nextTreeChange();
    await addTrials([0.5]);
    assert.deepEqual(await change, [study]);
    assert.equal(tree.getTreeItem(study as StudiesTreeNode).description, '4/40 · best 0.5');
  });

  it('redraws a study whose run started, as running', () => {
    const key = `${journal}#branin`;
    tree.refresh();
    const before = fired.length;
    tree.refresh();
    assert.equal(fired.length, before, 'nothing changed, nothing redrawn');
    running.add(key);
    tree.refresh();
    assert.deepEqual(fired.at(-1), [tree.studyNode(key)]);
    const item = tree.getTreeItem(tree.studyNode(key) as StudiesTreeNode);
    assert.deepEqual([item.contextValue, (item.iconPath as vscode.ThemeIcon).id], ['study.running', 'sync~spin']);
    running.delete(key);
  });

  it('redraws the whole list when a study appears', async () => {
    const change = nextTreeChange();
    copyFileSync(join(repo, 'examples/grid/grid.tune.yaml'), join(workspace, 'grid.tune.yaml'));
    assert.equal(await change, undefined);
    const items = tree.getChildren().map((node) => tree.getTreeItem(node));
    assert.deepEqual(items.map((item) => [item.label, item.contextValue, item.collapsibleState]), [['branin', 'study.idle', 1], ['grid-demo', 'study.noTrials', 0]]);
  });
});
