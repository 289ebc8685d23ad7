/**
 * The selected trial in full: where it ran (host and GPU), its params, its metrics (the best epoch's
 * for the built-in trainer, which keeps that epoch; a command's last reported), fold values, why
 * it failed, every metric per step (from the host's `detail` answer; the objective's curve until
 * then), the end of its log, and what to do with it (apply, copy, rerun its params; open its log).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatPlacement } from '../../../src/core/studyView/format';
import { trialBestEpoch, trialEpochsRun } from '../../../src/core/studyView/trialAttrs';
import type { StudyHeader, TrialDetail, TrialRow, WebviewMessage } from '../../../src/protocol/leaderboard';
import { codicon, createElement } from '../layout/createElement';
import type { HostPort } from '../store/hostPort';
import type { LeaderboardStore, StoreChange } from '../store/leaderboardStore';
import { rowDisplayState, stateLabel } from '../table/stateCell';
import { formatDuration, formatNumber, formatParam } from '../format/valueFormat';
import { INACTIVE_MARK, INACTIVE_TITLE, inactiveParamsOf } from '../../../src/core/studyView/inactiveParams';
import { lineChart } from './lineChart';

/** A running trial changes every epoch: ask for its detail again at most this often. */
const REFRESH_MS = 2000;

type TrialAction = Extract<WebviewMessage, { number: number }>['type'];

const ACTIONS: readonly { readonly type: Exclude<TrialAction, 'requestDetail'>; readonly label: string; readonly icon: string; readonly title: string }[] = [
  { type: 'applyParams', label: 'Apply these params', icon: 'check', title: 'Write these values into the files the config lists under apply:' },
  { type: 'copyParams', label: 'Copy params', icon: 'copy', title: 'Copy the params to the clipboard' },
  { type: 'insertParams', label: 'Insert params', icon: 'insert', title: 'Insert these params at the cursor of the editor you last worked in, in its language' },
  { type: 'rerunParams', label: 'Rerun', icon: 'debug-restart', title: 'Run a new trial with these params' },
  { type: 'openLog', label: 'Open log', icon: 'output', title: "Open the trial's log file" },
];

export class DetailPane {
  readonly element: HTMLElement;
  private shownRow: TrialRow | null = null;
  private shownDetail: TrialDetail | undefined;
  private requested: { number: number; at: number; row: TrialRow } | null = null;
  private refreshTimer = 0;

  constructor(private readonly store: LeaderboardStore, private readonly host: HostPort) {
    this.element = createElement('section', { class: 'tb-details', 'aria-label': 'Trial details', tabindex: -1 });
    store.subscribe((changes) => this.onStoreChange(changes));
    this.render();
  }

  /** Enter in the table: bring the details into view and move focus there. */
  focus(): void {
    this.element.scrollIntoView({ block: 'nearest' });
    this.element.focus();
  }

  private onStoreChange(changes: ReadonlySet<StoreChange>): void {
    if (!changes.has('selection') && !changes.has('trials') && !changes.has('detail') && !changes.has('header')) return;
    const row = this.store.selected === null ? null : (this.store.row(this.store.selected) ?? null);
    const detail = row ? this.store.detail(row.number) : undefined;
    if (row !== this.shownRow || detail !== this.shownDetail || changes.has('header')) this.render();
  }

  private render(): void {
    const row = this.store.selected === null ? null : (this.store.row(this.store.selected) ?? null);
    const detail = row ? this.store.detail(row.number) : undefined;
    this.shownRow = row;
    this.shownDetail = detail;
    if (!row) {
      this.element.replaceChildren(createElement('p', { class: 'tb-details-empty' }, codicon('info'), ' Select a trial to see its parameters, learning curves and log.'));
      return;
    }
    if (!detail) this.requestDetail(row);
    this.element.dataset.number = String(row.number);
    const sections: (HTMLElement | null)[] = [
      this.heading(row),
      this.actions(row, detail),
      row.failReason === null ? null : this.failReason(row, row.failReason),
      this.table('Parameters', 'params', Object.entries(row.params).map(([name, value]) => [name, formatParam(value)]), this.inactiveParams(row)),
      Object.keys(row.metrics).length === 0 ? null : this.table(metricsTitle(detail), 'metrics', Object.entries(row.metrics).map(([name, value]) => [name, formatNumber(value)])),
      row.foldValues === null ? null : this.folds(row.foldValues),
      this.curves(row, detail),
      this.logTail(detail),
    ];
    this.element.replaceChildren(...sections.filter((section): section is HTMLElement => section !== null));
  }

  private heading(row: TrialRow): HTMLElement {
    const header = this.store.header;
    const rank = this.store.rankOf(row.number);
    const duration = row.start !== null && row.complete !== null ? formatDuration(row.complete - row.start) : null;
    // One trial on its own: its host and GPU whole, even where the table leaves a part out.
    const placement = formatPlacement(row);
    const facts = [
      stateLabel(row),
      ...valueFacts(row, header),
      rank === null ? null : this.store.pareto.active() ? paretoFact(this.store, row.number, rank) : rank === 1 ? '★ best' : `rank ${rank}`,
      duration,
      row.backend,
      placement === '' ? null : `on ${placement}`,
    ].filter((fact): fact is string => fact !== null);
    return createElement('div', { class: 'tb-details-heading' },
      createElement('h2', {}, `Trial #${row.number}`),
      createElement('span', { class: 'tb-details-facts', 'data-state': rowDisplayState(row) }, facts.join(' · ')));
  }

  /** Why it ended: an error for a failed trial; for a stopped one (its study was stopped) no error icon. */
  private failReason(row: TrialRow, reason: string): HTMLElement {
    const state = rowDisplayState(row);
    return createElement('div', { class: 'tb-fail-reason', role: 'note', 'data-state': state }, codicon(state === 'stopped' ? 'debug-stop' : 'error'), createElement('pre', {}, reason));
  }

  private actions(row: TrialRow, detail: TrialDetail | undefined): HTMLElement {
    const bar = createElement('div', { class: 'tb-details-actions' });
    for (const action of ACTIONS) {
      const noLog = action.type === 'openLog' && detail !== undefined && detail.logPath === null;
      // A multi-objective study's trial is one trade-off between its objectives.
      const label = action.type === 'applyParams' && this.store.pareto.active() ? 'Apply this trade-off' : action.label;
      const button = createElement('vscode-button', { icon: action.icon, secondary: action.type !== 'applyParams', title: noLog ? 'This trial has no log file' : action.title, 'data-action': action.type, disabled: noLog }, label);
      button.addEventListener('click', () => this.host.post({ type: action.type, number: row.number }));
      bar.append(button);
    }
    return bar;
  }

  /** The study's params this trial did not take (a conditional study's other branches), in the space's order. */
  private inactiveParams(row: TrialRow): string[] {
    return inactiveParamsOf(row, this.store.space.map((spec) => spec.name));
  }

  /** `inactive` names follow the entries, dimmed with the read model's mark and tooltip. */
  private table(title: string, kind: string, entries: readonly [string, string][], inactive: readonly string[] = []): HTMLElement {
    const rows = entries.flatMap(([name, value]) => [createElement('dt', {}, name), createElement('dd', {}, value)]);
    const dimmed = inactive.flatMap((name) => [createElement('dt', { class: 'inactive' }, name), createElement('dd', { class: 'inactive', title: INACTIVE_TITLE }, INACTIVE_MARK)]);
    return createElement('div', { class: 'tb-details-section', 'data-section': kind },
      createElement('h3', {}, title),
      createElement('dl', { class: 'tb-kv' }, ...rows, ...dimmed));
  }

  private folds(values: readonly number[]): HTMLElement {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
    return createElement('div', { class: 'tb-details-section', 'data-section': 'folds' },
      createElement('h3', {}, `Folds (${values.length})`),
      createElement('p', { class: 'tb-folds' }, values.map((value) => formatNumber(value)).join(', '), createElement('span', { class: 'tb-folds-summary' }, ` — mean ${formatNumber(mean)} ± ${formatNumber(sd)}`)));
  }

  private curves(row: TrialRow, detail: TrialDetail | undefined): HTMLElement {
    const history = detail?.history ?? (row.curve.length > 0 ? { [this.store.header?.metric ?? 'objective']: row.curve } : {});
    const names = Object.keys(history).sort();
    const section = createElement('div', { class: 'tb-details-section', 'data-section': 'curves' }, createElement('h3', {}, 'Per step'));
    if (names.length === 0) section.append(createElement('p', { class: 'tb-muted' }, detail ? 'Nothing was reported per step.' : 'Loading…'));
    else section.append(createElement('div', { class: 'tb-curves' }, ...names.map((name) => lineChart(name, history[name] ?? []))));
    return section;
  }

  private logTail(detail: TrialDetail | undefined): HTMLElement {
    const section = createElement('div', { class: 'tb-details-section', 'data-section': 'log' }, createElement('h3', {}, 'Log'));
    if (!detail) section.append(createElement('p', { class: 'tb-muted' }, 'Loading…'));
    else if (detail.logTail === null) section.append(createElement('p', { class: 'tb-muted' }, 'This trial has no log.'));
    else section.append(createElement('pre', { class: 'tb-log', tabindex: 0, title: detail.logPath ?? '' }, detail.logTail));
    return section;
  }

  /** Asks the host once per version of the row, and no more than every REFRESH_MS for a trial that keeps changing. */
  private requestDetail(row: TrialRow): void {
    const last = this.requested;
    if (last?.row === row) return;
    const now = Date.now();
    const wait = last?.number === row.number ? REFRESH_MS - (now - last.at) : 0;
    window.clearTimeout(this.refreshTimer);
    if (wait > 0) {
      this.refreshTimer = window.setTimeout(() => {
        const current = this.store.selected === null ? undefined : this.store.row(this.store.selected);
        if (current && !this.store.detail(current.number)) this.requestDetail(current);
      }, wait);
      return;
    }
    this.requested = { number: row.number, at: now, row };
    this.host.post({ type: 'requestDetail', number: row.number });
  }
}

/**
 * What the metrics are of. The built-in trainer records the epoch early stopping kept, not the last
 * one, so "final" would mislead there; a command's metrics are the last it printed.
 */
export function metricsTitle(detail: TrialDetail | undefined): string {
  if (detail === undefined) return 'Metrics';
  const best = trialBestEpoch(detail);
  if (best === null) return 'Final metrics';
  const ran = trialEpochsRun(detail);
  return `Metrics at best epoch (epoch ${best}${ran !== null && ran !== best ? ` of ${ran} run` : ''})`;
}

/** `val_accuracy 0.86`, or one such fact per objective of a multi-objective study. */
function valueFacts(row: TrialRow, header: StudyHeader | null): (string | null)[] {
  if (header?.objectives && row.values) return header.objectives.map((o, i) => `${o.metric} ${formatNumber(row.values?.[i] ?? null)}`);
  return [row.value === null ? null : `${header?.metric ?? 'value'} ${formatNumber(row.value)}`];
}

/** Where a trial of a multi-objective study stands: on the front, breaking its constraints, or its rank. */
function paretoFact(store: LeaderboardStore, number: number, rank: number): string {
  const standing = store.pareto.standing(number);
  if (standing?.onFront) return '★ on the Pareto front';
  return standing?.feasible === false ? `infeasible · rank ${rank}` : `rank ${rank} (non-dominated rank ${standing?.rank ?? '?'})`;
}
