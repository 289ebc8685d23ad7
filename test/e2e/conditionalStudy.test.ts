/**
 * A conditional space in a real VS Code (code-server in headless Chromium): examples/conditional's
 * config (optimizer branches, a when:, per-layer each:) is validated as it is typed — a required
 * ${momentum} on a parameter only sgd trials have and a misspelt when: parent are Problems at their
 * lines, each cleared by its quick fix — then tuned from the explorer: the journal's trials hold only
 * their active params (never null) and the Studies tree lists the trials.
 * Screenshots in test-results/e2e/conditional-study/.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { journalTrials, launchVsCode, skipUnlessPrepared, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();
const TRIALS = 8;

describe('e2e: a conditional study', { skip, timeout: 240_000 }, () => {
  let vscode: VsCodeSession;
  let fixed = '';
  const configFile = (): string => join(vscode.workspaceDir, 'conditional.tune.yaml');

  before(async () => {
    vscode = await launchVsCode({ testName: 'conditional-study', workspaceSource: 'examples/conditional', userSettings: { 'files.autoSave': 'off' } });
    // A short budget; and the slip a user makes first: a plain ${momentum}, which adam trials lack.
    fixed = readFileSync(configFile(), 'utf8').replace(/trials: \d+/, `trials: ${TRIALS}\n  parallel: 2`);
    writeFileSync(configFile(), fixed.replace('${momentum?}', '${momentum}'));
    await vscode.waitForActivation('tuneboard.tuneboard');
  });

  after(async () => {
    await vscode?.stop();
  });

  /** The 1-based line and column where `text` first starts in the fixed config (the same in the slipped one). */
  function lineOf(text: string): { line: number; column: number } {
    const lines = fixed.split('\n');
    const index = lines.findIndex((l) => l.includes(text));
    assert.ok(index >= 0, text);
    return { line: index + 1, column: (lines[index] as string).indexOf(text) + 1 };
  }

  async function quickFix(line: number, column: number, title: string, screenshot: string): Promise<void> {
    await vscode.openFile('conditional.tune.yaml');
    await vscode.goToLine(line, column);
    await vscode.page.keyboard.press('Control+.');
    const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: title });
    await vscode.step(`quick-fix-${screenshot}`, () => fix.first().waitFor({ timeout: 15_000 }));
    await vscode.screenshot(screenshot);
    await vscode.page.keyboard.press('Enter');
  }

  async function untilNoProblem(pattern: RegExp): Promise<void> {
    await vscode.step('problem-cleared', async () => {
      const end = Date.now() + 20_000;
      while ((await vscode.problems()).some((p) => pattern.test(p))) {
        if (Date.now() > end) throw new Error(`the problem ${pattern} stayed`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });
  }

  it('shows a misspelt when: parent and a required ${momentum} as Problems at their lines, and their quick fixes clear them', async () => {
    await vscode.openFile('conditional.tune.yaml');
    const momentum = lineOf('${momentum?}');
    const required = await vscode.waitForProblem(/\$\{momentum\} is not in every trial \(it is only active when optimizer = sgd\)/);
    assert.match((await required.getAttribute('aria-label')) ?? '', new RegExp(`line ${momentum.line}\\b`));

    // Ctrl+Space on a when:'s parent offers the params that can be parents; on its value, that param's values.
    const model = lineOf('model: cnn }');
    const parents = await vscode.suggestAt(model.line, model.column, '01-when-parents');
    assert.deepEqual(parents.map((row) => row.split(' ')[0]), ['optimizer', 'model', 'layers', 'units_0', 'units_1', 'units_2']);
    await vscode.pressEscape();
    const values = await vscode.suggestAt(model.line, model.column + 'model: '.length, '02-when-values');
    assert.deepEqual(values.map((row) => row.split(' ')[0]), ['mlp', 'cnn']);
    await vscode.pressEscape();

    // Typed, unsaved: `when: { model: cnn }` → `when: { modle: cnn }`.
    await vscode.openFile('conditional.tune.yaml');
    await vscode.goToLine(model.line, model.column + 3);
    await vscode.page.keyboard.press('Delete');
    await vscode.page.keyboard.press('Delete');
    await vscode.page.keyboard.type('le');
    const unknown = await vscode.waitForProblem(/when: no parameter 'modle' in the space; did you mean 'model'\?/);
    await vscode.screenshot('03-problems-while-typing');
    assert.match((await unknown.getAttribute('aria-label')) ?? '', new RegExp(`line ${model.line} and character ${model.column}\\b`), 'at the misspelt key');
    assert.match(readFileSync(configFile(), 'utf8'), /when: \{ model: cnn \}/, 'checked on the editor text, before any save');

    await quickFix(model.line, model.column + 2, "Change to 'model'", '04-fix-parent');
    await untilNoProblem(/no parameter 'modle'/);
    await quickFix(momentum.line, momentum.column + 4, "Change to '${momentum?}'", '05-fix-optional');
    await untilNoProblem(/is not in every trial/);
    await vscode.page.keyboard.press('Control+S');
    await vscode.step('saved', async () => {
      const end = Date.now() + 10_000;
      while (readFileSync(configFile(), 'utf8') !== fixed) {
        if (Date.now() > end) throw new Error(`the fixed config was not saved:\n${readFileSync(configFile(), 'utf8')}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
    assert.deepEqual((await vscode.problems()).filter((p) => /^(Error|Warning)/.test(p)), []);
  });

  it('Tune from the explorer runs it; each trial holds only its active params, and the Studies tree lists them', async () => {
    const config = await vscode.revealInExplorer('conditional.tune.yaml');
    await vscode.rightClick(config);
    await vscode.menuItem('Tune').hover();
    await vscode.page.keyboard.press('Enter');
    await vscode.waitForNotification(/conditional finished/, 90_000);
    await vscode.screenshot('06-finished');

    const trials = await journalTrials(join(vscode.workspaceDir, '.tuneboard', 'conditional.jsonl'));
    assert.equal(trials.filter((t) => t.state === 'complete').length, TRIALS, trials.map((t) => t.state).join(', '));
    for (const t of trials) {
      const p = t.params;
      const has = (name: string): boolean => Object.hasOwn(p, name);
      const why = `trial ${t.number}: ${JSON.stringify(p)}`;
      assert.ok(Object.values(p).every((v) => v !== null && v !== undefined), why);
      assert.deepEqual(Object.keys(t.distributions).sort(), Object.keys(p).sort(), why);
      assert.equal(has('momentum'), p.optimizer === 'sgd', why);
      assert.equal(has('sgd.lr'), p.optimizer === 'sgd', why);
      assert.equal(has('beta1'), p.optimizer === 'adam', why);
      assert.equal(has('adam.lr'), p.optimizer === 'adam', why);
      assert.equal(has('kernel_size'), p.model === 'cnn', why);
      for (let i = 0; i < 3; i++) assert.equal(has(`units_${i}`), (p.layers as number) > i, why);
    }
    assert.ok(new Set(trials.map((t) => t.params.optimizer)).size === 2, 'both branches were tried');

    await vscode.activityBar('Tuneboard').click();
    const tree = vscode.page.locator('.pane-body .monaco-list-row');
    const study = tree.filter({ hasText: /^conditional/ }).first();
    await vscode.step('study-in-tree', () => study.waitFor({ timeout: 10_000 }));
    if ((await study.getAttribute('aria-expanded')) !== 'true') await study.click();
    await vscode.step('trials-in-tree', () => tree.filter({ hasText: /^#\d+/ }).nth(TRIALS - 1).waitFor({ timeout: 10_000 }));
    await vscode.screenshot('07-studies-tree');
    const rows = await tree.filter({ hasText: /^#\d+/ }).locator('.label-name').allInnerTexts();
    assert.deepEqual(rows.map((text) => Number(/^#(\d+)$/.exec(text.trim())?.[1])).sort((a, b) => a - b), trials.map((t) => t.number).sort((a, b) => a - b));
  });
});
