/**
 * The columns of a multi-objective study's objectives: one value column per objective, named by the
 * study's metric names (the first is the `value` column, as `value` is the first objective's value),
 * and the Rank column of its Pareto ranking (★ on the front). Exported as Optuna's trials_dataframe
 * names them: `values_0`, `values_1`, …
 */
import type { ObjectiveSpec, TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { objectiveColumn, objectiveValue } from '../store/paretoRows';
import { formatNumber } from '../format/valueFormat';
import { countSamples, fittedWidth, VALUE_SAMPLES } from './columnWidths';
import type { Column } from './columns';

/** The study's objectives when it has several, else null. */
export function objectivesOf(store: LeaderboardStore): readonly ObjectiveSpec[] | null {
  const objectives = store.header?.objectives;
  return objectives && objectives.length > 1 ? objectives : null;
}

/** One column per objective: `value` first, then `objective:1`, `objective:2`, … */
export function objectiveColumns(objectives: readonly ObjectiveSpec[]): Column[] {
  return objectives.map((objective, index): Column => ({
    id: index === 0 ? 'value' : objectiveColumn(index),
    label: objective.metric,
    title: `Objective ${index + 1} of ${objectives.length} (${objective.direction} ${objective.metric})`,
    exportKey: `values_${index}`,
    width: fittedWidth(objective.metric, VALUE_SAMPLES),
    numeric: true,
    text: (row: TrialRow) => formatNumber(objectiveValue(row, index)),
    exportValue: (row: TrialRow) => objectiveValue(row, index),
  }));
}

/** Rank in the Pareto ranking; ★ marks the front, ✕ a trial that breaks its constraints. */
export function paretoRankColumn(store: LeaderboardStore): Column {
  const counts = countSamples(Math.max(store.header?.budget ?? 0, store.rows().length));
  return {
    id: 'rank', label: 'Rank', exportKey: 'rank', width: fittedWidth('Rank', counts) + 8, numeric: true,
    title: 'Pareto ranking: the front first (★), then by non-dominated rank and crowding distance; ✕ breaks its constraints',
    text: (row) => {
      const place = store.rankOf(row.number);
      if (place === null) return '';
      const standing = store.pareto.standing(row.number);
      return standing?.onFront ? `★ ${place}` : standing?.feasible === false ? `✕ ${place}` : String(place);
    },
    exportValue: (row) => store.rankOf(row.number),
  };
}

/** Whether a row is drawn as the table's best (its ★ row style): the best trial, or any trial on the front. */
export function isStarredRow(store: LeaderboardStore, row: TrialRow, best: number | null): boolean {
  return store.pareto.active() ? store.pareto.onFront(row.number) : row.number === best;
}
