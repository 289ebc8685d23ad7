/**
 * The Studies tree (view `tuneboard.studies`): study → trials → params and metrics. Thin glue: the
 * index holds the data, studyPresentation/trialPresentation decide how it reads; this file only
 * builds TreeItems and tells VS Code which studies changed, so expanded nodes stay expanded.
 */
import { hostname } from 'node:os';
import * as vscode from 'vscode';
import { type FrozenTrial, trialMetrics } from '../../core';
import type { StudyIndex, StudySummary } from './studyIndex';
import { isOrphaned } from './orphanedTrials';
import { studyContextValue, studyDescription, studyIcon, studyParamNames, studyState, studyTooltip, type IconSpec } from './studyPresentation';
import { isStarred, sortStudyTrials, trialContextValue, trialDescription, trialDetails, trialIcon, trialLabel, trialTooltip, type TrialDetail, type TrialSortMode } from './trialPresentation';

/** Node objects carry keys only (commands read `kind`, `key` and `number`); the index has the data. */
export interface StudyNode {
  readonly kind: 'study';
  readonly key: string;
}

export interface TrialNode {
  readonly kind: 'trial';
  readonly key: string;
  readonly number: number;
}

export interface DetailNode {
  readonly kind: 'detail';
  readonly key: string;
  readonly number: number;
  readonly detail: TrialDetail;
}

export type StudiesTreeNode = StudyNode | TrialNode | DetailNode;

const DETAIL_ICONS: Readonly<Record<TrialDetail['kind'], string>> = { param: 'symbol-parameter', metric: 'graph-line', steps: 'pulse' };

export class StudiesTreeProvider implements vscode.TreeDataProvider<StudiesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StudiesTreeNode | StudiesTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private sortMode: TrialSortMode = 'value';
  /** The same object per key, so VS Code's reveal() and selection keep working across refreshes. */
  private readonly studyNodes = new Map<string, StudyNode>();
  private readonly trialNodes = new Map<string, TrialNode>();
  /** Whether each study was shown running, to redraw only those whose run started or ended. */
  private readonly shownRunning = new Map<string, boolean>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly index: StudyIndex,
    private readonly isRunning: (key: string) => boolean,
  ) {
    this.subscription = index.onDidChange((keys) => this.studiesChanged(keys));
  }

  setSortMode(mode: TrialSortMode): void {
    if (mode === this.sortMode) return;
    this.sortMode = mode;
    this.changed.fire([...this.studyNodes.values()].filter((node) => this.index.get(node.key)));
  }

  get trialSortMode(): TrialSortMode {
    return this.sortMode;
  }

  /** Redraws studies whose running state (from `isRunning`) changed; call when runs start or stop. */
  refresh(): void {
    const shown = (key: string): boolean => this.shownRunning.has(key); // a study not drawn yet is drawn right anyway
    const flipped = this.index.studies().filter((study) => shown(study.key) && this.shownRunning.get(study.key) !== this.isRunning(study.key));
    const nodes = flipped.map((study) => this.studyNode(study.key)).filter((n): n is StudyNode => n !== undefined);
    if (nodes.length > 0) this.changed.fire(nodes);
  }

  /** The node of a study, for `TreeView.reveal`; undefined when the index has no such study. */
  studyNode(key: string): StudyNode | undefined {
    if (!this.index.get(key)) return undefined;
    let node = this.studyNodes.get(key);
    if (!node) this.studyNodes.set(key, (node = { kind: 'study', key }));
    return node;
  }

  /** The node of a trial, for `TreeView.reveal` (e.g. from the leaderboard or the status bar). */
  trialNode(key: string, number: number): TrialNode | undefined {
    if (!this.index.get(key)?.trials.some((trial) => trial.number === number)) return undefined;
    const id = `${key}/#${number}`;
    let node = this.trialNodes.get(id);
    if (!node) this.trialNodes.set(id, (node = { kind: 'trial', key, number }));
    return node;
  }

  getChildren(node?: StudiesTreeNode): StudiesTreeNode[] {
    if (!node) return this.index.studies().map((study) => this.studyNode(study.key)).filter((n): n is StudyNode => n !== undefined);
    const study = this.index.get(node.key);
    if (!study) return [];
    if (node.kind === 'study') {
      return sortStudyTrials(study, this.sortMode).map((trial) => this.trialNode(study.key, trial.number)).filter((n): n is TrialNode => n !== undefined);
    }
    if (node.kind === 'trial') {
      const trial = findTrial(study, node.number);
      return trial ? trialDetails(trial, studyParamNames(study)).map((detail) => ({ kind: 'detail', key: node.key, number: node.number, detail })) : [];
    }
    return [];
  }

  getParent(node: StudiesTreeNode): StudiesTreeNode | undefined {
    if (node.kind === 'trial') return this.studyNode(node.key);
    if (node.kind === 'detail') return this.trialNode(node.key, node.number);
    return undefined;
  }

  getTreeItem(node: StudiesTreeNode): vscode.TreeItem {
    const study = this.index.get(node.key);
    if (!study) return new vscode.TreeItem('(gone)');
    if (node.kind === 'study') return this.studyItem(study);
    const trial = findTrial(study, node.number);
    if (!trial) return new vscode.TreeItem(`#${node.number}`);
    if (node.kind === 'trial') return trialItem(study, trial);
    const item = new vscode.TreeItem(node.detail.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.key}/#${node.number}/${node.detail.kind}/${node.detail.name}`;
    item.iconPath = new vscode.ThemeIcon(DETAIL_ICONS[node.detail.kind]);
    item.contextValue = `detail.${node.detail.kind}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private studyItem(study: StudySummary): vscode.TreeItem {
    const running = this.isRunning(study.key);
    this.shownRunning.set(study.key, running);
    const state = studyState(study, running, isOrphaned);
    const collapsible = study.trials.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(study.name, collapsible);
    item.id = study.key;
    item.description = studyDescription(study);
    item.iconPath = themeIcon(studyIcon(state));
    item.contextValue = studyContextValue(state);
    item.tooltip = markdown(studyTooltip(study, state));
    return item;
  }

  /** Redraws the studies that changed; the root only when studies came or went (their order may change). */
  private studiesChanged(keys: readonly string[]): void {
    const known = keys.filter((key) => this.studyNodes.has(key) && this.index.get(key));
    const cameOrWent = keys.length > known.length;
    for (const key of keys) {
      if (this.index.get(key)) continue;
      this.studyNodes.delete(key);
      this.shownRunning.delete(key);
      for (const id of this.trialNodes.keys()) if (id.startsWith(`${key}/#`)) this.trialNodes.delete(id);
    }
    if (cameOrWent) this.changed.fire(undefined);
    else if (known.length > 0) this.changed.fire(known.map((key) => this.studyNode(key)).filter((n): n is StudyNode => n !== undefined));
  }
}

function trialItem(study: StudySummary, trial: FrozenTrial): vscode.TreeItem {
  const isBest = isStarred(study, trial);
  const hasDetails = Object.keys(trial.params).length > 0 || trial.intermediateValues.size > 0 || Object.keys(trialMetrics(trial)).length > 0;
  const item = new vscode.TreeItem(trialLabel(trial), hasDetails ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${study.key}/#${trial.number}`;
  item.description = trialDescription(trial, isBest, hostname());
  item.iconPath = themeIcon(trialIcon(trial));
  item.contextValue = trialContextValue(trial);
  item.tooltip = markdown(trialTooltip(trial, study.pareto === null ? study.metric : study.metrics, isBest, studyParamNames(study)));
  return item;
}

function findTrial(study: StudySummary, number: number): FrozenTrial | undefined {
  // Trials are in number order and numbered from 0, so the index is the number unless a writer skipped one.
  const direct = study.trials[number];
  return direct?.number === number ? direct : study.trials.find((trial) => trial.number === number);
}

function themeIcon(icon: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color === null ? undefined : new vscode.ThemeColor(icon.color));
}

function markdown(text: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(text, true); // `$(warning)` icons; no command links, no HTML
  tooltip.isTrusted = false;
  return tooltip;
}
