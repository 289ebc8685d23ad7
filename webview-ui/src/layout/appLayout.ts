/**
 * The page's frame: the header and notices on top, then the table on the left (on top in a narrow
 * panel) and the charts above the details on the right. Both splits are paneSplitter.ts (pointer and
 * keyboard, one rule for both); the handles' positions are part of the saved view.
 */
import { createElement } from './createElement';
import { PaneSplitter } from './paneSplitter';

/** Below this width the table goes on top of the charts and details rather than beside them. */
const NARROW_PX = 720;

/** The table's default share of the width: room for rank, #, state, the objective and four params at 1280 px. */
export const DEFAULT_MAIN_PERCENT = 55;

export interface AppLayout {
  readonly charts: HTMLElement;
  /** Where the split handles are, e.g. `{ main: '55.0%', side: '50.0%' }`. */
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

  const side = new PaneSplitter({
    first: createElement('div', { class: 'tb-charts-pane' }, charts),
    second: detailsScroll,
    direction: 'column',
    controls: 'second',
    controlledName: 'trial details',
    defaultPercent: 50,
    savedPercent: parsePercent(parts.savedSplits.side),
    minFirstPx: 240,
    minSecondPx: 96,
    onMoved: parts.onSplitMoved,
  });
  const main = new PaneSplitter({
    first: createElement('div', { class: 'tb-table-pane' }, parts.toolbar, parts.table),
    second: createElement('div', { class: 'tb-side-pane' }, side.element),
    direction: 'row',
    controls: 'first',
    controlledName: 'trial table',
    defaultPercent: DEFAULT_MAIN_PERCENT,
    savedPercent: parsePercent(parts.savedSplits.main),
    minFirstPx: 240,
    minSecondPx: 200,
    onMoved: parts.onSplitMoved,
  });
  main.element.classList.add('tb-main-split');

  root.replaceChildren(parts.header, parts.notices, main.element);
  let narrow: boolean | null = null;
  new ResizeObserver(() => {
    const now = root.clientWidth < NARROW_PX;
    if (now !== narrow) main.setDirection(now ? 'column' : 'row');
    narrow = now;
  }).observe(root);

  return { charts, splits: () => ({ main: main.position, side: side.position }) };
}

/** A saved `NN.N%` (older views may hold px, which have no meaning at another size: ignored). */
function parsePercent(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)%$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
