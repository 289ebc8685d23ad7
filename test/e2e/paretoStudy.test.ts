/**
 * A multi-objective study in a real VS Code (code-server in headless Chromium), issue 15: a
 * two-objective study of command trials (a tiny node script printing accuracy and cost) tuned from the
 * explorer, its Pareto front shown in the Studies tree (★ on exactly the front's trials, the study
 * described by its objectives and front size), then Apply Best Params offering the front to pick from
 * and writing the chosen trial's params into the config's apply target, and only there.
 * Screenshots of each step land in test-results/e2e/pareto-study/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { paretoFront } from '../../src/core/multiObjective/front';
import { frontInObjectiveOrder } from '../../src/core/studyView/frontTrials';
import type { FrozenTrial } from '../../src/core/trial';
import { journalTrials, launchVsCode, skipUnlessPrepared, until, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();
const DIRECTIONS = ['maximize', 'minimize'] as const;

describe('e2e: a multi-objective study', { skip, timeout: 180_000 }, () => {
  let vscode: VsCodeSession;
  let front: FrozenTrial[] = [];

  before(async () => {
    // Auto save off, as VS Code ships: Apply then offers to save what it changed.
    vscode = await launchVsCode({ testName: 'pareto-study', workspaceSource: 'test/fixtures/e2e/pareto', userSettings: { 'files.autoSave': 'off' } });
    await vscode.waitForActivation('tuneboard.tuneboard');
  });

  after(async () => {
    await vscode?.stop();
  });

  it('Tune from the explorer runs it; the Studies tree stars exactly the Pareto front and names its size', async () => {
    const config = await vscode.revealInExplorer('pareto.tune.yaml');
    await vscode.rightClick(config);
    await vscode.menuItem('Tune').hover();
    await vscode.page.keyboard.press('Enter');
    const toast = await vscode.waitForNotification(/pareto finished/, 60_000);
    const trials = await journalTrials(join(vscode.workspaceDir, '.tuneboard', 'pareto.jsonl'));
    assert.equal(trials.filter((t) => t.state === 'complete').length, 10);
    assert.ok(trials.every((t) => t.values?.length === 2), 'every trial has both objectives');
    front = paretoFront(trials, DIRECTIONS, { feasibleOnly: true });
    assert.ok(front.length >= 3 && front.length < 10, `a front with dominated trials beside it (${front.length})`);
    assert.match((await toast.textContent()) ?? '', new RegExp(`pareto finished: 10/10 · front ${front.length}`));
    await vscode.screenshot('01-finished');

    await vscode.activityBar('Tuneboard').click();
    const tree = vscode.page.locator('.pane-body .monaco-list-row');
    const study = tree.filter({ hasText: /^pareto/ }).first();
    await vscode.step('study-described-by-front', () => tree.filter({ hasText: `pareto10/10 · max accuracy, min cost · front ${front.length}` }).first().waitFor({ timeout: 5_000 }));
    assert.equal(await tree.filter({ hasText: /best/ }).count(), 0, 'no single best is claimed');
    if ((await study.getAttribute('aria-expanded')) !== 'true') await study.click();
    await tree.filter({ hasText: /^#\d+/ }).nth(9).waitFor();
    await vscode.screenshot('02-front-in-tree');
    // A trial row's label is `#n` (its description follows it in the row's text).
    const starred = await tree.filter({ hasText: '★' }).locator('.label-name').allInnerTexts();
    const starredNumbers = starred.map((text) => Number(/^#(\d+)$/.exec(text.trim())?.[1])).sort((a, b) => a - b);
    assert.deepEqual(starredNumbers, front.map((t) => t.number).sort((a, b) => a - b), starred.join('\n'));
    // A front trial's context menu offers its own params: Apply, Copy and Insert.
    const first = front[0] as FrozenTrial;
    await vscode.rightClick(tree.filter({ has: vscode.page.locator('.label-name', { hasText: new RegExp(`^#${first.number}$`) }) }).first());
    for (const item of ['Apply Trial Params', 'Copy These Params', 'Insert These Params']) await vscode.menuItem(item).waitFor();
    await vscode.screenshot('03-front-trial-menu');
    await vscode.pressEscape();
  });

  it('Apply Best Params offers the front; the chosen trial’s params go into settings.json and nowhere else', async () => {
    const settingsPath = join(vscode.workspaceDir, 'settings.json');
    const original = readFileSync(settingsPath, 'utf8');
    const untouched = ['other.json', 'pareto.tune.yaml', 'trial.mjs'].map((file) => [file, readFileSync(join(vscode.workspaceDir, file), 'utf8')] as const);
    await vscode.openFile('pareto.tune.yaml');
    // No single best to apply: the config's CodeLens offers a front trial.
    const lenses = vscode.page.locator('.codelens-decoration');
    await vscode.step('codelens-front', () => lenses.filter({ hasText: 'Apply a front trial' }).first().waitFor({ timeout: 10_000 }));
    assert.equal(await lenses.filter({ hasText: 'Apply best' }).count(), 0);
    await vscode.runCommand('Tuneboard: Apply Best Params');
    const rows = vscode.page.locator('.quick-input-widget .monaco-list-row');
    await vscode.step('front-offered', () => rows.filter({ hasText: '★ #' }).first().waitFor({ timeout: 10_000 }));
    const offered = (await rows.allInnerTexts()).map((text) => Number(/★ #(\d+)/.exec(text)?.[1]));
    const ordered = frontInObjectiveOrder(front, DIRECTIONS);
    assert.deepEqual(offered, ordered.map((t) => t.number), 'the front, by accuracy (best first)');
    // Not the most accurate: the third point along the trade-off.
    const chosen = ordered[2] as FrozenTrial;
    const row = rows.filter({ hasText: new RegExp(`★ #${chosen.number}\\s+accuracy = `) }).first();
    assert.match(await row.innerText(), new RegExp(`cost = ${chosen.values?.[1]}[\\s\\S]*width=${chosen.params.width}, depth=${chosen.params.depth}`));
    await vscode.screenshot('04-front-picker');
    await row.click();

    const apply = vscode.page.getByRole('button', { name: 'Apply', exact: true });
    await vscode.step('refactor-preview', () => apply.waitFor({ timeout: 20_000 }));
    await vscode.screenshot('05-refactor-preview');
    await apply.click();
    const applied = await vscode.waitForNotification(new RegExp(`Applied trial #${chosen.number} of pareto: .*settings\\.json`), 20_000);
    await applied.getByRole('button', { name: 'Save' }).click();
    const written = await until('settings.json to be saved', () => {
      const text = readFileSync(settingsPath, 'utf8');
      return text !== original ? text : undefined;
    });
    await vscode.screenshot('06-applied');
    assert.deepEqual(JSON.parse(written), { width: chosen.params.width, depth: chosen.params.depth, name: 'untouched' });
    for (const [file, text] of untouched) assert.equal(readFileSync(join(vscode.workspaceDir, file), 'utf8'), text, `${file} is not touched`);
  });
});
