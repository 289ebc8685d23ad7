/**
 * The table as the user sees it (the visible rows in their order, the shown columns), as CSV or JSON
 * for the host to save. Field names follow `tuneboard export` (Optuna's trials_dataframe: params_<name>);
 * numbers are written at full precision, never as displayed.
 */
import type { ExportFormat, TrialRow } from '../../../src/protocol/leaderboard';
import type { Column, ExportValue } from './columns';

export function exportTable(format: ExportFormat, columns: readonly Column[], rows: readonly TrialRow[]): string {
  switch (format) {
    case 'csv':
      return toCsv(columns, rows);
    case 'json':
      return toJson(columns, rows);
  }
}

/** RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export function toCsv(columns: readonly Column[], rows: readonly TrialRow[]): string {
  const lines = [columns.map((column) => csvField(column.exportKey))];
  for (const row of rows) lines.push(columns.map((column) => csvField(csvText(column.exportValue(row)))));
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

export function toJson(columns: readonly Column[], rows: readonly TrialRow[]): string {
  const records = rows.map((row) => Object.fromEntries(columns.map((column) => [column.exportKey, jsonValue(column.exportValue(row))])));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Missing values are empty fields (pandas reads NaN); String(number) is the shortest exact form. */
function csvText(value: ExportValue): string {
  return value === null ? '' : String(value);
}

/** JSON has no NaN or Infinity: those are written as strings rather than silently becoming null. */
function jsonValue(value: ExportValue): ExportValue {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
