/**
 * How a study reads in the Studies tree: state, icon, one-line description and Markdown tooltip.
 * Pure (no vscode) so it unit-tests in Node; studiesTree.ts turns these into TreeItems.
 */
import { formatParamValue, formatValue, type FrozenTrial, INACTIVE_MARK, INACTIVE_TITLE, inactiveParamsOf, paramNamesOf, type ParamValue, trialRunner } from '../../core';
import type { StudySummary } from './studySummary';

/** A study's state in the tree; its contextValue is `study.<state>` (the manifest's menus match these). */
export type StudyState = 'running' | 'idle' | 'noTrials' | 'problem';

/** A codicon id and an optional theme colour id, both as VS Code names them. */
export interface IconSpec {
  readonly id: string;
  readonly color: string | null;
}

/**
 * Running wins (so Stop stays in the menu even if the journal went bad mid-run): the editor's own run
 * of the study, or a trial the journal shows running (a run from a terminal or another machine) unless
 * `isOrphaned` says the process that ran it is gone.
 */
export function studyState(study: StudySummary, runningHere: boolean, isOrphaned: (trial: FrozenTrial) => boolean = () => false): StudyState {
  if (runningHere || (study.counts.running > 0 && study.trials.some((t) => t.state === 'running' && !isOrphaned(t)))) return 'running';
  if (study.problem !== null) return 'problem';
  return study.trials.length === 0 ? 'noTrials' : 'idle';
}

export function studyContextValue(state: StudyState): string {
  return `study.${state}`;
}

const STUDY_ICONS: Readonly<Record<StudyState, IconSpec>> = {
  running: { id: 'sync~spin', color: null },
  idle: { id: 'beaker', color: null },
  noTrials: { id: 'circle-large-outline', color: null },
  problem: { id: 'warning', color: 'list.warningForeground' },
};

export function studyIcon(state: StudyState): IconSpec {
  return STUDY_ICONS[state];
}

/**
 * `12/60 · best 0.95333`, or `12 trials · best …` without a budget; `not tuned yet`; a problem in short.
 * A multi-objective study names its objectives and the size of its front instead of a best:
 * `12/60 · max val_accuracy, min parameter_count · front 4`.
 */
export function studyDescription(study: StudySummary): string {
  const parts: string[] = [];
  if (study.trials.length > 0 || study.problem === null) {
    if (study.trials.length === 0) parts.push(study.budget === null ? 'not tuned yet' : `${study.progressLabel} · not tuned yet`);
    else parts.push(study.progressLabel);
  }
  if (study.directions.length > 1) {
    parts.push(objectivesText(study));
    if (study.pareto !== null && study.trials.length > 0) parts.push(`front ${study.pareto.front.length}`);
  } else if (study.best) parts.push(`best ${formatValue(study.best.value)}`);
  if (study.problem !== null) parts.push(shortProblem(study.problem));
  return parts.join(' · ');
}

/** `max val_accuracy, min parameter_count`. */
export function objectivesText(study: Pick<StudySummary, 'directions' | 'metrics'>): string {
  return study.directions.map((direction, i) => `${direction === 'maximize' ? 'max' : 'min'} ${study.metrics[i] ?? `values_${i}`}`).join(', ');
}

/** The message of `file:line:col: message (key)` without the file, which the tooltip shows in full. */
export function shortProblem(problem: string): string {
  const located = /^.*?:(\d+)(?::(\d+))?: (.*)$/s.exec(problem);
  const text = located ? `line ${located[1]}: ${located[3]}` : problem;
  return truncateText(text.replace(/\s+/g, ' '), 70);
}

export function studyTooltip(study: StudySummary, state: StudyState): string {
  const { counts } = study;
  const lines = [`**${escapeMarkdown(study.name)}** — ${STATE_WORDS[state]}`, ''];
  if (study.problem !== null) lines.push(`$(warning) ${escapeMarkdown(study.problem)}`, '');
  lines.push(study.directions.map((direction, i) => `${direction === 'maximize' ? 'Maximize' : 'Minimize'} \`${codeText(study.metrics[i] ?? study.metric)}\``).join(', '));
  // Interrupted trials read as stopped, as their own icon in the tree says (studyView's displayState).
  const tally = [`${counts.complete} complete`, `${counts.pruned} pruned`, `${counts.fail - counts.interrupted} failed`];
  if (counts.interrupted > 0) tally.push(`${counts.interrupted} stopped`);
  if (counts.running > 0) tally.push(`${counts.running} running`);
  if (counts.waiting > 0) tally.push(`${counts.waiting} waiting`);
  const budget = study.budget === null ? '' : ` (budget ${study.progressLabel})`;
  lines.push('', study.trials.length === 0 ? `No trials yet${budget}` : `${study.trials.length} trials${budget}: ${tally.join(' · ')}`);
  if (study.pareto !== null) {
    const front = study.pareto.front;
    const listed = front.slice(0, 12).map((t) => `#${t.number}`).join(', ') + (front.length > 12 ? ', …' : '');
    lines.push('', front.length === 0 ? 'Pareto front: no feasible complete trial yet' : `Pareto front ★: ${front.length} ${front.length === 1 ? 'trial' : 'trials'} (${listed})`);
  } else if (study.best) {
    lines.push('', `Best: trial #${study.best.number}, ${codeText(study.metric)} = ${formatValue(study.best.value)}`, '');
    lines.push(...paramLines(study.best.params, inactiveParamsOf(study.best, studyParamNames(study))));
  }
  lines.push('', `Journal: \`${codeText(study.journalPath)}\``);
  lines.push('', study.configPath === null ? 'Config: none in this workspace (started elsewhere)' : `Config: \`${codeText(study.configPath)}\``);
  lines.push('', `Updated ${study.lastUpdated.toLocaleString()}`);
  return lines.join('\n');
}

const STATE_WORDS: Readonly<Record<StudyState, string>> = {
  running: 'running',
  idle: 'not running',
  noTrials: 'not tuned yet',
  problem: 'cannot be read',
};

/** `- lr = 0.0031` per param, as a Markdown list; then each `inactive` param (a conditional study's other branches) with the read model's mark. */
export function paramLines(params: Readonly<Record<string, ParamValue>>, inactive: readonly string[] = []): string[] {
  return [
    ...Object.entries(params).map(([name, value]) => `- \`${codeText(name)}\` = ${escapeMarkdown(formatParamValue(value))}`),
    ...inactive.map((name) => `- \`${codeText(name)}\` ${INACTIVE_MARK} *${INACTIVE_TITLE}*`),
  ];
}

const paramNamesByTrials = new WeakMap<readonly FrozenTrial[], readonly string[]>();

/** Every param the study's trials have (paramNamesOf), computed once per trial list: the tree asks it for each trial. */
export function studyParamNames(study: Pick<StudySummary, 'trials'>): readonly string[] {
  let names = paramNamesByTrials.get(study.trials);
  if (names === undefined) {
    names = paramNamesOf(study.trials);
    paramNamesByTrials.set(study.trials, names);
  }
  return names;
}

/** Text shown as Markdown verbatim: names and messages come from files anyone may have written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (char) => `\\${char}`);
}

/** Inside a code span only a backtick could end it early. */
function codeText(text: string): string {
  return text.replace(/`/g, "'");
}

export function truncateText(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Who runs a study's trials, from their runner attrs: where to stop it. */
export function describeRunners(study: StudySummary): string {
  const runners = new Set(study.trials.filter((t) => t.state === 'running').map((t) => {
    const runner = trialRunner(t);
    return runner === null ? 'a process that did not say which (Python Optuna?)' : `pid ${runner.pid} on ${runner.host}`;
  }));
  return runners.size === 0 ? 'None of its trials is running now.' : `Its trials are run by ${[...runners].join(', ')}: stop it there (Ctrl-C in its terminal).`;
}
