/**
 * Hypervolume over trials, for a multi-objective study: after each feasible complete trial, the
 * hypervolume of the Pareto front so far (the read model's hypervolumeHistory), as a step line. The
 * reference point is the worst value seen on each objective plus 10% of its range, named in the
 * caption; it follows the trials shown, so the line is recomputed when a worse trial arrives. Clicking
 * a point selects the trial that got the front there.
 */
import { hypervolumeHistory } from '../../../src/core/studyView/hypervolumeHistory';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, sideAxisName, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { formatShort } from '../format/valueFormat';

type Point = [number: number, hypervolume: number];

export function hypervolumeChart(store: LeaderboardStore): ChartDefinition {
  let numbersBySeries = new Map<string, readonly number[]>();

  function render(palette: ChartPalette): ChartRender {
    const objectives = store.header?.objectives;
    if (!objectives || objectives.length < 2) return { kind: 'empty', message: 'Hypervolume is for studies with several objectives.' };
    const rows = store.rows().map((row) => ({ number: row.number, state: row.state, values: row.values ?? null, constraints: row.constraints ?? null }));
    const history = hypervolumeHistory(rows, objectives.map((o) => o.direction));
    if (history.reference === null || history.points.length === 0) {
      return { kind: 'empty', message: 'No feasible complete trials yet. The front’s hypervolume appears here as trials complete.' };
    }
    const data = history.points.map((p): Point => [p.number, p.hypervolume]);
    numbersBySeries = new Map([['hypervolume', history.points.map((p) => p.number)]]);
    const reference = objectives.map((o, i) => `${o.metric} ${formatShort(history.reference?.[i] ?? Number.NaN)}`).join(', ');
    const last = data.at(-1) as Point;
    const caption = `hypervolume ${formatShort(last[1])} after ${data.length} feasible complete trials · reference: ${reference} (worst seen plus 10% of the range)`;
    const axes = axisStyle(palette);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Hypervolume over trials: ${caption}`),
        grid: { left: 78, right: 24, top: 24, bottom: 44 },
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params) },
        xAxis: { type: 'value', name: 'Trial', nameLocation: 'middle', nameGap: 26, minInterval: 1, scale: true, ...axes, splitLine: { show: false } },
        yAxis: { type: 'value', ...sideAxisName('Hypervolume'), scale: true, ...axes, axisLabel: { ...axes.axisLabel, formatter: formatShort } },
        series: [{
          id: 'hypervolume', name: 'Hypervolume', type: 'line', step: 'end', data, symbolSize: 5,
          lineStyle: { color: palette.green, width: 2 }, itemStyle: { color: palette.green }, emphasis: { scale: 1.6 },
        }],
      },
    };
  }

  return {
    kind: 'hypervolume',
    title: 'Hypervolume over trials',
    tab: 'Hypervolume',
    redrawOn: new Set(['trials', 'header']),
    replaceMerge: ['series'],
    render,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
    },
  };
}

function tooltip(params: unknown): string {
  const { value } = params as { value?: unknown };
  if (!Array.isArray(value)) return '';
  const [number, hypervolume] = value as Point;
  return `<b>After trial #${number}</b><br>hypervolume: ${formatShort(hypervolume)}`;
}
