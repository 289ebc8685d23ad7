/**
 * How values read on screen: short enough to scan a column, exact enough to tell trials apart.
 * Exports never use these (they write numbers at full precision, see tableExport.ts).
 */
import type { ParamValue } from '../../../src/core/distributions';
import { formatElapsed, formatNumber as formatSignificantDigits } from '../../../src/core/studyView/format';

/** Up to 6 significant digits, scientific notation for very small or large magnitudes. */
export function formatNumber(value: number | null | undefined): string {
  return formatSignificant(value, 6);
}

/** Four significant digits: chart axes, captions and tooltips. */
export function formatShort(value: number): string {
  return formatSignificant(value, 4);
}

// One argument each above, so both can be passed to map() and ECharts formatters as they are. The
// digits are the read model's rule (src/core/studyView/format.ts), as in the tree and the CLI.
function formatSignificant(value: number | null | undefined, significant: number): string {
  return value === null || value === undefined ? '' : formatSignificantDigits(value, significant);
}

export function formatParam(value: ParamValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** The read model's duration (850ms, 9.7s, 2m 05s, 1h 02m, 3d 4h), empty for none. */
export function formatDuration(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) || ms < 0 ? '' : formatElapsed(ms);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The time of day for today's trials, with the date for older ones. */
export function formatStart(epochMs: number | null, now: number = Date.now()): string {
  if (epochMs === null) return '';
  const date = new Date(epochMs);
  return sameLocalDay(date, new Date(now)) ? timeFormat.format(date) : dateTimeFormat.format(date);
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getDate() === b.getDate() && a.getMonth() === b.getMonth() && a.getFullYear() === b.getFullYear();
}
