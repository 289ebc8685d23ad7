/**
 * Studies on Redis in a real VS Code (code-server in headless Chromium), with a real redis-server on a
 * free port: a config whose `storage:` is a Redis URL is tuned from the editor and fills the tree and
 * the leaderboard; a server of the `tuneboard.storages` setting shows a study another host runs, with
 * that host and GPU on its running trial, and Stop Everywhere reaches it through the journal; a Redis
 * that stops shows as an error naming its address on its studies, and the view recovers when it is back.
 * Screenshots in test-results/e2e/redis-studies/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { createStudy, GPU_ATTR, type JsonValue, RUNNER_ATTR, stopRequest, type Study } from '../../src/core';
import { openJournalStorage } from '../../src/redis/openJournal';
import { hasRedis, startRedis, type RedisServer } from '../fixtures/redisServer';
import { launchVsCode, skipUnlessPrepared, type VsCodeSession } from './harness';

const skip = skipUnlessPrepared({ missing: !hasRedis, how: 'apt-get install redis-server' });

const SCRIPT = `const [x, y] = process.argv.slice(2).map(Number);
setTimeout(() => console.log(\`value=\${((x - 0.3) ** 2 + (y - 0.7) ** 2).toFixed(6)}\`), 150);
`;

const config = (url: string): string => `name: shared
objective: { metric: value, direction: minimize }
search: { sampler: random, trials: 12, parallel: 2, seed: 3 }
storage: ${url}
space:
  x: { float: [0, 1] }
  y: { float: [0, 1] }
trial:
  command: [node, objective.mjs, "\${x}", "\${y}"]
`;

describe('e2e: studies on Redis', { skip, timeout: 300_000 }, () => {
  let redis: RedisServer;
  let vscode: VsCodeSession;
  let lab: Study;
  let board: FrameLocator;
  const tree = (): ReturnType<VsCodeSession['page']['locator']> => vscode.page.locator('.pane-body .monaco-list-row');
  /** Shows the Studies view (the activity bar button would toggle it closed when it is open). */
  const showStudies = (): Promise<void> => vscode.runCommand('Tuneboard: Focus on Studies View');

  before(async () => {
    redis = await startRedis({ appendonly: true });
    // A study run "on another host": one trial finished, one running on gpu-box-2's GPU 1.
    lab = await createStudy({ name: 'lab-sweep', storage: await openJournalStorage(`${redis.url}/0?prefix=lab`), space: { lr: { float: [0.0001, 0.1], log: true } }, sampler: 'random', seed: 1 });
    await lab.tell(await lab.ask(), 0.25);
    const running = await lab.ask();
    await lab.setSystemAttr(running, RUNNER_ATTR, { host: 'gpu-box-2', pid: 4242 });
    await lab.setSystemAttr(running, GPU_ATTR, '1');
    vscode = await launchVsCode({ testName: 'redis-studies', workspaceSource: 'examples', userSettings: { 'tuneboard.storages': [`${redis.url}/0?prefix=lab`] } });
    await vscode.waitForActivation('tuneboard.tuneboard');
    const folder = join(vscode.workspaceDir, 'shared');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'objective.mjs'), SCRIPT);
    writeFileSync(join(folder, 'shared.tune.yaml'), config(`${redis.url}?prefix=e2e`));
    board = vscode.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  });

  after(async () => {
    await vscode?.stop();
    await lab?.close();
    await redis?.dispose();
  });

  it('tunes a config whose storage is Redis, and the tree and the leaderboard show its trials', async () => {
    await vscode.runCommand('View: Show Explorer');
    await (await vscode.revealInExplorer('shared/shared.tune.yaml')).click();
    await vscode.runCommand('Tuneboard: Tune');
    const toast = await vscode.waitForNotification(/shared finished/, 120_000);
    assert.match((await toast.textContent()) ?? '', /shared finished: 12\/12 · best #\d+ /);
    await showStudies();
    await vscode.step('tree-12-of-12', () => tree().filter({ hasText: /shared12\/12 · best \d/ }).first().waitFor({ timeout: 15_000 }));
    await vscode.screenshot('01-redis-study-tuned');
    await vscode.runCommand('Tuneboard: Open Leaderboard');
    const picker = vscode.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'shared' });
    if (await picker.first().isVisible().catch(() => false)) await picker.first().click();
    await vscode.step('leaderboard-12-rows', () => board.locator('.tb-row-count', { hasText: /\b12\b/ }).waitFor({ timeout: 30_000 }));
    await vscode.screenshot('02-redis-leaderboard');
  });

  it('shows a study of tuneboard.storages run by another host, with its host and GPU, and Stop Everywhere reaches it', async () => {
    await showStudies();
    const study = tree().filter({ hasText: 'lab-sweep' }).first();
    await vscode.step('lab-sweep-shown', () => study.waitFor({ timeout: 15_000 }));
    if ((await study.getAttribute('aria-expanded')) !== 'true') await study.click();
    await vscode.step('host-and-gpu', () => tree().filter({ hasText: /#1.*gpu-box-2.*GPU 1/ }).first().waitFor({ timeout: 15_000 }));
    await vscode.screenshot('03-other-host-running');
    // Nothing runs in this window: Stop finds the study other hosts run and offers to stop it everywhere.
    await vscode.runCommand('Tuneboard: Stop');
    const offer = await vscode.waitForNotification(/lab-sweep is not run by this window.*gpu-box-2/);
    await offer.getByRole('button', { name: 'Stop Everywhere' }).click();
    await vscode.step('stop-request-written', async () => {
      for (let i = 0; i < 80 && stopRequest((await readLab()).systemAttrs) === null; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    });
    assert.notEqual(stopRequest((await readLab()).systemAttrs), null, 'the stop request is in the Redis journal');
  });

  it('marks the studies of a Redis that stopped with an error naming its address, and recovers', async () => {
    await showStudies();
    await redis.stop();
    const broken = tree().filter({ hasText: 'shared' }).first();
    await vscode.step('redis-down-shown', () => broken.locator('.codicon-warning').waitFor({ timeout: 30_000 }));
    await broken.hover();
    await vscode.step('tooltip-names-address', () => vscode.page.getByText(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${redis.port}`)).first().waitFor({ timeout: 10_000 }));
    await vscode.screenshot('04-redis-down');
    await redis.start();
    await vscode.step('redis-back', () => tree().filter({ hasText: /shared12\/12 · best \d/ }).first().locator('.codicon-warning').waitFor({ state: 'detached', timeout: 45_000 }));
    await vscode.screenshot('05-redis-back');
  });

  async function readLab(): Promise<{ systemAttrs: Readonly<Record<string, JsonValue>> }> {
    const storage = await openJournalStorage(`${redis.url}/0?prefix=lab`);
    try {
      const record = storage.findStudy('lab-sweep');
      assert.ok(record);
      return { systemAttrs: record.systemAttrs };
    } finally {
      await storage.close();
    }
  }
});
