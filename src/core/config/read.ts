/** Small typed readers for plain values: each returns the value or undefined after reporting why not. */
import type { KeyPath } from '../problems';
import { suggestName } from '../suggest';
import { DURATION_HINT, parseDuration } from './duration';
import { replaceValueFix } from './fixes';
import { isInt, Issues, kindOf } from './issues';

export function readString(value: unknown, at: KeyPath, issues: Issues, what: string): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  issues.error(at, typeof value === 'string' ? `${what} must not be empty` : `${what} must be a string, got ${kindOf(value)}`);
  return undefined;
}

export function readInt(value: unknown, at: KeyPath, issues: Issues, what: string, min: number): number | undefined {
  if (isInt(value) && value >= min) return value;
  issues.error(at, `${what} must be a whole number ≥ ${min}, got ${kindOf(value)}`);
  return undefined;
}

export function readEnum<T extends string>(value: unknown, at: KeyPath, issues: Issues, what: string, allowed: readonly T[]): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === 'string' ? suggestName(value, allowed) : null;
  const message = `${what} must be one of ${allowed.join(', ')}, got ${kindOf(value)}${hint ? `; did you mean '${hint}'?` : ''}`;
  issues.error(at, message, undefined, hint === null ? undefined : replaceValueFix(at, hint));
  return undefined;
}

export function readDuration(value: unknown, at: KeyPath, issues: Issues, what: string): number | undefined {
  const seconds = parseDuration(value);
  if (seconds !== null) return seconds;
  issues.error(at, `${what} must be a positive duration (${DURATION_HINT}), got ${kindOf(value)}`);
  return undefined;
}

/** Calls `read` when the value is present; an absent key is never a problem here. */
export function optional<T>(value: unknown, read: (value: unknown) => T | undefined): T | undefined {
  return value === undefined ? undefined : read(value);
}
