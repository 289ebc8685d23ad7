/**
 * Slice plot: the objective against one parameter, chosen in the toolbar (by default the most
 * important one, else the first). Log x axis for log-scaled parameters, the choices in order for
 * categorical ones; points coloured by trial number, so the sampler's drift shows. Click selects.
 */
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { ParamSpec } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, rampColors, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { format } from './echarts';
import { formatShort } from '../format/valueFormat';

type Point = [x: number, objective: number, trial: number];

export function sliceChart(store: LeaderboardStore, onChoose: () => void): ChartDefinition {
  /** The parameter the user (or the host's showParam) picked, kept while it exists in the space. */
  let chosen: string | null = null;
  let focusRequest = 0;
  let numbersBySeries = new Map<string, readonly number[]>();
  let optionNames = '';

  const select = document.createElement('vscode-single-select');
  select.className = 'tb-chart-select';
  select.setAttribute('aria-label', 'Parameter on the x axis');
  select.addEventListener('change', () => {
    chosen = select.value || null;
    onChoose();
  });

  function current(space: readonly ParamSpec[]): ParamSpec | undefined {
    const focus = store.focusedParam;
    if (focus && focus.request !== focusRequest) {
      focusRequest = focus.request;
      chosen = focus.param;
    }
    const named = (name: string | null | undefined): ParamSpec | undefined => space.find((spec) => spec.name === name);
    return named(chosen) ?? named(store.importance.result?.importances[0]?.param) ?? space[0];
  }

  /** The select's options follow the space; rebuilt only when the names change, so it does not flicker. */
  function syncSelect(space: readonly ParamSpec[], shown: ParamSpec | undefined): void {
    const names = space.map((spec) => spec.name).join('\u0000');
    if (names !== optionNames) {
      optionNames = names;
      select.replaceChildren(
        ...space.map((spec) => {
          const option = document.createElement('vscode-option');
          option.setAttribute('value', spec.name);
          option.textContent = spec.name;
          return option;
        }),
      );
    }
    select.hidden = space.length === 0;
    if (shown && select.value !== shown.name) select.value = shown.name;
  }

  function render(palette: ChartPalette): ChartRender {
    const space = store.space;
    const spec = current(space);
    syncSelect(space, spec);
    if (!spec) return { kind: 'empty', message: 'No search space yet: the slice plot needs the study’s parameters.' };

    const points: Point[] = [];
    for (const row of store.rows()) {
      if (row.state !== 'complete' || row.value === null || !Number.isFinite(row.value)) continue;
      const value = row.params[spec.name];
      if (value === undefined) continue;
      const x = spec.type === 'categorical' ? spec.choices.indexOf(value) : typeof value === 'number' ? value : Number.NaN;
      if (!Number.isFinite(x) || (spec.type === 'categorical' && x < 0)) continue;
      points.push([x, row.value, row.number]);
    }
    if (points.length === 0) return { kind: 'empty', message: `No complete trials with ${spec.name} yet.` };

    const selected = points.filter(([, , number]) => number === store.selected);
    numbersBySeries = new Map([
      ['trials', points.map(([, , number]) => number)],
      ['selected', selected.map(([, , number]) => number)],
    ]);
    const metric = store.header?.metric ?? 'objective';
    const first = points[0]?.[2] ?? 0;
    const last = points.at(-1)?.[2] ?? 0;
    const caption = `${metric} against ${spec.name} · ${points.length} complete trials, coloured by trial number`;
    const axes = axisStyle(palette);
    const xAxis =
      spec.type === 'categorical'
        ? // Spread the points of one choice sideways (without overlaps) so each stays visible and clickable.
          { type: 'category' as const, data: spec.choices.map(String), jitter: 48 }
        : { type: spec.log ? ('log' as const) : ('value' as const), min: spec.low, max: spec.high, ...(spec.type === 'int' ? { minInterval: 1 } : {}), axisLabel: { ...axes.axisLabel, formatter: formatShort } };
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Slice plot: ${caption}`),
        grid: { left: 64, right: 96, top: 24, bottom: 48 },
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params, spec, metric) },
        xAxis: { name: spec.name, nameLocation: 'middle', nameGap: 28, ...axes, splitLine: { show: false }, ...xAxis },
        yAxis: { type: 'value', name: metric, scale: true, ...axes, axisLabel: { ...axes.axisLabel, formatter: formatShort } },
        visualMap: {
          type: 'continuous',
          seriesIndex: 0,
          dimension: 2,
          min: first,
          max: last === first ? first + 1 : last,
          inRange: { color: rampColors(palette) },
          text: [`#${last}`, `#${first}`],
          textStyle: { color: palette.foreground },
          calculable: false,
          right: 8,
          top: 'middle',
          itemWidth: 10,
          itemHeight: 100,
        },
        series: [
          { id: 'trials', name: 'Complete trials', type: 'scatter', data: points, symbolSize: 8, itemStyle: { opacity: 0.85 }, emphasis: { scale: 1.5 } },
          { id: 'selected', name: 'Selected', type: 'scatter', data: selected, symbolSize: 15, itemStyle: { color: 'transparent', borderColor: palette.focus, borderWidth: 3 }, z: 5 },
        ],
      },
    };
  }

  return {
    kind: 'slice',
    title: 'Slice plot',
    tab: 'Slice',
    redrawOn: new Set(['trials', 'header', 'space', 'selection', 'importance', 'focusParam']),
    replaceMerge: ['series', 'xAxis'],
    controls: [select],
    render,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
    },
  };
}

function tooltip(params: unknown, spec: ParamSpec, metric: string): string {
  const { value } = params as { value?: unknown };
  if (!Array.isArray(value)) return '';
  const [x, objective, number] = value as Point;
  const shown = spec.type === 'categorical' ? String(spec.choices[x]) : formatShort(x);
  return `<b>Trial #${number}</b><br>${format.encodeHTML(spec.name)}: ${format.encodeHTML(shown)}<br>${format.encodeHTML(metric)}: ${formatShort(objective)}`;
}
