/**
 * The state cell: an icon and a word, and for a running trial its progress (`step 12/40`, the total
 * from the `epochs` parameter when the space has one) with a sparkline of its learning curve.
 */
import type { TrialState } from '../../../src/core/trial';
import type { TrialRow } from '../../../src/protocol/leaderboard';
import { codicon, createElement, createSvgElement } from '../layout/createElement';
import { scaleCurve } from '../layout/curveScale';

const ICONS: Readonly<Record<TrialState, string>> = {
  complete: 'pass',
  pruned: 'circle-slash',
  fail: 'error',
  running: 'sync codicon-modifier-spin',
  waiting: 'clock',
};

const SPARK_WIDTH = 56;
const SPARK_HEIGHT = 14;

export function lastStep(row: TrialRow): number | null {
  const last = row.curve[row.curve.length - 1];
  return last ? last[0] : null;
}

/** `step 12/40` for a running trial, `pruned @5` for a pruned one, else the state. */
export function stateLabel(row: TrialRow): string {
  const step = lastStep(row);
  switch (row.state) {
    case 'running': {
      if (step === null) return 'running';
      const epochs = row.params.epochs;
      return typeof epochs === 'number' ? `step ${step}/${epochs}` : `step ${step}`;
    }
    case 'pruned':
      return step === null ? 'pruned' : `pruned @${step}`;
    case 'fail':
      return 'failed';
    case 'complete':
    case 'waiting':
      return row.state;
  }
}

export function renderStateCell(cell: HTMLElement, row: TrialRow): void {
  const label = stateLabel(row);
  cell.replaceChildren(codicon(ICONS[row.state], 'tb-state-icon'), createElement('span', { class: 'tb-state-label' }, label));
  cell.dataset.state = row.state;
  cell.title = row.failReason ?? label;
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
