/**
 * Writing a config in a real VS Code (code-server in headless Chromium) with no YAML extension
 * installed: Ctrl+Space after `sampler: ` offers the samplers, under `space:` of an mlp config it
 * offers the parameters the trainer accepts (and accepting one writes its range), and a misspelt key
 * shows a lightbulb whose quick fix corrects it, and a target column not in the data file is a Problem
 * while the config is being edited. Screenshots in test-results/e2e/config-editing/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchVsCode, skipUnlessPrepared, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();

/** An mlp config being written: line 4 waits for a sampler, line 8 for another parameter (lines, so no editor strips their spaces). */
const CONFIG = [
  'name: editing',
  'objective: { metric: val_accuracy, direction: maximize }',
  'search:',
  '  sampler: ',
  '  trails: 5',
  'space:',
  '  layers: { int: [1, 2] }',
  '  ',
  'trial:',
  '  model: mlp',
  '  data: { path: ../iris/data/iris.csv, target: species }',
  '',
].join('\n');

describe('e2e: writing a config without the YAML extension', { skip, timeout: 300_000 }, () => {
  let vscode: VsCodeSession;
  const configFile = (): string => join(vscode.workspaceDir, 'editing', 'editing.tune.yaml');

  before(async () => {
    // Auto save off, as VS Code ships (code-server's web default saves after a second, which on a loaded
    // machine lands before the check that the target problem came from the unsaved editor text).
    vscode = await launchVsCode({ testName: 'config-editing', workspaceSource: 'examples', userSettings: { 'files.autoSave': 'off' } });
    await vscode.waitForActivation('tuneboard.tuneboard');
    mkdirSync(join(vscode.workspaceDir, 'editing'), { recursive: true });
    writeFileSync(configFile(), CONFIG);
  });

  after(async () => {
    await vscode?.stop();
  });

  async function save(): Promise<void> {
    await vscode.page.keyboard.press('Control+S');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  it('runs with no YAML extension installed', async () => {
    const extensions = await vscode.installedExtensions();
    assert.deepEqual(extensions.filter((id) => /yaml/i.test(id)), [], extensions.join(', '));
  });

  it('offers the samplers after `sampler: `, and an mlp’s parameters under space:', async () => {
    await vscode.openFile('editing/editing.tune.yaml');
    const samplers = await vscode.suggestAt(4, 12, '01-samplers');
    for (const name of ['random', 'grid', 'tpe', 'qmc', 'gp', 'nsga2']) assert.ok(samplers.some((row) => row.startsWith(name)), `${name} in ${samplers.join(' | ')}`);
    await vscode.pressEscape();

    const params = await vscode.suggestAt(8, 3, '02-model-params');
    for (const name of ['units', 'learning_rate', 'dropout', 'activation']) assert.ok(params.some((row) => row.startsWith(name)), `${name} in ${params.join(' | ')}`);
    assert.ok(!params.some((row) => row.startsWith('layers')), 'layers is written already');
    await vscode.page.keyboard.type('uni');
    await vscode.page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'units' }).waitFor({ timeout: 10_000 });
    await vscode.page.keyboard.press('Enter');
    await vscode.pressEscape(); // leaves the snippet's placeholders as they are
    await save();
    assert.equal(readFileSync(configFile(), 'utf8').split('\n')[7], '  units: { int: [1, 8192] }');
  });

  it('shows a lightbulb on a misspelt key whose quick fix corrects it', async () => {
    await vscode.waitForProblem(/unknown key 'trails' in search; did you mean 'trials'\?/);
    await vscode.openFile('editing/editing.tune.yaml');
    await vscode.goToLine(5, 4);
    const lightbulb = vscode.page.locator('.lightBulbWidget');
    await vscode.step('lightbulb', () => lightbulb.first().waitFor({ state: 'visible', timeout: 15_000 }));
    await vscode.screenshot('03-lightbulb');
    await vscode.page.keyboard.press('Control+.');
    const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'trials'" });
    await vscode.step('quick-fix-menu', () => fix.first().waitFor({ timeout: 15_000 }));
    await vscode.screenshot('04-quick-fix');
    // The preferred fix comes focused; a click would land on the menu's pointer guard first.
    await vscode.page.keyboard.press('Enter');
    await save();
    assert.equal(readFileSync(configFile(), 'utf8').split('\n')[4], '  trials: 5');
  });

  it('shows a target column that is not in the data file as a Problem while editing, before any save', async () => {
    await vscode.openFile('editing/editing.tune.yaml');
    // Line 11 is `  data: { path: ../iris/data/iris.csv, target: species }`: misspell the target, unsaved.
    const line = readFileSync(configFile(), 'utf8').split('\n')[10] ?? '';
    const column = line.indexOf('species') + 'species'.length + 1;
    assert.ok(column > 'species'.length, line);
    await vscode.goToLine(11, column);
    await vscode.page.keyboard.press('Backspace');
    const problem = await vscode.waitForProblem(/no column "specie"; did you mean "species"\?/);
    await vscode.screenshot('05-target-column-problem');
    assert.match((await problem.getAttribute('aria-label')) ?? '', /line 11/, 'positioned at the target');
    assert.match(readFileSync(configFile(), 'utf8'), /target: species \}/, 'the file on disk is untouched: the check ran on the editor text');
    // Undoing the typo clears the problem.
    await vscode.openFile('editing/editing.tune.yaml');
    await vscode.page.keyboard.press('Control+Z');
    await vscode.step('problem-cleared', async () => {
      const end = Date.now() + 20_000;
      while ((await vscode.problems()).some((p) => /no column "specie"/.test(p))) {
        if (Date.now() > end) throw new Error('the target column problem stayed after undo');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });
  });
});
