/**
 * What a study knows about the code being read: which studies speak about a file (its `apply:`
 * targets, or any file once `tuneboard.codeHints` is `workspace`), where the file gives one of their
 * params a literal value (the same sites Apply would edit: src/core/apply), and what the study learned
 * about that param (its best value, the range of the top 10 trials). A multi-objective study has no
 * single best: it speaks through its Pareto front (each front trial's value, the range over the
 * front). Pure (no vscode): the hover and inlay hint providers only turn these into UI.
 */
import { formatParamValue, frontInObjectiveOrder, type FrozenTrial, inactiveParamsForApply, NO_INACTIVE_PARAMS, paramsAsWritten, type ParamValue, planParamEdits, type SpaceConditions, topCompleteTrials } from '../../core';
import type { ConfigEntry } from '../studies/studyFiles';
import { studyParamNames } from '../studies/studyPresentation';
import type { StudySummary } from '../studies/studySummary';

export type CodeHintsMode = 'applyTargets' | 'workspace' | 'off';

/**
 * A study with a best trial (or, with several objectives, a Pareto front), as it speaks about one file:
 * `trials` is `[best]`, or the front by its first objective (see `frontInObjectiveOrder`).
 */
export interface HintStudy {
  readonly study: StudySummary;
  /** The best trial of a single-objective study; null for a multi-objective one, which has none. */
  readonly best: FrozenTrial | null;
  /** What the study offers: `[best]`, or its Pareto front in objective order. Never empty. */
  readonly trials: readonly FrozenTrial[];
  /** Param → the name it has in this file (`apply:`'s `map:`). */
  readonly map: Readonly<Record<string, string>>;
  /** The file is one of the study's `apply:` targets. */
  readonly isTarget: boolean;
  /** The study's config's conditions, when it has a config: they say why a param is inactive in the best trial. */
  readonly conditions?: SpaceConditions;
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
  /** The best value (the first front trial's, with several objectives), as a literal of this file's language (what Apply would write). */
  readonly bestText: string;
  /** Each of `hint.trials`' value here, as Apply would write it (one entry for a single-objective study). */
  readonly values: readonly SiteValue[];
  /** The file's value is not the best one (with several objectives: not any front trial's). */
  readonly differs: boolean;
  /**
   * Set where the param is inactive in the best trial (a conditional study's other branch): why, e.g.
   * `inactive in trial #12 (optimizer = adam)`. Apply leaves such a site as it is, so `bestText` is ''
   * and `values` empty.
   */
  readonly inactive?: string;
}

/** One offered trial's value of a param, as a literal of the file's language. */
export interface SiteValue {
  readonly trial: FrozenTrial;
  readonly text: string;
  /** The file already has it. */
  readonly unchanged: boolean;
}

/** What a study offers a file: its best trial, or its Pareto front by the first objective; null when it has neither yet. */
export function offeredTrials(study: Pick<StudySummary, 'best' | 'pareto' | 'directions'>): { best: FrozenTrial | null; trials: readonly FrozenTrial[] } | null {
  if (study.pareto !== null) return study.pareto.front.length === 0 ? null : { best: null, trials: frontInObjectiveOrder(study.pareto.front, study.directions) };
  return study.best === null ? null : { best: study.best, trials: [study.best] };
}

/** Studies that speak about `file`: its apply targets first, then (workspace mode) every study with a best trial, newest first. */
export function studiesForFile(file: string, studies: readonly StudySummary[], configOf: (path: string) => ConfigEntry | undefined, mode: CodeHintsMode): HintStudy[] {
  if (mode === 'off') return [];
  const hints: HintStudy[] = [];
  for (const study of [...studies].sort((a, b) => b.lastUpdated.getTime() - a.lastUpdated.getTime())) {
    const offered = offeredTrials(study);
    if (offered === null) continue;
    const config = study.configPath === null ? undefined : configOf(study.configPath);
    const target = config?.applyTargets.find((t) => t.file === file);
    const conditions = config?.conditions === undefined ? {} : { conditions: config.conditions };
    if (target) hints.unshift({ study, ...offered, map: target.map, isTarget: true, ...conditions });
    else if (mode === 'workspace') hints.push({ study, ...offered, map: {}, isTarget: false, ...conditions });
  }
  return hints;
}

/**
 * Every site of the studies' params in the text; where two studies name one place, the first (a
 * target, the newest) keeps it. Each offered trial's value of a site is what Apply would write there.
 */
export function findParamSites(text: string, fileName: string, hints: readonly HintStudy[]): ParamSite[] {
  const sites: ParamSite[] = [];
  const taken = new Set<number>();
  for (const hint of hints) {
    // Where the best trial lacks a param the file names, the site says so (a front's trials may differ: only a best one is asked).
    const inactive = hint.best === null ? NO_INACTIVE_PARAMS : inactiveParamsForApply(hint.best, studyParamNames(hint.study), hint.conditions);
    const plans = hint.trials.map((trial) => ({ trial, plan: planParamEdits(text, fileName, paramsAsWritten(trial.params, trial.distributions), hint.map, inactive) }));
    const [first] = plans;
    if (!first) continue;
    for (const stale of first.plan.stale) {
      if (taken.has(stale.start)) continue;
      taken.add(stale.start);
      sites.push({ hint, param: stale.param, start: stale.start, end: stale.end, line: stale.line, bestText: '', values: [], differs: false, inactive: stale.reason });
    }
    for (const placement of first.plan.placed) {
      for (const edit of placement.edits) {
        if (taken.has(edit.start)) continue;
        taken.add(edit.start);
        const values = plans.flatMap(({ trial, plan }) => {
          const same = plan.placed.find((p) => p.param === placement.param)?.edits.find((e) => e.start === edit.start);
          return same ? [{ trial, text: same.newText.trim(), unchanged: same.unchanged }] : [];
        });
        sites.push({ hint, param: placement.param, start: edit.start, end: edit.end, line: edit.line, bestText: edit.newText.trim(), values, differs: !values.some((v) => v.unchanged) });
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
  return paramRange(topCompleteTrials(study.trials, study.direction), param);
}

/** The param's values in `trials` (a Pareto front, say): `low – high`, or the choices listed; null when none has it. */
export function paramRange(trials: readonly FrozenTrial[], param: string): { readonly text: string; readonly trials: number } | null {
  const values = trials.map((t) => t.params[param]).filter((v): v is ParamValue => v !== undefined);
  if (values.length === 0) return null;
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === values.length) {
    const low = Math.min(...numbers);
    const high = Math.max(...numbers);
    return { text: low === high ? formatParamValue(low) : `${formatParamValue(low)} – ${formatParamValue(high)}`, trials: values.length };
  }
  return { text: [...new Set(values.map((v) => formatParamValue(v)))].join(', '), trials: values.length };
}
