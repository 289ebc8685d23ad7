/**
 * The code hovers, inlay hints and completions of a multi-objective study, over a real Studies index (a
 * temp workspace with a two-objective config whose `apply:` lists train.py, and a journal the engine
 * wrote): no single best anywhere; the Pareto front instead (each front trial's value with every
 * objective's, the range over the front, one completion block per front trial). The providers run
 * against ./fakeVscode and ./fakeDocument.
 */
import './fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import { createStudy, type ImportanceOutcome, type ParamValue } from '../../../src/core';
import { CodeHints } from '../../../src/extension/codeHints/codeHints';
import { ParamCompletions } from '../../../src/extension/insert/paramCompletions';
import { StudyIndex } from '../../../src/extension/studies/studyIndex';
import { fakeDocument, type FakeDocument } from './fakeDocument';

const CONFIG = `name: mo
objective:
  - { metric: acc, direction: maximize }
  - { metric: size, direction: minimize }
space:
  lr: { float: [1.0e-4, 1.0], log: true }
  units: { int: [8, 128] }
trial: { command: [python3, train.py] }
apply:
  - { file: train.py }
`;
const TRAIN_PY = 'lr = 0.003\nunits = 100\n';
/** The front is #3, #1 and #0 (by accuracy); #2 is dominated by #0. */
const TRIALS: readonly (readonly [Record<string, ParamValue>, [number, number]])[] = [
  [{ lr: 0.1, units: 16 }, [0.8, 16]],
  [{ lr: 0.003, units: 64 }, [0.9, 64]],
  [{ lr: 0.03, units: 32 }, [0.7, 32]],
  [{ lr: 0.01, units: 128 }, [0.95, 128]],
];

let root: string;
let index: StudyIndex;
let hints: CodeHints;
let completions: ParamCompletions;
let train: FakeDocument;

function importanceOf(study: { trials: readonly unknown[] }): Promise<ImportanceOutcome> {
  return Promise.resolve({ result: { method: 'fANOVA', trials: study.trials.length, importances: [{ param: 'lr', importance: 0.7 }, { param: 'units', importance: 0.3 }] } });
}

before(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-front-providers-')));
  const folder = join(root, 'ws', 'mo');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'mo.tune.yaml'), CONFIG);
  writeFileSync(join(folder, 'train.py'), TRAIN_PY);
  const study = await createStudy({ name: 'mo', storage: join(folder, '.tuneboard', 'mo.jsonl'), directions: ['maximize', 'minimize'], space: { lr: { float: [1e-4, 1], log: true }, units: { int: [8, 128] } }, sampler: 'random', seed: 1 });
  for (const [params, values] of TRIALS) {
    await study.enqueue(params);
    await study.tell(await study.ask(), values);
  }
  await study.close();
  index = new StudyIndex({ roots: [join(root, 'ws')] });
  await index.start();
  hints = new CodeHints(index, importanceOf);
  completions = new ParamCompletions(index);
  train = fakeDocument(join(folder, 'train.py'), TRAIN_PY);
});

after(async () => {
  hints?.dispose();
  completions?.dispose();
  await index?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const positionOf = (document: vscode.TextDocument, text: string): vscode.Position => document.positionAt(document.getText().indexOf(text));

async function hoverText(document: vscode.TextDocument, text: string): Promise<string> {
  const hover = await hints.provideHover(document, positionOf(document, text));
  assert.ok(hover, `a hover on ${text}`);
  return (hover.contents[0] as vscode.MarkdownString).value;
}

const readable = (markdown: string): string => markdown.replace(/\]\(command:[^)]*\)/g, ']').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');

describe('code hints of a multi-objective study', () => {
  it('the study is multi-objective with a front of three', () => {
    const study = index.studies().find((s) => s.name === 'mo');
    assert.deepEqual(study?.pareto?.front.map((t) => t.number).sort(), [0, 1, 3]);
  });

  it('hover: the front’s values with every objective, the file’s value matched to its trial, no best', async () => {
    assert.equal(readable(await hoverText(train, '0.003')), [
      '**lr** · study **mo** (max acc, min size)',
      'Pareto front: 3 trials, no single best; here `0.003` — as in #1',
      '- `0.01` in #3 (acc = 0.95, size = 128) · [Apply]\n- `0.003` in #1 (acc = 0.9, size = 64) — as here\n- `0.1` in #0 (acc = 0.8, size = 16) · [Apply]',
      'Over the front: 0.003 – 0.1',
      'Importance 0.7: 1st of 2 params · fANOVA from 4 trials (for acc, the first objective)',
      '[Open Leaderboard at lr]',
    ].join('\n\n'));
  });

  it('hover: each Apply link writes that front trial’s value over the literal', async () => {
    const markdown = await hoverText(train, '100');
    const applies = [...markdown.matchAll(/\[Apply\]\(command:tuneboard\.applyHintValue\?([^)]*)\)/g)].map((m) => JSON.parse(decodeURIComponent(m[1] ?? '')) as unknown[]);
    assert.deepEqual(applies.map((args) => args.at(-1)), ['128', '64', '16']);
    const start = train.getText().indexOf('100');
    assert.deepEqual(applies[0]?.slice(2, 4), [start, start + 3]);
    assert.doesNotMatch(readable(markdown), /Best:|Apply this value/);
  });

  it('inlay hint: the range over the front beside a value no front trial has, none beside one it has', () => {
    const range = new vscode.Range(train.positionAt(0), train.positionAt(train.getText().length));
    const hintsShown = ((hints.provideInlayHints(train, range) ?? []) as vscode.InlayHint[]).map((hint) => [hint.position.line, hint.label]);
    assert.deepEqual(hintsShown, [[1, ' · front 16 – 128 (3 trials)']]);
  });
});

describe('completions of a multi-objective study', () => {
  const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

  it('offer one block per front trial (by the first objective) and no single “best” value', () => {
    const document = fakeDocument(join(root, 'ws', 'scratch.py'), 'import sys\n\ntu\n');
    const items = completions.provideCompletionItems(document, new vscode.Position(2, 2)) as vscode.CompletionItem[];
    assert.deepEqual(items.map(labelOf), ['tuneboard: params of front trial #3 of mo', 'tuneboard: params of front trial #1 of mo', 'tuneboard: params of front trial #0 of mo']);
    const [first] = items;
    assert.deepEqual(first?.label, { label: 'tuneboard: params of front trial #3 of mo', description: 'acc = 0.95, size = 128' });
    assert.match(first?.detail ?? '', /^mo: trial #3, acc = 0\.95, size = 128 \(/);
    const lines = String(first?.insertText).split('\n');
    for (const line of ['lr = 0.01', 'units = 128']) assert.ok(lines.includes(line), String(first?.insertText));
  });
});
