/**
 * The Pareto front of a multi-objective study in the terminal (`tuneboard show`): one row per front
 * trial, best on the first objective first, each objective's value in its own column, then the params.
 */
import { type Direction, formatParams, formatValue, type FrozenTrial, isBetter, paretoFront } from '../../core';
import type { StudyForReading } from '../openStudyForReading';
import { truncate } from './format';

const GAP = '  ';

export function formatFront(trials: readonly FrozenTrial[], directions: readonly Direction[], metrics: readonly string[], width: number): string[] {
  return formatFrontRows(frontByFirstObjective(trials, directions), metrics, width);
}

/** The table of front trials already chosen and ordered (the live view has the engine's front by number). */
export function formatFrontRows(front: readonly FrozenTrial[], metrics: readonly string[], width: number): string[] {
  if (front.length === 0) return [];
  const header = ['#', ...metrics];
  const rows = front.map((trial) => [String(trial.number), ...(trial.values ?? []).map(formatValue)]);
  const widths = header.map((cell, col) => Math.max(cell.length, ...rows.map((row) => row[col]?.length ?? 0)));
  const line = (cells: readonly string[], params: string): string => {
    const fixed = cells.map((cell, col) => cell.padStart(widths[col] ?? 0)).join(GAP);
    return truncate(`${fixed}${GAP}${params}`.trimEnd(), width);
  };
  return [line(header, 'params'), ...front.map((trial, i) => line(rows[i] ?? [], formatParams(trial.params)))];
}

/** The front, best on the first objective first (ties by number): how a trade-off reads from one end. */
export function frontByFirstObjective(trials: readonly FrozenTrial[], directions: readonly Direction[]): FrozenTrial[] {
  return byFirstObjective(paretoFront(trials, directions, { feasibleOnly: true }), directions);
}

export function byFirstObjective(trials: readonly FrozenTrial[], directions: readonly Direction[]): FrozenTrial[] {
  const first = directions[0] ?? 'minimize';
  const valueOf = (trial: FrozenTrial): number => trial.values?.[0] as number;
  return [...trials].sort((a, b) => (isBetter(first, valueOf(a), valueOf(b)) ? -1 : isBetter(first, valueOf(b), valueOf(a)) ? 1 : a.number - b.number));
}

/** `accuracy 0.9, size 300`: a trial's value under each objective's name (one objective: `metric value`). */
export function formatTrialValues(metrics: readonly string[], trial: FrozenTrial): string {
  if (metrics.length <= 1) return `${metrics[0] ?? 'value'} ${formatValue(trial.value)}`;
  return metrics.map((metric, i) => `${metric} ${formatValue(trial.values?.[i] ?? null)}`).join(', ');
}

/** Why a multi-objective study has no one best trial, with its front listed: what `best` and `apply` say before asking for a choice. */
export function describeFront(study: StudyForReading): string {
  const front = frontByFirstObjective(study.trials, study.directions);
  if (front.length === 0) return `study '${study.name}' has ${study.directions.length} objectives and no complete feasible trial yet, so no Pareto front`;
  const listed = front.map((t) => `  #${t.number}  ${(t.values ?? []).map((v, i) => `${study.metrics[i]}=${formatValue(v)}`).join('  ')}`);
  return `study '${study.name}' has ${study.directions.length} objectives, so no single best trial; its Pareto front:\n${listed.join('\n')}`;
}
