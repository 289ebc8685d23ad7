/**
 * The page's frame: the header and notices on top, then a resizable split with the table on the left
 * (on top in a narrow panel) and the charts above the details on the right. The handles' positions
 * are part of the saved view.
 */
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import { createElement } from './createElement';

/** Below this width the table goes on top of the charts and details rather than beside them. */
const NARROW_PX = 720;

export type SplitName = 'main' | 'side';

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
  const detailsScroll = createElement('div', { class: 'tb-details-scroll', slot: 'end' }, parts.details);
  const positions: Record<SplitName, string> = { main: parts.savedSplits.main ?? '55%', side: parts.savedSplits.side ?? '55%' };

  const side = createElement('vscode-split-layout', { class: 'tb-side-split', split: 'horizontal', 'min-start': '80px', 'min-end': '80px' },
    createElement('div', { class: 'tb-charts-pane', slot: 'start' }, charts), detailsScroll);
  const main = createElement('vscode-split-layout', { class: 'tb-main-split', split: 'vertical', 'min-start': '240px', 'min-end': '200px' },
    createElement('div', { class: 'tb-table-pane', slot: 'start' }, parts.toolbar, parts.table),
    createElement('div', { class: 'tb-side-pane', slot: 'end' }, side));
  for (const [name, split] of [['main', main], ['side', side]] as const) {
    split.initialHandlePosition = '55%';
    split.handlePosition = positions[name];
    split.addEventListener('vsc-split-layout-change', (event) => {
      // Nested split layouts re-dispatch their children's events: only our own counts.
      if (event.target !== split) return;
      positions[name] = `${event.detail.positionInPercentage.toFixed(1)}%`;
      parts.onSplitMoved();
    });
  }

  root.replaceChildren(parts.header, parts.notices, main);
  new ResizeObserver(() => {
    const orientation = root.clientWidth < NARROW_PX ? 'horizontal' : 'vertical';
    if (main.split !== orientation) main.split = orientation;
  }).observe(root);

  return { charts, splits: () => ({ ...positions }) };
}
