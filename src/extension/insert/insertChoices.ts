/**
 * What the Insert Best Params pickers offer: studies with a best trial, most recently run first, each
 * with its objective, best value, trial count and when it last ran; then that study's best trial or
 * one of its top 10. A multi-objective study has no single best: it offers the trials of its Pareto
 * front (Apply, Copy and Insert alike, see `frontChoices`). Pure (no vscode), so the wording and order
 * unit-test in Node.
 */
import { formatElapsed, formatObjectiveValues, formatValue, frontInObjectiveOrder, type FrozenTrial, type InsertSource, noParamsReason, topCompleteTrials } from '../../core';
import { objectivesText } from '../studies/studyPresentation';
import type { StudySummary } from '../studies/studySummary';

export interface StudyChoice {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly key: string;
}

export interface TrialChoice {
  readonly label: string;
  readonly description: string;
  readonly number: number;
}

/** Whether a study has params to offer: a best trial, or (several objectives) a Pareto front. */
export function offersParams(study: Pick<StudySummary, 'best' | 'pareto'>): boolean {
  return study.pareto === null ? study.best !== null : study.pareto.front.length > 0;
}

/** `Study has no complete trial yet, so no best params.`; with several objectives, `… so no Pareto front.` */
export function noParamsMessage(study: Pick<StudySummary, 'name' | 'pareto'>): string {
  return `${study.name} has ${noParamsReason(study.pareto !== null)}.`;
}

/**
 * Studies that have a best trial (or a Pareto front), newest first: `name` · `minimize val_loss · best
 * 0.031 · 40 trials` (`max accuracy, min size · front 4 · 40 trials`) · `last run 3m ago`.
 */
export function studyChoices(studies: readonly StudySummary[], now: Date): StudyChoice[] {
  return studies
    .filter(offersParams)
    .sort((a, b) => b.lastUpdated.getTime() - a.lastUpdated.getTime() || a.name.localeCompare(b.name))
    .map((study) => ({
      label: study.name,
      description: `${study.pareto === null ? `${study.direction} ${study.metric} · best ${formatValue(study.best?.value ?? null)}` : `${objectivesText(study)} · front ${study.pareto.front.length}`} · ${study.trials.length} ${study.trials.length === 1 ? 'trial' : 'trials'}`,
      detail: `last run ${formatAgo(study.lastUpdated, now)}${study.configPath === null ? ' · no config in this workspace' : ''}`,
      key: study.key,
    }));
}

/** The best trial first (★), then the next of the top 10 complete trials, each with its value and params. */
export function trialChoices(study: Pick<StudySummary, 'trials' | 'direction' | 'metric'>): TrialChoice[] {
  const ranked = topCompleteTrials(study.trials, study.direction);
  return ranked.map((trial, rank) => ({
    label: `${rank === 0 ? '★ best: ' : ''}#${trial.number}  ${study.metric} = ${formatValue(trial.value)}`,
    description: paramSummary(trial),
    number: trial.number,
  }));
}

/**
 * A multi-objective study's Pareto front, by its first objective (best first): `★ #12  accuracy =
 * 0.91, size = 12000` with the trial's params. Empty before any feasible trial completes.
 */
export function frontChoices(study: Pick<StudySummary, 'pareto' | 'directions' | 'metrics'>): TrialChoice[] {
  if (study.pareto === null) return [];
  return frontInObjectiveOrder(study.pareto.front, study.directions).map((trial) => ({
    label: `★ #${trial.number}  ${formatObjectiveValues(trial.values, study.metrics)}`,
    description: paramSummary(trial),
    number: trial.number,
  }));
}

/** `lr=0.0031, units=64` (cut to fit a quick pick line). */
function paramSummary(trial: FrozenTrial): string {
  const text = Object.entries(trial.params).map(([name, value]) => `${name}=${typeof value === 'number' ? formatValue(value) : String(value)}`).join(', ');
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** `just now`, `3m ago`, `2h 05m ago`, `3d 4h ago`: the read model's durations, for a moment in the past. */
export function formatAgo(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  return elapsed < 60_000 ? 'just now' : `${formatElapsed(elapsed).replace(/ \d+s$/, '')} ago`;
}

/** What an inserted Markdown table names as its source: the trial, and its value on every objective. */
export function insertSourceOf(study: Pick<StudySummary, 'name' | 'metrics' | 'pareto'>, trial: FrozenTrial): InsertSource {
  const values = trial.values ?? (trial.value === null ? null : [trial.value]);
  const metrics = study.pareto === null ? study.metrics.slice(0, 1) : study.metrics;
  return { study: study.name, trial: trial.number, objectives: metrics.map((metric, i) => ({ metric, value: values?.[i] ?? null })) };
}
