/**
 * How values read on screen: short enough to scan a column, exact enough to tell trials apart.
 * Exports never use these (they write numbers at full precision, see tableExport.ts).
 */
import type { ParamValue } from '../../../src/core/distributions';
import { formatElapsed, formatNumber as formatSignificantDigits, formatParamValue, formatValue } from '../../../src/core/studyView/format';

/** Objective values and metrics as the tree, the CLI and notifications print them (5 significant digits). */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatValue(value);
}

/** Four significant digits: chart axes, captions and tooltips. */
export function formatShort(value: number): string {
  return formatSignificant(value, 4);
}

// One argument each, so these can be passed to map() and ECharts formatters as they are. The digits
// are the read model's rules (src/core/studyView/format.ts), as in the tree and the CLI.
function formatSignificant(value: number | null | undefined, significant: number): string {
  return value === null || value === undefined ? '' : formatSignificantDigits(value, significant);
}

/** Params as the tree and the CLI print them (4 significant digits). */
export function formatParam(value: ParamValue | undefined): string {
  return value === undefined ? '' : formatParamValue(value);
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
