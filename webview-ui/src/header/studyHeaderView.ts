/**
 * The header: which study, its state, how it searches (sampler, pruner, backend), how far it has got
 * (n/N, run time, wall time when it sat idle between runs, ETA, ticking while it runs), the best trial
 * so far, and Stop / Resume / Tune again.
 * A problem the host reports (a broken config or journal) is shown in full, as an alert.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatProgress, progressFraction } from '../../../src/core/studyView/counts';
import { formatValue } from '../../../src/core/studyView/format';
import type { StudyAction, StudyHeader, StudyRunState } from '../../../src/protocol/leaderboard';
import { codicon, createElement } from '../layout/createElement';
import type { HostPort } from '../store/hostPort';
import type { LeaderboardStore, StoreChange } from '../store/leaderboardStore';
import { formatDuration } from '../format/valueFormat';
import { hadIdleTime, studyTiming } from './studyTiming';

/** One fact: its data-fact key, the label shown, the value (null: not shown) and what it means. */
type Fact = readonly [key: string, label: string, value: string | null, title: string];

const STATES: Readonly<Record<StudyRunState, { readonly label: string; readonly icon: string }>> = {
  running: { label: 'Running', icon: 'sync codicon-modifier-spin' },
  idle: { label: 'Idle', icon: 'debug-pause' },
  problem: { label: 'Problem', icon: 'warning' },
  noTrials: { label: 'Not run yet', icon: 'circle-large-outline' },
};

export class StudyHeaderView {
  readonly element: HTMLElement;
  private readonly name = createElement('h1', { class: 'tb-study-name' });
  private readonly state = createElement('span', { class: 'tb-study-state', role: 'status' });
  private readonly facts = createElement('dl', { class: 'tb-facts' });
  private readonly progressBar = createElement('div', { class: 'tb-progress-bar', role: 'progressbar', 'aria-label': 'Trials done' }, createElement('div', { class: 'tb-progress-fill' }));
  private readonly best = createElement('button', { class: 'tb-best', type: 'button' });
  private readonly actions = createElement('div', { class: 'tb-actions' });
  private readonly problem = createElement('div', { class: 'tb-problem', role: 'alert', hidden: true });
  private ticker = 0;
  private actionsKey = '';
  private factsKey = '';
  private headerKey = '';

  constructor(private readonly store: LeaderboardStore, private readonly host: HostPort) {
    this.element = createElement('header', { class: 'tb-header' },
      createElement('div', { class: 'tb-header-line' }, this.name, this.state, this.best, createElement('span', { class: 'tb-spacer' }), this.actions),
      createElement('div', { class: 'tb-header-line' }, this.facts, this.progressBar),
      this.problem);
    this.best.addEventListener('click', () => {
      const best = this.store.best() ?? this.store.pareto.front()[0];
      if (best) this.store.select(best.number);
    });
    store.subscribe((changes: ReadonlySet<StoreChange>) => {
      if (changes.has('header') || changes.has('trials')) this.render();
    });
    this.render();
  }

  private render(): void {
    const header = this.store.header;
    this.element.hidden = header === null;
    if (!header) return;
    // Runs on every batch of trials: each part is rewritten only when what it shows changed.
    const best = this.store.best();
    const front = this.store.pareto.active() ? this.store.pareto.front().map((row) => row.number) : null;
    const key = JSON.stringify([header, best?.number, best?.value, front]);
    if (key !== this.headerKey) {
      this.headerKey = key;
      this.name.textContent = header.name;
      this.name.title = header.configPath ?? header.journalPath;
      const state = STATES[header.state];
      this.state.replaceChildren(codicon(state.icon), createElement('span', {}, state.label));
      this.state.dataset.state = header.state;
      this.renderBest(header);
      this.renderActions(header);
      this.problem.hidden = header.problem === null;
      this.problem.replaceChildren(...(header.problem === null ? [] : [codicon('error'), createElement('span', {}, header.problem)]));
    }
    this.renderProgress(header);
    // Run time, wall time and ETA move on their own while the study runs.
    if (header.state === 'running' && this.ticker === 0) this.ticker = window.setInterval(() => this.renderProgress(header), 1000);
    if (header.state !== 'running' && this.ticker !== 0) {
      window.clearInterval(this.ticker);
      this.ticker = 0;
    }
  }

  private renderBest(header: StudyHeader): void {
    const best = this.store.best();
    if (this.store.pareto.active()) {
      // A multi-objective study has a front, not a best: its size, and a click selects its first trial.
      const front = this.store.pareto.front();
      this.best.hidden = front.length === 0;
      this.best.replaceChildren(codicon('star-full', 'tb-best-star'), createElement('span', {}, `Pareto front: ${front.length} ${front.length === 1 ? 'trial' : 'trials'}`));
      this.best.title = 'The trials no other feasible trial beats on every objective (★ in the table): click to select the first';
      return;
    }
    this.best.hidden = best === null;
    if (!best) return;
    this.best.replaceChildren(codicon('star-full', 'tb-best-star'), createElement('span', {}, `Best ${formatValue(best.value)}`), createElement('span', { class: 'tb-best-number' }, `#${best.number}`));
    this.best.title = `Best ${header.metric} ${best.value} (${header.direction}) in trial ${best.number}: click to select it`;
  }

  private renderProgress(current: StudyHeader): void {
    const header = this.store.header ?? current;
    const timing = studyTiming(header, this.store.rows(), Date.now());
    const trials = formatProgress(header);
    const facts: Fact[] = [
      ['trials', 'Trials', trials, 'Finished trials that used the budget, of the budget'],
      ['objective', header.objectives ? 'Objectives' : 'Objective', objectivesText(header), (header.objectives ?? [header]).map((o) => `${o.direction === 'maximize' ? 'Maximize' : 'Minimize'} ${o.metric}`).join(', ')],
      ['sampler', 'Sampler', header.sampler, 'How the next trial’s params are chosen'],
      ['pruner', 'Pruner', header.pruner, 'What stops unpromising trials early'],
      ['backend', 'Backend', header.backend, 'The TensorFlow.js backend that trains the trials'],
      ['run-time', 'Run time', timing.runMs === null ? null : formatDuration(timing.runMs), 'Time the study’s trials were running, summed over its runs (idle time between runs left out)'],
      ['wall-time', 'Wall time', hadIdleTime(timing) && timing.wallMs !== null ? formatDuration(timing.wallMs) : null, 'From the first trial’s start to the last one’s end (or now), idle time between runs included'],
      ['eta', 'ETA', timing.etaMs === null ? null : `~${formatDuration(timing.etaMs)}`, 'Estimated time left: trials not started yet at the mean trial time, spread over the trials running at once'],
    ];
    const shown = facts.filter((fact): fact is readonly [string, string, string, string] => fact[2] !== null);
    const key = shown.map(([factKey]) => factKey).join();
    if (key !== this.factsKey) {
      this.factsKey = key;
      this.facts.replaceChildren(...shown.map(([factKey, label]) =>
        createElement('div', { class: 'tb-fact', 'data-fact': factKey }, createElement('dt', {}, label), createElement('dd', {}))));
    }
    // In place: this runs every second while the study runs, and on every batch of trials.
    shown.forEach(([, , value, title], i) => {
      const fact = this.facts.children[i] as HTMLElement | undefined;
      const dd = fact?.lastElementChild;
      if (dd && dd.textContent !== value) dd.textContent = value;
      if (fact && fact.title !== title) fact.title = title;
    });
    const fraction = progressFraction(header) ?? 0;
    this.progressBar.hidden = header.budget === null;
    this.progressBar.setAttribute('aria-valuenow', String(header.done));
    this.progressBar.setAttribute('aria-valuemax', String(header.budget ?? 0));
    (this.progressBar.firstElementChild as HTMLElement).style.width = `${(fraction * 100).toFixed(1)}%`;
  }

  private renderActions(header: StudyHeader): void {
    const running = header.state === 'running';
    const budgetLeft = header.budget === null || header.counted < header.budget;
    const buttons: [StudyAction, string, string, boolean][] = [
      ['stop', 'Stop', 'debug-stop', running],
      ['resume', 'Resume', 'debug-continue', !running && header.canRun && header.state !== 'noTrials' && budgetLeft],
      ['tuneAgain', header.state === 'noTrials' ? 'Tune' : 'Tune again', 'play', !running && header.canRun],
    ];
    const shown = buttons.filter(([, , , show]) => show);
    const key = shown.map(([action, label]) => `${action}:${label}`).join();
    if (key === this.actionsKey) return;
    this.actionsKey = key;
    this.actions.replaceChildren(...shown.map(([action, label, icon], i) => {
      const button = createElement('vscode-button', { icon, secondary: i > 0, 'data-action': action }, label);
      button.addEventListener('click', () => this.host.post({ type: 'studyAction', action }));
      return button;
    }));
  }
}

/** `↑ val_accuracy`, or every objective of a multi-objective study: `↑ val_accuracy · ↓ parameter_count`. */
function objectivesText(header: StudyHeader): string {
  return (header.objectives ?? [{ metric: header.metric, direction: header.direction }]).map((o) => `${o.direction === 'maximize' ? '↑' : '↓'} ${o.metric}`).join(' · ');
}
