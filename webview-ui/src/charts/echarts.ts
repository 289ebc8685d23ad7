/**
 * The slice of ECharts the leaderboard draws with, registered once: only these charts and components
 * end up in the bundle. The canvas renderer draws on screen; the SVG renderer serves "Save as SVG".
 */
import { BarChart, LineChart, LinesChart, ParallelChart, ScatterChart } from 'echarts/charts';
import type { LinesSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, ParallelComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { ScatterJitter } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

use([
  BarChart,
  LineChart,
  LinesChart,
  ParallelChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  ScatterJitter,
  CanvasRenderer,
  SVGRenderer,
]);

/**
 * The full option type, imported as a type only (it adds nothing to the bundle): composing one from
 * the registered parts (`ComposeOption`) mistypes options that use both a grid and a parallel axis.
 */
export type ChartOption = EChartsOption;

/** One entry of an option's `parallelAxis` list. */
export type ParallelAxisOption = Exclude<NonNullable<ChartOption['parallelAxis']>, readonly unknown[]>;

export type { LinesSeriesOption };
export { color, format, getInstanceByDom, graphic, init } from 'echarts/core';
export type { ECElementEvent, EChartsType } from 'echarts/core';
