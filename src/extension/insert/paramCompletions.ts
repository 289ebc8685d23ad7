/**
 * Completions from the studies in the workspace: typing a tuned param's name offers it with its best
 * value, written for the cursor's context (`lr=0.0031` in a call, `'lr': 0.0031,` in a dict, `lr:
 * 0.0031` in YAML …), and `tuneboard: best params of <study>` writes the whole block as Insert Best
 * Params would. A multi-objective study has no best value to offer: its Pareto front's trials are
 * offered as blocks instead (`tuneboard: params of front trial #12 of <study>`), and its params get
 * no single-value item. Nothing is computed when no study has a best trial or a front.
 */
import * as vscode from 'vscode';
import { formatObjectiveValues, formatParamValue, formatValue, frontInObjectiveOrder, type FrozenTrial, paramsAsWritten, paramsByPlainName, type ParamsInsertion, type ParamValue, paramsInsertion, SUPPORTED_LANGUAGE_IDS } from '../../core';
import type { StudyIndex, StudySummary } from '../studies/studyIndex';
import { insertSourceOf, offersParams } from './insertChoices';
import { floatParamsOf } from './insertParams';

/** A completion list stays short: the newest studies first, this many at most. */
const MAX_STUDIES = 8;
/** And a multi-objective study's front trials (by the first objective), this many at most. */
const MAX_FRONT_TRIALS = 5;

export class ParamCompletions implements vscode.CompletionItemProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly index: StudyIndex) {
    const selector = SUPPORTED_LANGUAGE_IDS.flatMap((language) => ['file', 'untitled', 'vscode-notebook-cell'].map((scheme) => ({ language, scheme })));
    this.registration = vscode.languages.registerCompletionItemProvider(selector, this);
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const studies = this.index.studies().filter(offersParams).sort((a, b) => b.lastUpdated.getTime() - a.lastUpdated.getTime()).slice(0, MAX_STUDIES);
    if (studies.length === 0) return [];
    const word = document.getWordRangeAtPosition(position, /[A-Za-z_][\w.-]*/) ?? new vscode.Range(position, position);
    const text = document.getText();
    const start = document.offsetAt(word.start);
    // The context is read as if the typed word were not there yet: the completion takes its place.
    const without = text.slice(0, start) + text.slice(document.offsetAt(word.end));
    const items: vscode.CompletionItem[] = [];
    const seen = new Set<string>();
    for (const study of studies) {
      if (study.pareto !== null) {
        for (const trial of frontInObjectiveOrder(study.pareto.front, study.directions).slice(0, MAX_FRONT_TRIALS)) {
          const block = this.item(document, word, without, start, study, trial, paramsAsWritten(trial.params, trial.distributions));
          if (!block) continue;
          block.label = { label: `tuneboard: params of front trial #${trial.number} of ${study.name}`, description: formatObjectiveValues(trial.values, study.metrics) };
          block.filterText = `tuneboard params front ${study.name} ${trial.number}`;
          block.kind = vscode.CompletionItemKind.Snippet;
          items.push(block);
        }
        continue;
      }
      const best = study.best as FrozenTrial;
      const written = paramsAsWritten(best.params, best.distributions);
      const block = this.item(document, word, without, start, study, best, written);
      if (block) {
        block.label = { label: `tuneboard: best params of ${study.name}`, description: `#${best.number} · ${study.metric} ${formatValue(best.value)}` };
        block.filterText = `tuneboard best params ${study.name}`;
        block.kind = vscode.CompletionItemKind.Snippet;
        items.push(block);
      }
      for (const [name, value] of Object.entries(written)) {
        if (seen.has(name)) continue; // the newest study's best value of a name shared by several
        seen.add(name);
        const item = this.item(document, word, without, start, study, best, { [name]: value });
        if (!item) continue;
        item.label = { label: name, description: `best ${formatParamValue(value)} · ${study.name}` };
        item.filterText = name;
        item.kind = vscode.CompletionItemKind.Value;
        items.push(item);
      }
    }
    return items;
  }

  dispose(): void {
    this.registration.dispose();
  }

  /** An item that writes `params` where the word is, in the cursor's context; null where that cannot be done. */
  private item(document: vscode.TextDocument, word: vscode.Range, without: string, start: number, study: StudySummary, trial: FrozenTrial, params: Readonly<Record<string, ParamValue>>): vscode.CompletionItem | null {
    const insertion = paramsInsertion({
      languageId: document.languageId,
      text: without,
      offset: start,
      params: paramsByPlainName(params),
      source: insertSourceOf(study, trial),
      floatParams: floatParamsOf(trial),
    });
    if ('error' in insertion) return null;
    // At the end of a line in a list still open (`fit(x, l` before its `)` is typed), Insert lays the
    // items out one per line from the comma; one param's item is written where the word is instead.
    const inline = Object.keys(params).length === 1 ? oneLineItem(insertion, without, start) : null;
    // Only what replaces the typed word on its line: a completion's range is one line holding the cursor.
    if (inline === null && (insertion.start !== start || insertion.end !== start)) return null;
    const text = inline ?? insertion.text;
    const item = new vscode.CompletionItem('');
    item.insertText = text;
    item.range = word;
    const values = study.pareto === null ? `${study.metric} = ${formatValue(trial.value)}` : formatObjectiveValues(trial.values, study.metrics);
    item.detail = `${study.name}: trial #${trial.number}, ${values} (${insertion.description})`;
    item.documentation = new vscode.MarkdownString().appendCodeblock(text, document.languageId);
    return item;
  }
}

/**
 * The one item of a placement that starts a new line (`\n    lr=0.003,`), without that line break and
 * the trailing comma, when the insertion replaces only blanks on the cursor's line; else null.
 */
function oneLineItem(insertion: ParamsInsertion, text: string, start: number): string | null {
  const { before, after } = insertion.context.placement;
  if (!/^\r?\n[ \t]*$/.test(before) || insertion.start > start || insertion.end < start) return null;
  if (!/^[ \t]*$/.test(text.slice(insertion.start, insertion.end))) return null;
  return insertion.text.slice(before.length, insertion.text.length - after.length);
}
