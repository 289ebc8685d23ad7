/**
 * The leaderboard webview's entry point: connects the host's messages (src/protocol/leaderboard.ts) to
 * the store, and the store to the views. State that must survive a reload (sort, filters, selection,
 * hidden columns, column widths, scroll and split positions) goes through the webview's getState/setState, restored
 * before `ready` so the first snapshot already renders the user's view; the trials come again from
 * the host.
 */
import './styles/base.css';
import './styles/header.css';
import './styles/toolbar.css';
import './styles/table.css';
import './styles/details.css';
import type { HostMessage, WebviewMessage } from '../../src/protocol/leaderboard';
import { mountCharts } from './charts';
import { DetailPane } from './details/detailPane';
import { NoticeBanner } from './header/noticeBanner';
import { StudyHeaderView } from './header/studyHeaderView';
import { mountLayout } from './layout/appLayout';
import type { HostPort } from './store/hostPort';
import { LeaderboardStore } from './store/leaderboardStore';
import { captureView, restoreView } from './store/viewState';
import { TableToolbar } from './table/tableToolbar';
import { TrialTable } from './table/trialTable';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const host: HostPort = { post: (message) => vscode.postMessage(message) };
const store = new LeaderboardStore();
const saved = restoreView(store, vscode.getState());

const notices = new NoticeBanner();
const details = new DetailPane(store, host);
const table = new TrialTable(store, {
  onOpenDetails: () => details.focus(),
  onScroll: () => saveViewSoon(),
  savedWidths: saved.widths,
  onResize: () => saveViewSoon(),
});
const layout = mountLayout(document.getElementById('app') ?? document.body, {
  header: new StudyHeaderView(store, host).element,
  notices: notices.element,
  toolbar: new TableToolbar(store, host).element,
  table: table.element,
  details: details.element,
  savedSplits: saved.splits,
  onSplitMoved: () => saveViewSoon(),
});
mountCharts(layout.charts, store, host);
if (saved.scrollTop > 0) table.restoreScroll(saved.scrollTop);

let saveTimer = 0;
function saveViewSoon(): void {
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => vscode.setState(captureView(store, table.scrollTop, layout.splits(), table.columnWidths())), 150);
}
store.subscribe((changes) => {
  if (changes.has('view') || changes.has('columns') || changes.has('selection') || changes.has('header')) saveViewSoon();
});

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
    case 'showParam':
      store.focusParam(message.param);
      break;
    case 'notice':
      notices.show(message.level, message.text);
      break;
    default:
      throw new TypeError(`unknown host message ${JSON.stringify(message satisfies never)}`);
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
vscode.postMessage({ type: 'ready' });
