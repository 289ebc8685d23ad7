/**
 * The state cell: an icon and a word, and for a running trial its progress (`step 12/40`, the total
 * from the `epochs` parameter when the space has one) with a sparkline of its learning curve. The
 * state is the read model's display state: a trial its study's stop interrupted reads `stopped`, not
 * `failed`, with its own icon and colour.
 */
import { DISPLAY_STATE_MEANINGS, displayStateLabel, displayStateOf, type DisplayState } from '../../../src/core/studyView/displayState';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { codicon, createElement, createSvgElement } from '../layout/createElement';
import { scaleCurve } from '../layout/curveScale';

const ICONS: Readonly<Record<DisplayState, string>> = {
  complete: 'pass',
  pruned: 'circle-slash',
  failed: 'error',
  stopped: 'debug-stop',
  running: 'sync codicon-modifier-spin',
  waiting: 'clock',
};

/** The running trial's sparkline, as wide as the state column leaves it (columnWidths.ts). */
export const SPARK_WIDTH = 40;
const SPARK_HEIGHT = 14;

export function lastStep(row: TrialRow): number | null {
  const last = row.curve[row.curve.length - 1];
  return last ? last[0] : null;
}

export function rowDisplayState(row: Pick<TrialRow, 'state' | 'failReason'>): DisplayState {
  return displayStateOf(row.state, row.failReason);
}

/** `step 12/40` for a running trial, `pruned @5` for a pruned one, else the state. */
export function stateLabel(row: TrialRow): string {
  const step = lastStep(row);
  const state = rowDisplayState(row);
  switch (state) {
    case 'running': {
      if (step === null) return 'running';
      const epochs = row.params.epochs;
      return typeof epochs === 'number' ? `step ${step}/${epochs}` : `step ${step}`;
    }
    case 'pruned':
      return step === null ? 'pruned' : `pruned @${step}`;
    case 'failed':
    case 'stopped':
    case 'complete':
    case 'waiting':
      return displayStateLabel(state);
  }
}

export function renderStateCell(cell: HTMLElement, row: TrialRow): void {
  const label = stateLabel(row);
  const state = rowDisplayState(row);
  cell.replaceChildren(codicon(ICONS[state], 'tb-state-icon'), createElement('span', { class: 'tb-state-label' }, label));
  cell.dataset.state = state;
  // A stopped trial's reason (`interrupted: …`) alone would read as an error: say what stopped means.
  cell.title = state === 'stopped' ? `Stopped: it ${DISPLAY_STATE_MEANINGS.stopped}.${row.failReason === null ? '' : `\n${row.failReason}`}` : (row.failReason ?? label);
  if (row.state === 'running' && row.curve.length > 1) cell.append(sparkline(row.curve));
}

/** The curve as a polyline scaled to its own range; its colour comes from the theme (CSS). */
export function sparkline(curve: readonly (readonly [number, number])[]): SVGSVGElement {
  const { points } = scaleCurve(curve, { left: 1, top: 1, width: SPARK_WIDTH - 2, height: SPARK_HEIGHT - 2 });
  return createSvgElement(
    'svg',
    { class: 'tb-sparkline', width: SPARK_WIDTH, height: SPARK_HEIGHT, viewBox: `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`, 'aria-hidden': true },
    createSvgElement('polyline', { points, fill: 'none' }),
  );
}
