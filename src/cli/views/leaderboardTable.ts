/**
 * The leaderboard table of `tuneboard show` and the live view: trials in the read model's ranking
 * (complete best first, then pruned by their last value, then failed, running and waiting), each
 * ranked trial with its rank, and where it ran (`host · GPU n`) when that tells the trials apart.
 * Param columns are fitted to the terminal width: names are abbreviated first, then trailing columns
 * dropped, and the table says which.
 */
import { type Direction, displayState, displayStateLabel, failReason, formatElapsed, formatParamValue, formatPlacement, formatValue, type FrozenTrial, isRanked, type ParamValue, placementParts, rankTrials, trialDuration, trialPlacement } from '../../core';
import { truncate } from './format';

export interface LeaderboardOptions {
  readonly direction: Direction;
  /** Characters per line available. */
  readonly width: number;
  /** How many rows to list, from the top of the ranking; all when absent. */
  readonly top?: number;
  /** Now, in ms since the epoch: running trials then show how long they have been going. */
  readonly now?: number;
  /** Print each failed trial's reason on a line under it. */
  readonly showReasons?: boolean;
}

export interface Leaderboard {
  readonly lines: readonly string[];
  /** What did not fit: abbreviated or dropped param columns. */
  readonly notes: readonly string[];
  /** Trials not listed, by state (`top` cut them off). */
  readonly hidden: readonly FrozenTrial[];
}

const GAP = '  ';
const MAX_CELL = 16;
const ABBREVIATED_HEADER = 6;
/** A longer host name is cut, not the GPU after it (`tuneboard export` has it whole). */
const MAX_HOST = 20;

export function formatLeaderboard(trials: readonly FrozenTrial[], options: LeaderboardOptions): Leaderboard {
  const ranked = rankTrials(trials, options.direction);
  const shown = options.top === undefined ? ranked : ranked.slice(0, options.top);
  // A `ran on` column only when it tells the listed trials apart: any GPU, or more than one host.
  const parts = placementParts(shown.map(trialPlacement));
  const placed = parts.gpu || parts.host;
  const placementCell = (trial: FrozenTrial): string[] => {
    if (!placed) return [];
    const { host, gpu } = trialPlacement(trial);
    return [formatPlacement({ host: host === null ? null : truncate(host, MAX_HOST), gpu }, parts)];
  };
  let rank = 0;
  const rows = shown.map((trial) => ({ trial, cells: [...fixedCells(trial, isRanked(trial) ? String(++rank) : '', options.now), ...placementCell(trial)] }));
  const fixedHeader = ['rank', '#', 'state', 'value', 'duration', ...(placed ? ['ran on'] : [])];
  const fixedWidths = fixedHeader.map((header, col) => Math.max(header.length, ...rows.map((r) => r.cells[col]?.length ?? 0)));
  const fixedRight = [true, true, false, true, true, false];

  const params = fitParamColumns(rows.map((r) => r.trial), options.width - sum(fixedWidths) - GAP.length * fixedWidths.length);
  const header = [...fixedHeader.map((h, col) => align(h, fixedWidths[col] ?? 0, fixedRight[col] ?? false)), ...params.columns.map((c) => align(c.header, c.width, c.numeric))];
  const lines = [header.join(GAP).trimEnd()];
  for (const { trial, cells } of rows) {
    const fixed = cells.map((cell, col) => align(cell, fixedWidths[col] ?? 0, fixedRight[col] ?? false));
    const paramCells = params.columns.map((c) => align(c.cell(trial), c.width, c.numeric));
    lines.push([...fixed, ...paramCells].join(GAP).trimEnd());
    const reason = failReason(trial);
    if (options.showReasons && reason !== null) {
      const indent = ' '.repeat((fixedWidths[0] ?? 0) + GAP.length);
      lines.push(`${indent}↳ ${truncate(reason, Math.max(10, options.width - indent.length - 2))}`);
    }
  }
  return { lines, notes: params.notes, hidden: ranked.slice(shown.length) };
}

function fixedCells(trial: FrozenTrial, rank: string, now: number | undefined): string[] {
  const duration = trialDuration(trial);
  const running = trial.state === 'running' && trial.datetimeStart && now !== undefined ? `${formatElapsed(now - trial.datetimeStart.getTime())}…` : '-';
  return [rank, String(trial.number), displayStateLabel(displayState(trial)), formatValue(trial.value), duration === null ? running : formatElapsed(duration)];
}

interface ParamColumn {
  readonly header: string;
  readonly width: number;
  readonly numeric: boolean;
  cell(trial: FrozenTrial): string;
}

/** Param columns that fit in `room` characters: full names, else abbreviated ones, else the leading few. */
function fitParamColumns(trials: readonly FrozenTrial[], room: number): { columns: ParamColumn[]; notes: string[] } {
  const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const candidates = names.map((name) => {
    const values = trials.map((t) => t.params[name]);
    const cellWidth = Math.max(1, ...values.map((v) => Math.min(MAX_CELL, paramText(v).length)));
    return {
      name,
      cellWidth,
      numeric: values.every((v) => v === undefined || typeof v === 'number'),
      full: Math.max(name.length, cellWidth),
      short: Math.max(cellWidth, Math.min(name.length, ABBREVIATED_HEADER)),
    };
  });
  const widthOf = (ws: readonly number[]): number => sum(ws) + GAP.length * Math.max(0, ws.length - 1);
  // Widest savings first: abbreviate only as many headers as it takes; if that is not enough, all of them.
  const widths = candidates.map((c) => c.full);
  const bySaving = candidates.map((c, i) => ({ i, saving: c.full - c.short })).filter((s) => s.saving > 0).sort((a, b) => b.saving - a.saving);
  for (const { i } of bySaving) {
    if (widthOf(widths) <= room) break;
    widths[i] = candidates[i]?.short ?? 0;
  }
  let shown = candidates.length;
  while (shown > 0 && widthOf(widths.slice(0, shown)) > room) shown--;
  const columns = candidates.slice(0, shown).map((c, i) => {
    const width = widths[i] ?? c.full;
    return { name: c.name, header: truncate(c.name, width), width, numeric: c.numeric, cell: (t: FrozenTrial) => truncate(paramText(t.params[c.name]), width) };
  });
  const notes: string[] = [];
  const shortened = columns.filter((c) => c.header !== c.name).map((c) => `${c.header} = ${c.name}`);
  if (shortened.length) notes.push(`abbreviated: ${shortened.join(', ')}`);
  const dropped = candidates.slice(shown).map((c) => c.name);
  if (dropped.length) notes.push(`too narrow to show: ${dropped.join(', ')}; tuneboard export has every column`);
  return { columns, notes };
}

function paramText(value: ParamValue | undefined): string {
  return value === undefined ? '' : formatParamValue(value);
}

function align(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
