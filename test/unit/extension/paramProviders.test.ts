/**
 * What the editor shows of the studies while code is read and typed, over a real Studies index (a temp
 * workspace with a config whose `apply:` lists train.py, and a journal the engine wrote): the hover on
 * a tuned value (study, best value as a Python literal, top-10 range, importance, command links), the
 * `· best …` inlay hint beside a value that differs, where both appear (apply targets, or any file per
 * the settings), completions of the best values in the cursor's context, and how all of it follows a
 * new best trial. The providers run against ./fakeVscode and ./fakeDocument.
 */
import { appliedEdits, registeredCommands, registeredProviders, setSetting, shownMessages } from './fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import * as vscode from 'vscode';
import { createStudy, type ImportanceOutcome, type ParamValue } from '../../../src/core';
import { CodeHints } from '../../../src/extension/codeHints/codeHints';
import { registerHintCommands } from '../../../src/extension/codeHints/hintCommands';
import { ParamCompletions } from '../../../src/extension/insert/paramCompletions';
import type { LeaderboardPanels } from '../../../src/extension/leaderboard/leaderboardPanels';
import { StudyIndex, type StudySummary } from '../../../src/extension/studies/studyIndex';
import { indexChange } from '../../fixtures/indexChanges';
import { fakeDocument, type FakeDocument } from './fakeDocument';

const SPACE = {
  lr: { float: [1e-4, 1], log: true },
  units: { int: [8, 128] },
  dropout: { float: [0, 0.5] },
  augment: [true, false],
};
const CONFIG = `name: exp
objective: loss
space:
  lr: { float: [1.0e-4, 1.0], log: true }
  units: { int: [8, 128] }
  dropout: { float: [0.0, 0.5] }
  augment: [true, false]
trial: { command: [python3, train.py] }
apply:
  - { file: train.py }
`;
const TRAIN_PY = `"""Trains the model."""
import sys

lr = 0.01
units = 64
dropout = 0.1
augment = False


def fit(x, lr=0.5):
    return x


fit(sys.argv, lr)
`;
const NOTES_PY = 'lr = 0.5\nunits = 64\n';
/** #1 is the best (lowest loss); units = 64 there, as train.py says. */
const TRIALS: readonly (readonly [Record<string, ParamValue>, number])[] = [
  [{ lr: 0.1, units: 16, dropout: 0.25, augment: false }, 0.9],
  [{ lr: 0.003, units: 64, dropout: 0, augment: true }, 0.2],
  [{ lr: 0.03, units: 32, dropout: 0.1, augment: false }, 0.5],
];

let root: string;
let workspace: string;
let journal: string;
let index: StudyIndex;
let hints: CodeHints;
let completions: ParamCompletions;

/** The importance the hover quotes: a fixed answer, so the line can be checked word for word. */
function importanceOf(study: StudySummary): Promise<ImportanceOutcome> {
  return Promise.resolve({ result: { method: 'fANOVA (random forest, 64 trees)', trials: study.trials.length, importances: [{ param: 'lr', importance: 0.8 }, { param: 'units', importance: 0.15 }, { param: 'dropout', importance: 0.05 }] } });
}

async function addTrials(trials: readonly (readonly [Record<string, ParamValue>, number])[]): Promise<void> {
  const study = await createStudy({ name: 'exp', storage: journal, space: SPACE, sampler: 'random', seed: 1 });
  for (const [params, value] of trials) {
    await study.enqueue(params);
    await study.tell(await study.ask(), value);
  }
  await study.close();
}

/** Resolves when the hints tell the editor to ask for inlay hints again. */
function nextInlayHintsChange(timeoutMs = 5000): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      fail(new Error(`onDidChangeInlayHints did not fire within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = hints.onDidChangeInlayHints(() => {
      clearTimeout(timer);
      subscription.dispose();
      done();
    });
  });
}

const exp = (): StudySummary => {
  const found = index.studies().find((s) => s.name === 'exp');
  assert.ok(found, 'study exp in the index');
  return found;
};

const at = (document: vscode.TextDocument, text: string, nth = 0, delta = 0): vscode.Position => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = document.getText().indexOf(text, offset + 1);
  assert.ok(offset >= 0, `${text} in ${document.fileName}`);
  return document.positionAt(offset + delta);
};

async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
  return (await hints.provideHover(document, position)) ?? undefined;
}

/** The hover's Markdown as the reader sees it: backslash escapes gone. */
function shown(hover: vscode.Hover | undefined): string {
  assert.ok(hover, 'a hover');
  const markdown = hover.contents[0] as vscode.MarkdownString;
  return markdown.value.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

/** The command links of a hover: [label, command, decoded arguments]. */
function links(hover: vscode.Hover | undefined): [string, string, unknown[]][] {
  assert.ok(hover);
  const markdown = (hover.contents[0] as vscode.MarkdownString).value;
  return [...markdown.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => [(m[1] ?? '').replace(/\\(.)/g, '$1'), m[2] ?? '', JSON.parse(decodeURIComponent(m[3] ?? '')) as unknown[]]);
}

const wholeDocument = (document: vscode.TextDocument): vscode.Range => new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));

function inlayHints(document: vscode.TextDocument, range = wholeDocument(document)): { line: number; character: number; label: string; tooltip: unknown }[] {
  const result = (hints.provideInlayHints(document, range) ?? []) as vscode.InlayHint[];
  return result.map((hint) => ({ line: hint.position.line, character: hint.position.character, label: hint.label as string, tooltip: hint.tooltip }));
}

function complete(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
  return completions.provideCompletionItems(document, position) as vscode.CompletionItem[];
}
const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

const openDocuments = vscode.workspace.textDocuments as unknown as vscode.TextDocument[];
let train: FakeDocument;
let notes: FakeDocument;

before(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tuneboard-providers-')));
  workspace = join(root, 'ws');
  mkdirSync(join(workspace, 'exp'), { recursive: true });
  writeFileSync(join(workspace, 'exp', 'exp.tune.yaml'), CONFIG);
  writeFileSync(join(workspace, 'exp', 'train.py'), TRAIN_PY);
  writeFileSync(join(workspace, 'notes.py'), NOTES_PY);
  journal = join(workspace, 'exp', '.tuneboard', 'exp.jsonl');
  await addTrials(TRIALS);
  index = new StudyIndex({ roots: [workspace] });
  await index.start();
  assert.equal(exp().best?.number, 1);
  assert.equal(exp().configPath, join(workspace, 'exp', 'exp.tune.yaml'));
  hints = new CodeHints(index, importanceOf);
  completions = new ParamCompletions(index);
  train = fakeDocument(join(workspace, 'exp', 'train.py'), TRAIN_PY);
  notes = fakeDocument(join(workspace, 'notes.py'), NOTES_PY);
});

after(async () => {
  hints?.dispose();
  completions?.dispose();
  await index?.dispose();
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  setSetting('tuneboard.codeHints', undefined);
  setSetting('tuneboard.codeHints.inlayHintsInAllFiles', undefined);
});

describe('code hovers', () => {
  it('register for Python files on disk (and the other languages Apply edits)', () => {
    const hover = registeredProviders.find((entry) => entry.kind === 'hover' && entry.provider === hints);
    const inlay = registeredProviders.find((entry) => entry.kind === 'inlayHints' && entry.provider === hints);
    assert.ok(hover && inlay);
    assert.ok((hover.selector as { language: string; scheme: string }[]).some((s) => s.language === 'python' && s.scheme === 'file'));
    assert.deepEqual(inlay.selector, hover.selector);
  });

  it('on `lr = 0.01` in the apply target: the study, the best value, the top-10 range, the importance and both links', async () => {
    const hover = await hoverAt(train, at(train, '0.01', 0, 2));
    assert.equal(
      shown(hover).replace(/\]\(command:[^)]*\)/g, ']'),
      [
        '**lr** · study **exp** (minimize `loss`)',
        'Best: `0.003` in trial #1 (loss = 0.2); here `0.01`',
        'Top 3 trials: 0.003 – 0.1',
        'Importance 0.8: 1st of 3 params · fANOVA (random forest, 64 trees) from 3 trials',
        '[Apply this value] · [Open Leaderboard at lr]',
      ].join('\n\n'),
    );
    // The hover covers the literal, so the editor underlines `0.01`.
    assert.ok(hover?.range);
    assert.equal(train.getText(hover.range), '0.01');
    // Apply's arguments name this document, the version hovered, the literal's offsets and the new text.
    const start = TRAIN_PY.indexOf('0.01');
    assert.deepEqual(links(hover), [
      ['Apply this value', 'tuneboard.applyHintValue', [train.uri.toString(), 1, start, start + 4, '0.003']],
      ['Open Leaderboard at lr', 'tuneboard.showParamInLeaderboard', [exp().key, 'lr']],
    ]);
    const markdown = hover.contents[0] as vscode.MarkdownString;
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ['tuneboard.applyHintValue', 'tuneboard.showParamInLeaderboard'] }, 'only these two commands run from the hover');
  });

  it('also on the name before the value; nowhere else (not on the function default Apply leaves alone)', async () => {
    assert.match(shown(await hoverAt(train, at(train, 'lr = 0.01', 0, 1))), /^\*\*lr\*\* · study \*\*exp\*\*/);
    assert.equal(await hoverAt(train, at(train, 'import sys', 0, 3)), undefined);
    assert.equal(await hoverAt(train, at(train, 'lr=0.5', 0, 4)), undefined);
    assert.equal(await hoverAt(train, at(train, 'fit(sys.argv, lr)', 0, 15)), undefined);
  });

  it('writes the best value as Python writes it (True, 0.0 for a float), and offers no Apply where the value is already the best', async () => {
    assert.match(shown(await hoverAt(train, at(train, 'False', 0, 1))), /Best: `True` in trial #1 \(loss = 0\.2\); here `False`/);
    assert.match(shown(await hoverAt(train, at(train, '0.1\n', 0, 1))), /Best: `0\.0` in trial #1 .*; here `0\.1`/);
    const units = await hoverAt(train, at(train, '64', 0, 1));
    assert.match(shown(units), /^\*\*units\*\* · study \*\*exp\*\* \(minimize `loss`\)\n\nBest: `64` in trial #1 \(loss = 0\.2\) — as here\n\nTop 3 trials: 16 – 64\n\nImportance 0\.15: 2nd of 3 params/);
    assert.deepEqual(links(units).map(([label]) => label), ['Open Leaderboard at units']);
  });
});

describe('inlay hints', () => {
  it('show ` · best <v> (#n)` at the end of each literal that differs, and none beside an equal one', () => {
    const found = inlayHints(train);
    const endOf = (literal: string): { line: number; character: number } => {
      const position = train.positionAt(TRAIN_PY.indexOf(literal) + literal.length);
      return { line: position.line, character: position.character };
    };
    assert.deepEqual(
      found.map(({ line, character, label }) => ({ line, character, label })),
      [
        { ...endOf('lr = 0.01'), label: ' · best 0.003 (#1)' },
        { ...endOf('dropout = 0.1'), label: ' · best 0.0 (#1)' },
        { ...endOf('augment = False'), label: ' · best True (#1)' },
      ],
    );
    assert.equal(found[0]?.tooltip, 'exp: trial #1 has lr = 0.003 (loss = 0.2)');
  });

  it('only within the range the editor asks for', () => {
    const lrLine = train.positionAt(TRAIN_PY.indexOf('lr = 0.01')).line;
    const range = new vscode.Range(new vscode.Position(lrLine, 0), new vscode.Position(lrLine + 1, 0));
    assert.deepEqual(inlayHints(train, range).map((hint) => hint.label), [' · best 0.003 (#1)']);
  });
});

describe('files that are not an apply target', () => {
  it('get nothing by default, and are not even read', async () => {
    const document = fakeDocument(join(workspace, 'notes.py'), NOTES_PY);
    assert.equal(await hoverAt(document, new vscode.Position(0, 6)), undefined);
    assert.deepEqual(hints.provideInlayHints(document, new vscode.Range(new vscode.Position(0, 0), new vscode.Position(2, 0))), []);
    assert.equal(document.getTextCalls, 0, 'no parsing for a file no study speaks about');
  });

  it('get hovers with `tuneboard.codeHints: workspace`, but inlay hints only with inlayHintsInAllFiles too', async () => {
    setSetting('tuneboard.codeHints', 'workspace');
    const hover = await hoverAt(notes, new vscode.Position(0, 6));
    assert.match(shown(hover), /^\*\*lr\*\* · study \*\*exp\*\* \(minimize `loss`\)\n\nBest: `0\.003` in trial #1 \(loss = 0\.2\); here `0\.5`/);
    assert.deepEqual(inlayHints(notes), []);
    setSetting('tuneboard.codeHints.inlayHintsInAllFiles', true);
    assert.deepEqual(inlayHints(notes).map(({ line, character, label }) => [line, character, label]), [[0, 8, ' · best 0.003 (#1)']]);
  });

  it('get no inlay hints from inlayHintsInAllFiles alone (the default mode covers apply targets only), and nothing at all with `off`', async () => {
    setSetting('tuneboard.codeHints.inlayHintsInAllFiles', true);
    assert.deepEqual(inlayHints(notes), []);
    assert.equal(await hoverAt(notes, new vscode.Position(0, 6)), undefined);
    setSetting('tuneboard.codeHints', 'off');
    assert.equal(await hoverAt(train, at(train, '0.01', 0, 2)), undefined);
    assert.deepEqual(inlayHints(train), []);
  });

  it('a settings change asks the editor for the inlay hints again', async () => {
    const fired = nextInlayHintsChange();
    setSetting('tuneboard.codeHints', 'workspace');
    await fired;
  });
});

describe('completions of the best values', () => {
  it('typing `l` on an empty line of a Python file offers `lr = <best>`, naming the study and trial', () => {
    const text = 'import sys\n\nl\n';
    const document = fakeDocument(join(workspace, 'scratch.py'), text);
    const items = complete(document, new vscode.Position(2, 1));
    const lr = items.find((item) => labelOf(item) === 'lr');
    assert.ok(lr, `items: ${items.map(labelOf).join(', ')}`);
    assert.equal(lr.insertText, 'lr = 0.003');
    assert.deepEqual(lr.label, { label: 'lr', description: 'best 0.003 · exp' });
    assert.match(lr.detail ?? '', /^exp: trial #1, loss = 0\.2 \(.+\)$/);
    assert.equal(lr.filterText, 'lr');
    assert.equal(lr.kind, vscode.CompletionItemKind.Value);
    // It replaces the typed `l`.
    assert.ok(lr.range instanceof vscode.Range);
    assert.equal(document.getText(lr.range), 'l');
    // Each param once, with its Python literal.
    const byLabel = new Map(items.map((item) => [labelOf(item), item.insertText]));
    assert.equal(byLabel.get('dropout'), 'dropout = 0.0');
    assert.equal(byLabel.get('augment'), 'augment = True');
    assert.equal(byLabel.get('units'), 'units = 64');
  });

  it('inside a call `fit(x, l` offers `lr=<best>`, whether or not its `)` is typed yet', () => {
    for (const [call, cursor] of [['fit(x, l', 8], ['fit(x, l)', 8], ['fit(x,l', 7], ['fit(x, l, y)', 8]] as const) {
      const text = `def fit(x, lr=0.1, y=None):\n    pass\n\n${call}\n`;
      const document = fakeDocument(join(workspace, 'scratch.py'), text);
      const items = complete(document, new vscode.Position(3, cursor));
      const lr = items.find((item) => labelOf(item) === 'lr');
      assert.equal(lr?.insertText, 'lr=0.003', call);
      assert.equal(document.getText(lr?.range as vscode.Range), 'l', call);
      assert.equal(items.find((item) => labelOf(item) === 'augment')?.insertText, 'augment=True', call);
    }
  });

  it('`tuneboard: best params of exp` writes every param of the best trial', () => {
    const document = fakeDocument(join(workspace, 'scratch.py'), 'import sys\n\ntu\n');
    const items = complete(document, new vscode.Position(2, 2));
    const block = items.find((item) => labelOf(item) === 'tuneboard: best params of exp');
    assert.ok(block, `items: ${items.map(labelOf).join(', ')}`);
    assert.equal(block.kind, vscode.CompletionItemKind.Snippet);
    assert.deepEqual(block.label, { label: 'tuneboard: best params of exp', description: '#1 · loss 0.2' });
    assert.equal(block.filterText, 'tuneboard best params exp');
    const lines = String(block.insertText).split('\n');
    for (const line of ['lr = 0.003', 'units = 64', 'dropout = 0.0', 'augment = True']) assert.ok(lines.includes(line), `${line} in:\n${String(block.insertText)}`);
    assert.equal(document.getText(block.range as vscode.Range), 'tu');
  });

  it('offers nothing when no study has a best trial', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    const study = await createStudy({ name: 'fresh', storage: join(empty, '.tuneboard', 'fresh.jsonl'), space: SPACE, sampler: 'random', seed: 2 });
    await study.ask(); // running, no value yet
    await study.close();
    const emptyIndex = new StudyIndex({ roots: [empty] });
    await emptyIndex.start();
    const provider = new ParamCompletions(emptyIndex);
    try {
      assert.deepEqual(emptyIndex.studies().map((s) => [s.name, s.best]), [['fresh', null]]);
      const document = fakeDocument(join(empty, 'scratch.py'), 'l\n');
      assert.deepEqual(provider.provideCompletionItems(document, new vscode.Position(0, 1)), []);
      assert.equal(document.getTextCalls, 0, 'nothing computed');
    } finally {
      provider.dispose();
      await emptyIndex.dispose();
    }
  });
});

describe('the hover’s commands', () => {
  const opened: unknown[][] = [];
  before(() => {
    registerHintCommands(index, { open: (...args: unknown[]) => void opened.push(args) } as unknown as LeaderboardPanels);
  });

  it('Apply this value writes the best value over the literal the hover was for', async () => {
    const document = fakeDocument(join(workspace, 'exp', 'train.py'), TRAIN_PY, 'python', 7);
    openDocuments.push(document);
    const [apply] = links(await hoverAt(document, at(document, '0.01', 0, 1)));
    assert.equal(apply?.[1], 'tuneboard.applyHintValue');
    appliedEdits.length = 0;
    await registeredCommands.get('tuneboard.applyHintValue')?.(...(apply?.[2] ?? []));
    assert.equal(appliedEdits.length, 1);
    const [replacement] = appliedEdits[0]?.replacements ?? [];
    assert.equal(replacement?.uri.toString(), document.uri.toString());
    assert.equal(document.getText(replacement?.range as unknown as vscode.Range), '0.01');
    assert.equal(replacement?.text, '0.003');
  });

  it('Apply refuses a hover made for an older version of the file, and says so', async () => {
    const document = fakeDocument(join(workspace, 'exp', 'train.py'), TRAIN_PY, 'python', 3);
    openDocuments.splice(0, Infinity, document);
    const [apply] = links(await hoverAt(document, at(document, '0.01', 0, 1)));
    assert.equal(apply?.[2][1], 3);
    document.edit(`# a line typed since\n${TRAIN_PY}`); // the literal moved 21 characters down
    appliedEdits.length = 0;
    shownMessages.length = 0;
    await registeredCommands.get('tuneboard.applyHintValue')?.(...(apply?.[2] ?? []));
    assert.deepEqual(appliedEdits, [], 'nothing written over the moved text');
    assert.deepEqual(shownMessages, [{ level: 'info', text: 'Tuneboard: the file changed since that hover; hover the value again.' }]);
    // Arguments that are not a hover's are ignored.
    await registeredCommands.get('tuneboard.applyHintValue')?.(document.uri.toString(), 4, 10, 5, '1');
    await registeredCommands.get('tuneboard.applyHintValue')?.(document.uri.toString(), 4, -1, 5, '1');
    assert.deepEqual(appliedEdits, []);
  });

  it('Open Leaderboard at lr opens the study’s leaderboard at that param; an unknown study is ignored', async () => {
    const [, slice] = links(await hoverAt(train, at(train, '0.01', 0, 2)));
    assert.equal(slice?.[1], 'tuneboard.showParamInLeaderboard');
    registeredCommands.get('tuneboard.showParamInLeaderboard')?.(...(slice?.[2] ?? []));
    registeredCommands.get('tuneboard.showParamInLeaderboard')?.('no-such-study', 'lr');
    assert.deepEqual(opened, [[exp().key, undefined, 'lr']]);
  });
});

describe('a new best trial', () => {
  it('changes the hover’s value and the inlay hint, and tells the editor to ask again', async () => {
    const before = shown(await hoverAt(train, at(train, '0.01', 0, 2)));
    assert.match(before, /Best: `0\.003` in trial #1/);
    const hintsChanged = nextInlayHintsChange();
    const seen = indexChange(index, () => exp().best?.number === 3, { timeoutMs: 5000 });
    await addTrials([[{ lr: 0.0007, units: 64, dropout: 0.05, augment: true }, 0.1]]);
    await seen;
    await hintsChanged;
    const after = shown(await hoverAt(train, at(train, '0.01', 0, 2)));
    assert.match(after, /Best: `0\.0007` in trial #3 \(loss = 0\.1\); here `0\.01`/);
    assert.match(after, /Top 4 trials: 7e-4 – 0\.1/);
    assert.match(after, /Importance 0\.8: 1st of 3 params · fANOVA \(random forest, 64 trees\) from 4 trials/, 'importance computed again for the new trials');
    assert.deepEqual(inlayHints(train).map((hint) => hint.label), [' · best 0.0007 (#3)', ' · best 0.05 (#3)', ' · best True (#3)']);
  });
});
