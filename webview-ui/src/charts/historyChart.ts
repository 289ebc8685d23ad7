/**
 * Optimisation history: each finished trial's objective by trial number (complete trials as points,
 * pruned ones muted, failed ones have no value), the best-so-far step line, and the selected trial
 * ringed. Clicking a point selects its trial. A multi-objective study shows one objective at a time,
 * chosen in the toolbar, with the trials on its Pareto front drawn apart (no single best: the line is
 * the best of the objective shown so far).
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ObjectiveSpec, TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { objectiveValue } from '../store/paretoRows';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, legendStyle, sideAxisName, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { format } from './echarts';
import { formatShort } from '../format/valueFormat';

type Point = [number, number];

export function historyChart(store: LeaderboardStore, onChoose: () => void = () => undefined): ChartDefinition {
  /** Trial numbers behind each clickable series' data indices, from the last render. */
  let numbersBySeries = new Map<string, readonly number[]>();
  /** The objective shown (a multi-objective study's, chosen in the toolbar). */
  let shown = 0;
  let optionNames = '';

  const select = document.createElement('vscode-single-select');
  select.className = 'tb-objective-select';
  select.dataset.objective = 'history';
  select.setAttribute('aria-label', 'Objective shown');
  select.hidden = true;
  select.addEventListener('change', () => {
    shown = Number(select.value) || 0;
    onChoose();
  });

  function syncSelect(objectives: readonly ObjectiveSpec[] | undefined): void {
    select.hidden = !objectives || objectives.length < 2;
    if (!objectives || objectives.length < 2) return;
    const names = objectives.map((o) => `${o.direction}:${o.metric}`).join('\u0000');
    if (names !== optionNames) {
      optionNames = names;
      select.replaceChildren(...objectives.map((o, index) => option(String(index), `${o.direction === 'maximize' ? '↑' : '↓'} ${o.metric}`)));
    }
    if (select.value !== String(shown)) select.value = String(shown);
  }

  function render(palette: ChartPalette): ChartRender {
    const header = store.header;
    const several = store.pareto.active();
    const objectives = several ? header?.objectives : undefined;
    if (!objectives || shown >= objectives.length) shown = 0;
    syncSelect(objectives);
    const objective = objectives?.[shown];
    const minimize = (objective?.direction ?? header?.direction) !== 'maximize';
    const valueOf = (row: TrialRow): number | null => (shown === 0 ? row.value : objectiveValue(row, shown));
    const complete: TrialRow[] = [];
    const front: TrialRow[] = [];
    const pruned: TrialRow[] = [];
    for (const row of store.rows()) {
      const value = valueOf(row);
      if (value === null || !Number.isFinite(value)) continue;
      if (row.state === 'complete') (several && store.pareto.onFront(row.number) ? front : complete).push(row);
      else if (row.state === 'pruned') pruned.push(row);
    }
    if (complete.length + front.length + pruned.length === 0) {
      return { kind: 'empty', message: 'No finished trials yet. Each trial’s objective appears here as soon as it completes.' };
    }

    const bestLine: Point[] = [];
    let best: number | null = null;
    const finished = several ? [...complete, ...front].sort((a, b) => a.number - b.number) : complete;
    for (const row of finished) {
      const value = valueOf(row) as number;
      if (best === null || (minimize ? value < best : value > best)) best = value;
      bestLine.push([row.number, best]);
    }
    const lastFinished = Math.max(finished.at(-1)?.number ?? 0, pruned.at(-1)?.number ?? 0);
    const lastBest = bestLine.at(-1);
    if (lastBest && lastBest[0] < lastFinished) bestLine.push([lastFinished, lastBest[1]]);

    const selected = store.selected === null ? undefined : store.row(store.selected);
    const selectedValue = selected ? valueOf(selected) : null;
    const selectedPoint: Point[] = selected && selectedValue !== null && Number.isFinite(selectedValue) && (selected.state === 'complete' || selected.state === 'pruned') ? [[selected.number, selectedValue]] : [];
    numbersBySeries = new Map([
      ['complete', complete.map((row) => row.number)],
      ['front', front.map((row) => row.number)],
      ['pruned', pruned.map((row) => row.number)],
      ['selected', selectedPoint.map(([number]) => number)],
    ]);

    const metric = objective?.metric ?? header?.metric ?? 'objective';
    const bestRow = store.best();
    const counts = `${complete.length + front.length} complete` + (pruned.length > 0 ? ` · ${pruned.length} pruned` : '');
    // A multi-objective study has a front, not a best: the history shows one objective at a time.
    const bestText = several
      ? `${store.pareto.front().length} on the Pareto front · ${metric}, objective ${shown + 1} of ${objectives?.length ?? 1}`
      : bestRow && bestRow.value !== null ? `best ${formatShort(bestRow.value)} at #${bestRow.number}` : 'no complete trial yet';
    const caption = `${bestText} · ${counts} (${minimize ? 'minimize' : 'maximize'} ${metric})`;
    const bestName = several ? `Best ${metric} so far` : 'Best so far';
    const axes = axisStyle(palette);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Optimisation history: ${caption}`),
        // As in the curves: the y title up the left side, the legend alone at the top.
        grid: { left: 78, right: 24, top: 36, bottom: 44 },
        legend: { type: 'scroll', top: 4, left: 'center', ...legendStyle(palette), data: several ? ['Pareto front', 'Complete', 'Pruned', bestName] : ['Complete', 'Pruned', bestName] },
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
            id: 'front',
            name: 'Pareto front',
            type: 'scatter',
            data: front.map((row): Point => [row.number, valueOf(row) as number]),
            symbol: 'diamond',
            symbolSize: 11,
            itemStyle: { color: palette.red, borderColor: palette.foreground, borderWidth: 1 },
            emphasis: { scale: 1.4 },
            z: 4,
          },
          {
            id: 'best',
            name: bestName,
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
    controls: [select],
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

function tooltip(params: unknown, metric: string): string {
  const { seriesName, value } = params as { seriesName?: string; value?: unknown };
  if (!Array.isArray(value)) return '';
  const [number, objective] = value as [number, number];
  return `<b>Trial #${number}</b> · ${format.encodeHTML(seriesName ?? '')}<br>${format.encodeHTML(metric)}: ${formatShort(objective)}`;
}
