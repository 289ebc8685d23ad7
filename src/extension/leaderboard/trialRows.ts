/**
 * Journal trials as the leaderboard sees them (src/protocol/leaderboard.ts): rows, the parameter space,
 * and which rows changed since the last message. Pure (no vscode): unit tests and the webview fixtures
 * (scripts/webview/record-fixtures.mjs) use the same projection as the panel.
 */
import { constraintValues, type Distribution, failReason, foldValues, type FrozenTrial, metricHistory, trialBackend, trialMetrics, trialPlacement } from '../../core';
import type { ParamSpec, TrialDetail, TrialRow } from '../../protocol/leaderboard';


export { trialLogPath } from '../../core';

export function toTrialRow(trial: FrozenTrial): TrialRow {
  return {
    number: trial.number,
    state: trial.state,
    value: trial.value,
    ...(trial.values !== null && trial.values.length > 1 ? { values: trial.values } : {}),
    ...constraintsOf(trial),
    params: trial.params,
    metrics: trialMetrics(trial),
    curve: [...trial.intermediateValues].sort((a, b) => a[0] - b[0]),
    start: trial.datetimeStart?.getTime() ?? null,
    complete: trial.datetimeComplete?.getTime() ?? null,
    failReason: failReason(trial),
    foldValues: foldValues(trial),
    backend: trialBackend(trial),
    ...trialPlacement(trial),
  };
}

function constraintsOf(trial: FrozenTrial): { constraints?: readonly number[] } {
  const constraints = constraintValues(trial);
  return constraints === null ? {} : { constraints };
}

/**
 * The rows to send after the study changed from `previous` to `next` trial lists. The journal storage
 * keeps a trial's frozen object until that trial changes, so identity tells what changed.
 */
export function changedTrials(previous: readonly FrozenTrial[], next: readonly FrozenTrial[]): FrozenTrial[] {
  const before = new Map(previous.map((trial) => [trial.number, trial]));
  return next.filter((trial) => before.get(trial.number) !== trial);
}

/** Every parameter's distribution as the newest trial that has it declares it, in first-seen order. */
export function paramSpace(trials: readonly FrozenTrial[]): ParamSpec[] {
  const latest = new Map<string, Distribution>();
  for (const trial of trials) for (const [name, distribution] of Object.entries(trial.distributions)) latest.set(name, distribution);
  return [...latest].map(([name, distribution]) => toParamSpec(name, distribution));
}

/**
 * `space` with what `trials` (newer than those it was made from) declare: a changed distribution
 * replaces its parameter in place, a new parameter goes last. The same object when nothing changed,
 * so an update looks at its changed trials only, not the whole study.
 */
export function withTrials(space: readonly ParamSpec[], trials: readonly FrozenTrial[]): readonly ParamSpec[] {
  let next: ParamSpec[] | null = null;
  for (const trial of trials) {
    for (const [name, distribution] of Object.entries(trial.distributions)) {
      const current = next ?? space;
      const spec = toParamSpec(name, distribution);
      const at = current.findIndex((p) => p.name === name);
      if (at >= 0 && JSON.stringify(current[at]) === JSON.stringify(spec)) continue;
      next ??= [...space];
      if (at >= 0) next[at] = spec;
      else next.push(spec);
    }
  }
  return next ?? space;
}

function toParamSpec(name: string, distribution: Distribution): ParamSpec {
  if (distribution.type === 'categorical') return { name, type: 'categorical', choices: distribution.choices };
  return { name, type: distribution.type, low: distribution.low, high: distribution.high, log: distribution.log, step: distribution.step };
}

/** The detail pane's extras; `logTail` is read by the caller, which knows the file system. */
export function toTrialDetail(trial: FrozenTrial, logTail: string | null, logPath: string | null): TrialDetail {
  const history = { ...metricHistory(trial) };
  if (Object.keys(history).length === 0 && trial.intermediateValues.size > 0) {
    history.objective = [...trial.intermediateValues].sort((a, b) => a[0] - b[0]);
  }
  return { number: trial.number, history, userAttrs: trial.userAttrs, logTail, logPath };
}
