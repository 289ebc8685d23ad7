/**
 * The page's frame: the header and notices on top, then a resizable split with the table on the left
 * (on top in a narrow panel) and the charts above the details on the right, with a splitter between
 * those two (paneSplitter.ts: pointer and keyboard). The handles' positions are part of the saved view.
 */
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import { createElement } from './createElement';
import { PaneSplitter } from './paneSplitter';

/** Below this width the table goes on top of the charts and details rather than beside them. */
const NARROW_PX = 720;

export interface AppLayout {
  readonly charts: HTMLElement;
  /** Where the split handles are, e.g. `{ main: '55%' }`. */
  splits(): Record<string, string>;
}

export interface LayoutParts {
  readonly header: HTMLElement;
  readonly notices: HTMLElement;
  readonly toolbar: HTMLElement;
  readonly table: HTMLElement;
  readonly details: HTMLElement;
  readonly savedSplits: Readonly<Record<string, string>>;
  readonly onSplitMoved: () => void;
}

export function mountLayout(root: HTMLElement, parts: LayoutParts): AppLayout {
  const charts = createElement('div', { class: 'tb-charts', role: 'region', 'aria-label': 'Charts' });
  const detailsScroll = createElement('div', { class: 'tb-details-scroll' }, parts.details);
  let mainPosition = parts.savedSplits.main ?? '55%';

  const side = new PaneSplitter({
    upper: createElement('div', { class: 'tb-charts-pane' }, charts),
    lower: detailsScroll,
    lowerName: 'trial details',
    defaultPercent: 50,
    savedPercent: parsePercent(parts.savedSplits.side),
    minUpperPx: 240,
    minLowerPx: 96,
    onMoved: parts.onSplitMoved,
  });
  const main = createElement('vscode-split-layout', { class: 'tb-main-split', split: 'vertical', 'min-start': '240px', 'min-end': '200px' },
    createElement('div', { class: 'tb-table-pane', slot: 'start' }, parts.toolbar, parts.table),
    createElement('div', { class: 'tb-side-pane', slot: 'end' }, side.element));
  main.initialHandlePosition = '55%';
  main.handlePosition = mainPosition;
  main.addEventListener('vsc-split-layout-change', (event) => {
    // Split layouts re-dispatch their children's events: only our own counts.
    if (event.target !== main) return;
    mainPosition = `${event.detail.positionInPercentage.toFixed(1)}%`;
    parts.onSplitMoved();
  });

  root.replaceChildren(parts.header, parts.notices, main);
  new ResizeObserver(() => {
    const orientation = root.clientWidth < NARROW_PX ? 'horizontal' : 'vertical';
    if (main.split !== orientation) main.split = orientation;
  }).observe(root);

  return { charts, splits: () => ({ main: mainPosition, side: side.position }) };
}

/** A saved `NN.N%` (older views may hold px, which have no meaning at another size: ignored). */
function parsePercent(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)%$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
