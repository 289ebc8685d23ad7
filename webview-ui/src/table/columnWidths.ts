/**
 * Default column widths from content, so a narrow table still shows many columns: the header's
 * label may take two lines (wrapping at _ - . and camelCase, as the parallel axis titles do; the
 * whole name is in the header's tooltip), and the values are as wide as the widest the column shows
 * in the compact formats of valueFormat.ts, worked out from the param's space or a template, not
 * from the trials so far. A width is fixed per column, so streaming rows never make the layout jump;
 * the user may resize any column (trialTable.ts).
 */
import type { ParamSpec } from '../../../src/protocol/leaderboard';
import { textWidth, twoLineWidth, type Font } from '../format/textLayout';
import { formatDuration, formatNumber, formatParam, formatStart } from '../format/valueFormat';
import { SPARK_WIDTH } from './stateCell';

/** A cell's padding, both sides (table.css `.tb-cell`, `.tb-sort-button`). */
const CELL_PADDING_PX = 12;
/** Besides its label a header holds the sort arrow (12 px), the gap before it, and a pixel to spare for rounding. */
const HEADER_CHROME_PX = CELL_PADDING_PX + 12 + 2 + 2;
/** Beyond this a default width cuts its values (a long categorical choice); the user can widen it. */
const MAX_DEFAULT_PX = 240;
/** The state cell's icon and the gaps between icon, label and sparkline (table.css). */
const STATE_ICON_PX = 14 + 5;
const STATE_GAP_PX = 5;

function fonts(): { header: Font; body: Font } {
  const style = getComputedStyle(document.body);
  const size = Number.parseFloat(style.fontSize) || 13;
  return { header: { size, family: style.fontFamily, weight: 600 }, body: { size, family: style.fontFamily } };
}

/** Wide enough for the label in at most two lines and for every sample value on one. */
export function fittedWidth(label: string, samples: readonly string[], min = 36): number {
  const { header, body } = fonts();
  const head = twoLineWidth(label, header) + HEADER_CHROME_PX;
  const values = Math.max(0, ...samples.map((sample) => textWidth(sample, body))) + CELL_PADDING_PX;
  return Math.max(min, Math.min(MAX_DEFAULT_PX, Math.ceil(Math.max(head, values))));
}

/** Objectives and metrics in the compact format: five significant digits, e.g. `0.97333`, `0.073875`. */
export const VALUE_SAMPLES: readonly string[] = [formatNumber(0.0123456), formatNumber(-1234.56)];

/** Trial numbers and ranks up to `count` (and the best's star). */
export function countSamples(count: number): string[] {
  const digits = '9'.repeat(String(Math.max(99, Math.round(count))).length);
  return [digits, `★ ${digits.slice(1) || '1'}`];
}

export const DURATION_SAMPLES: readonly string[] = [formatDuration(59 * 60_000 + 59_000), formatDuration(23 * 3_600_000 + 59 * 60_000)];
/** A start on another day than today shows its date: the wider form. */
export const START_SAMPLES: readonly string[] = [formatStart(Date.UTC(2025, 11, 28, 22, 58, 58), Date.UTC(2026, 0, 1))];

/** A param's widest cells: its bounds and, for floats, values with all four significant digits at every magnitude the range holds. */
export function paramSamples(spec: ParamSpec): string[] {
  if (spec.type === 'categorical') return spec.choices.map((choice) => formatParam(choice));
  const values = [spec.low, spec.high];
  if (spec.type === 'float' && spec.step !== null) {
    for (let value = spec.low; value <= spec.high && values.length < 200; value += spec.step) values.push(value);
  } else if (spec.type === 'float') {
    const largest = Math.max(Math.abs(spec.low), Math.abs(spec.high));
    // A range through zero holds tiny values too (below 1e-3 of its size they are rare, and no wider).
    const smallest = spec.low <= 0 && spec.high >= 0 ? largest * 1e-3 : Math.min(Math.abs(spec.low), Math.abs(spec.high));
    const signs = spec.low < 0 ? [-1, 1] : [1];
    for (let power = Math.floor(Math.log10(smallest || 1)); power <= Math.floor(Math.log10(largest || 1)); power++) {
      for (const sign of signs) values.push(sign * 1.2345 * 10 ** power);
    }
  }
  return values.map((value) => formatParam(value));
}

/** The state column: an icon and `pruned @12`, or for a running trial `step 12/40` and its sparkline. */
export function stateWidth(): number {
  const { body } = fonts();
  const label = Math.max(textWidth('pruned @100', body), textWidth('step 10/40', body) + STATE_GAP_PX + SPARK_WIDTH);
  return Math.ceil(CELL_PADDING_PX + STATE_ICON_PX + label);
}
