/**
 * The params a training script already takes, read from its argparse calls, so New Tuning Config can
 * write a command that passes each one as a flag and a space around each default: a float default d
 * becomes a log range [d/10, d*10], an int n a range around it, string choices a categorical list.
 * Pure and line-based: an `add_argument` call on one line is what argparse scripts nearly always hold;
 * anything else is left to the user, who gets example params instead.
 */

export type ScriptParamSpec =
  | { readonly kind: 'float'; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly kind: 'int'; readonly low: number; readonly high: number; readonly log: boolean }
  | { readonly kind: 'choices'; readonly choices: readonly string[] }
  | { readonly kind: 'fixed'; readonly value: number };

export interface ScriptParam {
  /** The param's name in the space (argparse's dest). */
  readonly name: string;
  /** The flag as the script spells it (`--learning-rate`). */
  readonly flag: string;
  readonly spec: ScriptParamSpec;
}

/** Flags that are not hyperparameters: tuning them would only change which numbers are drawn or where files go. */
const NOT_TUNED = /^(seed|random_state|data|data_dir|output|output_dir|out|log_dir|device|workers|num_workers|verbose|debug)$/;
/** Params that set how long a trial trains: fixed at the script's default (pruning stops poor trials early). */
const FIXED = /^(epochs|num_epochs|max_epochs|steps|max_steps|iterations)$/;

/** The tunable argparse flags of a Python script, in the order the script declares them. */
export function argparseParams(source: string): ScriptParam[] {
  const found: ScriptParam[] = [];
  for (const line of source.split(/\r?\n/)) {
    const call = /\badd_argument\((.*)\)/.exec(line);
    if (!call) continue;
    const args = call[1] ?? '';
    const flag = /^\s*(['"])(--[A-Za-z][\w-]*)\1/.exec(args)?.[2];
    if (flag === undefined) continue;
    const name = /\bdest\s*=\s*(['"])(\w+)\1/.exec(args)?.[2] ?? flag.slice(2).replace(/-/g, '_');
    if (NOT_TUNED.test(name) || found.some((param) => param.name === name)) continue;
    const spec = specOf(args, name);
    if (spec) found.push({ name, flag, spec });
  }
  return found;
}

function specOf(args: string, name: string): ScriptParamSpec | null {
  const type = /\btype\s*=\s*(float|int|str)\b/.exec(args)?.[1];
  const defaultText = /\bdefault\s*=\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*[,)]?/.exec(args)?.[1];
  const choices = /\bchoices\s*=\s*\[([^\]]*)\]/.exec(args)?.[1];
  if (choices !== undefined) {
    const words = [...choices.matchAll(/(['"])((?:(?!\1).)*)\1/g)].map((m) => m[2] ?? '');
    return words.length >= 2 ? { kind: 'choices', choices: words } : null;
  }
  if (defaultText === undefined) return null;
  const value = Number(defaultText);
  const isFloat = type === 'float' || (type === undefined && /[.eE]/.test(defaultText));
  if (FIXED.test(name)) return { kind: 'fixed', value };
  if (isFloat) {
    // A positive default is a scale (a rate, a penalty): a decade each way. Zero is a fraction (dropout).
    return value > 0 ? { kind: 'float', low: value / 10, high: value * 10, log: true } : { kind: 'float', low: 0, high: 0.5, log: false };
  }
  if (type === 'str' || !Number.isInteger(value) || value < 1) return null;
  const low = Math.max(1, Math.floor(value / 4));
  return { kind: 'int', low, high: value * 4, log: value * 4 >= 8 * low };
}
