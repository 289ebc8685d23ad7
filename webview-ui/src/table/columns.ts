/**
 * The table's columns: rank, number, state, the objective, every parameter of the space, every final
 * metric (but the one the objective is: that is the objective's column), where each trial ran (only
 * when that tells them apart), duration and start. Each knows its label, a default width fitted to its
 * label and compact values (columnWidths.ts; fixed, so streaming rows never make the layout jump; the
 * user may resize it), the text a cell shows and the exact value an export writes.
 */
import { formatPlacement, type PlacementParts, WHOLE_PLACEMENT } from '../../../src/core/studyView/format';
import { isInactiveParam, paramCellText } from '../../../src/core/studyView/inactiveParams';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import type { ColumnId, LeaderboardStore } from '../store/leaderboardStore';
import { formatDuration, formatNumber, formatStart } from '../format/valueFormat';
import { objectiveColumns, objectivesOf, paretoRankColumn } from './objectiveColumns';
import { countSamples, DURATION_SAMPLES, fittedWidth, paramSamples, START_SAMPLES, stateWidth, VALUE_SAMPLES } from './columnWidths';

export type ExportValue = string | number | boolean | null;

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  /** Tooltip on the header. */
  readonly title: string;
  /** The field name in CSV and JSON exports (Optuna trials_dataframe style, as `tuneboard export`). */
  readonly exportKey: string;
  readonly width: number;
  readonly numeric: boolean;
  text(row: TrialRow): string;
  exportValue(row: TrialRow): ExportValue;
  /** True where the row's cell is a param the trial did not take (a conditional study's other branch): dimmed, with the read model's tooltip. */
  inactive?(row: TrialRow): boolean;
}

const durationOf = (row: TrialRow): number | null => (row.start !== null && row.complete !== null ? row.complete - row.start : null);

/** Every column in display order, hidden ones included (the column chooser lists them all). */
export function allColumns(store: LeaderboardStore): Column[] {
  const metric = store.header?.metric ?? 'value';
  const objectives = objectivesOf(store);
  const counts = countSamples(Math.max(store.header?.budget ?? 0, store.rows().length));
  const fixedStart: Column[] = [
    {
      id: 'rank', label: 'Rank', title: 'Rank among complete trials by the objective (★ the best)', exportKey: 'rank', width: fittedWidth('Rank', counts), numeric: true,
      text: (row) => {
        const rank = store.rankOf(row.number);
        return rank === null ? '' : rank === 1 ? '★ 1' : String(rank);
      },
      exportValue: (row) => store.rankOf(row.number),
    },
    { id: 'number', label: '#', title: 'Trial number', exportKey: 'number', width: fittedWidth('#', counts), numeric: true, text: (row) => String(row.number), exportValue: (row) => row.number },
    {
      id: 'state', label: 'State', title: 'State; a running trial shows its step and learning curve', exportKey: 'state', width: stateWidth(), numeric: false,
      text: (row) => row.state, exportValue: (row) => row.state,
    },
    {
      id: 'value', label: metric, title: `The objective (${store.header?.direction ?? 'minimize'} ${metric})`, exportKey: 'value',
      width: fittedWidth(metric, VALUE_SAMPLES), numeric: true,
      text: (row) => formatNumber(row.value), exportValue: (row) => row.value,
    },
  ];
  const params = store.space.map((spec): Column => ({
    id: `param:${spec.name}`, label: spec.name, exportKey: `params_${spec.name}`,
    title: spec.type === 'categorical' ? `${spec.name}: one of ${spec.choices.map(String).join(', ')}` : `${spec.name}: ${spec.type} in [${spec.low}, ${spec.high}]${spec.log ? ', log scale' : ''}`,
    width: fittedWidth(spec.name, paramSamples(spec)), numeric: spec.type !== 'categorical',
    // An inactive param reads as the read model's mark; the export leaves it empty, as trials_dataframe's NaN.
    text: (row) => paramCellText(row, spec.name),
    exportValue: (row) => row.params[spec.name] ?? null,
    inactive: (row) => isInactiveParam(row, spec.name),
  }));
  if (objectives) fixedStart.splice(0, fixedStart.length, paretoRankColumn(store), ...fixedStart.slice(1, 3), ...objectiveColumns(objectives));
  // The objective is reported as a metric of the same name too: its column is the objective's.
  const metrics = store.metricNames().filter((name) => name !== metric && !objectives?.some((o) => o.metric === name)).map((name): Column => ({
    id: `metric:${name}`, label: name, title: `Final metric ${name}`, exportKey: `metrics_${name}`,
    width: fittedWidth(name, VALUE_SAMPLES), numeric: true,
    text: (row) => formatNumber(row.metrics[name]),
    exportValue: (row) => row.metrics[name] ?? null,
  }));
  const fixedEnd: Column[] = [
    ...placementColumn(store.placementParts()),
    {
      id: 'duration', label: 'Duration', title: 'Wall-clock time from start to finish', exportKey: 'duration_s', width: fittedWidth('Duration', DURATION_SAMPLES), numeric: true,
      text: (row) => formatDuration(durationOf(row)),
      exportValue: (row) => {
        const ms = durationOf(row);
        return ms === null ? null : ms / 1000;
      },
    },
    {
      id: 'start', label: 'Started', title: 'When the trial started', exportKey: 'datetime_start', width: fittedWidth('Started', START_SAMPLES), numeric: false,
      text: (row) => formatStart(row.start),
      exportValue: (row) => (row.start === null ? null : new Date(row.start).toISOString()),
    },
  ];
  return [...fixedStart, ...params, ...metrics, ...fixedEnd];
}

/**
 * `Ran on` (`host · GPU n`, as `tuneboard show` prints it) when any trial has a GPU or the trials ran
 * on more than one host; otherwise it would say nothing, so there is none.
 */
function placementColumn(parts: PlacementParts): Column[] {
  if (!parts.gpu && !parts.host) return [];
  const what = parts.host && parts.gpu ? 'host and GPU' : parts.host ? 'host' : 'GPU';
  return [{
    id: 'placement', label: 'Ran on', title: `The ${what} each trial ran on`, exportKey: 'ran_on', width: parts.host ? 200 : 84, numeric: false,
    text: (row) => formatPlacement(row, parts),
    // Exports are read without the table's context: always both parts the trial has.
    exportValue: (row) => formatPlacement(row, WHOLE_PLACEMENT) || null,
  }];
}

/** The columns the user has not hidden, in display order. */
export function shownColumns(store: LeaderboardStore): Column[] {
  return allColumns(store).filter((column) => !store.hidden.has(column.id));
}
