/** Small text formatters shared by `show`, the plain log and the live view, so all three read alike. */
import type { ParamValue } from '../../core/distributions';
import type { TrialState } from '../../core/trial';

/**
 * A number in about `digits` significant digits, without trailing zeros: 0.003141 → 0.003141,
 * 123456.7 → 1.235e+5, 64 → 64. Whole numbers of moderate size are printed as they are.
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
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

/** Objective values get one digit more than params: neighbours on a leaderboard often differ late. */
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

/** 850ms, 2.1s, 59.9s, 1m03s, 1h02m: short, and readable at a glance. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `[12:01:03]` in local time, from an ISO timestamp; the raw text if it does not parse. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `[${iso}]`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `[${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}]`;
}

/** The word a user reads for each state; Optuna's FAIL reads better as "failed". */
export function stateLabel(state: TrialState): string {
  return state === 'fail' ? 'failed' : state;
}

/** Cuts text to `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ⏎ ');
  if (oneLine.length <= width) return oneLine;
  return width <= 1 ? oneLine.slice(0, Math.max(0, width)) : `${oneLine.slice(0, width - 1)}…`;
}

/** The width to lay text out in: the terminal's, else $COLUMNS (as shells set it), else 100. */
export function terminalWidth(stream: { readonly columns?: number } = process.stdout): number {
  const columns = stream.columns;
  if (columns !== undefined && columns > 0) return columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : 100;
}
