/**
 * Chart colours and fonts from the VS Code theme (`--vscode-*` variables on the page), and the styling
 * every chart shares. VS Code swaps the variables and the body's theme class live, so the palette is
 * re-read whenever either changes.
 */
import type { ChartOption } from './echarts';

export interface ChartPalette {
  readonly foreground: string;
  /** descriptionForeground: axis names, muted (pruned) marks. */
  readonly muted: string;
  /** The editor background: the backdrop of saved images (on screen the chart is transparent). */
  readonly background: string;
  readonly border: string;
  readonly focus: string;
  readonly blue: string;
  readonly red: string;
  readonly green: string;
  readonly yellow: string;
  readonly orange: string;
  readonly purple: string;
  readonly tooltipBackground: string;
  readonly tooltipBorder: string;
  readonly tooltipForeground: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly highContrast: boolean;
  readonly reduceMotion: boolean;
}

/** The first of the variables the theme defines, else the text colour the page computes. */
function variableReader(style: CSSStyleDeclaration): (...names: string[]) => string {
  return (...names) => {
    for (const name of names) {
      const value = style.getPropertyValue(`--vscode-${name}`).trim();
      if (value !== '') return value;
    }
    return style.color;
  };
}

export function readPalette(): ChartPalette {
  const style = getComputedStyle(document.body);
  const color = variableReader(style);
  const foreground = color('foreground', 'editor-foreground');
  const classes = document.body.classList;
  return {
    foreground,
    muted: color('descriptionForeground', 'foreground'),
    background: color('editor-background', 'panel-background'),
    border: color('panel-border', 'widget-border', 'descriptionForeground'),
    focus: color('focusBorder', 'charts-blue'),
    blue: color('charts-blue', 'focusBorder'),
    red: color('charts-red', 'errorForeground'),
    green: color('charts-green', 'charts-blue'),
    yellow: color('charts-yellow', 'charts-orange'),
    orange: color('charts-orange', 'charts-yellow'),
    purple: color('charts-purple', 'charts-blue'),
    tooltipBackground: color('editorHoverWidget-background', 'editor-background'),
    tooltipBorder: color('editorHoverWidget-border', 'panel-border'),
    tooltipForeground: color('editorHoverWidget-foreground', 'foreground'),
    // Single quotes: ECharts writes the family into SVG style attributes unescaped.
    fontFamily: (style.getPropertyValue('--vscode-font-family').trim() || style.fontFamily).replaceAll('"', "'"),
    fontSize: Number.parseFloat(style.getPropertyValue('--vscode-font-size')) || 13,
    highContrast: classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light'),
    reduceMotion: classes.contains('vscode-reduce-motion'),
  };
}

/**
 * Calls `onChange` with the new palette when the theme changes: the body's class (light, dark, high
 * contrast) or the variables VS Code writes on <html> (another theme of the same kind).
 */
export function watchTheme(onChange: (palette: ChartPalette) => void): () => void {
  let current = JSON.stringify(readPalette());
  const observer = new MutationObserver(() => {
    const palette = readPalette();
    const serialised = JSON.stringify(palette);
    if (serialised === current) return;
    current = serialised;
    onChange(palette);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  return () => observer.disconnect();
}

/** Worse → better (and earlier → later): a viridis-like ramp from the theme's chart colours. */
export function rampColors(palette: ChartPalette): string[] {
  return [palette.purple, palette.blue, palette.green, palette.yellow];
}

/** The options every chart shares: text, animation and the accessible description. */
export function baseOption(palette: ChartPalette, description: string): ChartOption {
  return {
    backgroundColor: 'transparent',
    // Live data arrives several times a second: long animations would lag behind it.
    animation: !palette.reduceMotion,
    animationDuration: 300,
    animationDurationUpdate: 200,
    textStyle: { color: palette.foreground, fontFamily: palette.fontFamily, fontSize: palette.fontSize - 1 },
    aria: { enabled: true, label: { description } },
  };
}

/** Tooltips styled like the editor's hovers. */
export function tooltipStyle(palette: ChartPalette): {
  backgroundColor: string;
  borderColor: string;
  textStyle: { color: string; fontFamily: string; fontSize: number };
  confine: boolean;
} {
  return {
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.tooltipBorder,
    textStyle: { color: palette.tooltipForeground, fontFamily: palette.fontFamily, fontSize: palette.fontSize - 1 },
    confine: true,
  };
}

/** Axis styling for grid and parallel axes. */
export function axisStyle(palette: ChartPalette): {
  axisLine: { lineStyle: { color: string } };
  axisTick: { lineStyle: { color: string } };
  axisLabel: { color: string };
  splitLine: { lineStyle: { color: string; opacity: number } };
  nameTextStyle: { color: string };
} {
  return {
    axisLine: { lineStyle: { color: palette.border } },
    axisTick: { lineStyle: { color: palette.border } },
    axisLabel: { color: palette.foreground },
    splitLine: { lineStyle: { color: palette.border, opacity: palette.highContrast ? 0.8 : 0.5 } },
    nameTextStyle: { color: palette.muted },
  };
}

/** Legend styling shared by the charts that have one. */
export function legendStyle(palette: ChartPalette): { textStyle: { color: string }; inactiveColor: string } {
  return { textStyle: { color: palette.foreground }, inactiveColor: palette.muted };
}

/**
 * A value axis's title up its left side, in the middle: the top of the chart stays free for a legend,
 * so the two never overlap, and the whole title is drawn (not cut to the room beside the labels).
 * The grid's left edge should leave it room (about 78 px).
 */
export function sideAxisName(name: string): { name: string; nameLocation: 'middle'; nameRotate: number; nameGap: number; nameTruncate: { maxWidth: number } } {
  return { name, nameLocation: 'middle', nameRotate: 90, nameGap: 56, nameTruncate: { maxWidth: 10_000 } };
}
