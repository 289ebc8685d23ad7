/**
 * Pareto chart of a multi-objective study: each complete trial at its values on two objectives chosen
 * in the toolbar, with a third as colour when the study has three or more. Trials on the front (the
 * read model's paretoRanking, as the table's ★ and the tree's) are drawn large and joined in order of
 * the x objective; dominated ones small and muted; infeasible ones (breaking their constraints) as
 * crosses. Hover shows the trial and every objective; a click selects it, so the detail pane's
 * "Apply this trade-off" acts on it.
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ObjectiveSpec, TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { objectiveValue } from '../store/paretoRows';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, legendStyle, rampColors, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { format } from './echarts';
import { formatShort } from '../format/valueFormat';

/** [x, y, colour objective (or 0), trial number]. */
type Point = [x: number, y: number, colour: number, trial: number];

/** The classes a point is drawn as, and their series ids. */
export const PARETO_SERIES = ['front', 'dominated', 'infeasible'] as const;
export type ParetoClass = (typeof PARETO_SERIES)[number];

const NONE = '';

export function paretoChart(store: LeaderboardStore, onChoose: () => void): ChartDefinition {
  /** Objective indices on the axes and as colour (null: none), as the user chose them. */
  let chosen: { x: number; y: number; colour: number | null } = { x: 0, y: 1, colour: 2 };
  /** Until the user picks a colour, it is the first objective on neither axis. */
  let colourChosen = false;
  let numbersBySeries = new Map<string, readonly number[]>();
  let optionNames = '';

  const selects = (['x', 'y', 'colour'] as const).map((axis) => {
    const select = document.createElement('vscode-single-select');
    select.className = 'tb-objective-select';
    select.dataset.axis = axis;
    select.setAttribute('aria-label', axis === 'colour' ? 'Objective as colour' : `Objective on the ${axis} axis`);
    select.addEventListener('change', () => {
      const value = select.value === NONE ? null : Number(select.value);
      if (axis === 'colour') {
        chosen = { ...chosen, colour: value };
        colourChosen = true;
      }
      else if (value !== null) chosen = { ...chosen, [axis]: value };
      onChoose();
    });
    return select;
  });

  function syncSelects(objectives: readonly ObjectiveSpec[]): void {
    const names = objectives.map((o) => o.metric).join('\u0000');
    if (names !== optionNames) {
      optionNames = names;
      selects.forEach((select, i) => {
        const options = objectives.map((o, index) => option(String(index), `${o.direction === 'maximize' ? '↑' : '↓'} ${o.metric}`));
        select.replaceChildren(...(i === 2 ? [option(NONE, 'no colour'), ...options] : options));
      });
    }
    const [x, y, colour] = selects;
    if (x && x.value !== String(chosen.x)) x.value = String(chosen.x);
    if (y && y.value !== String(chosen.y)) y.value = String(chosen.y);
    if (colour) {
      colour.hidden = objectives.length < 3;
      const wanted = chosen.colour === null ? NONE : String(chosen.colour);
      if (colour.value !== wanted) colour.value = wanted;
    }
  }

  function render(palette: ChartPalette): ChartRender {
    const objectives = store.header?.objectives;
    if (!objectives || objectives.length < 2) {
      for (const select of selects) select.hidden = true;
      return { kind: 'empty', message: 'The Pareto chart is for studies with several objectives (objective: as a list in the config).' };
    }
    for (const select of selects.slice(0, 2)) select.hidden = false;
    const count = objectives.length;
    const valid = (i: number | null): boolean => i !== null && i >= 0 && i < count;
    if (!valid(chosen.x)) chosen = { ...chosen, x: 0 };
    if (!valid(chosen.y) || chosen.y === chosen.x) chosen = { ...chosen, y: chosen.x === 0 ? 1 : 0 };
    if (!colourChosen) chosen = { ...chosen, colour: objectives.findIndex((_, i) => i !== chosen.x && i !== chosen.y) };
    if (chosen.colour !== null && !valid(chosen.colour)) chosen = { ...chosen, colour: null };
    syncSelects(objectives);
    const colour = count >= 3 ? chosen.colour : null;

    const points: Record<ParetoClass, Point[]> = { front: [], dominated: [], infeasible: [] };
    for (const row of store.rows()) {
      if (row.state !== 'complete') continue;
      const x = objectiveValue(row, chosen.x);
      const y = objectiveValue(row, chosen.y);
      if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const c = colour === null ? 0 : (objectiveValue(row, colour) ?? Number.NaN);
      const standing = store.pareto.standing(row.number);
      const kind: ParetoClass = standing?.onFront ? 'front' : standing?.feasible === false ? 'infeasible' : 'dominated';
      points[kind].push([x, y, c, row.number]);
    }
    const total = points.front.length + points.dominated.length + points.infeasible.length;
    if (total === 0) return { kind: 'empty', message: 'No complete trials yet. Each trial appears here at its values as soon as it completes.' };
    // The front as a line in order of the x objective: the trade-off it offers, end to end.
    points.front.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const selected = [...points.front, ...points.dominated, ...points.infeasible].filter((p) => p[3] === store.selected);
    numbersBySeries = new Map<string, readonly number[]>([
      ...PARETO_SERIES.map((kind): [string, readonly number[]] => [kind, points[kind].map((p) => p[3])]),
      ['frontLine', points.front.map((p) => p[3])],
      ['selected', selected.map((p) => p[3])],
    ]);

    const xName = objectives[chosen.x]?.metric ?? 'x';
    const yName = objectives[chosen.y]?.metric ?? 'y';
    const colourName = colour === null ? null : (objectives[colour]?.metric ?? null);
    const infeasible = points.infeasible.length > 0 ? ` · ${points.infeasible.length} infeasible` : '';
    const caption = `${yName} against ${xName}${colourName ? `, coloured by ${colourName}` : ''} · ${points.front.length} on the Pareto front · ${points.dominated.length} dominated${infeasible}`;
    const colours = colour === null ? [] : [...points.front, ...points.dominated, ...points.infeasible].map((p) => p[2]).filter(Number.isFinite);
    const axes = axisStyle(palette);
    const axis = (name: string, objective: ObjectiveSpec | undefined) => ({
      type: 'value' as const, name: `${objective?.direction === 'maximize' ? '↑' : '↓'} ${name}`, nameLocation: 'middle' as const, scale: true, ...axes,
      axisLabel: { ...axes.axisLabel, formatter: formatShort },
    });
    const dims = { encode: { x: 0, y: 1 } };
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Pareto chart: ${caption}`),
        grid: { left: 78, right: colour === null ? 24 : 96, top: 36, bottom: 48 },
        legend: { type: 'scroll', top: 4, left: 'center', ...legendStyle(palette), data: ['Pareto front', 'Dominated', 'Infeasible'] },
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params, store, objectives) },
        xAxis: { ...axis(xName, objectives[chosen.x]), nameGap: 28, splitLine: { show: false } },
        yAxis: { ...axis(yName, objectives[chosen.y]), nameRotate: 90, nameGap: 56 },
        ...(colour === null || colours.length === 0 ? {} : {
          visualMap: {
            type: 'continuous' as const, seriesIndex: [1, 2, 3], dimension: 2, min: Math.min(...colours), max: Math.max(...colours) === Math.min(...colours) ? Math.min(...colours) + 1 : Math.max(...colours),
            inRange: { color: rampColors(palette) }, text: [colourName ?? '', ''], textStyle: { color: palette.foreground }, calculable: false, right: 8, top: 'middle', itemWidth: 10, itemHeight: 100,
          },
        }),
        series: [
          { id: 'frontLine', name: 'Pareto front', type: 'line', data: points.front, ...dims, showSymbol: false, silent: true, lineStyle: { color: palette.red, width: 2 }, itemStyle: { color: palette.red }, z: 2 },
          { id: 'dominated', name: 'Dominated', type: 'scatter', data: points.dominated, ...dims, symbolSize: 6, itemStyle: { color: palette.muted, opacity: palette.highContrast ? 0.9 : 0.6 }, emphasis: { scale: 1.6 }, z: 3 },
          { id: 'infeasible', name: 'Infeasible', type: 'scatter', data: points.infeasible, ...dims, symbol: 'path://M0,0L10,10M10,0L0,10Z', symbolSize: 8, itemStyle: { color: palette.orange, borderColor: palette.orange, borderWidth: 2, opacity: 0.8 }, emphasis: { scale: 1.6 }, z: 3 },
          { id: 'front', name: 'Pareto front', type: 'scatter', data: points.front, ...dims, symbol: 'diamond', symbolSize: 12, itemStyle: { color: palette.red, borderColor: palette.foreground, borderWidth: 1 }, emphasis: { scale: 1.4 }, z: 4 },
          { id: 'selected', name: 'Selected', type: 'scatter', data: selected, ...dims, symbolSize: 18, itemStyle: { color: 'transparent', borderColor: palette.focus, borderWidth: 3 }, z: 5 },
        ],
      },
    };
  }

  return {
    kind: 'pareto',
    title: 'Pareto chart',
    tab: 'Pareto',
    redrawOn: new Set(['trials', 'header', 'selection']),
    replaceMerge: ['series', 'visualMap'],
    controls: selects,
    render,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
    },
  };
}

function option(value: string, label: string): HTMLElement {
  const element = document.createElement('vscode-option');
  element.setAttribute('value', value);
  element.textContent = label;
  return element;
}

function tooltip(params: unknown, store: LeaderboardStore, objectives: readonly ObjectiveSpec[]): string {
  const { seriesName, value } = params as { seriesName?: string; value?: unknown };
  if (!Array.isArray(value)) return '';
  const number = (value as Point)[3];
  const row: TrialRow | undefined = store.row(number);
  if (!row) return '';
  const lines = objectives.map((o, i) => `${format.encodeHTML(o.metric)}: ${formatShort(objectiveValue(row, i) ?? Number.NaN)}`);
  return `<b>Trial #${number}</b> · ${format.encodeHTML(seriesName ?? '')}<br>${lines.join('<br>')}`;
}
