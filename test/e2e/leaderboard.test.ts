/**
 * The leaderboard in a real VS Code (code-server in headless Chromium): opened while a study runs,
 * its row count grows as trials finish, Apply from a selected row rewrites the target file through
 * the refactor preview, and the panel comes back after a window reload. Screenshots in
 * test-results/e2e/leaderboard/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { paramsAsWritten } from '../../src/core';
import { openStorage } from '../../src/core/storage';
import { launchVsCode, skipUnlessPrepared, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared();

/** A command trial that reports 4 steps a quarter-second apart: slow enough to watch, fast to finish. */
const STEPS_SCRIPT = `const [x, y] = process.argv.slice(2).map(Number);
let step = 0;
const timer = setInterval(() => {
  step += 1;
  console.log(\`value=\${((x - 0.3) ** 2 + (y - 0.7) ** 2 + 1 / step).toFixed(6)} step=\${step}\`);
  if (step === 4) clearInterval(timer);
}, 250);
`;

const CONFIG = `name: watched
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 16, parallel: 2, seed: 5 }
space:
  x: { float: [0, 1] }
  y: { float: [0, 1] }
trial:
  command: [node, steps.mjs, "\${x}", "\${y}"]
apply:
  - { file: params.json }
`;

/** The best trial's params; `asWritten`: as Apply writes them into a file (floats to a precision their range warrants). */
async function bestTrialParams(journal: string, asWritten = false): Promise<Record<string, unknown>> {
  const storage = await openStorage(journal);
  try {
    const [study] = storage.getStudies();
    const complete = storage.getTrials(study!.id).filter((t) => t.state === 'complete');
    const best = [...complete].sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || a.number - b.number)[0];
    return asWritten ? paramsAsWritten(best!.params, best!.distributions) : { ...best!.params };
  } finally {
    await storage.close();
  }
}

describe('e2e: the leaderboard', { skip, timeout: 300_000 }, () => {
  let vscode: VsCodeSession;
  let board: FrameLocator;

  const rowCount = async (): Promise<number> => Number((/(\d[\d,]*)/.exec((await board.locator('.tb-row-count').textContent()) ?? '') ?? ['', '0'])[1]!.replace(/,/g, ''));

  before(async () => {
    vscode = await launchVsCode({ testName: 'leaderboard', workspaceSource: 'examples' });
    await vscode.waitForActivation('tuneboard.tuneboard');
    const folder = join(vscode.workspaceDir, 'watched');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'steps.mjs'), STEPS_SCRIPT);
    writeFileSync(join(folder, 'watched.tune.yaml'), CONFIG);
    writeFileSync(join(folder, 'params.json'), '{\n  "x": 0.5,\n  "y": 0.5\n}\n');
    board = vscode.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async () => {
    await vscode?.stop();
  });

  it('opens while the study runs and its row count grows as trials start and finish', async () => {
    await vscode.runCommand('View: Show Explorer');
    await (await vscode.revealInExplorer('watched/watched.tune.yaml')).click();
    await vscode.runCommand('Tuneboard: Tune');
    const journal = join(vscode.workspaceDir, 'watched', '.tuneboard', 'watched.jsonl');
    await vscode.step('journal-exists', async () => {
      for (let i = 0; i < 120 && !existsSync(journal); i++) await new Promise((resolve) => setTimeout(resolve, 250));
    });
    await vscode.runCommand('Tuneboard: Open Leaderboard');
    await vscode.step('leaderboard-rows', () => board.locator('.tb-row-count').waitFor({ timeout: 30_000 }));
    const first = await rowCount();
    await vscode.screenshot('01-leaderboard-running');
    await vscode.step('row-count-grows', async () => {
      for (let i = 0; i < 240 && (await rowCount()) <= first; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    });
    assert.ok((await rowCount()) > first, `the row count grew from ${first}`);
    await vscode.waitForNotification(/watched finished/, 120_000);
    await vscode.step('all-16-rows', async () => {
      for (let i = 0; i < 80 && (await rowCount()) !== 16; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    });
    assert.equal(await rowCount(), 16);
    await vscode.screenshot('02-leaderboard-finished');
    // Parameter importance comes from the host's worker thread (fANOVA over the finished trials).
    await board.locator('[data-chart-tab="importance"]').click();
    await vscode.step('importance-caption', () => board.getByText(/fANOVA.*from 16 complete trials/).first().waitFor({ timeout: 30_000 }));
    await vscode.screenshot('02b-importance');
  });

  it('Apply these params on the best row rewrites params.json through the refactor preview', async () => {
    const journal = join(vscode.workspaceDir, 'watched', '.tuneboard', 'watched.jsonl');
    const best = await bestTrialParams(journal, true);
    // The best trial is pinned first; selecting it opens its details.
    await board.locator('.tb-grid-body .tb-row[aria-rowindex="2"]').click();
    const apply = board.getByRole('button', { name: /Apply these params/ });
    await vscode.step('detail-apply-button', () => apply.waitFor({ timeout: 15_000 }));
    await vscode.screenshot('03-details');
    await apply.click();
    const confirm = vscode.page.getByRole('button', { name: 'Apply', exact: true });
    await vscode.step('refactor-preview', () => confirm.waitFor({ timeout: 20_000 }));
    await vscode.screenshot('04-refactor-preview');
    await confirm.click();
    const file = join(vscode.workspaceDir, 'watched', 'params.json');
    let written: Record<string, unknown> = {};
    for (let i = 0; i < 80; i++) {
      written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (written.x !== 0.5) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(written, best, 'params.json holds the best trial’s params');
  });

  it('Rerun runs a new trial with the selected trial’s params (enqueued, past the budget)', async () => {
    const journal = join(vscode.workspaceDir, 'watched', '.tuneboard', 'watched.jsonl');
    const best = await bestTrialParams(journal);
    await board.locator('.tb-grid-body .tb-row[aria-rowindex="2"]').click();
    await board.getByRole('button', { name: /Rerun/ }).click();
    const rerunState = async (): Promise<string | undefined> => {
      const storage = await openStorage(journal);
      try {
        const [study] = storage.getStudies();
        return storage.getTrials(study!.id).find((t) => t.number === 16)?.state;
      } finally {
        await storage.close();
      }
    };
    for (let i = 0; i < 240 && (await rerunState()) !== 'complete'; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    for (let i = 0; i < 80 && (await rowCount()) !== 17; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(await rowCount(), 17);
    const storage = await openStorage(journal);
    try {
      const [study] = storage.getStudies();
      const rerun = storage.getTrials(study!.id).find((t) => t.number === 16);
      assert.equal(rerun?.state, 'complete');
      assert.deepEqual({ ...rerun!.params }, best);
    } finally {
      await storage.close();
    }
    await vscode.screenshot('05-rerun');
  });

  it('comes back after a window reload, showing the same study', async () => {
    await vscode.runCommand('Developer: Reload Window');
    await vscode.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await vscode.step('restored-leaderboard', () => board.locator('.tb-row-count').waitFor({ timeout: 45_000 }));
    for (let i = 0; i < 80 && (await rowCount()) !== 17; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(await rowCount(), 17);
    await vscode.screenshot('06-restored');
  });
});
