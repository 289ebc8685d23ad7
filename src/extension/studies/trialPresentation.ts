/** How a trial reads in the Studies tree: order, icon, description, tooltip and detail lines. Pure (no vscode). */
import { type Direction, DISPLAY_STATE_MEANINGS, INACTIVE_MARK, INACTIVE_TITLE, inactiveParamsOf, displayState, displayStateLabel, type DisplayState, failReason, formatElapsed, formatNumber, formatParamValue, formatPlacement, formatValue, type FrozenTrial, lastStep, rankTrials, trialBackend, trialDuration, trialMetrics, trialPlacement, WHOLE_PLACEMENT } from '../../core';
import { escapeMarkdown, paramLines, truncateText, type IconSpec } from './studyPresentation';
import type { StudySummary } from './studySummary';

export type TrialSortMode = 'value' | 'number';

/** contextValue `trial.<state>`; a waiting (enqueued) trial has not started and is shown as itself. */
export function trialContextValue(trial: FrozenTrial): string {
  return `trial.${trial.state}`;
}

// A stopped trial is grey, not red: the user asked for the stop, and nothing in it needs a look.
const TRIAL_ICONS: Readonly<Record<DisplayState, IconSpec>> = {
  complete: { id: 'pass', color: 'testing.iconPassed' },
  pruned: { id: 'debug-step-out', color: 'testing.iconSkipped' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  stopped: { id: 'debug-stop', color: 'disabledForeground' },
  running: { id: 'loading~spin', color: null },
  waiting: { id: 'clock', color: 'testing.iconQueued' },
};

export function trialIcon(trial: FrozenTrial): IconSpec {
  return TRIAL_ICONS[displayState(trial)];
}

export function trialLabel(trial: FrozenTrial): string {
  return `#${trial.number}`;
}

/**
 * Whether the tree marks a trial ★: the best trial of a single-objective study (the read model's
 * best), any trial on the Pareto front of a multi-objective one (the read model's paretoRanking).
 */
export function isStarred(study: Pick<StudySummary, 'best' | 'pareto'>, trial: FrozenTrial): boolean {
  if (study.pareto !== null) return study.pareto.standings.get(trial.number)?.onFront === true;
  return study.best?.number === trial.number;
}

/** A complete trial's values: one, or all of a multi-objective trial's, `0.91 | 12,000`. */
function valuesText(trial: FrozenTrial): string {
  return trial.values !== null && trial.values.length > 1 ? trial.values.map((v) => formatValue(v)).join(' | ') : formatValue(trial.value);
}

/**
 * `0.95333 · 12.3s ★` (`0.91 | 12000 · 12.3s ★` with several objectives, ★ on the Pareto front); `pruned 0.41 · 3.0s`; `failed: CUDA out of memory · 2.1s`; `stopped · 4.0s` (its
 * study was stopped while it ran: the reason is in the tooltip); `running · step 7 (0.88)`,
 * and where it runs: `running · gpu-box-2 · GPU 1` (the host only when it is not `localHost`).
 */
export function trialDescription(trial: FrozenTrial, isBest: boolean, localHost: string | null = null): string {
  const duration = trialDuration(trial);
  const took = duration === null ? [] : [formatElapsed(duration)];
  switch (displayState(trial)) {
    case 'complete':
      return [valuesText(trial), ...took].join(' · ') + (isBest ? ' ★' : '');
    case 'pruned':
      return [`pruned ${trial.value === null ? '' : formatValue(trial.value)}`.trim(), ...took].join(' · ');
    case 'failed': {
      const reason = failReason(trial);
      return [reason === null ? 'failed' : `failed: ${truncateText(reason.replace(/\s+/g, ' '), 50)}`, ...took].join(' · ');
    }
    case 'stopped':
      return ['stopped', ...took].join(' · ');
    case 'running': {
      const step = lastStep(trial);
      const placement = trialPlacement(trial);
      const where = formatPlacement(placement, { host: placement.host !== localHost, gpu: true });
      return ['running', ...(step === null ? [] : [`step ${step} (${formatValue(trial.intermediateValues.get(step) ?? null)})`]), ...(where === '' ? [] : [where])].join(' · ');
    }
    case 'waiting':
      return 'waiting';
  }
}

/**
 * `metric`: the objective's name, or every objective's names in a multi-objective study (then ★ says
 * the trial is on the Pareto front, and each objective's value has its own line).
 */
export function trialTooltip(trial: FrozenTrial, metric: string | readonly string[], isBest: boolean, studyParams: readonly string[] = []): string {
  const state = displayState(trial);
  const metrics = typeof metric === 'string' ? [metric] : metric;
  const several = metrics.length > 1;
  const lines = [`**Trial #${trial.number}** — ${displayStateLabel(state)}${isBest ? (several ? ' ★ on the Pareto front' : ' ★ best') : ''}`, ''];
  if (state === 'stopped') lines.push(`It ${DISPLAY_STATE_MEANINGS.stopped}.`, '');
  if (several && trial.values !== null && trial.values.length === metrics.length) {
    trial.values.forEach((value, i) => lines.push(`${escapeMarkdown(metrics[i] ?? `values_${i}`)} = ${formatValue(value)}`, ''));
  } else if (trial.value !== null) lines.push(`${escapeMarkdown(metrics[0] ?? 'value')} = ${formatValue(trial.value)}${trial.state === 'pruned' ? ' (last reported)' : ''}`, '');
  const reason = failReason(trial);
  if (reason !== null) lines.push(`${state === 'stopped' ? 'Why' : 'Error'}: ${escapeMarkdown(reason)}`, '');
  lines.push(...paramLines(trial.params, inactiveParamsOf(trial, studyParams)));
  const facts: string[] = [];
  const duration = trialDuration(trial);
  if (duration !== null) facts.push(`Took ${formatElapsed(duration)}`);
  else if (trial.datetimeStart) facts.push(`Started ${trial.datetimeStart.toLocaleString()}`);
  if (trial.intermediateValues.size > 0) facts.push(`${trial.intermediateValues.size} reported steps`);
  const backend = trialBackend(trial);
  if (backend !== null) facts.push(`backend ${escapeMarkdown(backend)}`);
  const where = formatPlacement(trialPlacement(trial), WHOLE_PLACEMENT);
  if (where !== '') facts.push(`${trial.state === 'running' ? 'on' : 'ran on'} ${escapeMarkdown(where)}`);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  return lines.join('\n');
}

/** One line under a trial: a param, a final metric, or how many steps it reported. */
export interface TrialDetail {
  readonly kind: 'param' | 'metric' | 'steps';
  readonly name: string;
  /** `lr = 0.0031` */
  readonly label: string;
}

/** `studyParams`: every param of the study; those the trial lacks (inactive in it) follow its own, with the read model's mark. */
export function trialDetails(trial: FrozenTrial, studyParams: readonly string[] = []): TrialDetail[] {
  const details: TrialDetail[] = Object.entries(trial.params).map(([name, value]) => ({ kind: 'param', name, label: `${name} = ${formatParamValue(value)}` }));
  for (const name of inactiveParamsOf(trial, studyParams)) details.push({ kind: 'param', name, label: `${name} ${INACTIVE_MARK} ${INACTIVE_TITLE}` });
  for (const [name, value] of Object.entries(trialMetrics(trial))) details.push({ kind: 'metric', name, label: `${name} = ${formatNumber(value, 5)}` });
  const step = lastStep(trial);
  if (step !== null) {
    const count = trial.intermediateValues.size;
    details.push({ kind: 'steps', name: 'steps', label: `${count} reported ${count === 1 ? 'step' : 'steps'} (last: step ${step})` });
  }
  return details;
}

/** A study's trials as the tree lists them: `sortTrials`, or a multi-objective study's Pareto ranking by value. */
export function sortStudyTrials(study: Pick<StudySummary, 'trials' | 'direction' | 'pareto'>, mode: TrialSortMode): readonly FrozenTrial[] {
  return mode === 'value' && study.pareto !== null ? study.pareto.ordered : sortTrials(study.trials, study.direction, mode);
}

/** By value: the read model's ranking (complete best first, then pruned, failed, running, waiting). By number: newest first. */
export function sortTrials(trials: readonly FrozenTrial[], direction: Direction, mode: TrialSortMode): FrozenTrial[] {
  return mode === 'number' ? [...trials].sort((a, b) => b.number - a.number) : rankTrials(trials, direction);
}
