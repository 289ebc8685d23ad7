/**
 * How values read wherever a person reads them: the CLI, the Studies tree, the status bar,
 * notifications and the leaderboard page all format with these, so one trial reads alike everywhere.
 * (Exports and `best --format json` keep full precision: they are for programs.)
 */
import type { ParamValue } from '../distributions';
import type { TrialState } from '../trial';
import type { TrialPlacement } from './trialAttrs';

/**
 * A number in about `digits` significant digits, without trailing zeros: 0.003141 → 0.003141,
 * 0.9800000000000001 → 0.98, 123456.7 → 1.235e+5, 64 → 64; `inf`, `-inf`, `nan` as Python prints them.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 10 ** Math.max(digits, 5))) {
    const [mantissa = '', exponent = ''] = value.toExponential(digits - 1).split('e');
    return `${stripZeros(mantissa)}e${exponent}`;
  }
  return stripZeros(value.toPrecision(digits));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Objective values get one digit more than params: neighbours on a leaderboard often differ late. `-` for none. */
export function formatValue(value: number | null): string {
  return value === null ? '-' : formatNumber(value, 5);
}

export function formatParamValue(value: ParamValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return String(value);
}

/** `lr=0.0031 units=64 act=relu`, in the trial's own param order. */
export function formatParams(params: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${formatParamValue(value)}`)
    .join(' ');
}

/** 850ms, 9.7s, 24s, 2m 05s, 1h 02m, 3d 4h: short, and readable at a glance. `-` for none. */
export function formatElapsed(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 9.95) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The word a user reads for each state; Optuna's FAIL reads better as "failed". */
export function stateLabel(state: TrialState): string {
  return state === 'fail' ? 'failed' : state;
}

/** `best #12 0.95333`: how the best trial is named in one line (tree, status bar, notifications, CLI). */
export function formatBest(best: { readonly number: number; readonly value: number | null } | null): string {
  return best === null ? 'no best yet' : `best #${best.number} ${formatValue(best.value)}`;
}

/** Which parts of `host · GPU n` a view shows for a study's trials (see placementParts). */
export interface PlacementParts {
  readonly host: boolean;
  readonly gpu: boolean;
}

/** Both parts: where one trial is shown on its own (its details), nothing is left out. */
export const WHOLE_PLACEMENT: PlacementParts = { host: true, gpu: true };

/**
 * The parts that tell a study's trials apart, so a table stays narrow when they say nothing: the GPU
 * once any trial has one, the host once the trials ran on more than one.
 */
export function placementParts(trials: Iterable<TrialPlacement>): PlacementParts {
  const hosts = new Set<string>();
  let gpu = false;
  for (const trial of trials) {
    // Truthiness rather than `!== null`: a row from an older host may lack the fields, and an empty
    // name tells nothing apart.
    if (trial.host) hosts.add(trial.host);
    if (trial.gpu) gpu = true;
  }
  return { host: hosts.size > 1, gpu };
}

/** `node-b · GPU 1`, `GPU 1` or `node-b`: the parts asked for that the trial has, '' for none. */
export function formatPlacement(placement: TrialPlacement, parts: PlacementParts = WHOLE_PLACEMENT): string {
  const host = parts.host && placement.host ? placement.host : null;
  const gpu = parts.gpu && placement.gpu ? `GPU ${placement.gpu}` : null;
  return host !== null && gpu !== null ? `${host} · ${gpu}` : (host ?? gpu ?? '');
}

/**
 * A value for JSON a program reads (`best --format json`): finite numbers as they are; ±inf and NaN,
 * which JSON has no number for, as the strings "Infinity", "-Infinity" and "NaN", which both Python's
 * `float()` and JavaScript's `Number()` parse back (JSON.stringify alone would print `null`).
 */
export function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
