/**
 * Best params where the code is, in a real VS Code (code-server in headless Chromium): while a study
 * runs, hovering a tuned value in its apply: target shows the best value so far; then Insert Best Params
 * writes the best trial's params at the cursor in the file's language and context — keyword arguments
 * inside a Python call, `name = value` lines on an empty line, JSON members, a notebook cell — after a
 * preview of the exact text, and one Undo takes an insertion out. Screenshots in test-results/e2e/insert-params/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchVsCode, skipUnlessPrepared, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();

/** A trial of a quarter second, so the study is still running while the test hovers. */
const OBJECTIVE = `const [lr, units] = process.argv.slice(2).map(Number);
setTimeout(() => console.log(\`value=\${(Math.log10(lr) + 2.5) ** 2 + Math.abs(units - 48) / 100}\`), 250);
`;

const CONFIG = `name: placed
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 30, parallel: 1, seed: 7 }
space:
  lr: { float: [1.0e-4, 1.0e-1], log: true }
  units: { int: [16, 128] }
  act: [relu, gelu]
trial:
  command: [node, objective.mjs, "\${lr}", "\${units}"]
apply:
  - { file: train.py }
`;

const TRAIN = `lr = 0.01
units = 32
act = "relu"


def build(**kwargs):
    return kwargs


model = build(seed=1, )

`;

const NOTEBOOK = JSON.stringify({
  cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['x = 1'] }],
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
}, null, 1);

describe('e2e: best params where the code is', { skip, timeout: 300_000 }, () => {
  let vscode: VsCodeSession;
  const file = (name: string): string => join(vscode.workspaceDir, 'placed', name);

  before(async () => {
    vscode = await launchVsCode({ testName: 'insert-params', workspaceSource: 'examples' });
    await vscode.waitForActivation('tuneboard.tuneboard');
    mkdirSync(join(vscode.workspaceDir, 'placed'), { recursive: true });
    writeFileSync(file('objective.mjs'), OBJECTIVE);
    writeFileSync(file('placed.tune.yaml'), CONFIG);
    writeFileSync(file('train.py'), TRAIN);
    writeFileSync(file('params.json'), '{\n  "seed": 1\n}\n');
    writeFileSync(file('notes.ipynb'), NOTEBOOK);
  });

  after(async () => {
    await vscode?.stop();
  });

  /** Insert Best Params on the active editor: the best trial (first in the trial picker), then Insert in the preview. */
  async function insertBest(screenshot: string): Promise<string> {
    await vscode.runCommand('Tuneboard: Insert Best Params');
    const trials = vscode.page.locator('.quick-input-widget .monaco-list-row', { hasText: '★ best' });
    await vscode.step('trial-picker', () => trials.first().waitFor({ timeout: 15_000 }));
    await vscode.page.keyboard.press('Enter');
    const dialog = vscode.page.locator('.monaco-dialog-box');
    await vscode.step('preview', () => dialog.waitFor({ timeout: 15_000 }));
    const preview = (await dialog.textContent()) ?? '';
    await vscode.screenshot(screenshot);
    await dialog.getByRole('button', { name: 'Insert' }).click();
    await dialog.waitFor({ state: 'hidden' });
    return preview;
  }

  async function save(): Promise<void> {
    await vscode.page.keyboard.press('Control+S');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  it('hovering a tuned value in the apply: target shows the best value while the study runs', async () => {
    await vscode.openFile('placed/placed.tune.yaml');
    await vscode.runCommand('Tuneboard: Tune');
    await vscode.openFile('placed/train.py');
    const value = vscode.page.locator('.view-lines .view-line', { hasText: 'lr = 0.01' }).locator('span', { hasText: /^0\.01$/ }).last();
    const hover = vscode.page.locator('.monaco-hover-content', { hasText: /Best:/ });
    await vscode.step('hover-best', async () => {
      for (let i = 0; i < 60 && !(await hover.isVisible().catch(() => false)); i++) {
        await vscode.page.mouse.move(0, 0);
        await value.hover();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      await hover.first().waitFor({ timeout: 2000 });
    });
    const text = (await hover.first().textContent()) ?? '';
    assert.match(text, /lr · study placed/);
    assert.match(text, /Best: [\d.e-]+ in trial #\d+/);
    assert.match(text, /Top \d+ trials:/);
    await vscode.screenshot('01-hover-while-running');
    await vscode.waitForNotification(/placed finished/, 120_000);
  });

  it('inserts keyword arguments inside a Python call, and lr = … lines on an empty line; one Undo takes the second out', async () => {
    await vscode.openFile('placed/train.py');
    await vscode.goToLine(10, 23); // model = build(seed=1, |)
    const preview = await insertBest('02-preview-kwargs');
    assert.match(preview, /keyword arguments/);
    await save();
    const afterCall = readFileSync(file('train.py'), 'utf8');
    // The file writes its strings in double quotes, so the inserted one is too.
    assert.match(afterCall.split('\n')[9] ?? '', /^model = build\(seed=1, lr=[\d.e-]+, units=\d+, act="(relu|gelu)"\)$/);
    await vscode.goToLine(12, 1);
    await insertBest('03-preview-lines');
    await save();
    const withLines = readFileSync(file('train.py'), 'utf8');
    assert.match(withLines, /\nlr = [\d.e-]+\nunits = \d+\nact = "(relu|gelu)"\n$/, 'the lines go where the cursor was, and the file still ends with a line break');
    await vscode.page.keyboard.press('Control+Z');
    await save();
    assert.equal(readFileSync(file('train.py'), 'utf8'), afterCall, 'one Undo removes the whole insertion');
  });

  it('inserts JSON members with the comma the object needs', async () => {
    await vscode.openFile('placed/params.json');
    await vscode.goToLine(2, 12); // after "seed": 1
    await insertBest('04-preview-json');
    await save();
    const json = JSON.parse(readFileSync(file('params.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['seed', 'lr', 'units', 'act']);
    assert.equal(typeof json.lr, 'number');
  });

  it('inserts into a notebook cell in the cell’s language', async () => {
    await vscode.openFile('placed/notes.ipynb');
    const cell = vscode.page.locator('.notebook-editor .cell-editor-container .monaco-editor').first();
    await vscode.step('notebook-cell', () => cell.waitFor({ timeout: 30_000 }));
    await cell.click();
    await vscode.page.keyboard.press('Control+End');
    await vscode.page.keyboard.press('Enter');
    await insertBest('05-preview-notebook');
    await save();
    const notebook = JSON.parse(readFileSync(file('notes.ipynb'), 'utf8')) as { cells: { source: string[] | string }[] };
    const source = [notebook.cells[0]?.source ?? ''].flat().join('');
    assert.match(source, /^x = 1\nlr = [\d.e-]+\nunits = \d+\nact = '(relu|gelu)'/);
    await vscode.screenshot('06-notebook-inserted');
  });
});
