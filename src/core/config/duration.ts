/** Durations as configs write them: a number of seconds, or a string such as `90s`, `10m`, `1h30m`, `2d`. */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };
const DURATION = /^(?:\d+(?:\.\d+)?\s*[smhd]\s*)+$/;
const PART = /(\d+(?:\.\d+)?)\s*([smhd])/g;

/** Seconds (> 0), or null when the value is not a duration. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return parseDuration(Number(text));
  if (!DURATION.test(text)) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) seconds += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
  return seconds > 0 && Number.isFinite(seconds) ? seconds : null;
}

/** The inverse for display: 5400 → `1h30m`, 90 → `1m30s`, 0.5 → `0.5s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return `${seconds}s`;
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  if (rest > 0 || out === '') out += `${Number(rest.toPrecision(6))}s`;
  return out;
}

export const DURATION_HINT = 'a number of seconds or a string like 90s, 10m, 1h30m';
