/**
 * What a study knows about the code being read: which studies speak about a file (its `apply:`
 * targets, or any file once `tuneboard.codeHints` is `workspace`), where the file gives one of their
 * params a literal value (the same sites Apply would edit: src/core/apply), and what the study learned
 * about that param (its best value, the range of the top 10 trials). Pure (no vscode): the hover and
 * inlay hint providers only turn these into UI.
 */
import { formatParamValue, type FrozenTrial, paramsAsWritten, type ParamValue, planParamEdits, topCompleteTrials } from '../../core';
import type { ConfigEntry } from '../studies/studyFiles';
import type { StudySummary } from '../studies/studySummary';

export type CodeHintsMode = 'applyTargets' | 'workspace' | 'off';

/** A study with a best trial, as it speaks about one file. */
export interface HintStudy {
  readonly study: StudySummary;
  readonly best: FrozenTrial;
  /** Param → the name it has in this file (`apply:`'s `map:`). */
  readonly map: Readonly<Record<string, string>>;
  /** The file is one of the study's `apply:` targets. */
  readonly isTarget: boolean;
}

/** One place the file gives a param a literal value. */
export interface ParamSite {
  readonly hint: HintStudy;
  readonly param: string;
  /** The literal's offsets in the text. */
  readonly start: number;
  readonly end: number;
  /** 1-based. */
  readonly line: number;
  /** The best value, as a literal of this file's language (what Apply would write). */
  readonly bestText: string;
  readonly differs: boolean;
}

/** Studies that speak about `file`: its apply targets first, then (workspace mode) every study with a best trial, newest first. */
export function studiesForFile(file: string, studies: readonly StudySummary[], configOf: (path: string) => ConfigEntry | undefined, mode: CodeHintsMode): HintStudy[] {
  if (mode === 'off') return [];
  const hints: HintStudy[] = [];
  for (const study of [...studies].sort((a, b) => b.lastUpdated.getTime() - a.lastUpdated.getTime())) {
    if (study.best === null) continue;
    const target = study.configPath === null ? undefined : configOf(study.configPath)?.applyTargets.find((t) => t.file === file);
    if (target) hints.unshift({ study, best: study.best, map: target.map, isTarget: true });
    else if (mode === 'workspace') hints.push({ study, best: study.best, map: {}, isTarget: false });
  }
  return hints;
}

/** Every site of the studies' params in the text; where two studies name one place, the first (a target, the newest) keeps it. */
export function findParamSites(text: string, fileName: string, hints: readonly HintStudy[]): ParamSite[] {
  const sites: ParamSite[] = [];
  const taken = new Set<number>();
  for (const hint of hints) {
    const plan = planParamEdits(text, fileName, paramsAsWritten(hint.best.params, hint.best.distributions), hint.map);
    for (const placement of plan.placed) {
      for (const edit of placement.edits) {
        if (taken.has(edit.start)) continue;
        taken.add(edit.start);
        sites.push({ hint, param: placement.param, start: edit.start, end: edit.end, line: edit.line, bestText: edit.newText.trim(), differs: !edit.unchanged });
      }
    }
  }
  return sites.sort((a, b) => a.start - b.start);
}

/** The site whose literal (or the name just before it on its line) holds `offset`. */
export function siteAt(sites: readonly ParamSite[], text: string, offset: number): ParamSite | undefined {
  return sites.find((site) => {
    if (offset >= site.start && offset <= site.end) return true;
    const lineStart = text.lastIndexOf('\n', site.start - 1) + 1;
    const name = site.hint.map[site.param] ?? site.param;
    const before = text.slice(lineStart, site.start);
    const at = before.lastIndexOf(name.split('.').at(-1) ?? name);
    return at >= 0 && offset >= lineStart + at && offset <= lineStart + at + name.length;
  });
}

/** `0.0012 – 0.0051` (numbers) or `relu, gelu` (choices): the param's values in the top 10 complete trials. */
export function topRange(study: Pick<StudySummary, 'trials' | 'direction'>, param: string): { readonly text: string; readonly trials: number } | null {
  const values = topCompleteTrials(study.trials, study.direction).map((t) => t.params[param]).filter((v): v is ParamValue => v !== undefined);
  if (values.length === 0) return null;
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === values.length) {
    const low = Math.min(...numbers);
    const high = Math.max(...numbers);
    return { text: low === high ? formatParamValue(low) : `${formatParamValue(low)} – ${formatParamValue(high)}`, trials: values.length };
  }
  return { text: [...new Set(values.map((v) => formatParamValue(v)))].join(', '), trials: values.length };
}
