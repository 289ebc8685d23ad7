/**
 * Hovers and inlay hints on the params a study tuned, in the files it applies to (or any file with
 * `tuneboard.codeHints: workspace`): the best value, the top 10 trials' range, the param's importance,
 * and commands to apply the value or see the param's slice plot. A multi-objective study claims no
 * single best: its hints name the param's range over the Pareto front, its hover each front trial's
 * value and objectives (hintText.ts). Nothing is parsed unless a study with
 * a best trial speaks about the file, and a document's sites are found once per version and best trial.
 */
import * as vscode from 'vscode';
import { formatNumber, type ImportanceOutcome } from '../../core';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import { escapeMarkdown } from '../studies/studyPresentation';
import { hoverBody, inlayHintText } from './hintText';
import { type CodeHintsMode, findParamSites, type ParamSite, siteAt, studiesForFile } from './paramSites';

/** The languages Apply edits (src/core/apply), so the ones whose sites are known. */
export const CODE_HINT_LANGUAGES: readonly string[] = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'json', 'jsonc', 'yaml'];

interface CachedSites {
  readonly version: number;
  readonly signature: string;
  readonly sites: readonly ParamSite[];
}

export class CodeHints implements vscode.HoverProvider, vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly cache = new Map<string, CachedSites>();
  private readonly importances = new Map<string, { readonly trials: readonly unknown[]; readonly outcome: Promise<ImportanceOutcome> }>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly index: StudyIndex,
    private readonly importanceOf: (study: StudySummary) => Promise<ImportanceOutcome>,
  ) {
    const selector = CODE_HINT_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
    this.disposables.push(
      this.changed,
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerInlayHintsProvider(selector, this),
      index.onDidChange(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('tuneboard.codeHints') && this.refreshSoon()),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    );
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Hover> {
    const sites = this.sitesOf(document);
    if (sites.length === 0) return undefined;
    const site = siteAt(sites, document.getText(), document.offsetAt(position));
    if (!site) return undefined;
    return this.hoverText(document, site).then((text) => new vscode.Hover(text, new vscode.Range(document.positionAt(site.start), document.positionAt(site.end))));
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const allFiles = vscode.workspace.getConfiguration('tuneboard', document.uri).get<boolean>('codeHints.inlayHintsInAllFiles', false);
    return this.sitesOf(document)
      .filter((site) => site.differs && (site.hint.isTarget || allFiles))
      .map((site) => ({ site, position: document.positionAt(site.end) }))
      .filter(({ position }) => range.contains(position))
      .map(({ site, position }) => {
        const text = inlayHintText(site);
        const hint = new vscode.InlayHint(position, text.label);
        hint.tooltip = text.tooltip;
        hint.paddingLeft = true;
        return hint;
      });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private mode(document: vscode.TextDocument): CodeHintsMode {
    const mode = vscode.workspace.getConfiguration('tuneboard', document.uri).get<string>('codeHints', 'applyTargets');
    return mode === 'workspace' || mode === 'off' ? mode : 'applyTargets';
  }

  /** The document's sites, found again only when it or a speaking study's best trial (or front) changed. */
  private sitesOf(document: vscode.TextDocument): readonly ParamSite[] {
    const hints = studiesForFile(document.uri.fsPath, this.index.studies(), (file) => this.index.config(file), this.mode(document));
    if (hints.length === 0) return [];
    const signature = hints.map((h) => `${h.study.key}#${h.trials.map((t) => t.number).join(',')}#${JSON.stringify(h.map)}`).join('\n');
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.signature === signature) return cached.sites;
    const sites = findParamSites(document.getText(), document.fileName, hints);
    this.cache.set(key, { version: document.version, signature, sites });
    return sites;
  }

  private async hoverText(document: vscode.TextDocument, site: ParamSite): Promise<vscode.MarkdownString> {
    const { study } = site.hint;
    const text = new vscode.MarkdownString('', true);
    text.isTrusted = { enabledCommands: ['tuneboard.applyHintValue', 'tuneboard.showParamInLeaderboard'] };
    const current = document.getText(new vscode.Range(document.positionAt(site.start), document.positionAt(site.end))).trim();
    const applyLink = (value: string): string => commandLink('tuneboard.applyHintValue', [document.uri.toString(), document.version, site.start, site.end, value]);
    for (const line of hoverBody(site, current, applyLink)) text.appendMarkdown(`${line}\n\n`);
    const importance = await this.importance(study, site.param);
    // Importance is fitted to the first objective (the trial's `value`): a multi-objective study says so.
    if (importance) text.appendMarkdown(`${importance}${study.pareto === null ? '' : ` (for ${escapeMarkdown(study.metrics[0] ?? study.metric)}, the first objective)`}\n\n`);
    const slice = commandLink('tuneboard.showParamInLeaderboard', [study.key, site.param]);
    const applyBest = site.hint.best !== null && site.differs ? `[Apply this value](${applyLink(site.bestText)}) · ` : '';
    text.appendMarkdown(`${applyBest}[Open Leaderboard at ${escapeMarkdown(site.param)}](${slice})`);
    return text;
  }

  /** `Importance 0.42 (1st of 4 params; fANOVA … from 30 trials)`; null while too few trials for it. */
  private async importance(study: StudySummary, param: string): Promise<string | null> {
    let entry = this.importances.get(study.key);
    if (!entry || entry.trials !== study.trials) {
      entry = { trials: study.trials, outcome: this.importanceOf(study) };
      this.importances.set(study.key, entry);
    }
    // A hover must not wait long: a large study's first computation shows on the next hover.
    const outcome = await Promise.race([entry.outcome, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1500))]);
    if (outcome === null) return 'Importance: being computed (hover again in a moment)';
    if (outcome.reason !== undefined) return null;
    const { importances, method, trials } = outcome.result;
    const rank = importances.findIndex((item) => item.param === param);
    if (rank < 0) return null;
    return `Importance ${formatNumber(importances[rank]?.importance ?? 0, 2)}: ${ordinal(rank + 1)} of ${importances.length} params · ${method} from ${trials} trials`;
  }

  private refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.changed.fire();
    }, 400);
  }
}

function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
