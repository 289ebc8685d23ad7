/**
 * The leaderboard webview's entry point: connects the host's messages (src/protocol/leaderboard.ts) to
 * the store, and the store to the views. State that must survive a reload (sort, filters, selection,
 * hidden columns) goes through the webview's getState/setState; the trials come again from the host.
 */
import type { HostMessage, WebviewMessage } from '../../src/protocol/leaderboard';
import { LeaderboardStore } from './store/leaderboardStore';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const store = new LeaderboardStore();

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'snapshot':
      store.applySnapshot(message.header, message.space, message.trials);
      break;
    case 'trials':
      store.applyUpserts(message.upserts, message.space);
      break;
    case 'header':
      store.setHeader(message.header);
      break;
    case 'importance':
      store.setImportance(message.result, message.reason ?? null);
      break;
    case 'detail':
      store.setDetail(message.detail);
      break;
    case 'select':
      store.select(message.number);
      break;
    case 'notice':
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
vscode.postMessage({ type: 'ready' });
