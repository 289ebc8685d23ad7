/**
 * Optimisation history: each finished trial's objective by trial number (complete trials as points,
 * pruned ones muted, failed ones have no value), the best-so-far step line, and the selected trial
 * ringed. Clicking a point selects its trial.
 */
import type { TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, legendStyle, sideAxisName, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { format } from './echarts';
import { formatShort } from '../format/valueFormat';

type Point = [number, number];

export function historyChart(store: LeaderboardStore): ChartDefinition {
  /** Trial numbers behind each clickable series' data indices, from the last render. */
  let numbersBySeries = new Map<string, readonly number[]>();

  function render(palette: ChartPalette): ChartRender {
    const header = store.header;
    const minimize = header?.direction !== 'maximize';
    const complete: TrialRow[] = [];
    const pruned: TrialRow[] = [];
    for (const row of store.rows()) {
      if (row.value === null || !Number.isFinite(row.value)) continue;
      if (row.state === 'complete') complete.push(row);
      else if (row.state === 'pruned') pruned.push(row);
    }
    if (complete.length + pruned.length === 0) {
      return { kind: 'empty', message: 'No finished trials yet. Each trial’s objective appears here as soon as it completes.' };
    }

    const bestLine: Point[] = [];
    let best: number | null = null;
    for (const row of complete) {
      const value = row.value as number;
      if (best === null || (minimize ? value < best : value > best)) best = value;
      bestLine.push([row.number, best]);
    }
    const lastFinished = Math.max(complete.at(-1)?.number ?? 0, pruned.at(-1)?.number ?? 0);
    const lastBest = bestLine.at(-1);
    if (lastBest && lastBest[0] < lastFinished) bestLine.push([lastFinished, lastBest[1]]);

    const selected = store.selected === null ? undefined : store.row(store.selected);
    const selectedPoint: Point[] = selected && selected.value !== null && Number.isFinite(selected.value) && (selected.state === 'complete' || selected.state === 'pruned') ? [[selected.number, selected.value]] : [];
    numbersBySeries = new Map([
      ['complete', complete.map((row) => row.number)],
      ['pruned', pruned.map((row) => row.number)],
      ['selected', selectedPoint.map(([number]) => number)],
    ]);

    const metric = header?.metric ?? 'objective';
    const bestRow = store.best();
    const counts = `${complete.length} complete` + (pruned.length > 0 ? ` · ${pruned.length} pruned` : '');
    // A multi-objective study has a front, not a best: the history shows its first objective.
    const bestText = store.pareto.active() ? `${store.pareto.front().length} on the Pareto front (first objective shown)` : bestRow && bestRow.value !== null ? `best ${formatShort(bestRow.value)} at #${bestRow.number}` : 'no complete trial yet';
    const caption = `${bestText} · ${counts} (${minimize ? 'minimize' : 'maximize'} ${metric})`;
    const axes = axisStyle(palette);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Optimisation history: ${caption}`),
        // As in the curves: the y title up the left side, the legend alone at the top.
        grid: { left: 78, right: 24, top: 36, bottom: 44 },
        legend: { type: 'scroll', top: 4, left: 'center', ...legendStyle(palette), data: ['Complete', 'Pruned', 'Best so far'] },
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params, metric) },
        xAxis: { type: 'value', name: 'Trial', nameLocation: 'middle', nameGap: 26, minInterval: 1, scale: true, ...axes, splitLine: { show: false } },
        yAxis: { type: 'value', ...sideAxisName(metric), scale: true, ...axes, axisLabel: { ...axes.axisLabel, formatter: formatShort } },
        series: [
          {
            id: 'pruned',
            name: 'Pruned',
            type: 'scatter',
            data: pruned.map((row): Point => [row.number, row.value as number]),
            symbolSize: 5,
            itemStyle: { color: palette.muted, opacity: palette.highContrast ? 0.9 : 0.55 },
            emphasis: { scale: 1.6 },
          },
          {
            id: 'complete',
            name: 'Complete',
            type: 'scatter',
            data: complete.map((row): Point => [row.number, row.value as number]),
            symbolSize: 7,
            itemStyle: { color: palette.blue, opacity: 0.85 },
            emphasis: { scale: 1.6 },
            z: 3,
          },
          {
            id: 'best',
            name: 'Best so far',
            type: 'line',
            step: 'end',
            data: bestLine,
            showSymbol: false,
            silent: true,
            lineStyle: { color: palette.red, width: 2 },
            itemStyle: { color: palette.red },
            z: 4,
          },
          {
            id: 'selected',
            name: 'Selected',
            type: 'scatter',
            data: selectedPoint,
            symbolSize: 14,
            itemStyle: { color: 'transparent', borderColor: palette.focus, borderWidth: 3 },
            z: 5,
          },
        ],
      },
    };
  }

  return {
    kind: 'history',
    title: 'Optimisation history',
    tab: 'History',
    redrawOn: new Set(['trials', 'header', 'selection']),
    replaceMerge: ['series'],
    render,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
    },
  };
}

function tooltip(params: unknown, metric: string): string {
  const { seriesName, value } = params as { seriesName?: string; value?: unknown };
  if (!Array.isArray(value)) return '';
  const [number, objective] = value as [number, number];
  return `<b>Trial #${number}</b> · ${format.encodeHTML(seriesName ?? '')}<br>${format.encodeHTML(metric)}: ${formatShort(objective)}`;
}
