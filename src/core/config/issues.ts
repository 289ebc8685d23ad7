/**
 * Collects problems while validating plain values. Validators only know key paths; the YAML layer
 * turns paths into positions later. A problem about a key's name (an unknown key, a bad parameter
 * name) is marked `on: 'key'` so its position is the key itself rather than the value under it.
 */
import { formatKeyPath, type KeyPath, type Problem } from '../problems';
import { suggestName } from '../suggest';
import { renameKeyFix, type PathFix } from './fixes';

export interface PathProblem extends Problem {
  readonly on?: 'key';
  /** The quick fix, by key path; config.ts turns it into text edits. */
  readonly fix?: PathFix;
}

export class Issues {
  readonly list: PathProblem[] = [];
  /** Paths of required keys that an unknown key probably meant (`objectiv:` explains a missing objective). */
  private readonly explained = new Set<string>();

  error(path: KeyPath, message: string, on?: 'key', fix?: PathFix): void {
    this.list.push({ severity: 'error', message, path, ...(on ? { on } : {}), ...(fix ? { fix } : {}) });
  }

  /** A required key that a misspelt one at `path` stands for: its absence is not reported again. */
  explain(path: KeyPath): void {
    this.explained.add(formatKeyPath(path));
  }

  /** A required key is absent; not reported again when a misspelt key nearby already explains it. */
  missing(path: KeyPath, message: string): void {
    if (!this.explained.has(formatKeyPath(path))) this.error(path, message);
  }

  warning(path: KeyPath, message: string): void {
    this.list.push({ severity: 'warning', message, path });
  }

  /** Adds problems found by another validator (e.g. the sampler table). */
  addAll(problems: readonly Problem[]): void {
    this.list.push(...problems);
  }

  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === 'error');
  }

  /**
   * Reports every key of `value` not in `known`, with a did-you-mean. Returns the unknown keys and
   * what each probably meant, so callers can skip a "missing X" problem that a typo already explains.
   */
  checkKeys(value: Readonly<Record<string, unknown>>, known: readonly string[], path: KeyPath, where: string): UnknownKey[] {
    const unknown: UnknownKey[] = [];
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const hint = suggestName(key, known);
      unknown.push({ key, hint });
      if (hint !== null) this.explain([...path, hint]);
      this.error([...path, key], unknownKeyMessage(key, known, where, hint), 'key', hint === null ? undefined : renameKeyFix([...path, key], hint));
    }
    return unknown;
  }
}

export interface UnknownKey {
  readonly key: string;
  readonly hint: string | null;
}

export function unknownKeyMessage(key: string, known: readonly string[], where: string, hint = suggestName(key, known)): string {
  return `unknown key '${key}' in ${where}${hint ? `; did you mean '${hint}'?` : ''} (known: ${known.join(', ')})`;
}

/** A plain map (not a list, Date, Map or other class instance a YAML 1.1 tag may produce). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value as it reads in a message: strings quoted, objects as JSON, never `[object Object]`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** What a value is, for "expected X, got Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a map';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'special'} value`;
  return `${typeof value} ${show(value)}`;
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
