/**
 * Learning curves: every trial's intermediate objective by step. Drawn as a handful of batched `lines`
 * series in ECharts' large mode, never one series per trial, each fed one flat typed array (curveData.ts;
 * 10,000 curves of 20 steps take ~50 ms instead of ~200 ms as objects), so big studies stay smooth.
 *
 * Complete curves are split by rank into four buckets on a sequential scale of the theme's blue: the
 * better the final objective, the stronger the colour and the higher the curve is drawn, so the good
 * trials stand out of a few thousand and neighbours of 20 differ; a legend on the right gives each
 * bucket's threshold. Pruned and failed curves are muted, running ones orange, and the selected trial's
 * curve is drawn on top in a colour of its own. Hovering picks out one curve and names its trial
 * (curveHover.ts); clicking selects it.
 */
import { isRanked } from '../../../src/core/studyView/ranking';
import type { LeaderboardStore } from '../store/leaderboardStore';
import type { ChartDefinition, ChartRender } from './chartDefinition';
import { axisStyle, baseOption, legendStyle, sideAxisName } from './chartTheme';
import type { ChartPalette } from './chartTheme';
import { flatten, groupCurves, RANK_BUCKETS, type CurveGroup } from './curveData';
import { CurveHover } from './curveHover';
import { color } from './echarts';
import type { LinesSeriesOption } from './echarts';
import { formatShort } from '../format/valueFormat';

interface GroupLook {
  readonly name: string;
  readonly color: string;
  readonly width: number;
  readonly opacity: number;
  readonly z: number;
}

const STATE_NAMES: Readonly<Record<string, string>> = { stopped: 'Pruned / failed', running: 'Running', selected: 'Selected' };

/** Many overlapping curves need fainter strokes to stay readable (but never vanish). */
function density(count: number): number {
  return Math.max(0.15, Math.min(1, Math.sqrt(40 / Math.max(1, count))));
}

function looks(groups: readonly CurveGroup[], palette: ChartPalette): Map<string, GroupLook> {
  const result = new Map<string, GroupLook>();
  RANK_BUCKETS.forEach((bucket, i) => {
    const count = groups.find((group) => group.id === bucket.id)?.curves.length ?? 0;
    result.set(bucket.id, {
      name: bucket.name,
      // A step of the blue towards the background: worse buckets recede, better ones stand out.
      color: color.lerp(bucket.strength, [palette.background, palette.blue]),
      width: i === 0 ? 1.75 : 1,
      opacity: palette.highContrast ? 1 : density(count),
      z: 2 + RANK_BUCKETS.length - i,
    });
  });
  const stopped = groups.find((group) => group.id === 'stopped')?.curves.length ?? 0;
  result.set('stopped', { name: STATE_NAMES.stopped!, color: palette.muted, width: 1, opacity: (palette.highContrast ? 0.7 : 0.35) * density(stopped), z: 1 });
  result.set('running', { name: STATE_NAMES.running!, color: palette.orange, width: 2, opacity: 1, z: 7 });
  // Its own hue, above everything: in the theme's grey it looked like a pruned curve.
  result.set('selected', { name: STATE_NAMES.selected!, color: palette.purple, width: 3, opacity: 1, z: 9 });
  return result;
}

export function curvesChart(store: LeaderboardStore): ChartDefinition {
  let drawn: readonly CurveGroup[] = [];
  let palette: ChartPalette | null = null;
  const hiddenNames = new Set<string>();
  let hover: CurveHover | null = null;
  let renders = 0;
  const metric = (): string => store.header?.metric ?? 'objective';

  function describe(number: number, group: CurveGroup): string[] {
    const row = store.row(number);
    const bucket = RANK_BUCKETS.find((candidate) => candidate.id === group.id);
    const rank = store.rankOf(number);
    const state = row?.state === 'complete' ? `complete${rank === null ? '' : `, rank ${rank}`}` : (row?.state ?? '');
    const last = row?.curve.at(-1);
    return [
      `Trial #${number}`,
      bucket ? `${state} · ${bucket.name.toLowerCase()}` : state,
      row?.state === 'complete' && row.value !== null ? `${metric()} ${formatShort(row.value)}` : last ? `${metric()} ${formatShort(last[1])} at step ${last[0]}` : '',
    ].filter((line) => line !== '');
  }

  function render(current: ChartPalette): ChartRender {
    palette = current;
    const rows = store.rows();
    const ranked = rows.reduce((count, row) => count + (row.state === 'complete' && isRanked(row) ? 1 : 0), 0);
    const { groups, total, bounds } = groupCurves(rows, store.selected, (row) => store.rankOf(row.number), ranked);
    drawn = groups;
    if (total === 0) {
      return { kind: 'empty', message: 'No learning curves yet. Trials that report their objective per step (for example per epoch) draw their curves here while they run.' };
    }
    const count = (id: string): number => groups.find((group) => group.id === id)?.curves.length ?? 0;
    const style = looks(groups, current);
    const minimize = store.header?.direction !== 'maximize';
    const pad = (bounds.maxValue - bounds.minValue) * 0.05 || Math.abs(bounds.maxValue) * 0.05 || 1;
    const caption = `${total} curves of ${metric()} by step, complete ones coloured by their final ${metric()} (stronger = better)` +
      (count('running') > 0 ? ` · ${count('running')} running` : '') + (count('stopped') > 0 ? ` · ${count('stopped')} pruned or failed (muted)` : '') + ' · hover a curve for its trial';
    const axes = axisStyle(current);
    const bucketLabels = new Map(RANK_BUCKETS.map((bucket) => {
      const worst = groups.find((group) => group.id === bucket.id)?.worst;
      return [bucket.name, worst === null || worst === undefined ? bucket.name : `${bucket.name}\n${minimize ? '≤' : '≥'} ${formatShort(worst)}`];
    }));
    // A new id each render, so each batch is a new series: ECharts (6.1) offsets flat coordinates merged
    // into an existing lines series by the old array's length (meant for appendData), which garbles
    // every redraw after the first.
    renders++;
    const series = groups.map((group): LinesSeriesOption => {
      const look = style.get(group.id) as GroupLook;
      return {
        id: `${group.id}@${renders}`,
        name: look.name,
        type: 'lines',
        coordinateSystem: 'cartesian2d',
        polyline: true,
        large: true,
        largeThreshold: 500,
        // Picking and emphasis are curveHover's: ECharts' own would hit-test every batch on each move.
        silent: true,
        // The typings know only the object form; the flat array is documented for large `lines` data.
        data: flatten(group.curves) as unknown as LinesSeriesOption['data'],
        lineStyle: { color: look.color, width: look.width, opacity: look.opacity },
        z: look.z,
      };
    });
    const legend = legendStyle(current);
    // The whole scale whenever a complete trial has a curve (a bucket may be empty: its only curve selected).
    const shownBuckets = RANK_BUCKETS.some((bucket) => groups.find((group) => group.id === bucket.id)?.worst !== null) ? RANK_BUCKETS.map((bucket) => bucket.name) : [];
    const shownStates = ['stopped', 'running', 'selected'].filter((id) => count(id) > 0 || id === 'selected').map((id) => STATE_NAMES[id] as string);
    return {
      kind: 'chart',
      caption,
      option: {
        ...baseOption(current, `Learning curves: ${caption}`),
        // The y axis's title runs up its left side, the states' legend has the top and the rank
        // buckets' legend the right, so none of them meet however narrow the pane.
        grid: { left: 78, right: 118, top: 36, bottom: 44 },
        legend: [
          { id: 'states', type: 'scroll', top: 4, left: 'center', ...legend, data: shownStates },
          {
            id: 'ranks', orient: 'vertical', right: 4, top: 'middle', itemGap: 10, itemWidth: 18, ...legend,
            textStyle: { ...legend.textStyle, lineHeight: current.fontSize + 2 }, data: shownBuckets,
            formatter: (name: string) => bucketLabels.get(name) ?? name,
          },
        ],
        xAxis: { type: 'value', name: 'Step', nameLocation: 'middle', nameGap: 26, min: bounds.minStep, max: Math.max(bounds.maxStep, bounds.minStep + 1), minInterval: 1, ...axes, splitLine: { show: false } },
        yAxis: { type: 'value', ...sideAxisName(metric()), min: bounds.minValue - pad, max: bounds.maxValue + pad, ...axes, axisLabel: { ...axes.axisLabel, formatter: formatShort, showMinLabel: false, showMaxLabel: false } },
        series,
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
      chart.on('legendselectchanged', (event) => {
        const { selected } = event as { selected: Record<string, boolean> };
        for (const [name, shown] of Object.entries(selected)) if (shown) hiddenNames.delete(name);
        else hiddenNames.add(name);
        hover?.clear();
      });
      hover = new CurveHover(chart, {
        groups: () => drawn,
        isShown: (group) => !hiddenNames.has(STATE_NAMES[group.id] ?? RANK_BUCKETS.find((bucket) => bucket.id === group.id)?.name ?? ''),
        describe,
        color: () => palette?.foreground ?? 'currentColor',
        select: (number) => store.select(number),
      });
    },
    refresh() {
      hover?.clear();
    },
  };
}
