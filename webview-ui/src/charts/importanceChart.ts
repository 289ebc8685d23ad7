/**
 * Parameter importance: the host's fANOVA result as horizontal bars, most important on top, with the
 * method and the number of trials it came from as the caption; the host's reason while there is none.
 */
import type { LeaderboardStore } from '../store/leaderboardStore';
import type { ChartDefinition, ChartRender } from './chartDefinition';
import { axisStyle, baseOption, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { format } from './echarts';

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

export function importanceChart(store: LeaderboardStore): ChartDefinition {
  function render(palette: ChartPalette): ChartRender {
    const { result, reason } = store.importance;
    if (!result || result.importances.length === 0) {
      return { kind: 'empty', message: `Parameter importance is not available yet${reason ? `: ${reason}` : '.'}` };
    }
    const bars = result.importances;
    const caption = `${result.method} · from ${result.trials} complete trial${result.trials === 1 ? '' : 's'}`;
    const summary = bars.map((bar) => `${bar.param} ${percent(bar.importance)}`).join(', ');
    const axes = axisStyle(palette);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Parameter importance (${caption}): ${summary}`),
        grid: { left: 16, right: 56, top: 16, bottom: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        tooltip: {
          ...tooltipStyle(palette),
          trigger: 'item',
          formatter: (params) => {
            const { name, value } = params as { name?: string; value?: unknown };
            return `${format.encodeHTML(name ?? '')}: <b>${percent(Number(value))}</b> of the objective’s variance`;
          },
        },
        xAxis: { type: 'value', min: 0, max: (extent) => Math.min(1, Math.ceil(extent.max * 10) / 10), ...axes, axisLabel: { ...axes.axisLabel, formatter: (value: number) => percent(value) } },
        yAxis: { type: 'category', inverse: true, data: bars.map((bar) => bar.param), ...axes, splitLine: { show: false }, axisTick: { show: false } },
        series: [
          {
            id: 'importance',
            name: 'Importance',
            type: 'bar',
            data: bars.map((bar) => bar.importance),
            barMaxWidth: 22,
            itemStyle: { color: palette.blue, borderRadius: [0, 3, 3, 0] },
            label: { show: true, position: 'right', color: palette.foreground, formatter: (params) => percent(Number(params.value)) },
          },
        ],
      },
    };
  }

  return {
    kind: 'importance',
    title: 'Parameter importance',
    tab: 'Importance',
    redrawOn: new Set(['importance']),
    replaceMerge: ['series'],
    render,
  };
}
