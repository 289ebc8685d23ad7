/** A problem found in a config or search space, located by key path and, for files, by position. */

export type KeyPath = readonly (string | number)[];

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Keys from the document root to the offending node, e.g. ['space', 'lr', 'float']. */
  readonly path: KeyPath;
  readonly file?: string;
  /** Where the offending node starts and ends; absent for values not read from a file. */
  readonly start?: Position;
  readonly end?: Position;
}

/** `space.lr.float[0]` — how a key path reads in messages. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out || '(root)';
}

/** `file:line:col: message`, the form editors and terminals link to. */
export function formatProblem(problem: Problem): string {
  const where = problem.file ? `${problem.file}:${problem.start?.line ?? 1}:${problem.start?.col ?? 1}: ` : '';
  const severity = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where}${severity}${problem.message} (${formatKeyPath(problem.path)})`;
}

/** Thrown by APIs that take a whole config or space and find it invalid; carries every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly Problem[]) {
    super(problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n'));
  }
}
