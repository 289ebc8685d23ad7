/**
 * Learning curves: every trial's intermediate objective by step. Drawn as a handful of batched `lines`
 * series (complete, stopped early, running, selected) in ECharts' large mode, never one series per
 * trial, each fed one flat typed array ([n, x1, y1, … xn, yn, n, …], ECharts' fast path: 10,000
 * curves of 20 steps take ~50 ms instead of ~200 ms as objects), so big studies stay smooth. Pruned and failed curves are muted, running ones
 * stand out, and the selected trial's curve is drawn on top in a colour of its own.
 */
import type { TrialRow } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore } from '../store/leaderboardStore';
import { selectTrialOnClick, type ChartDefinition, type ChartRender } from './chartDefinition';
import { axisStyle, baseOption, legendStyle, sideAxisName, tooltipStyle } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import type { LinesSeriesOption } from './echarts';
import { formatShort } from '../format/valueFormat';

interface Curve {
  /** x1, y1, x2, y2, … */
  readonly points: Float64Array;
  readonly minStep: number;
  readonly maxStep: number;
  readonly minValue: number;
  readonly maxValue: number;
}

type CurveGroup = 'complete' | 'stopped' | 'running' | 'selected';

/** Rows are replaced, never mutated, when a trial changes: a curve is converted once per version. */
const curveCache = new WeakMap<TrialRow, Curve | null>();

function curveOf(row: TrialRow): Curve | null {
  let curve = curveCache.get(row);
  if (curve === undefined) {
    const finite = row.curve.filter(([step, value]) => Number.isFinite(step) && Number.isFinite(value));
    curve = null;
    if (finite.length > 0) {
      const steps = finite.map(([step]) => step);
      const values = finite.map(([, value]) => value);
      curve = { points: Float64Array.from(finite.flat()), minStep: Math.min(...steps), maxStep: Math.max(...steps), minValue: Math.min(...values), maxValue: Math.max(...values) };
    }
    curveCache.set(row, curve);
  }
  return curve;
}

/** ECharts' flat polyline format: for each curve its point count, then its points. */
function flatten(curves: readonly Curve[]): Float64Array {
  const flat = new Float64Array(curves.reduce((length, curve) => length + 1 + curve.points.length, 0));
  let at = 0;
  for (const curve of curves) {
    flat[at++] = curve.points.length / 2;
    flat.set(curve.points, at);
    at += curve.points.length;
  }
  return flat;
}

function groupOf(row: TrialRow, selected: number | null): CurveGroup {
  if (row.number === selected) return 'selected';
  switch (row.state) {
    case 'complete':
      return 'complete';
    case 'pruned':
    case 'fail':
      return 'stopped';
    case 'running':
    case 'waiting':
      return 'running';
  }
}

export function curvesChart(store: LeaderboardStore): ChartDefinition {
  let numbersBySeries = new Map<string, readonly number[]>();

  function render(palette: ChartPalette): ChartRender {
    const groups: Record<CurveGroup, { numbers: number[]; curves: Curve[] }> = {
      complete: { numbers: [], curves: [] },
      stopped: { numbers: [], curves: [] },
      running: { numbers: [], curves: [] },
      selected: { numbers: [], curves: [] },
    };
    let minStep = Infinity;
    let maxStep = -Infinity;
    let minValue = Infinity;
    let maxValue = -Infinity;
    for (const row of store.rows()) {
      const curve = curveOf(row);
      if (!curve) continue;
      const group = groups[groupOf(row, store.selected)];
      group.numbers.push(row.number);
      group.curves.push(curve);
      minStep = Math.min(minStep, curve.minStep);
      maxStep = Math.max(maxStep, curve.maxStep);
      minValue = Math.min(minValue, curve.minValue);
      maxValue = Math.max(maxValue, curve.maxValue);
    }
    const total = groups.complete.curves.length + groups.stopped.curves.length + groups.running.curves.length + groups.selected.curves.length;
    if (total === 0) {
      return { kind: 'empty', message: 'No learning curves yet. Trials that report their objective per step (for example per epoch) draw their curves here while they run.' };
    }
    numbersBySeries = new Map(Object.entries(groups).map(([id, group]) => [id, group.numbers]));

    // Many overlapping curves need fainter strokes to stay readable (but never vanish).
    const density = Math.max(0.12, Math.min(1, Math.sqrt(60 / Math.max(1, groups.complete.curves.length + groups.stopped.curves.length))));
    const pad = (maxValue - minValue) * 0.05 || Math.abs(maxValue) * 0.05 || 1;
    const metric = store.header?.metric ?? 'objective';
    const running = groups.running.curves.length;
    const caption = `${total} curves of ${metric} by step` + (running > 0 ? ` · ${running} running` : '') + (groups.stopped.curves.length > 0 ? ` · ${groups.stopped.curves.length} pruned or failed (muted)` : '');
    const axes = axisStyle(palette);
    const series = (id: CurveGroup, name: string, color: string, width: number, opacity: number, z: number): LinesSeriesOption => ({
      id,
      name,
      type: 'lines',
      coordinateSystem: 'cartesian2d',
      polyline: true,
      large: true,
      largeThreshold: 500,
      // The typings know only the object form; the flat array is documented for large `lines` data.
      data: flatten(groups[id].curves) as unknown as LinesSeriesOption['data'],
      lineStyle: { color, width, opacity },
      emphasis: { lineStyle: { width: width + 1.5, opacity: 1 } },
      z,
    });
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(palette, `Learning curves: ${caption}`),
        // The y axis's title runs up its left side and the legend has the top to itself, so they never
        // meet however narrow the pane; a legend too long for one line scrolls rather than wrapping
        // into the plot.
        grid: { left: 78, right: 24, top: 36, bottom: 44 },
        legend: { type: 'scroll', top: 4, left: 'center', ...legendStyle(palette), data: ['Complete', 'Pruned / failed', 'Running', 'Selected'] },
        tooltip: { ...tooltipStyle(palette), trigger: 'item', formatter: (params) => tooltip(params, numbersBySeries) },
        xAxis: { type: 'value', name: 'Step', nameLocation: 'middle', nameGap: 26, min: minStep, max: Math.max(maxStep, minStep + 1), minInterval: 1, ...axes, splitLine: { show: false } },
        yAxis: { type: 'value', ...sideAxisName(metric), min: minValue - pad, max: maxValue + pad, ...axes, axisLabel: { ...axes.axisLabel, formatter: formatShort, showMinLabel: false, showMaxLabel: false } },
        series: [
          series('stopped', 'Pruned / failed', palette.muted, 1, (palette.highContrast ? 0.7 : 0.35) * density, 1),
          series('complete', 'Complete', palette.blue, 1, (palette.highContrast ? 1 : 0.7) * density, 2),
          series('running', 'Running', palette.orange, 2, 1, 3),
          // Its own hue: in the theme's grey it looked like a pruned curve (and the legend swatches matched).
          series('selected', 'Selected', palette.purple, 3, 1, 4),
        ],
      },
    };
  }

  return {
    kind: 'curves',
    title: 'Learning curves',
    tab: 'Curves',
    redrawOn: new Set(['trials', 'header', 'selection']),
    replaceMerge: ['series'],
    render,
    attach(chart) {
      selectTrialOnClick(chart, () => numbersBySeries, (number) => store.select(number));
    },
  };
}

function tooltip(params: unknown, numbersBySeries: ReadonlyMap<string, readonly number[]>): string {
  const { seriesId, seriesName, dataIndex } = params as { seriesId?: string; seriesName?: string; dataIndex?: number };
  const number = seriesId === undefined || dataIndex === undefined ? undefined : numbersBySeries.get(seriesId)?.[dataIndex];
  return number === undefined ? '' : `<b>Trial #${number}</b> · ${seriesName ?? ''}`;
}
