/**
 * Journal trials as the leaderboard sees them (src/protocol/leaderboard.ts): rows, the parameter space,
 * and which rows changed since the last message. Pure (no vscode): unit tests and the webview fixtures
 * (scripts/webview/record-fixtures.mjs) use the same projection as the panel.
 */
import type { Distribution } from '../../core/distributions';
import { FAIL_REASON_ATTR } from '../../core/study';
import type { FrozenTrial, JsonValue } from '../../core/trial';
import { BACKEND_ATTR, FOLD_VALUES_ATTR, HISTORY_ATTR, LOG_ATTR, METRICS_ATTR } from '../../core/trialAttrs';
import type { ParamSpec, TrialDetail, TrialRow } from '../../protocol/leaderboard';


export function toTrialRow(trial: FrozenTrial): TrialRow {
  const metrics = numberRecord(trial.userAttrs[METRICS_ATTR]);
  const folds = trial.userAttrs[FOLD_VALUES_ATTR];
  const reason = trial.systemAttrs[FAIL_REASON_ATTR] ?? trial.userAttrs[FAIL_REASON_ATTR];
  const backend = trial.userAttrs[BACKEND_ATTR];
  return {
    number: trial.number,
    state: trial.state,
    value: trial.value,
    params: trial.params,
    metrics,
    curve: [...trial.intermediateValues].sort((a, b) => a[0] - b[0]),
    start: trial.datetimeStart?.getTime() ?? null,
    complete: trial.datetimeComplete?.getTime() ?? null,
    failReason: typeof reason === 'string' ? reason : null,
    foldValues: Array.isArray(folds) && folds.every((v) => typeof v === 'number') ? (folds as number[]) : null,
    backend: typeof backend === 'string' ? backend : null,
  };
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
  const history: Record<string, [number, number][]> = {};
  const recorded = trial.systemAttrs[HISTORY_ATTR];
  if (recorded && typeof recorded === 'object' && !Array.isArray(recorded)) {
    for (const [metric, points] of Object.entries(recorded)) {
      if (Array.isArray(points)) history[metric] = points.filter(isStepPair).map((p) => [p[0], p[1]]);
    }
  }
  if (Object.keys(history).length === 0 && trial.intermediateValues.size > 0) {
    history.objective = [...trial.intermediateValues].sort((a, b) => a[0] - b[0]);
  }
  return { number: trial.number, history, userAttrs: trial.userAttrs, logTail, logPath };
}

/** Where the runner wrote this trial's log (relative paths are relative to the journal's folder). */
export function trialLogPath(trial: FrozenTrial): string | null {
  const log = trial.systemAttrs[LOG_ATTR];
  return typeof log === 'string' && log !== '' ? log : null;
}

function isStepPair(point: JsonValue): point is [number, number] {
  return Array.isArray(point) && point.length === 2 && typeof point[0] === 'number' && typeof point[1] === 'number';
}

function numberRecord(value: JsonValue | undefined): Record<string, number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'number') out[key] = v;
  return out;
}
