/**
 * Parallel coordinates: one axis per parameter (log where the space is log, categorical axes with
 * the choices in order) and the objective last; every complete trial a line coloured by its
 * objective, the best trial emphasised. A multi-objective study has one axis per objective (lines
 * coloured by the first) and its Pareto front emphasised instead of a best. Brushing an axis filters
 * the table (store.setParamFilter), and filters set elsewhere show as brushes.
 *
 * A conditional study's trial lacks the params of branches it did not take. Its line still crosses
 * every axis, at the axis's inactive position, marked — below the range (after the last choice on a
 * categorical axis): the line then keeps telling how that trial did, and the gap between the stub and
 * the range reads as "not on this scale". ECharts cannot break one parallel line at an axis, and
 * dropping such trials would hide most of a conditional study. A brush selects values, so it leaves
 * inactive trials out.
 */
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { ObjectiveSpec, ParamSpec, TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import type { ParamFilter } from '../store/leaderboardStore';
import { objectiveValue } from '../store/paretoRows';
import { selectTrialOnClick, type ChartDefinition, type ChartRender, type ChartSize } from './chartDefinition';
import { axisStyle, baseOption, rampColors, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import type { EChartsType, ParallelAxisOption } from './echarts';
import { format } from './echarts';
import { formatShort } from '../format/valueFormat';
import { INACTIVE_MARK, INACTIVE_TITLE, isInactiveParam, paramCellText } from '../../../src/core/studyView/inactiveParams';
import { widestLine, wrapName } from '../format/textLayout';
import { filterFromIntervals, filterKey, intervalsFromFilter } from './parallelBrush';
import type { AxisTarget, Interval } from './parallelBrush';

interface Axis {
  readonly id: string;
  readonly target: AxisTarget;
}

/** What `axisareaselected` carries: the action's payload, naming the axis one of three ways. */
interface AxisAreaSelected {
  readonly parallelAxisId?: string;
  readonly parallelAxisIndex?: number;
  readonly parallelAxisName?: string;
  readonly intervals?: readonly Interval[];
}

/** How far below a numeric range its inactive position sits, as a share of the range (of its log for a log axis). */
const INACTIVE_GAP = 0.12;

/** Where `spec`'s axis draws a trial that lacks it: below the range, or one slot after the last choice. */
function inactivePosition(spec: ParamSpec): number {
  if (spec.type === 'categorical') return spec.choices.length;
  if (spec.log) return spec.low / (spec.high / spec.low) ** INACTIVE_GAP;
  return spec.low - (spec.high - spec.low || 1) * INACTIVE_GAP;
}

function axisValue(spec: ParamSpec, row: TrialRow): number | null {
  const value = row.params[spec.name];
  if (value === undefined) return isInactiveParam(row, spec.name) ? inactivePosition(spec) : null;
  if (spec.type === 'categorical') {
    const index = spec.choices.indexOf(value);
    return index < 0 ? null : index;
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function parallelChart(store: LeaderboardStore): ChartDefinition {
  let axes: readonly Axis[] = [];
  let numbersBySeries = new Map<string, readonly number[]>();
  /** The filter each axis's brush shows now, by axis id; absent for an axis without brushes. */
  const brushed = new Map<string, ParamFilter | undefined>();

  const status = document.createElement('p');
  status.className = 'tb-chart-status';
  const statusText = document.createElement('span');
  const clear = document.createElement('vscode-toolbar-button');
  clear.setAttribute('icon', 'clear-all');
  clear.setAttribute('label', 'Clear brushes');
  clear.textContent = 'Clear brushes';
  clear.addEventListener('click', () => {
    store.batch(() => {
      for (const axis of axes) store.setParamFilter(filterKey(axis.target), null);
    });
  });
  status.append(statusText, clear);
  status.hidden = true;

  function render(palette: ChartPalette, size: ChartSize): ChartRender {
    const space = store.space;
    const header = store.header;
    const minimize = header?.direction !== 'maximize';
    const metric = header?.metric ?? 'objective';
    const several = store.pareto.active();
    // One axis per objective: the study's value alone, or each of a multi-objective study's.
    const specs: readonly ObjectiveSpec[] = several && header?.objectives ? header.objectives : [{ metric, direction: minimize ? 'minimize' : 'maximize' }];
    const sampled: (readonly number[])[] = [];
    const scores: (readonly number[])[] = [];
    const numbers: number[] = [];
    for (const row of store.rows()) {
      if (row.state !== 'complete') continue;
      const values = specs.map((_, i) => (i === 0 ? row.value : objectiveValue(row, i)));
      if (values.some((value) => value === null || !Number.isFinite(value))) continue;
      const params = space.map((spec) => axisValue(spec, row));
      if (params.some((value) => value === null)) continue; // a value outside the space (a choice it no longer has)
      sampled.push(params as number[]);
      scores.push(values as number[]);
      numbers.push(row.number);
    }
    const objectives = scores.map((values) => values[0] as number);
    if (space.length === 0 || sampled.length === 0) {
      return {
        kind: 'empty',
        message: space.length === 0 ? 'No search space yet: parallel coordinates need the study’s parameters.' : 'No complete trials yet. Each complete trial becomes a line across the parameter axes.',
      };
    }
    // A param with one value in every trial (a single choice, or a range that was never varied) would
    // be an axis every line crosses at the same point: it is named in the caption instead.
    const constant = space.filter((spec, i) => isConstant(spec, sampled.map((values) => values[i] as number)));
    const inactiveIn = new Set(space.filter((spec, i) => sampled.some((values) => values[i] === inactivePosition(spec))).map((spec) => spec.name));
    const shown = space.filter((spec) => !constant.includes(spec));
    const shownIndexes = shown.map((spec) => space.indexOf(spec));
    const data = sampled.map((values, row) => [...shownIndexes.map((i) => values[i] as number), ...(scores[row] as number[])]);

    const previous = new Set(axes.map((axis) => axis.id));
    axes = [
      ...shown.map((spec): Axis => ({ id: `param:${spec.name}`, target: { kind: 'param', spec } })),
      ...specs.map((_, index): Axis => ({ id: index === 0 ? 'objective' : `objective:${index}`, target: { kind: 'objective', index } })),
    ];
    const nameOf = (axis: Axis | undefined): string => axisName(axis, specs, several);
    // An axis that is new to the chart has no brush yet, whatever the store says.
    for (const id of [...brushed.keys()]) if (!previous.has(id)) brushed.delete(id);

    const low = Math.min(...objectives);
    const high = Math.max(...objectives);
    const best = several ? null : store.best();
    const bestIndex = best ? numbers.indexOf(best.number) : -1;
    // A multi-objective study emphasises its Pareto front (the read model's, as the table's ★).
    const frontIndexes = several ? numbers.flatMap((number, i) => (store.pareto.onFront(number) ? [i] : [])) : [];
    const selectedIndex = store.selected === null ? -1 : numbers.indexOf(store.selected);
    const showSelected = selectedIndex >= 0 && selectedIndex !== bestIndex;
    numbersBySeries = new Map([
      ['trials', numbers],
      ['best', bestIndex >= 0 ? [numbers[bestIndex] as number] : []],
      ['front', frontIndexes.map((i) => numbers[i] as number)],
      ['selected', showSelected ? [numbers[selectedIndex] as number] : []],
    ]);
    const ramp = rampColors(palette);
    const density = Math.min(1, Math.sqrt(80 / data.length));
    // Axis titles wrap (at _ - . and camelCase) to the room between axes, so none is cut short; the
    // plot starts below the tallest one, and the outer margins hold half of the end axes' titles.
    const font = { size: palette.fontSize - 1, family: palette.fontFamily, weight: 'bold' };
    const endWidth = 140;
    const left = Math.max(72, widestLine(wrapName(nameOf(axes[0]), endWidth, font), font) / 2 + 8);
    const right = Math.max(110, widestLine(wrapName(nameOf(axes.at(-1)), endWidth, font), font) / 2 + 8);
    const step = (Math.max(size.width, 320) - left - right) / Math.max(1, axes.length - 1);
    const room = Math.max(48, step - 10);
    const names = axes.map((axis, i) => wrapName(nameOf(axis), i === 0 || i === axes.length - 1 ? Math.min(room, endWidth) : room, font));
    const nameLines = Math.max(...names.map((name) => name.split('\n').length));
    const lineHeight = Math.round(font.size * 1.3);
    const axisOptions = axes.map((axis, dim): ParallelAxisOption => {
      const common = { id: axis.id, dim, nameTruncate: { maxWidth: 10_000 } };
      if (axis.target.kind === 'objective') return { ...common, name: names[dim], type: 'value', scale: true, axisLabel: { formatter: formatShort } };
      const spec = axis.target.spec;
      const inactive = inactiveIn.has(spec.name);
      if (spec.type === 'categorical') return { ...common, name: names[dim], type: 'category', data: [...spec.choices.map(String), ...(inactive ? [INACTIVE_MARK] : [])] };
      const floor = inactive ? inactivePosition(spec) : spec.low;
      const label = (value: number): string => (inactive && value === floor ? INACTIVE_MARK : formatShort(value));
      return { ...common, name: names[dim], type: spec.log ? 'log' : 'value', min: floor, max: spec.high, ...(spec.type === 'int' ? { minInterval: 1 } : {}), axisLabel: { formatter: label, showMinLabel: true } };
    });
    const first = store.row(numbers[0] as number);
    const unchanged = constant.map((spec) => `${spec.name} = ${first ? paramCellText(first, spec.name) : ''}`);
    const emphasis = several ? `, the ${frontIndexes.length} on the Pareto front in bold` : best ? `, best #${best.number} in bold` : '';
    const caption =
      `${data.length} complete trials, coloured by ${metric}${emphasis} · drag along an axis to filter the table` +
      (inactiveIn.size > 0 ? ` · ${INACTIVE_MARK} on an axis: inactive in that trial` : '') +
      (unchanged.length > 0 ? ` · not drawn, the same in every trial: ${unchanged.join(', ')}` : '');
    const axisLook = axisStyle(palette);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Parallel coordinates: ${caption}`),
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params, numbersBySeries, axes, nameOf) },
        parallel: {
          left,
          right,
          top: 32 + nameLines * lineHeight,
          bottom: 36,
          parallelAxisDefault: {
            ...axisLook,
            axisLabel: { color: palette.foreground, hideOverlap: true },
            nameLocation: 'end',
            nameGap: 16,
            nameTextStyle: { color: palette.foreground, fontWeight: 'bold', fontSize: font.size, lineHeight, align: 'center' },
            areaSelectStyle: { width: 18, borderWidth: 1, borderColor: palette.focus, color: palette.focus, opacity: 0.25 },
            realtime: false,
          },
        },
        parallelAxis: axisOptions,
        visualMap: {
          type: 'continuous',
          seriesIndex: 0,
          dimension: shown.length,
          min: low,
          max: high === low ? low + 1 : high,
          // The best end of the ramp goes to the best values.
          inRange: { color: minimize ? [...ramp].reverse() : ramp },
          text: [formatShort(high), formatShort(low)],
          textStyle: { color: palette.foreground },
          calculable: false,
          right: 8,
          top: 'middle',
          itemWidth: 10,
          itemHeight: 120,
        },
        series: [
          {
            id: 'trials',
            name: 'Complete trials',
            type: 'parallel',
            data,
            lineStyle: { width: 1, opacity: (palette.highContrast ? 0.9 : 0.7) * density },
            inactiveOpacity: 0.04,
            activeOpacity: 1,
            emphasis: { lineStyle: { width: 2.5, opacity: 1 } },
          },
          {
            id: 'best',
            name: 'Best trial',
            type: 'parallel',
            data: bestIndex >= 0 ? [data[bestIndex] as number[]] : [],
            lineStyle: { width: 3.5, color: palette.red, opacity: 1 },
            inactiveOpacity: 0.3,
            z: 3,
          },
          {
            id: 'front',
            name: 'Pareto front',
            type: 'parallel',
            data: frontIndexes.map((i) => data[i] as number[]),
            lineStyle: { width: 3, color: palette.red, opacity: 1 },
            inactiveOpacity: 0.3,
            z: 3,
          },
          {
            id: 'selected',
            name: 'Selected trial',
            type: 'parallel',
            data: showSelected ? [data[selectedIndex] as number[]] : [],
            lineStyle: { width: 2.5, color: palette.foreground, opacity: 1, type: 'dashed' },
            inactiveOpacity: 0.3,
            z: 4,
          },
        ],
      },
    };
  }

  /** Shows the store's filters as brushes (the table's filter bar may have changed them) and the status line. */
  function refresh(chart: EChartsType): void {
    const params = store.filters.params;
    for (const axis of axes) {
      const filter = params.get(filterKey(axis.target));
      if (brushed.get(axis.id) === filter) continue;
      brushed.set(axis.id, filter);
      // Silent: this mirrors the store, it must not write back to it.
      chart.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: axis.id, intervals: intervalsFromFilter(axis.target, filter) }, { silent: true });
    }
    const active = axes.some((axis) => params.has(filterKey(axis.target)));
    status.hidden = !active;
    if (active) statusText.textContent = `Brushed: ${store.visible().length} of ${store.rows().length} trials shown in the table.`;
  }

  return {
    kind: 'parallel',
    title: 'Parallel coordinates',
    tab: 'Parallel',
    redrawOn: new Set(['trials', 'header', 'space', 'selection']),
    redrawOnResize: true,
    refreshOn: new Set(['view']),
    replaceMerge: ['series', 'parallelAxis'],
    status,
    render,
    refresh,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
      chart.on('axisareaselected', (event: unknown) => {
        const { parallelAxisId, parallelAxisIndex, parallelAxisName, intervals = [] } = event as AxisAreaSelected;
        const axis =
          parallelAxisId !== undefined
            ? axes.find((candidate) => candidate.id === parallelAxisId)
            : parallelAxisIndex !== undefined
              ? axes[parallelAxisIndex]
              : axes.find((candidate) => (candidate.target.kind === 'objective' ? axisName(candidate, store.header?.objectives ?? [], store.pareto.active(), store.header?.metric) : candidate.target.spec.name) === parallelAxisName?.replaceAll('\n', ''));
        if (!axis) return;
        const filter = filterFromIntervals(axis.target, intervals);
        brushed.set(axis.id, filter ?? undefined);
        store.setParamFilter(filterKey(axis.target), filter);
      });
    },
  };
}

/** One distinct value across the trials (or only one possible). */
function isConstant(spec: ParamSpec, values: readonly number[]): boolean {
  if (spec.type === 'categorical' ? spec.choices.length <= 1 : spec.low === spec.high) return true;
  return values.length > 1 && values.every((value) => value === values[0]);
}

/** A parameter's name, or an objective's metric (`↑`/`↓` before it when there are several, as the Pareto chart names them). */
function axisName(axis: Axis | undefined, objectives: readonly ObjectiveSpec[], several: boolean, metric = objectives[0]?.metric ?? 'objective'): string {
  if (axis?.target.kind === 'param') return axis.target.spec.name;
  const index = axis?.target.index ?? 0;
  const objective = objectives[index];
  if (!several || !objective) return metric;
  return `${objective.direction === 'maximize' ? '↑' : '↓'} ${objective.metric}`;
}

function tooltip(params: unknown, numbersBySeries: ReadonlyMap<string, readonly number[]>, axes: readonly Axis[], nameOf: (axis: Axis) => string): string {
  const { seriesId, dataIndex, value } = params as { seriesId?: string; dataIndex?: number; value?: unknown };
  if (!Array.isArray(value) || dataIndex === undefined) return '';
  const number = seriesId === undefined ? undefined : numbersBySeries.get(seriesId)?.[dataIndex];
  const lines = axes.map((axis, i) => {
    const raw = value[i] as number;
    if (axis.target.kind === 'objective') return `${format.encodeHTML(nameOf(axis))}: <b>${formatShort(raw)}</b>`;
    const spec = axis.target.spec;
    if (raw === inactivePosition(spec)) return `${format.encodeHTML(spec.name)}: ${INACTIVE_MARK} <i>${INACTIVE_TITLE}</i>`;
    const shown = spec.type === 'categorical' ? String(spec.choices[raw]) : formatShort(raw);
    return `${format.encodeHTML(spec.name)}: ${format.encodeHTML(shown)}`;
  });
  return [number === undefined ? '' : `<b>Trial #${number}</b>`, ...lines].filter(Boolean).join('<br>');
}
