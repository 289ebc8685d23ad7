/**
 * A chart as a file for the host to save. ECharts' own saveAsImage starts a browser download, which a
 * VS Code webview ignores, so the image travels to the host in a `saveImage` message instead.
 */
import { init } from './echarts';
import type { ChartOption, EChartsType } from './echarts';

/** `<study>-<chart>`, within the host's rule for names: /^[\w .-]{1,80}$/. */
export function imageName(study: string | null | undefined, chart: string): string {
  const suffix = `-${chart}`;
  // Anything but letters, digits, `_` and `.` separates words; words are joined with `-`.
  const cleaned = (study ?? '')
    .replace(/[^\w.]+/g, '-')
    .slice(0, 80 - suffix.length)
    .replace(/^[.-]+|[.-]+$/g, '');
  return `${cleaned || 'study'}${suffix}`;
}

/** A PNG data URL of what the chart shows, at twice the screen's pixels. */
export function pngImage(chart: EChartsType, background: string): string {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
}

/**
 * An SVG document of what the chart shows: the same option drawn off screen by the SVG renderer, so
 * the file has vectors rather than a canvas snapshot. `series` is the chart's freshly built series:
 * ECharts keeps flat `lines` data only internally (getOption() has placeholders in its place, which
 * would break the copy); the rest, such as legend toggles, comes from getOption().
 */
export function svgImage(chart: EChartsType, background: string, series: ChartOption['series']): string {
  const svg = init(null, null, { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() });
  try {
    const { series: _drawnSeries, ...shown } = chart.getOption();
    svg.setOption({ ...shown, series, backgroundColor: background, animation: false });
    return svg.renderToSVGString();
  } finally {
    svg.dispose();
  }
}
