/**
 * `${name}` in a command argument stands for the trial's value of that parameter; `${name?}` is
 * optional: when the parameter is inactive in the trial (a conditional space), the argument is
 * dropped, and so is the flag just before it (`--momentum ${momentum?}` → nothing). `$${` is a
 * literal `${` (so `$${HOME}` passes `${HOME}` to the program). The validator and the runner both
 * read arguments through here, so they cannot disagree on what is a placeholder.
 */

/** An escaped `${`, or a placeholder with its name. Leftmost first, so `$${x}` is the escape. */
const TOKEN = /\$\$\{|\$\{([^}]*)\}/g;

export interface PlaceholderRef {
  /** The parameter name, without the `?`. */
  readonly name: string;
  /** Written `${name?}`: inactive drops the argument instead of failing the trial. */
  readonly optional: boolean;
}

function refOf(inner: string): PlaceholderRef {
  return inner.endsWith('?') ? { name: inner.slice(0, -1), optional: true } : { name: inner, optional: false };
}

/** `arg` with each `${name}` replaced by `valueOf(name)` and each `$${` by `${`. */
export function fillPlaceholders(arg: string, valueOf: (name: string) => string): string {
  return arg.replace(TOKEN, (_, inner: string | undefined) => (inner === undefined ? '${' : valueOf(refOf(inner).name)));
}

/**
 * A whole argv filled in: `valueOf` gives a parameter's text, or null for an inactive optional one,
 * which drops its argument; an argument that is only that placeholder also drops the flag before it
 * (an argument starting with `-` and holding no placeholder).
 */
export function fillCommand(argv: readonly string[], valueOf: (ref: PlaceholderRef) => string | null): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    let dropped = false;
    const filled = arg.replace(TOKEN, (_, inner: string | undefined) => {
      if (inner === undefined) return '${';
      const value = valueOf(refOf(inner));
      if (value === null) dropped = true;
      return value ?? '';
    });
    if (!dropped) {
      out.push(filled);
      return;
    }
    const previous = argv[i - 1];
    const onlyPlaceholder = placeholdersOf(arg).refs.length === 1 && arg.replace(TOKEN, '').length === 0;
    if (onlyPlaceholder && previous !== undefined && previous.startsWith('-') && placeholdersOf(previous).refs.length === 0 && out[out.length - 1] === previous) out.pop();
  });
  return out;
}

export interface Placeholders {
  /** The names `${…}` refers to, in order (without a `?`). */
  readonly names: string[];
  readonly refs: PlaceholderRef[];
  /** A `${` with no `}` after it. */
  readonly unclosed: boolean;
}

export function placeholdersOf(arg: string): Placeholders {
  const refs: PlaceholderRef[] = [];
  // A NUL stands in for each token, so the text around a removed token cannot join into a new `${`.
  const rest = arg.replace(TOKEN, (_, inner: string | undefined) => {
    if (inner !== undefined) refs.push(refOf(inner));
    return '\0';
  });
  return { names: refs.map((r) => r.name), refs, unclosed: rest.includes('${') };
}
