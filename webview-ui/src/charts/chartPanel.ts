/**
 * One chart on screen: its toolbar (caption, controls, Save as PNG/SVG), the ECharts instance, created
 * when the chart is first shown and then reused for every update, redraws throttled to a few per
 * second while trials stream in, resizing with its box, and the empty-state note.
 */
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import type { ImageFormat, WebviewMessage } from '../../../src/protocol/leaderboard';
import type { LeaderboardStore, StoreChange } from '../store/leaderboardStore';
import type { ChartDefinition } from './chartDefinition';
import { imageName, pngImage, svgImage } from './chartImage';
import type { ChartPalette } from './chartTheme';
import { init } from './echarts';
import type { EChartsType } from './echarts';

/** At most one redraw per this many milliseconds (about 4 per second). */
const REDRAW_INTERVAL_MS = 250;

export interface ChartPanelContext {
  readonly store: LeaderboardStore;
  readonly host: { post(message: WebviewMessage): void };
  readonly palette: ChartPalette;
}

export class ChartPanel {
  readonly element: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly saveButtons: HTMLElement[];
  private readonly resizeObserver: ResizeObserver;
  private palette: ChartPalette;
  private chart: EChartsType | null = null;
  private active = false;
  private dirty = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How long the last setOption took (ms), which stretches the redraw interval. */
  private renderCost = 0;
  private lastRender = Number.NEGATIVE_INFINITY;
  /** The canvas width the last option was built for. */
  private renderedWidth = 0;

  constructor(
    private readonly definition: ChartDefinition,
    private readonly context: ChartPanelContext,
  ) {
    this.palette = context.palette;
    const { kind, title } = definition;
    this.element = element('section', 'tb-chart');
    this.element.setAttribute('aria-label', title);

    const toolbar = element('div', 'tb-chart-toolbar');
    const text = element('div', 'tb-chart-text');
    this.caption = element('p', 'tb-chart-caption');
    this.caption.id = `tb-chart-caption-${kind}`;
    text.append(this.caption);
    if (definition.status) text.append(definition.status);
    toolbar.append(text, ...(definition.controls ?? []));
    this.saveButtons = (['png', 'svg'] as const).map((format) => {
      const button = element('vscode-toolbar-button', 'tb-chart-save');
      button.setAttribute('icon', format === 'png' ? 'file-media' : 'file-code');
      button.setAttribute('label', `Save ${title} as ${format.toUpperCase()}`);
      button.setAttribute('title', `Save ${title} as ${format.toUpperCase()}`);
      button.dataset.format = format;
      button.textContent = format.toUpperCase();
      button.hidden = true; // until there is something to save
      button.addEventListener('click', () => this.save(format));
      return button;
    });
    toolbar.append(...this.saveButtons);

    const body = element('div', 'tb-chart-body');
    this.canvas = element('div', 'tb-chart-canvas');
    this.canvas.dataset.chart = kind;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-describedby', this.caption.id);
    this.empty = element('div', 'tb-chart-empty');
    this.empty.setAttribute('role', 'status');
    body.append(this.canvas, this.empty);
    this.element.append(toolbar, body);

    this.resizeObserver = new ResizeObserver(() => this.onResize());
    this.resizeObserver.observe(this.canvas);
  }

  /** The chart's tab became visible: draw it now if anything changed while it was hidden. */
  show(): void {
    this.active = true;
    this.onResize();
  }

  hide(): void {
    this.active = false;
  }

  onStoreChange(changes: ReadonlySet<StoreChange>): void {
    if (intersects(changes, this.definition.redrawOn)) this.invalidate();
    if (this.chart && this.definition.refreshOn && intersects(changes, this.definition.refreshOn)) this.definition.refresh?.(this.chart);
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    this.invalidate();
  }

  /**
   * Asks for a redraw, never before the table's update has been painted (the redraw starts after the
   * next frame) and never sooner than the interval after the last one. The interval grows with what
   * a redraw costs, so charts of a huge study take at most about a quarter of the page's time.
   */
  invalidate(): void {
    this.dirty = true;
    if (!this.active || !this.chart || this.timer !== undefined) return;
    const interval = Math.max(REDRAW_INTERVAL_MS, 3 * this.renderCost);
    const wait = Math.max(0, this.lastRender + interval - performance.now());
    this.timer = setTimeout(() => {
      requestAnimationFrame(() => {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.render();
        }, 0);
      });
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.resizeObserver.disconnect();
    this.definition.dispose?.();
    this.chart?.dispose();
    this.chart = null;
    this.element.remove();
  }

  private onResize(): void {
    if (!this.active) return;
    // A hidden tab measures 0×0; ECharts cannot lay out into that, so wait until it has a size.
    if (this.canvas.clientWidth === 0 || this.canvas.clientHeight === 0) return;
    if (!this.chart) {
      this.chart = init(this.canvas, null, { renderer: 'canvas' });
      this.definition.attach?.(this.chart);
      this.render();
      return;
    }
    this.chart.resize();
    if (this.definition.redrawOnResize && this.canvas.clientWidth !== this.renderedWidth) this.dirty = true;
    if (this.dirty) this.invalidate();
  }

  private render(): void {
    const chart = this.chart;
    if (!chart || !this.active) return;
    this.dirty = false;
    this.lastRender = performance.now();
    this.renderedWidth = this.canvas.clientWidth;
    const result = this.definition.render(this.palette, this.size());
    this.renderCost = performance.now() - this.lastRender;
    switch (result.kind) {
      case 'empty':
        this.empty.textContent = result.message;
        this.empty.hidden = false;
        this.canvas.classList.add('tb-chart-canvas-hidden');
        this.caption.textContent = '';
        for (const button of this.saveButtons) button.hidden = true;
        break;
      case 'chart':
        chart.setOption(result.option, { replaceMerge: [...this.definition.replaceMerge] });
        this.empty.hidden = true;
        this.canvas.classList.remove('tb-chart-canvas-hidden');
        this.caption.textContent = result.caption;
        for (const button of this.saveButtons) button.hidden = false;
        break;
    }
    this.definition.refresh?.(chart);
  }

  private size(): { width: number; height: number } {
    return { width: this.canvas.clientWidth, height: this.canvas.clientHeight };
  }

  private save(format: ImageFormat): void {
    if (this.dirty) this.render(); // the picture the user saves is the current one
    const chart = this.chart;
    if (!chart) return;
    let content: string;
    switch (format) {
      case 'png':
        content = pngImage(chart, this.palette.background);
        break;
      case 'svg': {
        const drawn = this.definition.render(this.palette, this.size());
        if (drawn.kind !== 'chart') return;
        content = svgImage(chart, this.palette.background, drawn.option.series);
        break;
      }
    }
    const { store, host } = this.context;
    host.post({ type: 'saveImage', format, name: imageName(store.header?.name, this.definition.kind), content });
  }
}

function element(tag: string, className: string): HTMLElement {
  const created = document.createElement(tag);
  created.className = className;
  return created;
}

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}
