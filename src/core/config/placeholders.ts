/**
 * `${name}` in a command argument stands for the trial's value of that parameter; `$${` is a literal
 * `${` (so `$${HOME}` passes `${HOME}` to the program). The validator and the runner both read
 * arguments through here, so they cannot disagree on what is a placeholder.
 */

/** An escaped `${`, or a placeholder with its name. Leftmost first, so `$${x}` is the escape. */
const TOKEN = /\$\$\{|\$\{([^}]*)\}/g;

/** `arg` with each `${name}` replaced by `valueOf(name)` and each `$${` by `${`. */
export function fillPlaceholders(arg: string, valueOf: (name: string) => string): string {
  return arg.replace(TOKEN, (_, name: string | undefined) => (name === undefined ? '${' : valueOf(name)));
}

export interface Placeholders {
  /** The names `${…}` refers to, in order. */
  readonly names: string[];
  /** A `${` with no `}` after it. */
  readonly unclosed: boolean;
}

export function placeholdersOf(arg: string): Placeholders {
  const names: string[] = [];
  // A NUL stands in for each token, so the text around a removed token cannot join into a new `${`.
  const rest = arg.replace(TOKEN, (_, name: string | undefined) => {
    if (name !== undefined) names.push(name);
    return '\0';
  });
  return { names, unclosed: rest.includes('${') };
}
