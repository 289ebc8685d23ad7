/**
 * What each leaderboard chart tells the panel that hosts it: when to redraw, how to build its option
 * from the store, and which events it listens to. The panel (chartPanel.ts) owns the ECharts
 * instance, throttling, resizing, theming and saving; a definition only knows its own picture.
 */
import type { StoreChange } from '../store/leaderboardStore';
import type { ChartPalette } from './chartTheme';
import type { ChartOption, ECElementEvent, EChartsType } from './echarts';

export type ChartKind = 'history' | 'curves' | 'parallel' | 'importance' | 'slice' | 'pareto' | 'hypervolume';

export type ChartRender =
  /** `caption` is shown above the chart and is its accessible description. */
  | { readonly kind: 'chart'; readonly option: ChartOption; readonly caption: string }
  /** Nothing to draw yet, and why. */
  | { readonly kind: 'empty'; readonly message: string };

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export interface ChartDefinition {
  readonly kind: ChartKind;
  /** The chart's name, in labels and the saved image's description. */
  readonly title: string;
  /** The tab's short label. */
  readonly tab: string;
  /** Store changes after which the option is rebuilt (throttled). */
  readonly redrawOn: ReadonlySet<StoreChange>;
  /** Component types whose entries may disappear between renders (ECharts `replaceMerge`). */
  readonly replaceMerge: readonly string[];
  /** `size` is the chart's box in CSS pixels (0×0 before it was laid out). */
  render(palette: ChartPalette, size: ChartSize): ChartRender;
  /** The option depends on the chart's size (text laid out to fit): rebuilt when the box is resized. */
  readonly redrawOnResize?: boolean;
  /** Wires the chart's events once, right after its instance exists. */
  attach?(chart: EChartsType): void;
  /** Store changes that need only `refresh`, a cheap update without a new option. */
  readonly refreshOn?: ReadonlySet<StoreChange>;
  /** Runs after every render and on `refreshOn` changes. */
  refresh?(chart: EChartsType): void;
  /** Extra controls for the chart's toolbar (before the save buttons). */
  readonly controls?: readonly HTMLElement[];
  /** A line under the caption that the definition keeps up to date itself (e.g. brush status). */
  readonly status?: HTMLElement;
  dispose?(): void;
}

/**
 * Clicking a point or curve selects its trial. `numbersBySeries` gives, per series, its data's trial
 * numbers in order, as of the last render (a getter: each render makes a new map).
 */
export function selectTrialOnClick(chart: EChartsType, numbersBySeries: () => ReadonlyMap<string, readonly number[]>, select: (number: number) => void): void {
  chart.on('click', (event: ECElementEvent) => {
    const number = event.seriesId === undefined ? undefined : numbersBySeries().get(event.seriesId)?.[event.dataIndex];
    if (number !== undefined) select(number);
  });
}
