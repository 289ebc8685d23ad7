/**
 * The leaderboard panel over a real study index and journal, with a stand-in webview: the snapshot on
 * `ready`, then only new and changed trials; the page's requests checked and turned into actions.
 */
import './fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { createStudy } from '../../../src/core';
import type { FrozenTrial } from '../../../src/core/trial';
import type { LeaderboardActions } from '../../../src/extension/leaderboard/leaderboardActions';
import { LeaderboardPanel } from '../../../src/extension/leaderboard/leaderboardPanel';
import { StudyIndex, type StudySummary } from '../../../src/extension/studies/studyIndex';
import type { HostMessage } from '../../../src/protocol/leaderboard';

const SPACE = { x: { float: [0, 1] }, act: ['relu', 'tanh'] };
let workspace: string;
let journal: string;
let index: StudyIndex;

/** A webview panel that records what the host posts and lets the test speak for the page. */
class StandInPanel {
  readonly posted: HostMessage[] = [];
  visible = true;
  title = '';
  iconPath: unknown;
  disposed = false;
  private receive: (message: unknown) => void = () => undefined;
  private readonly disposeListeners: (() => void)[] = [];
  private readonly viewStateListeners: (() => void)[] = [];
  readonly webview = {
    options: {},
    html: '',
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri: { toString(): string }) => uri,
    postMessage: async (message: HostMessage) => {
      this.posted.push(message);
      return true;
    },
    onDidReceiveMessage: (listener: (message: unknown) => void) => {
      this.receive = listener;
      return { dispose: () => undefined };
    },
  };
  onDidDispose = (listener: () => void) => (this.disposeListeners.push(listener), { dispose: () => undefined });
  onDidChangeViewState = (listener: () => void) => (this.viewStateListeners.push(listener), { dispose: () => undefined });
  reveal(): void {}
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const listener of this.disposeListeners) listener();
  }
  /** The page posts a message; resolves once the host has had time to answer. */
  async fromPage(message: unknown): Promise<void> {
    this.receive(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  hide(): void {
    this.visible = false;
    for (const listener of this.viewStateListeners) listener();
  }
}

const calls: string[] = [];
const actions = {
  studyAction: async (_study: StudySummary, action: string) => void calls.push(`study:${action}`),
  applyParams: async (_study: StudySummary, trial: FrozenTrial) => void calls.push(`apply:${trial.number}`),
  copyParams: async (_study: StudySummary, trial: FrozenTrial) => void calls.push(`copy:${trial.number}`),
  rerunParams: async (_study: StudySummary, trial: FrozenTrial) => (calls.push(`rerun:${trial.number}`), `enqueued the params of #${trial.number}`),
  openLog: async (trial: FrozenTrial) => void calls.push(`log:${trial.number}`),
  saveExport: async () => null,
  saveImage: async () => null,
} as unknown as LeaderboardActions;

async function addTrials(values: readonly number[], seed: number): Promise<void> {
  const study = await createStudy({ name: 'toy', storage: journal, space: SPACE, sampler: 'random', seed });
  for (const value of values) {
    const trial = await study.ask();
    await study.report(trial, 1, value + 1);
    await study.tell(trial, value);
  }
  await study.close();
}

function openPanel(): { panel: StandInPanel; leaderboard: LeaderboardPanel; key: string } {
  const key = index.studies()[0]!.key;
  const panel = new StandInPanel();
  const leaderboard = new LeaderboardPanel(key, panel as unknown as vscode.WebviewPanel, {
    index,
    extensionUri: { scheme: 'file', fsPath: '/ext' } as unknown as vscode.Uri,
    actions,
    whenIndexed: Promise.resolve(),
    isRunning: () => false,
    liveBackend: () => null,
    importance: async (study) => ({ result: { method: 'test', trials: study.counts.complete, importances: [{ param: 'x', importance: 1 }] } }),
  });
  index.onDidChange((keys) => keys.includes(key) && leaderboard.changed());
  return { panel, leaderboard, key };
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tuneboard-panel-'));
  mkdirSync(join(workspace, '.tuneboard'));
  journal = join(workspace, '.tuneboard', 'toy.jsonl');
  await addTrials([0.3, 0.1, 0.2], 1);
  index = new StudyIndex({ roots: [workspace], settleMs: 20 });
  await index.start();
});

after(async () => {
  await index.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

describe('LeaderboardPanel', () => {
  it('serves the page with a nonce-only script policy and sends nothing before the page is ready', async () => {
    const { panel, leaderboard } = openPanel();
    assert.match(panel.webview.html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    assert.match(panel.title, /Leaderboard: toy/);
    assert.equal(panel.posted.length, 0);
    leaderboard.dispose();
    assert.ok(panel.disposed);
  });

  it('answers ready with a snapshot, then sends only the trials that changed, and recomputes importance', async () => {
    const { panel, leaderboard } = openPanel();
    await panel.fromPage({ type: 'ready' });
    const snapshot = panel.posted.find((m) => m.type === 'snapshot');
    assert.ok(snapshot && snapshot.type === 'snapshot');
    assert.deepEqual(snapshot.trials.map((t) => t.number), [0, 1, 2]);
    assert.equal(snapshot.header.name, 'toy');
    assert.deepEqual(snapshot.space.map((p) => p.name).sort(), ['act', 'x']);
    await until('importance', () => panel.posted.find((m) => m.type === 'importance'));

    panel.posted.length = 0;
    await addTrials([0.05], 2);
    // The watcher may see the trial running before it completes: wait for it complete.
    const updates = () => panel.posted.flatMap((m) => (m.type === 'trials' ? [m] : []));
    await until('an update', () => updates().find((m) => m.upserts.some((t) => t.number === 3 && t.state === 'complete')));
    for (const update of updates()) {
      assert.deepEqual(update.upserts.map((t) => t.number), [3], 'only the new trial, not the whole study');
      assert.equal(update.space, undefined, 'the space did not change');
    }
    const importance = await until('new importance', () => panel.posted.find((m) => m.type === 'importance'));
    assert.ok(importance.type === 'importance' && importance.result?.trials === 4);
    leaderboard.dispose();
  });

  it('turns the page’s requests into actions, answers detail requests, and ignores malformed messages', async () => {
    const { panel, leaderboard } = openPanel();
    await panel.fromPage({ type: 'ready' });
    calls.length = 0;
    await panel.fromPage({ type: 'applyParams', number: 1 });
    await panel.fromPage({ type: 'copyParams', number: 2 });
    await panel.fromPage({ type: 'studyAction', action: 'stop' });
    await panel.fromPage({ type: 'rerunParams', number: 0 });
    await panel.fromPage({ type: 'applyParams', number: '1; rm -rf /' });
    await panel.fromPage({ type: 'runShell', command: 'echo' });
    assert.deepEqual(calls, ['apply:1', 'copy:2', 'study:stop', 'rerun:0']);
    assert.ok(panel.posted.some((m) => m.type === 'notice' && m.text === 'enqueued the params of #0'));

    await panel.fromPage({ type: 'requestDetail', number: 1 });
    const detail = panel.posted.find((m) => m.type === 'detail');
    assert.ok(detail && detail.type === 'detail');
    assert.equal(detail.detail.number, 1);
    assert.deepEqual(Object.keys(detail.detail.history), ['objective']);

    await panel.fromPage({ type: 'applyParams', number: 99 });
    assert.ok(panel.posted.some((m) => m.type === 'notice' && m.level === 'error' && /no trial #99/.test(m.text)));
    leaderboard.dispose();
  });

  it('stops sending while hidden, and sends a fresh snapshot when the page is back', async () => {
    const { panel, leaderboard } = openPanel();
    await panel.fromPage({ type: 'ready' });
    panel.hide();
    panel.posted.length = 0;
    await addTrials([0.4], 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(panel.posted.length, 0, 'a hidden webview would drop these');
    await panel.fromPage({ type: 'ready' });
    const snapshot = panel.posted.find((m) => m.type === 'snapshot');
    assert.ok(snapshot && snapshot.type === 'snapshot' && snapshot.trials.length === 5);
    leaderboard.dispose();
  });
});
